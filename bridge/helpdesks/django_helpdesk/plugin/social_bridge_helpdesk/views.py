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
