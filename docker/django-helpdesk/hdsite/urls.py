from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(url="/helpdesk/", permanent=False)),
    path("admin/", admin.site.urls),
    path("social-bridge/", include("social_bridge_helpdesk.urls")),
    path("helpdesk/", include("helpdesk.urls")),  # the REST API is under helpdesk/api/
]
# Attachments (the bridge fetches an agent's images from here to send them with the reply). Only while DEBUG:
# a production site's web server serves MEDIA_ROOT.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
