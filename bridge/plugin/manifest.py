"""The plugin manifest: what the bridge installs inside a helpdesk (plugin_manifest/manifest.yaml).

One declarative description of ticket fields, the reply webhook, the review field, macros, canned
replies, calendars and SLAs (extra, hand-declared ones: the per-channel SLAs come from the mapping
files' `sla:` sections, see bridge.helpdesks.zammad.installer). Each helpdesk's package holds its own
renderings and installer, which read this. Errors name the file and the key.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

from marshmallow import (
    RAISE,
    Schema,
    ValidationError,
    fields,
    post_load,
    validate,
    validates_schema,
)

from bridge.errors import ConfigError
from bridge.schemas import describe
from bridge.yamlfile import load_yaml_mapping

DEFAULT_MANIFEST_DIR = Path(__file__).resolve().parents[2] / "plugin_manifest"
MANIFEST_FILE = "manifest.yaml"

FIELD_TYPES = ("select", "text", "url", "integer", "boolean")
CHANNEL_FIELD = "social_channel"  # the bridge fills it from the mapping; SLAs are per value of it
REVIEW_FIELD = "social_review"  # a reviewer's decision on held replies; the bridge reads it and clears it
REVIEW_DECISIONS = ("approve", "reject")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CANNED_REPLY_MAX_LENGTH = 280  # X's limit, the smallest of the platforms

# Column names in both Zammad (object manager) and Odoo (fields): lowercase, digits, underscores.
_NAME = validate.Regexp(r"^[a-z][a-z0-9_]{2,59}$", error="use 3-60 lowercase letters, digits and underscores")
_OPTION_KEY = validate.Regexp(r"^[a-z0-9][a-z0-9_-]{0,39}$", error="option keys are lowercase letters, digits, - and _")
_TAG = validate.Regexp(r"^[a-z0-9][a-z0-9_-]{0,49}$", error="tags are lowercase letters, digits, - and _")
_TIME_RANGE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$")
# HTML sanitisers would change these characters, and a reply would then differ from the manifest.
_MARKUP = re.compile(r"[<>&]")


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    type: str
    options: dict[str, str]  # select only: key → label, in order
    default: Any
    agent_editable: bool
    help: str


@dataclass(frozen=True)
class ReplyWebhookSpec:
    name: str
    description: str


@dataclass(frozen=True)
class MacroSpec:
    name: str
    note: str
    set_fields: dict[str, str]
    add_tags: tuple[str, ...]


@dataclass(frozen=True)
class CannedReplySpec:
    name: str
    keywords: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class CalendarSpec:
    name: str
    timezone: str
    business_hours: dict[str, tuple[tuple[str, str], ...]]  # weekday → (from, to) ranges; missing = closed
    ical_url: str


@dataclass(frozen=True)
class SlaSpec:
    name: str
    channel: str
    calendar: str
    first_response_minutes: int | None
    response_minutes: int | None
    update_minutes: int | None
    solution_minutes: int | None


@dataclass(frozen=True)
class ReplyRule:
    """How long a reply on a channel may be and how the platform counts it, per surface: what a helpdesk's
    reply form counts against. From the channel's class (bridge.registry.reply_rules), not the manifest file."""

    label: str
    public_limit: int
    public_counting: str  # "characters", "graphemes", "x-weighted" or "utf8-bytes"
    private_limit: int  # 0: no private path (a private answer becomes a phone handoff)
    private_counting: str


@dataclass(frozen=True)
class Manifest:
    source: str  # the file, for error messages
    ticket_tag: str
    fields: tuple[FieldSpec, ...]
    review_field: FieldSpec  # a helpdesk-side field of its own: the Odoo addon does not carry it
    reply_webhook: ReplyWebhookSpec
    macros: tuple[MacroSpec, ...]
    canned_replies: tuple[CannedReplySpec, ...]
    calendars: tuple[CalendarSpec, ...]
    slas: tuple[SlaSpec, ...]
    reply_rules: Mapping[str, ReplyRule] = dataclass_field(default_factory=dict)  # channel → its rule, when given

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(f"{self.source}: no field {name}")


class _Strict(Schema):
    class Meta:
        unknown = RAISE  # a misspelt key is an error, not silently ignored


class FieldSchema(_Strict):
    name = fields.String(required=True, validate=_NAME)
    label = fields.String(required=True, validate=validate.Length(min=1, max=80))
    type = fields.String(required=True, validate=validate.OneOf(FIELD_TYPES))
    options = fields.Dict(keys=fields.String(validate=_OPTION_KEY), values=fields.String(validate=validate.Length(min=1)),
                          load_default=dict)
    default = fields.Raw(load_default=None, allow_none=True)
    agent_editable = fields.Boolean(load_default=True)
    help = fields.String(load_default="")

    @validates_schema
    def options_fit_the_type(self, data: dict[str, Any], **_: Any) -> None:
        kind, options, default = data["type"], data["options"], data["default"]
        if kind == "select":
            if not options:
                raise ValidationError("a select field needs options", "options")
            if default is not None and default not in options:
                raise ValidationError(f"{default!r} is not one of the options", "default")
            return
        if options:
            raise ValidationError(f"only select fields have options, not {kind}", "options")
        valid_default = {
            "boolean": lambda v: isinstance(v, bool),
            "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        }.get(kind, lambda v: isinstance(v, str))
        if default is not None and not valid_default(default):
            raise ValidationError(f"{default!r} is not a valid {kind} default", "default")

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> FieldSpec:
        return FieldSpec(**data)


class ReplyWebhookSchema(_Strict):
    name = fields.String(required=True, validate=validate.Length(min=1, max=250))
    description = fields.String(load_default="", validate=validate.Length(max=250))

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> ReplyWebhookSpec:
        return ReplyWebhookSpec(**data)


class MacroSchema(_Strict):
    name = fields.String(required=True, validate=validate.Length(min=1, max=250))
    note = fields.String(load_default="", validate=validate.Length(max=250))
    set_fields = fields.Dict(keys=fields.String(), values=fields.String(), load_default=dict)
    add_tags = fields.List(fields.String(validate=_TAG), load_default=list)

    @validates_schema
    def does_something(self, data: dict[str, Any], **_: Any) -> None:
        if not data["set_fields"] and not data["add_tags"]:
            raise ValidationError("a macro needs set_fields or add_tags", "set_fields")

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> MacroSpec:
        return MacroSpec(name=data["name"], note=data["note"], set_fields=data["set_fields"],
                         add_tags=tuple(data["add_tags"]))


def _plain_paragraph(text: str) -> None:
    if "\n" in text.strip():
        raise ValidationError("one paragraph (no line breaks)")
    if _MARKUP.search(text):
        raise ValidationError("no <, > or & (helpdesks would turn them into HTML entities)")


class CannedReplySchema(_Strict):
    name = fields.String(required=True, validate=validate.Length(min=1, max=250))
    keywords = fields.List(fields.String(validate=validate.Length(min=1)), load_default=list)
    text = fields.String(required=True, validate=[validate.Length(min=1, max=CANNED_REPLY_MAX_LENGTH), _plain_paragraph])

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> CannedReplySpec:
        return CannedReplySpec(name=data["name"], keywords=tuple(data["keywords"]), text=data["text"].strip())


def _time_ranges(ranges: list[str]) -> None:
    for item in ranges:
        match = _TIME_RANGE.match(item)
        if not match:
            raise ValidationError(f"{item!r} is not a range like 09:00-17:00")
        start, end = item.split("-")
        if start >= end:
            raise ValidationError(f"{item!r} ends before it starts")


class CalendarSchema(_Strict):
    name = fields.String(required=True, validate=validate.Length(min=1, max=250))
    timezone = fields.String(required=True, validate=validate.Length(min=1))
    business_hours = fields.Dict(keys=fields.String(validate=validate.OneOf(WEEKDAYS)),
                                 values=fields.List(fields.String(), validate=_time_ranges), required=True)
    ical_url = fields.String(load_default="")

    @validates_schema
    def known_timezone(self, data: dict[str, Any], **_: Any) -> None:
        from zoneinfo import available_timezones

        if data["timezone"] not in available_timezones():
            raise ValidationError(f"unknown time zone {data['timezone']!r} (use an IANA name like Europe/Berlin)", "timezone")
        if not any(data["business_hours"].values()):
            raise ValidationError("at least one day needs business hours", "business_hours")

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> CalendarSpec:
        hours = {day: tuple(tuple(item.split("-")) for item in ranges) for day, ranges in data["business_hours"].items()}
        return CalendarSpec(name=data["name"], timezone=data["timezone"], business_hours=hours, ical_url=data["ical_url"])


def _minutes() -> fields.Integer:
    return fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=1))


class SlaSchema(_Strict):
    name = fields.String(required=True, validate=validate.Length(min=1, max=150))
    channel = fields.String(required=True)
    calendar = fields.String(required=True, validate=validate.Length(min=1))
    first_response_minutes = _minutes()
    response_minutes = _minutes()
    update_minutes = _minutes()
    solution_minutes = _minutes()

    @validates_schema
    def sensible_times(self, data: dict[str, Any], **_: Any) -> None:
        if data["response_minutes"] is not None and data["update_minutes"] is not None:
            # Zammad: "Cannot have both response time and update time."
            raise ValidationError("give response_minutes or update_minutes, not both", "update_minutes")
        times = ("first_response_minutes", "response_minutes", "update_minutes", "solution_minutes")
        if all(data[key] is None for key in times):
            raise ValidationError(f"an SLA needs at least one of {', '.join(times)}", times[0])

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> SlaSpec:
        return SlaSpec(**data)


class ManifestSchema(_Strict):
    ticket_tag = fields.String(required=True, validate=_TAG)
    # `fields` would shadow marshmallow's module in this class body.
    field_specs = fields.List(fields.Nested(FieldSchema), required=True, validate=validate.Length(min=1), data_key="fields")
    review_field = fields.Nested(FieldSchema, required=True)
    reply_webhook = fields.Nested(ReplyWebhookSchema, required=True)
    macros = fields.List(fields.Nested(MacroSchema), load_default=list)
    canned_replies = fields.List(fields.Nested(CannedReplySchema), load_default=list)
    calendars = fields.List(fields.Nested(CalendarSchema), load_default=list)
    slas = fields.List(fields.Nested(SlaSchema), load_default=list)

    @validates_schema
    def references_resolve(self, data: dict[str, Any], **_: Any) -> None:
        for attribute, section in (("field_specs", "fields"), ("macros", "macros"), ("canned_replies", "canned_replies"),
                                   ("calendars", "calendars"), ("slas", "slas")):
            _unique_names(data[attribute], section)
        by_name = {spec.name: spec for spec in data["field_specs"]}
        channel = by_name.get(CHANNEL_FIELD)
        if channel is None or channel.type != "select":
            raise ValidationError(f"the manifest needs a select field {CHANNEL_FIELD}", "fields")
        review = data["review_field"]
        # The trigger's condition and the helpdesk adapters know this name and these decisions.
        if review.name != REVIEW_FIELD or review.type != "select" or set(review.options) != set(REVIEW_DECISIONS):
            raise ValidationError(f"must be the select field {REVIEW_FIELD} with the options "
                                  f"{' and '.join(REVIEW_DECISIONS)}", "review_field")
        if review.default is not None:
            raise ValidationError({"default": ["a review field has no default: every decision is a reviewer's"]},
                                  "review_field")
        if review.name in by_name:
            raise ValidationError(f"{review.name} is the review_field; it cannot be in fields too", "fields")
        by_name[review.name] = review
        for i, macro in enumerate(data["macros"]):
            for name, value in macro.set_fields.items():
                spec = by_name.get(name)
                if spec is None or spec.type != "select":
                    raise ValidationError({i: {"set_fields": [f"{name} is not a select field of this manifest"]}}, "macros")
                if value not in spec.options:
                    raise ValidationError({i: {"set_fields": [f"{name}: {value!r} is not one of its options"]}}, "macros")
        for i, sla in enumerate(data["slas"]):
            if sla.channel not in channel.options:
                raise ValidationError({i: {"channel": [f"{sla.channel!r} is not a {CHANNEL_FIELD} option"]}}, "slas")

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data["fields"] = data.pop("field_specs")
        return {key: tuple(value) if isinstance(value, list) else value for key, value in data.items()}


def _unique_names(items: list[Any], section: str) -> None:
    seen: set[str] = set()
    for i, item in enumerate(items):
        key = item.name.lower()  # Zammad compares macro and text module names case-insensitively
        if key in seen:
            raise ValidationError({i: {"name": [f"{item.name!r} is listed twice"]}}, section)
        seen.add(key)


def load_manifest(channels: Mapping[str, str], directory: Path | None = None,
                  reply_rules: Mapping[str, ReplyRule] | None = None) -> Manifest:
    """Read and validate <directory>/manifest.yaml (default: the repository's plugin_manifest/).
    `channels` (name → label, from bridge.registry) are the options of the social_channel field: the
    manifest does not list them, so a channel added later shows up in every helpdesk by itself.
    `reply_rules` (from bridge.registry too) are what the packages' reply forms count against."""
    path = Path(directory or DEFAULT_MANIFEST_DIR) / MANIFEST_FILE
    document = load_yaml_mapping(path)
    for spec in document.get("fields") or ():
        if isinstance(spec, dict) and spec.get("name") == CHANNEL_FIELD:
            if "options" in spec:
                raise ConfigError(f"{path}: fields: {CHANNEL_FIELD}: its options are the bridge's channels; "
                                  "remove the options")
            spec["options"] = dict(channels)
    try:
        data = ManifestSchema().load(document)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {describe(exc)}") from exc
    return Manifest(source=str(path), reply_rules=dict(reply_rules or {}), **data)
