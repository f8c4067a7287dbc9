from django.urls import path

from social_bridge_helpdesk import views

urlpatterns = [
    path("status.json", views.status, name="social_bridge_status"),
    path("agents/<int:user_id>.json", views.agent, name="social_bridge_agent"),
]
