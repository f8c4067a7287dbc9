"""Marshmallow schemas: the canonical types on the wire, mapping files and the bridge config file."""
from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from marshmallow import (
    EXCLUDE,
    Schema,
    ValidationError,
    fields,
    post_load,
    validate,
    validates_schema,
)

from bridge.model import Author, Post, PostKind, Reply, ReplyMode

PRIORITIES = ("low", "normal", "high", "urgent")


def describe(error: ValidationError) -> str:
    """Marshmallow's nested messages as "customer.login: Missing data…; tags: Not a valid list." """

    def walk(messages: Any, path: str) -> list[str]:
        if isinstance(messages, dict):
            return [line for key, value in messages.items() for line in walk(value, f"{path}.{key}" if path else str(key))]
        text = " ".join(map(str, messages)) if isinstance(messages, list) else str(messages)
        return [f"{path}: {text}" if path else text]

    return "; ".join(walk(error.messages, ""))


class AuthorSchema(Schema):
    platform_id = fields.String(required=True, validate=validate.Length(min=1))
    handle = fields.String(required=True)
    display_name = fields.String(load_default="")
    followers = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=0))
    verified = fields.Boolean(load_default=False)

    @post_load
    def make(self, data, **_):
        return Author(**data)


class PostSchema(Schema):
    platform = fields.String(required=True)
    account = fields.String(required=True)
    post_id = fields.String(required=True, validate=validate.Length(min=1))
    conversation_id = fields.String(required=True, validate=validate.Length(min=1))
    in_reply_to_id = fields.String(load_default=None, allow_none=True)
    kind = fields.Enum(PostKind, by_value=True, required=True)
    author = fields.Nested(AuthorSchema, required=True)
    text = fields.String(required=True)
    url = fields.String(load_default=None, allow_none=True)
    created_at = fields.AwareDateTime(required=True, default_timezone=None)
    raw = fields.Dict(load_default=dict)

    @post_load
    def make(self, data, **_):
        return Post(**data)


class ReplySchema(Schema):
    helpdesk = fields.String(required=True)
    ticket_id = fields.String(required=True, validate=validate.Length(min=1))
    article_id = fields.String(required=True, validate=validate.Length(min=1))
    text = fields.String(required=True)
    requested_mode = fields.Enum(ReplyMode, by_value=True, load_default=ReplyMode.PUBLIC)
    agent = fields.String(load_default="")

    @post_load
    def make(self, data, **_):
        return Reply(**data)


# -- mapping files (mappings/<channel>.yaml) -------------------------------------------------
class CustomerMappingSchema(Schema):
    login = fields.String(required=True)
    name = fields.String(required=True)
    extra = fields.Dict(keys=fields.String(), values=fields.String(), load_default=dict, data_key="fields")


# -- SLA and priority rules in mapping files ---------------------------------------------
# Keys left out stay out of the loaded data: bridge.pipeline.sla and .priority fill in the
# defaults, so each default lives in one place.
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DURATION = re.compile(r"(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?")
_CLOCK_TIME = re.compile(r"([01]\d|2[0-3]):([0-5]\d)|24:00")


def parse_duration(text: str) -> timedelta:
    """"15m", "2h", "1d", "1h30m", "30s" → timedelta. "1d" is 24 hours (of open time, on a channel with
    business hours)."""
    match = _DURATION.fullmatch(text.strip()) if isinstance(text, str) else None
    if not match or not any(match.groups()):
        raise ValueError(f"{text!r} is not a duration such as 15m, 2h, 1d or 1h30m")
    days, hours, minutes, seconds = (int(part or 0) for part in match.groups())
    span = timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    if not span:
        raise ValueError("must be longer than zero")
    return span


class Duration(fields.Field):
    def _deserialize(self, value, attr, data, **kwargs) -> timedelta:
        try:
            return parse_duration(value)
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc


class OpenRange(fields.Field):
    """["09:00", "17:00"] → (540, 1020), minutes after local midnight; "24:00" ends a day."""

    def _deserialize(self, value, attr, data, **kwargs) -> tuple[int, int]:
        if not isinstance(value, (list, tuple)) or len(value) != 2:
            raise ValidationError('expected ["HH:MM", "HH:MM"]')
        minutes = []
        for text in value:
            if not isinstance(text, str):
                # YAML 1.1 reads an unquoted 17:00 as the number 1020
                raise ValidationError(f'times need quotes, e.g. "17:00" (got {text!r})')
            match = _CLOCK_TIME.fullmatch(text)
            if not match:
                raise ValidationError(f"{text!r} is not a time between 00:00 and 24:00")
            minutes.append(24 * 60 if text == "24:00" else int(match[1]) * 60 + int(match[2]))
        if minutes[0] >= minutes[1]:
            raise ValidationError(f"{value[0]} is not before {value[1]}")
        return minutes[0], minutes[1]


def _no_overlap(ranges: list[tuple[int, int]]) -> None:
    ordered = sorted(ranges)
    if any(later[0] < earlier[1] for earlier, later in zip(ordered, ordered[1:])):
        raise ValidationError("open ranges overlap")


def _known_timezone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ValueError, KeyError) as exc:  # ZoneInfoNotFoundError is a KeyError
        raise ValidationError(f"{name!r} is not an IANA time zone such as Europe/Berlin") from exc


class HolidayRegionSchema(Schema):
    country = fields.String(required=True)
    subdivision = fields.String()

    @validates_schema
    def _known_region(self, data, **_):
        import holidays  # (here: ~9 MB that only a mapping with holidays needs)

        supported = holidays.list_supported_countries()
        country = data["country"]
        if country not in supported:
            raise ValidationError(f"{country!r} is not a country code the holidays package knows", "country")
        subdivision = data.get("subdivision")
        if subdivision is not None and subdivision not in supported[country]:
            raise ValidationError(f"{subdivision!r} is not a subdivision of {country}", "subdivision")


WeeklyHoursSchema = Schema.from_dict(
    {day: fields.List(OpenRange(), validate=_no_overlap) for day in WEEKDAYS}, name="WeeklyHoursSchema")


class BusinessHoursSchema(Schema):
    """Without `weekly`, every day is open all day (holidays and closed dates still close); a day
    left out of `weekly` is closed."""

    timezone = fields.String(validate=_known_timezone)
    weekly = fields.Nested(WeeklyHoursSchema)
    holidays = fields.Nested(HolidayRegionSchema)
    closed_dates = fields.List(fields.Date())

    @validates_schema
    def _open_some_time(self, data, **_):
        if "weekly" in data and not any(data["weekly"].values()):
            raise ValidationError("no open hours in the whole week", "weekly")


class FirstResponseSchema(Schema):
    target = Duration(required=True)
    max = Duration()  # defaults to the target

    @validates_schema
    def _max_not_before_target(self, data, **_):
        if "max" in data and "target" in data and data["max"] < data["target"]:
            raise ValidationError("is shorter than the target", "max")


class SlaTargetsSchema(Schema):
    first_response = fields.Nested(FirstResponseSchema)
    next_response = Duration()
    resolution = Duration()


class SlaSchema(SlaTargetsSchema):
    """`sla:` in a mapping file; `public:` and `dm:` override the top-level targets per post kind."""

    public = fields.Nested(SlaTargetsSchema)
    dm = fields.Nested(SlaTargetsSchema)
    business_hours = fields.Nested(BusinessHoursSchema)


def _priority(**kwargs) -> fields.String:
    return fields.String(validate=validate.OneOf(PRIORITIES), **kwargs)


class FollowerThresholdSchema(Schema):
    at_least = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    priority = _priority(required=True)


class VipRuleSchema(Schema):
    priority = _priority()
    handles = fields.List(fields.String(validate=validate.Length(min=1)))
    ids = fields.List(fields.String(validate=validate.Length(min=1)))


class SentimentRuleSchema(Schema):
    at_most = fields.Float(validate=validate.Range(min=-1, max=1))  # VADER compound score
    priority = _priority()


class RatingRuleSchema(Schema):
    at_most = fields.Integer(strict=True, validate=validate.Range(min=1, max=5))  # stars of 5
    priority = _priority()


class ComplaintWordsRuleSchema(Schema):
    words = fields.List(fields.String(validate=validate.Length(min=1)), validate=validate.Length(min=1))
    priority = _priority()


class ViralityRuleSchema(Schema):
    per_minute = fields.Float(validate=validate.Range(min=0, min_inclusive=False))
    min_engagements = fields.Integer(strict=True, validate=validate.Range(min=0))
    priority = _priority()


class StormRuleSchema(Schema):
    min_posts = fields.Integer(strict=True, validate=validate.Range(min=2))
    window = Duration()
    min_shared_keywords = fields.Integer(strict=True, validate=validate.Range(min=1))
    overlap = fields.Float(validate=validate.Range(min=0, max=1, min_inclusive=False))
    ignore_words = fields.List(fields.String(validate=validate.Length(min=1)))
    # posts of a storm beyond this many join one incident ticket instead of opening their own; null: never
    incident_after = fields.Integer(strict=True, validate=validate.Range(min=1), allow_none=True)


class PriorityRulesSchema(Schema):
    """`priority_rules:` in a mapping file. A rule left out keeps its default; `null` turns it off."""

    followers = fields.List(fields.Nested(FollowerThresholdSchema), allow_none=True)
    verified = _priority(allow_none=True)
    vip = fields.Nested(VipRuleSchema, allow_none=True)
    negative_sentiment = fields.Nested(SentimentRuleSchema, allow_none=True)
    low_rating = fields.Nested(RatingRuleSchema, allow_none=True)  # reviews: 1–2 stars are negative
    complaint_words = fields.Nested(ComplaintWordsRuleSchema, allow_none=True)
    virality = fields.Nested(ViralityRuleSchema, allow_none=True)
    storms = fields.Nested(StormRuleSchema, allow_none=True)


DEFAULT_ACKNOWLEDGEMENT_WINDOW = timedelta(hours=24)
DEFAULT_ACKNOWLEDGEMENTS = {
    "private": "We've sent you a private message.",
    "phone": "We'd like to call you about this. Please send us your phone number in a private message.",
}


class AcknowledgementsSchema(Schema):
    """Short public notes in the customer's thread when the answer goes privately or by phone. Plain text:
    the bridge checks at start-up that they hold no sensitive data."""

    private = fields.String(load_default=DEFAULT_ACKNOWLEDGEMENTS["private"], validate=validate.Length(min=1, max=200))
    phone = fields.String(load_default=DEFAULT_ACKNOWLEDGEMENTS["phone"], validate=validate.Length(min=1, max=200))


EXPOSED_KINDS = ("card", "secret", "national_id")  # hidden by default when a customer posts them publicly
DEFAULT_EXPOSURE_NOTICE = ("We hid your post because it showed personal details that should never be public. "
                           "We'll help you here, privately.")


class ExposureSchema(Schema):
    """What happens when a customer posts sensitive data publicly: which kinds make the bridge hide the post
    (where the platform lets it), and the private notice that tells the customer why."""

    hide = fields.List(fields.String(validate=validate.OneOf(
        ["card", "iban", "bank_account", "national_id", "email", "phone", "address", "date_of_birth", "secret",
         "custom"])), load_default=lambda: list(EXPOSED_KINDS))
    notice = fields.String(load_default=DEFAULT_EXPOSURE_NOTICE, allow_none=True, validate=validate.Length(min=1, max=500))


class AutoAcknowledgeSchema(Schema):
    """Automatic first answers on new tickets. Off unless set: an automated public reply can get an
    account suspended on some platforms, so turn `public` on only where the platform allows it."""

    public = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=200))
    dm = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=1000))


class ListeningRuleSchema(Schema):
    name = fields.String(required=True, validate=validate.Regexp(r"^[a-z0-9][a-z0-9_-]{0,39}$", error="use a-z, 0-9, - and _"))
    query = fields.String(required=True, validate=validate.Length(min=1, max=200))
    max_per_hour = fields.Integer(strict=True, required=True, validate=validate.Range(min=1, max=1000))
    accounts = fields.List(fields.String(validate=validate.Length(min=1)), load_default=None, allow_none=True)
    every = Duration(load_default=None)


class ListeningSchema(Schema):
    """`listening:` in a mapping: what to search for beyond the brand's mentions, and what makes a found
    post worth a ticket (bridge.pipeline.listening)."""

    brand_terms = fields.List(fields.String(validate=validate.Length(min=2)), required=True,
                              validate=validate.Length(min=1))
    rules = fields.List(fields.Nested(ListeningRuleSchema), required=True, validate=validate.Length(min=1))
    question_words = fields.List(fields.String(validate=validate.Length(min=1)), load_default=None)
    complaint_words = fields.List(fields.String(validate=validate.Length(min=1)), load_default=None)
    negative_at_most = fields.Float(load_default=None, validate=validate.Range(min=-1, max=0))

    @validates_schema
    def _unique_names(self, data, **_):
        names = [rule["name"] for rule in data.get("rules") or []]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise ValidationError(f"rule names must be unique: {', '.join(twice)}", "rules")


class MappingSchema(Schema):
    """Templates are strings for a sandboxed Jinja environment; compiled and test-rendered at start-up."""

    channel = fields.String(required=True)
    title = fields.String(required=True)
    queue = fields.String(required=True)
    priority = fields.String(load_default="normal")
    tags = fields.List(fields.String(), load_default=list)
    customer = fields.Nested(CustomerMappingSchema, required=True)
    body = fields.String(required=True)
    article_body = fields.String(load_default=None, allow_none=True)
    # helpdesk custom ticket fields (Zammad object attributes, ...); "fields" in the YAML
    ticket_fields = fields.Dict(keys=fields.String(), values=fields.String(), load_default=dict, data_key="fields")
    sla = fields.Nested(SlaSchema, load_default=None)  # None: the channel's defaults (bridge.pipeline.sla)
    priority_rules = fields.Nested(PriorityRulesSchema, load_default=None)  # None: the default rules
    acknowledgements = fields.Nested(AcknowledgementsSchema, load_default=lambda: dict(DEFAULT_ACKNOWLEDGEMENTS))
    # At most one public acknowledgement per conversation within this window: later private replies
    # and handoffs in the same thread go without one.
    acknowledgement_window = Duration(load_default=lambda: DEFAULT_ACKNOWLEDGEMENT_WINDOW)
    auto_acknowledge = fields.Nested(AutoAcknowledgeSchema, load_default=lambda: {"public": None, "dm": None})
    exposure = fields.Nested(ExposureSchema, load_default=lambda: ExposureSchema().load({}))
    listening = fields.Nested(ListeningSchema, load_default=None)  # None: mentions only, no searches


# -- the bridge config file ------------------------------------------------------------------
class AccountEntrySchema(Schema):
    """One brand account on one platform; the channel module validates the rest of the keys."""

    class Meta:
        unknown = EXCLUDE

    channel = fields.String(required=True)
    name = fields.String(required=True, validate=validate.Regexp(r"^[a-z0-9][a-z0-9_-]{0,62}$", error="use a-z, 0-9, - and _"))


class HelpdeskEntrySchema(Schema):
    class Meta:
        unknown = EXCLUDE

    kind = fields.String(required=True)


class ReviewRuleSchema(Schema):
    """Replies by these agents are reviewed: "before" holds them until approved, "after" publishes
    at once and queues them for review."""

    agents = fields.List(fields.String(validate=validate.Length(min=1)), required=True, validate=validate.Length(min=1))
    mode = fields.String(load_default="before", validate=validate.OneOf(["before", "after"]))


ADMIN_TOKEN_MIN = 16  # characters, from the config file or BRIDGE_ADMIN_TOKEN


class ConfigFileSchema(Schema):
    database_url = fields.String(load_default=None, allow_none=True)
    admin_token = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=ADMIN_TOKEN_MIN))
    privacy = fields.Dict(load_default=dict)  # validated by the privacy detector's own schema
    review = fields.List(fields.Nested(ReviewRuleSchema), load_default=list)
    escalation_url = fields.Url(load_default=None, allow_none=True, require_tld=False)
    redis_url = fields.String(load_default=None, allow_none=True)
    public_url = fields.Url(load_default=None, allow_none=True, require_tld=False, schemes={"http", "https"})
    mappings_dir = fields.String(load_default=None, allow_none=True)
    helpdesk = fields.Dict(required=True)
    accounts = fields.List(fields.Dict(), required=True)
