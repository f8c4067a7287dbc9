"""django-helpdesk's follow-up webhook, pointed at the bridge.

In the site's settings:
    from social_bridge_helpdesk.webhook import followup_webhook_urls
    HELPDESK_GET_FOLLOWUP_WEBHOOK_URLS = followup_webhook_urls
    SOCIAL_BRIDGE_WEBHOOK_URL = "https://bridge.example/webhooks/helpdesk/django-helpdesk?token=..."
(or the environment variable SOCIAL_BRIDGE_WEBHOOK_URL). django-helpdesk 2.6 reads the name
HELPDESK_FOLLOWUP_WEBHOOK_URLS only from the environment, never from settings.
"""
import os


def bridge_webhook_url() -> str:
    from django.conf import settings

    return (getattr(settings, "SOCIAL_BRIDGE_WEBHOOK_URL", "") or os.environ.get("SOCIAL_BRIDGE_WEBHOOK_URL", "")).strip()


def followup_webhook_urls() -> list:
    url = bridge_webhook_url()
    return [url] if url else []
