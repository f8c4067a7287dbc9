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


# An agent's reply is retitled by the bridge with its fate (bridge/helpdesks/django_helpdesk/adapter.py):
# (title prefix, kind, badge, Bootstrap colour). The first match wins.
REPLY_BADGES = [
    ("Agent reply · posted publicly", "sent", "Posted publicly", "success"),
    ("Agent reply · sent as a private message", "sent", "Sent privately", "success"),
    ("Agent reply · NOT posted: phone", "phone", "Not posted · call back", "warning"),
    ("Agent reply · NOT SENT", "not-sent", "NOT SENT", "danger"),
    ("Agent reply · held", "held", "Held for approval", "warning"),
]


@register.simple_tag
def social_entry(followup, ticket) -> dict | None:
    """Who wrote a follow-up on a social ticket and, for an agent's reply, what became of it: {"heading" (None:
    keep the follow-up's own title), "kind", "label", "context"}; None on other tickets. The bridge opens every
    social ticket, so the author of its first follow-up is the bridge: its public follow-ups are the
    customer's posts, its private ones the bridge's notes."""
    info = _ticket_info(ticket)
    if not info:
        return None
    if followup.user_id is not None and followup.user_id == info["bridge_user_id"]:
        if followup.public:
            return {"heading": f"Customer {info.get('handle', '')} on {info.get('platform', 'social media')}",
                    "kind": "customer", "label": "From the customer", "context": "warning"}
        return {"heading": "Social bridge (internal note)", "kind": "bridge", "label": "Social bridge · internal",
                "context": "secondary"}
    title = followup.title or ""
    for prefix, kind, label, context in REPLY_BADGES:
        if title.startswith(prefix):
            return {"heading": None, "kind": kind, "label": label, "context": context}
    if followup.public:
        return {"heading": None, "kind": "pending", "label": "To the customer · sending", "context": "info"}
    return None


def _ticket_info(ticket) -> dict:
    cache = getattr(ticket, "_social_bridge_info", None)
    if cache is None:
        cache = social_info(ticket)
        if cache:
            first = ticket.followup_set.order_by("id").first()
            cache["bridge_user_id"] = first.user_id if first else None
        ticket._social_bridge_info = cache
    return cache
