from django import template

register = template.Library()

TRUE = ("true", "1", "yes", "on")


@register.simple_tag
def social_info(ticket) -> dict:
    """The bridge's custom fields of a ticket, without their "social_" prefix; {} for a ticket the bridge
    did not create."""
    values = {}
    for value in ticket.ticketcustomfieldvalue_set.select_related("field"):
        name = value.field.name
        if name.startswith("social_") and value.value not in (None, ""):
            values[name[len("social_"):]] = value.value
    if values:
        values["sensitive"] = str(values.get("sensitive", "")).strip().lower() in TRUE
        try:
            values["limit"] = int(values.get("limit") or 0)
        except ValueError:
            values["limit"] = 0
    return values


# The headings the bridge gives its follow-ups and the agents' replies (bridge/helpdesks/django_helpdesk/
# adapter.py): (prefix, kind, label, Bootstrap colour). The first match wins.
BADGES = [
    ("Customer ", "customer", "From the customer", "warning"),
    ("Social bridge", "bridge", "Social bridge · internal", "secondary"),
    ("Agent reply · posted publicly", "sent", "Posted publicly", "success"),
    ("Agent reply · sent as a private message", "sent", "Sent privately", "success"),
    ("Agent reply · NOT posted: phone", "phone", "Not posted · call back", "warning"),
    ("Agent reply · NOT SENT", "not-sent", "NOT SENT", "danger"),
    ("Agent reply · held", "held", "Held for approval", "warning"),
]


@register.simple_tag
def social_badge(followup) -> dict | None:
    """The badge for a follow-up the bridge wrote or titled; None for any other."""
    title = followup.title or ""
    for prefix, kind, label, context in BADGES:
        if title.startswith(prefix):
            if kind in ("customer", "bridge") and followup.public != (kind == "customer"):
                return None  # a customer post is public, a bridge note is not; anything else is someone else's
            return {"kind": kind, "label": label, "context": context}
    if followup.public and followup.user_id and followup.user.is_staff and followup.ticket.ticketcustomfieldvalue_set.filter(
            field__name="social_handle").exists():
        return {"kind": "pending", "label": "To the customer · sending", "context": "info"}
    return None
