from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(url="/helpdesk/", permanent=False)),
    path("admin/", admin.site.urls),
    path("social-bridge/", include("social_bridge_helpdesk.urls")),
    path("helpdesk/", include("helpdesk.urls")),  # the REST API is under helpdesk/api/
]
