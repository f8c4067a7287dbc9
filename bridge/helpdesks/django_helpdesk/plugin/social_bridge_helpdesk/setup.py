"""Created on every `manage.py migrate` (idempotent): the custom fields the bridge fills in, and the social
canned replies as pre-set replies (from canned_replies.json, written from the bridge's plugin manifest)."""
import json
from pathlib import Path

CANNED_REPLIES = Path(__file__).resolve().parent / "canned_replies.json"

# (name, label, data_type, max_length, help_text); the bridge sends them as custom_<name>.
FIELDS = [
    ("social_customer", "Social customer", "varchar", 200, "Who wrote, on which platform. Set by the social bridge."),
    ("social_profile", "Customer profile", "url", 500, "The customer's profile on the platform."),
    ("social_post", "Customer post", "url", 500, "The post the ticket started from."),
    ("social_earlier_tickets", "Earlier tickets", "varchar", 200, "The same customer's earlier tickets."),
    ("social_sensitive", "Sensitive data", "boolean", None,
     "The customer exposed personal data (e.g. a card number): replies go privately, never in public."),
    ("social_destination", "Reply goes to", "varchar", 200, "Where a reply sent to the customer goes."),
    ("social_handle", "Customer handle", "varchar", 100, "The customer's handle on the platform."),
    ("social_platform", "Platform", "varchar", 40, "Where the customer wrote."),
    ("social_limit", "Reply length limit", "varchar", 10, "The platform's limit for a reply there."),
    ("social_counting", "Length counting", "varchar", 20, "How the platform counts a reply's length."),
]


def install(sender=None, **kwargs) -> None:
    from helpdesk.models import CustomField, PreSetReply

    for ordering, (name, label, data_type, max_length, help_text) in enumerate(FIELDS, start=900):
        CustomField.objects.update_or_create(name=name, defaults={
            "label": label, "data_type": data_type, "max_length": max_length, "help_text": help_text,
            "ordering": ordering, "required": False, "staff_only": True})
    for reply in json.loads(CANNED_REPLIES.read_text(encoding="utf-8")):
        PreSetReply.objects.update_or_create(name=reply["name"], defaults={"body": reply["text"]})
