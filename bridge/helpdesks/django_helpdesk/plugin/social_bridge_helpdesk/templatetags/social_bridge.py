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
