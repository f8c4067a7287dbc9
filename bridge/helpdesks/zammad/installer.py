"""`social-bridge plugin install zammad`: the plugin manifest, applied through Zammad's REST API.

For each kind of object (ticket attributes, the webhook, the triggers, macros, text modules, the
"Social replies not sent" overview, calendars, SLAs) the installer reads what Zammad has, matches the manifest's objects by name, and
plans a create, an update (only when a key the manifest manages differs) or nothing. A dry run
prints the plan; a real run applies it, then executes the attribute migrations when attributes
changed (Zammad must be restarted afterwards). Running it again changes nothing.

Besides the manifest, each channel with an account gets an SLA made from its mapping file's `sla:`
section (bridge.pipeline.sla), matched on the social_channel attribute its mapping sets, with a
calendar for its business hours and holidays (`ChannelSla`, `channel_slas`).

Zammad facts relied on (shared/reference/zammad.md, docs.zammad.org api/object, webhook, trigger):
- attribute changes wait in `data_option_new` (flags to_create/to_migrate/to_config) until
  POST /api/v1/object_manager_attributes_execute_migrations; then Zammad needs a restart;
- a webhook's signature_token is never returned (always "**********"), so the installer keeps a
  fingerprint of it in the webhook's note to notice a changed secret;
- overviews (app/models/overview.rb, /api/v1/overviews, permission admin.overview) need at least one
  role, which the API takes by name (`"roles": ["Agent"]`, application_model/can_associations.rb) and
  answers as role_ids; Zammad fills in `link` and `prio` when they are left out;
- triggers run in alphabetical order; conditions may come back in the flat or the
  {"operator": "AND", "conditions": [...]} form, and values as strings or numbers;
- SLA times are minutes of the calendar's business time; response_time and update_time exclude each
  other; a calendar's day ends at "23:59", which Zammad reads as 24:00 (app/models/calendar.rb).
"""
from __future__ import annotations

import copy
import hashlib
import hmac
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from marshmallow import RAISE, Schema, ValidationError, fields, validate

from bridge.errors import AuthError, BridgeError, ConfigError, PermanentError
from bridge.helpdesks.base import OUTCOME_TAGS, PluginContext
from bridge.http import call
from bridge.pipeline.mapping import SAMPLE_POST, ChannelMapping
from bridge.pipeline.sla import DAY_MINUTES, BusinessCalendar, SlaPolicy
from bridge.plugin.manifest import (
    CHANNEL_FIELD,
    FIELD_TYPES,
    REVIEW_FIELD,
    WEEKDAYS,
    CalendarSpec,
    FieldSpec,
    Manifest,
    SlaSpec,
)
from bridge.schemas import describe
from bridge.yamlfile import load_yaml_mapping

PLUGIN_DIR = Path(__file__).parent / "plugin"  # rendering.yaml, package.yaml and the package files
ADMIN_TOKEN_ENV = "ZAMMAD_ADMIN_TOKEN"  # an admin's token, when the bridge's own may not change the admin objects
PAGE_SIZE = 500  # Zammad's default page size for index endpoints
MAX_PAGES = 50
PENDING_FLAGS = ("to_create", "to_migrate", "to_delete", "to_config")
CLOSED_DAY_TIMEFRAMES = [["09:00", "17:00"]]  # Zammad keeps timeframes on inactive days too
END_OF_DAY = "23:59"  # how Zammad writes 24:00 in a calendar
RESTART_NOTE = (
    "Zammad must be restarted for the new ticket attributes to work: `systemctl restart zammad` on a "
    "package install, or restart the Zammad containers (hosted Zammad restarts by itself)."
)
_FINGERPRINT_LABEL = b"social-bridge webhook signature token"


# -- what the installer manages ---------------------------------------------------------------
@dataclass(frozen=True)
class Kind:
    key: str  # the API collection under /api/v1/
    label: str  # for people
    permission: str  # what the token needs
    paged: bool = True
    write_only: frozenset[str] = frozenset()  # sent, never read back: not compared
    create_only: frozenset[str] = frozenset()  # sent when created only: never compared, never updated
    exact: frozenset[str] = frozenset()  # keys whose value is replaced whole: extra entries found are differences

    @property
    def path(self) -> str:
        return f"/api/v1/{self.key}"


ATTRIBUTES = Kind("object_manager_attributes", "ticket attribute", "admin.object", paged=False)
WEBHOOKS = Kind("webhooks", "webhook", "admin.webhook", write_only=frozenset({"signature_token"}))
TRIGGERS = Kind("triggers", "trigger", "admin.trigger")
MACROS = Kind("macros", "macro", "admin.macro")
TEXT_MODULES = Kind("text_modules", "text module", "admin.text_module")
CALENDARS = Kind("calendars", "calendar", "admin.calendar", exact=frozenset({"public_holidays"}))
SLAS = Kind("slas", "SLA", "admin.sla")
# Roles go in by name and come back as role_ids: they are set when the overview is created, then left to the admin.
OVERVIEWS = Kind("overviews", "overview", "admin.overview", create_only=frozenset({"roles"}))
KINDS = (ATTRIBUTES, WEBHOOKS, TRIGGERS, MACROS, TEXT_MODULES, OVERVIEWS, CALENDARS, SLAS)


@dataclass(frozen=True)
class Ref:
    """The id of an object this install creates first: the webhook in the trigger, a calendar in an SLA."""

    kind: Kind
    name: str

    def __str__(self) -> str:
        return f"(id of the new {self.kind.label} {self.name!r})"


@dataclass(frozen=True)
class Difference:
    path: str
    wanted: Any
    found: Any


@dataclass
class Step:
    kind: Kind
    name: str
    action: str  # "create", "update" or "unchanged"
    payload: dict[str, Any]
    record_id: int | None = None
    differences: tuple[Difference, ...] = ()
    summary: str = ""  # what a created object holds, for the plan (SLA times, calendar hours)


@dataclass
class Plan:
    zammad_url: str
    bridge_user_id: int
    bridge_login: str
    steps: list[Step]
    run_migrations: bool  # attributes change, or changes from an earlier run still wait
    notes: list[str] = field(default_factory=list)

    def steps_to(self, action: str) -> list[Step]:
        return [step for step in self.steps if step.action == action]

    @property
    def changes(self) -> list[Step]:
        return [step for step in self.steps if step.action != "unchanged"]

    @property
    def nothing_to_change(self) -> bool:
        return not self.changes and not self.run_migrations


@dataclass
class ApplyReport:
    created: list[Step] = field(default_factory=list)
    updated: list[Step] = field(default_factory=list)
    migrations_executed: bool = False


# -- the rendering file ---------------------------------------------------------------------
class _Strict(Schema):
    class Meta:
        unknown = RAISE


class _DataTypeSchema(_Strict):
    data_type = fields.String(required=True)
    data_option = fields.Dict(required=True)


class _AttributesSchema(_Strict):
    object = fields.String(required=True)
    first_position = fields.Integer(required=True, validate=validate.Range(min=1))
    screens = fields.Dict(required=True)
    data_types = fields.Dict(keys=fields.String(validate=validate.OneOf(FIELD_TYPES)),
                             values=fields.Nested(_DataTypeSchema), required=True,
                             validate=lambda types: set(types) == set(FIELD_TYPES) or _missing_types(types))


def _missing_types(types: dict[str, Any]) -> bool:
    raise ValidationError(f"needs a rendering for every field type: missing {', '.join(sorted(set(FIELD_TYPES) - set(types)))}")


class _WebhookSchema(_Strict):
    path = fields.String(required=True, validate=validate.Regexp(r"^/", error="starts with /"))
    ssl_verify = fields.Boolean(required=True)


class _TriggerSchema(_Strict):
    name = fields.String(required=True, validate=validate.Length(min=1))
    note = fields.String(load_default="")
    condition = fields.Dict(required=True)


def _review_field_in_condition(condition: dict[str, Any]) -> None:
    if f"ticket.{REVIEW_FIELD}" not in condition:
        raise ValidationError(f"the condition must test ticket.{REVIEW_FIELD}, which the review macros set")


class _ReviewTriggerSchema(_TriggerSchema):
    condition = fields.Dict(required=True, validate=_review_field_in_condition)


def _per_channel(name: str) -> None:
    try:
        filled = name.format(channel="x")
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError("only {channel} may be filled in") from exc
    if filled == name:
        raise ValidationError("needs {channel}: one object per channel")


class _ChannelSlasSchema(_Strict):
    sla_name = fields.String(required=True, validate=[validate.Length(min=1, max=140), _per_channel])
    calendar_name = fields.String(required=True, validate=[validate.Length(min=1, max=140), _per_channel])
    always_open_calendar = fields.String(required=True, validate=validate.Length(min=1, max=140))


class _MacroSchema(_Strict):
    ux_flow_next_up = fields.String(required=True,
                                    validate=validate.OneOf(("none", "next_task", "next_task_on_close", "next_from_overview")))


class _OverviewOrderSchema(_Strict):
    by = fields.String(required=True, validate=validate.Length(min=1))
    direction = fields.String(required=True, validate=validate.OneOf(("ASC", "DESC")))


class _OverviewViewSchema(_Strict):
    d = fields.List(fields.String(), required=True, validate=validate.Length(min=1))
    s = fields.List(fields.String(), required=True, validate=validate.Length(min=1))
    m = fields.List(fields.String(), required=True, validate=validate.Length(min=1))
    view_mode_default = fields.String(required=True, validate=validate.OneOf(("d", "s", "m")))


class _OverviewSchema(_Strict):
    name = fields.String(required=True, validate=validate.Length(min=1, max=250))
    roles = fields.List(fields.String(validate=validate.Length(min=1)), required=True, validate=validate.Length(min=1))
    order = fields.Nested(_OverviewOrderSchema, required=True)
    view = fields.Nested(_OverviewViewSchema, required=True)


class ZammadRenderingSchema(_Strict):
    attributes = fields.Nested(_AttributesSchema, required=True)
    webhook = fields.Nested(_WebhookSchema, required=True)
    trigger = fields.Nested(_TriggerSchema, required=True)
    review_trigger = fields.Nested(_ReviewTriggerSchema, required=True)
    channel_slas = fields.Nested(_ChannelSlasSchema, required=True)
    macro = fields.Nested(_MacroSchema, required=True)
    overview = fields.Nested(_OverviewSchema, required=True)


def load_rendering(plugin_dir: Path = PLUGIN_DIR) -> dict[str, Any]:
    path = Path(plugin_dir) / "rendering.yaml"
    try:
        return ZammadRenderingSchema().load(load_yaml_mapping(path))
    except ValidationError as exc:
        raise ConfigError(f"{path}: {describe(exc)}") from exc


# -- per-channel SLAs from the mapping files ------------------------------------------------------
@dataclass(frozen=True)
class ChannelSla:
    """A channel's targets and business hours, and the social_channel value its tickets carry."""

    channel: str
    field_value: str | None  # what the mapping sets in social_channel; None: it sets nothing
    policy: SlaPolicy
    source: str  # the mapping file


def channel_slas(mappings: Mapping[str, ChannelMapping], channels: Iterable[str]) -> list[ChannelSla]:
    """One entry per channel that has an account (`channels`), from its mapping. A mapping without an
    account produces no tickets, so it gets no SLA (the sandbox's, in a production config)."""
    found = []
    key = f"fields.{CHANNEL_FIELD}"
    for channel in sorted(set(channels)):
        mapping = mappings.get(channel)
        if mapping is None:
            raise ConfigError(f"{channel}.yaml: missing from the mappings directory; every channel with an account "
                              "needs a mapping")
        # A fixed value in every shipped mapping; rendered the way the bridge renders it for a post.
        value = mapping.render(key, SAMPLE_POST) if key in mapping.templates else ""
        found.append(ChannelSla(channel, value or None, mapping.sla, mapping.source))
    return found


@dataclass
class _ChannelObjects:
    calendars: dict[str, dict[str, Any]] = field(default_factory=dict)  # name → payload
    slas: list[tuple[dict[str, Any], str]] = field(default_factory=list)  # (payload without calendar_id, calendar)
    summaries: dict[str, str] = field(default_factory=dict)  # object name → what the plan shows


def _channel_objects(items: Sequence[ChannelSla], manifest: Manifest, names: dict[str, str], years: tuple[int, ...],
                     notes: list[str]) -> _ChannelObjects:
    objects = _ChannelObjects()
    options = manifest.field(CHANNEL_FIELD).options
    declared = {sla.channel: sla.name for sla in manifest.slas}
    for item in items:
        where = Path(item.source).name
        if item.field_value is None:
            notes.append(f"{where} sets no fields.{CHANNEL_FIELD}, so Zammad cannot tell its tickets apart: "
                         f"no SLA for {item.channel}.")
            continue
        if item.field_value not in options:
            notes.append(f"{where} sets {CHANNEL_FIELD} to {item.field_value!r}, which is not an option of that "
                         f"attribute: no SLA for {item.channel}.")
            continue
        if item.field_value in declared:
            notes.append(f"{item.channel}: the manifest declares the SLA {declared[item.field_value]!r} for "
                         f"{CHANNEL_FIELD} {item.field_value!r}; the targets in {where} are not installed.")
            continue
        public, dm = item.policy.public, item.policy.dm
        if public != dm:
            notes.append(f"{item.channel}: public posts and DMs have different targets in {where}; Zammad's SLA, "
                         "which cannot tell them apart, counts the shorter of each (the bridge's own clock keeps both).")
        calendar = item.policy.calendar
        if calendar.always_open:
            calendar_name = names["always_open_calendar"]
            note = "Always open: the social bridge's channels without business hours."
        else:
            calendar_name = names["calendar_name"].format(channel=item.channel)
            note = f"Business hours of the social bridge's {item.channel} channel ({where})."
        if calendar_name not in objects.calendars:
            objects.calendars[calendar_name] = _business_calendar_payload(calendar_name, calendar, years, note)
            objects.summaries[calendar_name] = _describe_calendar(calendar, years)
        times = {
            "first_response_time": _minutes(min(public.first_response_max, dm.first_response_max)),
            "response_time": _minutes(_shorter(public.next_response, dm.next_response)),  # from the customer's post
            "update_time": None,  # excludes response_time in Zammad: cleared if set by hand
            "solution_time": _minutes(_shorter(public.resolution, dm.resolution)),
        }
        name = names["sla_name"].format(channel=item.channel)
        payload = {"name": name,
                   "condition": {f"ticket.{CHANNEL_FIELD}": {"operator": "is", "value": [item.field_value]}}, **times}
        objects.slas.append((payload, calendar_name))
        objects.summaries[name] = _describe_times(item.field_value, times, calendar_name)
    _refuse_clashes("calendar", [c.name for c in manifest.calendars], objects.calendars)
    _refuse_clashes("SLA", [s.name for s in manifest.slas], [payload["name"] for payload, _ in objects.slas])
    return objects


def _refuse_clashes(label: str, declared: list[str], generated: Iterable[str]) -> None:
    clashes = sorted({name.lower() for name in declared} & {name.lower() for name in generated})
    if clashes:
        raise ConfigError(f"{label} names {', '.join(clashes)}: declared in the manifest and made from the mappings "
                          "too; rename the manifest's")


def _business_calendar_payload(name: str, calendar: BusinessCalendar, years: tuple[int, ...], note: str) -> dict[str, Any]:
    hours = {}
    for index, day in enumerate(WEEKDAYS):
        ranges = ((0, DAY_MINUTES),) if calendar.weekly is None else calendar.weekly[index]
        hours[day] = {"active": bool(ranges),
                      "timeframes": [[_clock(start), _clock(end)] for start, end in ranges]
                      or copy.deepcopy(CLOSED_DAY_TIMEFRAMES)}
    holidays = {day.isoformat(): {"active": True, "summary": summary}
                for year in years for day, summary in calendar.closed_days(year).items()}
    return {"name": name, "timezone": calendar.timezone.key, "business_hours": hours, "ical_url": "",
            "public_holidays": holidays, "note": note}


def _clock(minute: int) -> str:
    return END_OF_DAY if minute == DAY_MINUTES else f"{minute // 60:02d}:{minute % 60:02d}"


def _minutes(span: timedelta | None) -> int | None:
    return None if span is None else math.ceil(span.total_seconds() / 60)


def _shorter(a: timedelta | None, b: timedelta | None) -> timedelta | None:
    given = [span for span in (a, b) if span is not None]
    return min(given) if given else None


def _describe_times(value: str, times: dict[str, int | None], calendar_name: str) -> str:
    labels = {"first_response_time": "first response", "response_time": "response", "solution_time": "solution"}
    parts = [f"{label} {times[key]} min" for key, label in labels.items() if times[key] is not None]
    return f"{CHANNEL_FIELD} is {value!r}: {', '.join(parts)}; calendar {calendar_name!r}"


def _describe_calendar(calendar: BusinessCalendar, years: tuple[int, ...]) -> str:
    if calendar.weekly is None:
        hours = "every day all day"
    else:
        def hhmm(minute: int) -> str:  # 24:00 reads better than Zammad's 23:59 here
            return f"{minute // 60:02d}:{minute % 60:02d}"

        hours = ", ".join(f"{day} " + " ".join(f"{hhmm(a)}-{hhmm(b)}" for a, b in ranges)
                          for day, ranges in zip(WEEKDAYS, calendar.weekly) if ranges)
    closed = sum(len(calendar.closed_days(year)) for year in years)
    return f"{calendar.timezone.key}, {hours}; {closed} closed days in {years[0]}-{years[-1]}"


# -- the installer ----------------------------------------------------------------------------
class ZammadInstaller:
    """Plans and applies the manifest and the channels' SLAs. The bridge's own token
    (helpdesk_settings["token"]) tells which user the triggers must skip; `admin_token`, when given,
    makes the admin calls instead. Holidays go in for `today`'s year and the next."""

    def __init__(
        self,
        helpdesk_settings: dict[str, Any],
        public_url: str,
        manifest: Manifest,
        rendering: dict[str, Any],
        *,
        admin_token: str | None = None,
        channel_slas: Sequence[ChannelSla] = (),
        today: date | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.url = helpdesk_settings["url"].rstrip("/")
        self.bridge_token = helpdesk_settings["token"]
        self.bridge_login = helpdesk_settings["bridge_login"]
        self.webhook_secret = helpdesk_settings["webhook_secret"]
        self.admin_token = admin_token or self.bridge_token
        self.admin_token_source = "ZAMMAD_ADMIN_TOKEN" if admin_token else "helpdesk.token"
        self.public_url = public_url.rstrip("/")
        self.manifest = manifest
        self.rendering = rendering
        self.channel_slas = tuple(channel_slas)
        today = today or date.today()
        self.holiday_years = (today.year, today.year + 1)
        self.session = session or requests.Session()

    # -- planning -------------------------------------------------------------------------------
    def plan(self) -> Plan:
        user_id, login = self._bridge_user()
        steps: list[Step] = []
        notes: list[str] = []

        attributes = self._list(ATTRIBUTES)
        steps += self._plan_kind(ATTRIBUTES, self._attribute_payloads(), attributes, key=_attribute_key)
        ours = {(self.rendering["attributes"]["object"], spec.name) for spec in self._fields()}
        # Changes an interrupted earlier run left waiting count as ours to finish.
        run_migrations = any(step.action != "unchanged" for step in steps) or any(
            _is_pending(a) for a in attributes if _attribute_key(a) in ours)
        pending_elsewhere = sorted(str(a.get("name")) for a in attributes
                                   if _is_pending(a) and _attribute_key(a) not in ours)
        if run_migrations and pending_elsewhere:
            notes.append("Zammad has attribute changes waiting for migration that this install did not make "
                         f"({', '.join(pending_elsewhere)}); executing the migrations applies them too.")

        webhook_steps = self._plan_kind(WEBHOOKS, [self._webhook_payload()], self._list(WEBHOOKS))
        steps += webhook_steps
        webhook_id = _id_or_ref(webhook_steps[0])
        steps += self._plan_kind(TRIGGERS, [self._trigger_payload(self.rendering[key], user_id, webhook_id)
                                            for key in ("trigger", "review_trigger")], self._list(TRIGGERS))
        if self.manifest.macros:
            steps += self._plan_kind(MACROS, [self._macro_payload(m) for m in self.manifest.macros], self._list(MACROS))
        if self.manifest.canned_replies:
            steps += self._plan_kind(TEXT_MODULES, [self._text_module_payload(r) for r in self.manifest.canned_replies],
                                     self._list(TEXT_MODULES))
        steps += self._plan_kind(OVERVIEWS, [self._overview_payload()], self._list(OVERVIEWS))
        generated = _channel_objects(self.channel_slas, self.manifest, self.rendering["channel_slas"],
                                     self.holiday_years, notes)
        calendar_payloads = [_calendar_payload(c) for c in self.manifest.calendars] + list(generated.calendars.values())
        if self.manifest.slas or calendar_payloads:
            calendars = self._list(CALENDARS)
            calendar_steps = self._plan_kind(CALENDARS, calendar_payloads, calendars, summaries=generated.summaries)
            steps += calendar_steps
            calendar_ids = _ids_by_name(calendars) | {step.name: _id_or_ref(step) for step in calendar_steps}
            sla_payloads = [self._sla_payload(i, s, calendar_ids) for i, s in enumerate(self.manifest.slas)]
            sla_payloads += [{**payload, "calendar_id": calendar_ids[calendar]} for payload, calendar in generated.slas]
            if sla_payloads:
                existing_slas = self._list(SLAS)
                steps += self._plan_kind(SLAS, sla_payloads, existing_slas, summaries=generated.summaries)
                notes += _other_conditional_slas(existing_slas, [p["name"] for p in sla_payloads])

        if urlsplit(self.public_url).hostname in ("127.0.0.1", "localhost", "::1"):
            notes.append(f"public_url is {self.public_url}: Zammad must be able to reach the webhook there.")
        return Plan(
            zammad_url=self.url,
            bridge_user_id=user_id,
            bridge_login=login,
            steps=steps,
            run_migrations=run_migrations,
            notes=notes,
        )

    def _plan_kind(self, kind: Kind, payloads: list[dict[str, Any]], existing: list[dict[str, Any]],
                   key=None, summaries: Mapping[str, str] | None = None) -> list[Step]:
        # Zammad treats names as equal regardless of case (a second "social: …" macro is refused).
        key = key or (lambda record: str(record.get("name") or "").lower())
        by_key: dict[Any, dict[str, Any]] = {}
        for record in sorted(existing, key=lambda r: _numeric(r.get("id")) or 0):
            by_key.setdefault(key(record), record)  # duplicates by hand: manage the oldest
        steps = []
        for payload in payloads:
            found = by_key.get(key(payload))
            if found is None:
                steps.append(Step(kind, payload["name"], "create", payload,
                                  summary=(summaries or {}).get(payload["name"], "")))
                continue
            differences = _differences(kind, payload, found)
            steps.append(Step(kind, payload["name"], "update" if differences else "unchanged", payload,
                              record_id=_numeric(found.get("id")), differences=differences))
        return steps

    # -- payloads -------------------------------------------------------------------------------
    def _attribute_payloads(self) -> list[dict[str, Any]]:
        rendering = self.rendering["attributes"]
        return [
            {
                "name": spec.name,
                "object": rendering["object"],
                "display": spec.label,
                "data_type": rendering["data_types"][spec.type]["data_type"],
                "data_option": _data_option(spec, rendering["data_types"][spec.type]["data_option"]),
                "screens": copy.deepcopy(rendering["screens"]),
                "position": rendering["first_position"] + 10 * i,
                "active": True,
            }
            for i, spec in enumerate(self._fields())
        ]

    def _fields(self) -> tuple[FieldSpec, ...]:
        return (*self.manifest.fields, self.manifest.review_field)

    def _webhook_payload(self) -> dict[str, Any]:
        spec = self.manifest.reply_webhook
        return {
            "name": spec.name,
            "endpoint": self.public_url + self.rendering["webhook"]["path"],
            "signature_token": self.webhook_secret,
            "ssl_verify": self.rendering["webhook"]["ssl_verify"],
            "customized_payload": False,  # the bridge reads Zammad's default payload
            "note": f"{spec.description} Signature token fingerprint: {self._secret_fingerprint()}.".strip(),
            "active": True,
        }

    def _trigger_payload(self, spec: dict[str, Any], bridge_user_id: int, webhook_id: int | Ref) -> dict[str, Any]:
        tokens = {"{bridge_user_id}": str(bridge_user_id), "{ticket_tag}": self.manifest.ticket_tag}
        return {
            "name": spec["name"],
            "condition": _fill(spec["condition"], tokens),
            "perform": {"notification.webhook": {"webhook_id": webhook_id}},
            "activator": "action",
            "execution_condition_mode": "selective",
            "note": spec["note"],
            "active": True,
        }

    def _macro_payload(self, macro) -> dict[str, Any]:
        perform: dict[str, Any] = {f"ticket.{name}": {"value": value} for name, value in macro.set_fields.items()}
        if macro.add_tags:
            perform["ticket.tags"] = {"operator": "add", "value": ", ".join(macro.add_tags)}
        return {"name": macro.name, "perform": perform, "note": macro.note,
                "ux_flow_next_up": self.rendering["macro"]["ux_flow_next_up"], "active": True}

    def _text_module_payload(self, reply) -> dict[str, Any]:
        return {"name": reply.name, "keywords": " ".join(reply.keywords), "content": reply.text, "active": True}

    def _overview_payload(self) -> dict[str, Any]:
        spec = self.rendering["overview"]
        # Zammad splits a tag condition's value at commas (app/models/ticket/selector/sql.rb).
        tags = ", ".join(dict.fromkeys(OUTCOME_TAGS.values()))
        return {
            "name": spec["name"],
            "roles": list(spec["roles"]),
            "condition": {"ticket.tags": {"operator": "contains one", "value": tags}},
            "order": dict(spec["order"]),
            "view": copy.deepcopy(spec["view"]),
            "active": True,
        }

    def _sla_payload(self, index: int, sla: SlaSpec, calendar_ids: dict[str, int | Ref]) -> dict[str, Any]:
        calendar_id = calendar_ids.get(sla.calendar)
        if calendar_id is None:
            raise ConfigError(f"{self.manifest.source}: slas.{index}.calendar: no calendar {sla.calendar!r} "
                              "in the manifest or in Zammad")
        return {
            "name": sla.name,
            "calendar_id": calendar_id,
            "condition": {f"ticket.{CHANNEL_FIELD}": {"operator": "is", "value": [sla.channel]}},
            "first_response_time": sla.first_response_minutes,
            "response_time": sla.response_minutes,
            "update_time": sla.update_minutes,
            "solution_time": sla.solution_minutes,
        }

    def _secret_fingerprint(self) -> str:
        # A keyed digest: shows whether the secret changed without revealing it.
        return hmac.new(self.webhook_secret.encode("utf-8"), _FINGERPRINT_LABEL, hashlib.sha256).hexdigest()[:12]

    # -- applying -------------------------------------------------------------------------------
    def apply(self, plan: Plan) -> ApplyReport:
        report = ApplyReport()
        ids: dict[tuple[str, str], int] = {(s.kind.key, s.name): s.record_id for s in plan.steps if s.record_id is not None}
        changes = plan.changes
        done = 0
        try:
            for step in plan.steps:
                if step.kind is not ATTRIBUTES and plan.run_migrations and not report.migrations_executed:
                    self._execute_migrations()  # before macros and SLAs that refer to the new attributes
                    report.migrations_executed = True
                if step.action == "unchanged":
                    continue
                payload = _resolve(step.payload, ids)
                what = f"{step.action} {step.kind.label} {step.name!r}"
                if step.action == "create":
                    created = self._json("POST", step.kind.path, what=what, kind=step.kind, json=payload)
                    created_id = _numeric(created.get("id") if isinstance(created, dict) else None)
                    if created_id is not None:
                        ids[(step.kind.key, step.name)] = created_id
                    report.created.append(step)
                else:
                    payload = {k: v for k, v in payload.items() if k not in step.kind.create_only}
                    self._json("PUT", f"{step.kind.path}/{step.record_id}", what=what, kind=step.kind, json=payload)
                    report.updated.append(step)
                done += 1
            if plan.run_migrations and not report.migrations_executed:
                self._execute_migrations()
                report.migrations_executed = True
        except BridgeError as exc:
            if not done:
                raise
            raise type(exc)(f"{exc} ({done} of {len(changes)} changes were applied before this; fix the cause "
                            "and run the install again to finish)") from exc
        return report

    def _execute_migrations(self) -> None:
        self._json("POST", "/api/v1/object_manager_attributes_execute_migrations",
                   what="execute the ticket attribute migrations", kind=ATTRIBUTES)

    # -- HTTP -----------------------------------------------------------------------------------
    def _bridge_user(self) -> tuple[int, str]:
        me = self._json("GET", "/api/v1/users/me", what="read the bridge's own user", token=self.bridge_token,
                        token_source="helpdesk.token")
        user_id = _numeric(me.get("id") if isinstance(me, dict) else None)
        login = str(me.get("login") or "") if isinstance(me, dict) else ""
        if user_id is None:
            raise PermanentError("zammad: read the bridge's own user: answer has no numeric id")
        if login.lower() != self.bridge_login.lower():
            raise ConfigError(
                f"zammad: helpdesk.token belongs to the Zammad user {login!r}, but bridge_login is {self.bridge_login!r}; "
                "the trigger must skip the articles of the user the bridge writes as"
            )
        return user_id, login

    def _list(self, kind: Kind) -> list[dict[str, Any]]:
        what = f"list {kind.label}s"
        if not kind.paged:
            return _records(self._json("GET", kind.path, what=what, kind=kind), what)
        records: dict[Any, dict[str, Any]] = {}
        for page in range(1, MAX_PAGES + 1):
            batch = _records(self._json("GET", kind.path, what=what, kind=kind,
                                        params={"page": page, "per_page": PAGE_SIZE}), what)
            new = {r.get("id"): r for r in batch if r.get("id") not in records}
            records.update(new)
            if len(batch) < PAGE_SIZE or not new:  # last page, or a server that ignores paging
                break
        return list(records.values())

    def _json(self, method: str, path: str, *, what: str, kind: Kind | None = None, token: str | None = None,
              token_source: str | None = None, **kwargs: Any) -> Any:
        token = token or self.admin_token
        token_source = token_source or self.admin_token_source
        try:
            response = call(
                self.session, method, self.url + path, what=f"zammad: {what}", idempotent=method in ("GET", "PUT"),
                headers={"Authorization": f"Token token={token}", "Accept": "application/json"}, **kwargs,
            )
        except AuthError as exc:
            raise AuthError(f"zammad: {what}: the token is refused (HTTP 401); check {token_source}",
                            status=exc.status) from exc
        except PermanentError as exc:
            if exc.status == 403 and kind is not None:
                raise PermanentError(f"zammad: {what}: the token ({token_source}) lacks the {kind.permission} "
                                     "permission (HTTP 403)", status=403) from exc
            raise
        try:
            return response.json()
        except ValueError as exc:
            raise PermanentError(f"zammad: {what}: answer is not JSON", status=response.status_code) from exc


# -- plan output ------------------------------------------------------------------------------
def describe_plan(plan: Plan, *, dry_run: bool) -> list[str]:
    lines = [f"Zammad at {plan.zammad_url}; the bridge writes as {plan.bridge_login!r} (user id {plan.bridge_user_id})"]
    marks = {"create": "+ create", "update": "~ update", "unchanged": "= unchanged"}
    for step in plan.steps:
        line = f"  {marks[step.action]} {step.kind.label} {step.name!r}"
        if step.action == "create" and step.summary:
            line += f": {step.summary}"
        if step.action == "update":
            line += ": " + "; ".join(_describe_difference(d) for d in step.differences)
        lines.append(line)
    if plan.run_migrations:
        lines.append("  + execute the ticket attribute migrations (Zammad must be restarted afterwards)")
    lines += [f"note: {note}" for note in plan.notes]
    if plan.nothing_to_change:
        lines.append("nothing to change")
    else:
        counts = f"{len(plan.steps_to('create'))} to create, {len(plan.steps_to('update'))} to update, " \
                 f"{len(plan.steps_to('unchanged'))} unchanged"
        lines.append(f"dry run: nothing was changed ({counts})" if dry_run else counts)
    return lines


def describe_report(report: ApplyReport) -> list[str]:
    lines = [f"applied: {len(report.created)} created, {len(report.updated)} updated"]
    if report.migrations_executed:
        lines += ["executed the ticket attribute migrations.", RESTART_NOTE]
    return lines


def _describe_difference(difference: Difference) -> str:
    if isinstance(difference.wanted, Ref):
        return f"{difference.path} → {difference.wanted}"
    if _is_scalar(difference.wanted) and _is_scalar(difference.found):
        return f"{difference.path} ({difference.found!r} → {difference.wanted!r})"
    return difference.path


# -- comparing ----------------------------------------------------------------------------------
def _differences(kind: Kind, wanted: dict[str, Any], found: dict[str, Any]) -> tuple[Difference, ...]:
    wanted = {k: v for k, v in wanted.items() if k not in kind.write_only | kind.create_only}
    found = dict(found)
    if kind is ATTRIBUTES and found.get("data_option_new"):
        found["data_option"] = found["data_option_new"]  # an update waiting for migration
    if "condition" in wanted:
        wanted["condition"] = _canonical_condition(wanted["condition"])
        found["condition"] = _canonical_condition(found.get("condition"))
    out: list[Difference] = []
    _compare(wanted, found, "", out)
    for key in kind.exact & wanted.keys():
        if isinstance(found.get(key), dict):
            extras = sorted(found[key].keys() - wanted[key].keys())
            out += [Difference(f"{key}.{extra}", None, found[key][extra]) for extra in extras]
    return tuple(out)


def _compare(wanted: Any, found: Any, path: str, out: list[Difference]) -> None:
    """Only what the manifest sets counts: keys Zammad adds (ids, defaults) are ignored."""
    if isinstance(wanted, Ref):
        out.append(Difference(path, wanted, found))
    elif isinstance(wanted, dict):
        if not isinstance(found, dict):
            out.append(Difference(path, wanted, found))
            return
        for key, value in wanted.items():
            _compare(value, found.get(key), f"{path}.{key}" if path else key, out)
    elif isinstance(wanted, list):
        if not isinstance(found, list) or len(found) != len(wanted):
            out.append(Difference(path, wanted, found))
            return
        for i, (w, f) in enumerate(zip(wanted, found)):
            _compare(w, f, f"{path}[{i}]", out)
    elif _scalar(wanted) != _scalar(found):
        out.append(Difference(path, wanted, found))


def _scalar(value: Any) -> str | None:
    """Zammad answers "1" for 1 and "false" for False in places; compare them as equal."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value) if _is_scalar(value) else repr(value)


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _canonical_condition(condition: Any) -> Any:
    """The flat form, each value a sorted list of strings; an OR condition stays as it is."""
    if isinstance(condition, dict) and isinstance(condition.get("conditions"), list) and condition.get("operator") == "AND":
        items = [(c.get("name"), c) for c in condition["conditions"] if isinstance(c, dict)]
    elif isinstance(condition, dict) and "conditions" not in condition:
        items = list(condition.items())
    else:
        return condition
    canonical = {}
    for name, spec in items:
        if not isinstance(spec, dict):
            return condition
        value = spec.get("value")
        values = value if isinstance(value, list) else [] if value in (None, "") else [value]
        entry = {"operator": spec.get("operator"), "value": sorted(_scalar(v) or "" for v in values)}
        if spec.get("pre_condition"):
            entry["pre_condition"] = spec["pre_condition"]
        canonical[name] = entry
    return canonical


def _other_conditional_slas(existing: list[dict[str, Any]], ours: list[str]) -> list[str]:
    """Zammad applies one SLA per ticket, the first whose condition matches: an admin's SLA that
    also matches social tickets may win over the channel's."""
    mine = {name.lower() for name in ours}
    others = sorted(str(r.get("name")) for r in existing
                    if str(r.get("name") or "").lower() not in mine and r.get("condition"))
    if not others:
        return []
    return [f"Zammad has other SLAs with conditions ({', '.join(others)}): one that also matches social tickets "
            "may apply instead of the channel's SLA; check their conditions."]


# -- helpers ------------------------------------------------------------------------------------
def _data_option(spec: FieldSpec, template: dict[str, Any]) -> dict[str, Any]:
    option = copy.deepcopy(template)
    if spec.type == "select":
        option["options"] = dict(spec.options)
        option["default"] = spec.default or ""
    elif spec.type == "boolean":
        option["default"] = bool(spec.default)  # Zammad requires a default for booleans
    elif spec.default is not None:
        option["default"] = spec.default
    return option


def _calendar_payload(calendar: CalendarSpec) -> dict[str, Any]:
    hours = {}
    for day in WEEKDAYS:
        ranges = calendar.business_hours.get(day, ())
        hours[day] = {"active": bool(ranges),
                      "timeframes": [list(r) for r in ranges] if ranges else copy.deepcopy(CLOSED_DAY_TIMEFRAMES)}
    return {"name": calendar.name, "timezone": calendar.timezone, "business_hours": hours, "ical_url": calendar.ical_url}


def _fill(value: Any, tokens: dict[str, str]) -> Any:
    if isinstance(value, dict):
        return {k: _fill(v, tokens) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, tokens) for v in value]
    return tokens.get(value, value) if isinstance(value, str) else value


def _resolve(value: Any, ids: dict[tuple[str, str], int]) -> Any:
    if isinstance(value, Ref):
        return ids[(value.kind.key, value.name)]
    if isinstance(value, dict):
        return {k: _resolve(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, ids) for v in value]
    return value


def _id_or_ref(step: Step) -> int | Ref:
    return step.record_id if step.record_id is not None else Ref(step.kind, step.name)


def _ids_by_name(records: list[dict[str, Any]]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for record in sorted(records, key=lambda r: _numeric(r.get("id")) or 0):
        record_id = _numeric(record.get("id"))
        if record_id is not None:
            ids.setdefault(str(record.get("name")), record_id)
    return ids


def _attribute_key(record: dict[str, Any]) -> tuple[Any, Any]:
    return record.get("object"), record.get("name")


def _is_pending(attribute: dict[str, Any]) -> bool:
    return any(attribute.get(flag) for flag in PENDING_FLAGS)


def _numeric(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return None


def _records(answer: Any, what: str) -> list[dict[str, Any]]:
    if not isinstance(answer, list) or not all(isinstance(r, dict) for r in answer):
        raise PermanentError(f"zammad: {what}: expected a list of objects")
    return answer


def install(context: PluginContext, *, dry_run: bool) -> int:
    """`social-bridge plugin install zammad [--dry-run]`: plan, print, and apply unless dry-run."""
    installer = ZammadInstaller(
        dict(context.helpdesk_settings), context.public_url, context.load_manifest(), load_rendering(),
        admin_token=os.environ.get(ADMIN_TOKEN_ENV) or None,
        channel_slas=channel_slas(context.load_mappings(), context.account_channels),
    )
    plan = installer.plan()
    print("\n".join(describe_plan(plan, dry_run=dry_run)), flush=True)
    if dry_run or plan.nothing_to_change:
        return 0
    print("\n".join(describe_report(installer.apply(plan))))
    return 0
