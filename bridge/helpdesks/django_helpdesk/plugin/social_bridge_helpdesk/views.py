from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from social_bridge_helpdesk import VERSION
from social_bridge_helpdesk.webhook import bridge_webhook_url


@require_GET
def status(request):
    """What `social-bridge plugin install django-helpdesk` checks. No secrets: only whether things are set."""
    from helpdesk import settings as helpdesk_settings

    from social_bridge_helpdesk.webhook import followup_webhook_urls

    public_default = bool(getattr(settings, "HELPDESK_UPDATE_PUBLIC_DEFAULT", False))
    return JsonResponse({
        "plugin": "social_bridge_helpdesk",
        "version": VERSION,
        # HELPDESK_UPDATE_PUBLIC_DEFAULT makes every staff follow-up public: the explicit choice would be gone
        "followups_default": "public" if public_default else "internal",
        "webhook_url_set": bool(bridge_webhook_url()),
        "webhook_getter_is_plugins": helpdesk_settings.HELPDESK_GET_FOLLOWUP_WEBHOOK_URLS is followup_webhook_urls,
    })


def agent(request, user_id: int):
    """A staff user's login and e-mail, for the bridge's review rules (django-helpdesk's webhook names a
    follow-up's author by id only). Staff callers only, authenticated as the site's REST API is."""
    from django.contrib.auth import get_user_model
    from django.shortcuts import get_object_or_404
    from rest_framework.decorators import api_view, permission_classes
    from rest_framework.permissions import IsAdminUser
    from rest_framework.response import Response

    @api_view(["GET"])
    @permission_classes([IsAdminUser])
    def view(request):
        user = get_object_or_404(get_user_model(), pk=user_id, is_staff=True)
        return Response({"id": user.pk, "username": user.get_username(), "email": user.email or ""})

    return view(request)
