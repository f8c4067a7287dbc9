"""Odoo 17+ helpdesk tickets over JSON-RPC (/jsonrpc, execute_kw with the bridge user's API key).

Works with Odoo's own Helpdesk (Enterprise `helpdesk`) and with OCA `helpdesk_mgmt`: both call the
model helpdesk.ticket, but their fields differ, so the adapter asks fields_get once and only sends
fields that exist. Odoo facts this module relies on (shared/reference/helpdesks.md §1, checked
against Odoo's sources):

- A JSON-RPC error is an HTTP 200 answer {"error": {"code": 200, "message": "Odoo Server Error",
  "data": {"name": "<module>.<Exception>", "message", "arguments", "context", "debug"}}}, and Odoo
  has rolled the whole call back.
- common.authenticate(db, login, api_key, {}) answers the uid, or false for a refused login or key.
- message_post defaults to message_type "notification" and escapes a str body since 17.0;
  body_is_html=True (17.0+, odoo/odoo#129977) keeps the HTML the bridge built.
- message_post refuses an author without an e-mail address ("Unable to send message, please
  configure the sender's email address"), so the customer's messages carry the bridge user's
  address as email_from. The customer's partner never gets an invented address.
- "Send Webhook Notification" posts {"_model", "_id", "_action", <the selected fields>} (many2one
  fields as bare ids), unsigned, with a 1 s timeout and no retry. Odoo 17 and 18 send it before
  their transaction commits (after the commit only from 19.0, odoo/odoo#216018), so a message the
  webhook announces cannot be read back over RPC yet: the automation rule runs on Messages
  (mail.message, "On creation") and sends the message's own fields.
- Stages: Enterprise helpdesk.stage marks closing stages as folded; OCA helpdesk.ticket.stage has a
  `closed` flag. Teams and tags live in helpdesk.team/helpdesk.tag or helpdesk.ticket.team/.tag.
- A many2many write takes commands: [4, id] links a record (Command.link), [3, id] unlinks it
  (Command.unlink), [6, 0, ids] replaces the set; a datetime is written as "YYYY-MM-DD HH:MM:SS" in
  UTC. The ticket's priority selection labels come with fields_get ("selection").
- Agents choose public, private or phone in a selection field on the ticket: social_reply_mode
  (the bridge's addon) or x_social_reply_mode (made by hand), unless the setting names another.
"""
from __future__ import annotations

import argparse
import hmac
import html
import itertools
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timezone
from typing import TYPE_CHECKING, Any, Literal, overload

import requests
from marshmallow import RAISE, Schema, fields, post_load, validate

from bridge.errors import (
    AuthError,
    BridgeError,
    ConfigError,
    PayloadError,
    PermanentError,
    RemoteError,
    TransientError,
)
from bridge.helpdesks.base import OUTCOME_TAGS, Helpdesk, reply_form_fields
from bridge.helpdesks.html_text import html_to_text
from bridge.http import call
from bridge.model import (
    ArticleDraft,
    CreatedTicket,
    Customer,
    DeliveryState,
    Priority,
    Reply,
    ReplyMode,
    TicketDraft,
)
from bridge.schemas import PRIORITIES

if TYPE_CHECKING:
    from bridge.plugin.manifest import Manifest

log = logging.getLogger(__name__)

# Both flavours use the selection "0".."3" (low … urgent / very high).
PRIORITY_VALUES = ("0", "1", "2", "3")
DEFAULT_PRIORITIES = {"low": "0", "normal": "1", "high": "2", "urgent": "3"}
DEFAULT_MODEL = "helpdesk.ticket"
# Where agents choose public/private/phone: the bridge's addon field, or one made by hand (x_…).
REPLY_MODE_FIELDS = ("social_reply_mode", "x_social_reply_mode")
POST_LINK_NAME = "View post"
_NO_SUBSCRIBE = {"mail_create_nosubscribe": True}  # the bridge user follows no ticket it writes to

# Without these the bridge cannot work with the model at all.
REQUIRED_TICKET_FIELDS = ("name", "partner_id", "stage_id", "message_ids")
# Custom fields from the mapping (rendered text) go to fields that take text as it is, or a
# number or yes/no written as text; other field types (relations, dates) are left out.
TEXT_FIELD_TYPES = frozenset({"char", "text", "html", "selection"})
BOOLEAN_WORDS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
# The addon's own ticket fields (addon_files/): where the lists show a reply's fate, and the first
# response's due time, which the bridge clears once a reply went out. Written only where they exist.
REPLY_STATE_FIELD = "social_reply_state"
DUE_FIELD = "social_first_response_due"
REPLY_STATES = {"sent:public": "sent_public", "sent:private": "sent_private", "sent:phone": "handed_off",
                "handed_off": "handed_off", "awaiting_approval": "awaiting_approval", "rejected": "rejected",
                "failed": "failed"}
ODOO_DATETIME = "%Y-%m-%d %H:%M:%S"  # how Odoo writes a datetime over RPC: UTC, without a zone
# What the automation rule on Messages must send besides _model and _id.
WEBHOOK_MESSAGE_FIELDS = ("model", "res_id", "message_type", "subtype_id", "author_id", "body")

# Odoo's exceptions for a request it refuses as such: retrying the same call cannot help.
AUTH_ERRORS = frozenset({"odoo.exceptions.AccessDenied"})
REFUSALS = frozenset(
    {
        "odoo.exceptions.AccessError",
        "odoo.exceptions.ValidationError",
        "odoo.exceptions.UserError",
        "odoo.exceptions.MissingError",
        "odoo.exceptions.RedirectWarning",
    }
)
# Anchored at both ends: marshmallow's Regexp only anchors at the start.
_EXCEPTION_NAME = re.compile(r"\A[A-Za-z_][\w.]{0,99}\Z")
_MODEL_NAME = re.compile(r"\A[a-z_][a-z0-9_]*(\.[a-z0-9_]+)+\Z")
_FIELD_NAME = re.compile(r"\A[a-z_][a-z0-9_]*\Z")


class _Text(fields.String):
    """A string that also takes a YAML number (a team id, a priority value) as its digits."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        return super()._deserialize(value, attr, data, **kwargs)


class OdooSettingsSchema(Schema):
    class Meta:
        unknown = RAISE

    url = fields.Url(required=True, require_tld=False, schemes={"http", "https"})
    database = fields.String(required=True, validate=validate.Length(min=1))
    login = fields.String(required=True, validate=validate.Length(min=1))
    api_key = fields.String(required=True, validate=validate.Length(min=1))
    webhook_token = fields.String(required=True, validate=validate.Length(min=16))
    model = fields.String(load_default=DEFAULT_MODEL, validate=validate.Regexp(_MODEL_NAME))
    team = _Text(load_default=None, allow_none=True, validate=validate.Length(min=1))
    # Given entries override the defaults, so a setting may name only the priorities it changes.
    priorities = fields.Dict(
        keys=fields.String(validate=validate.OneOf(PRIORITIES)),
        values=_Text(validate=validate.OneOf(PRIORITY_VALUES)),
        load_default=dict,
    )
    reply_mode_field = fields.String(load_default=None, allow_none=True, validate=validate.Regexp(_FIELD_NAME))

    @post_load
    def normalise(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data["url"] = data["url"].rstrip("/")
        data["priorities"] = {**DEFAULT_PRIORITIES, **data["priorities"]}
        return data


@dataclass(frozen=True)
class _BridgeUser:
    partner_id: int
    email: str  # may be empty: only posting needs it


class OdooHelpdesk(Helpdesk):
    name = "odoo"
    settings_schema = OdooSettingsSchema
    plugin_actions = frozenset({"build"})

    @classmethod
    def add_plugin_arguments(cls, action: str, parser: argparse.ArgumentParser) -> None:
        from bridge.helpdesks.odoo.addon import FLAVOURS

        parser.add_argument("--flavour", choices=tuple(FLAVOURS), default="helpdesk_mgmt",
                            help="OCA helpdesk_mgmt (default) or Odoo Enterprise's helpdesk")

    @classmethod
    def plugin_build(cls, manifest: Manifest, args: argparse.Namespace) -> str:
        from bridge.helpdesks.odoo.addon import ADDON_DIR, ADDON_NAME, build_addon

        path = build_addon(ADDON_DIR, manifest, args.flavour, args.output)
        return f"wrote {path}: unzip it into an Odoo addons path, update the Apps list and install {ADDON_NAME}"

    def __init__(self, settings: Mapping[str, Any], session: requests.Session | None = None):
        super().__init__(settings, session)
        self.endpoint = self.settings["url"] + "/jsonrpc"
        self._request_ids = itertools.count(1)
        # Looked up once per process: none of these change while the bridge runs.
        self._uid: int | None = None
        self._bridge: _BridgeUser | None = None
        self._comment_subtype_id: int | None = None
        self._fields: dict[str, dict[str, dict[str, Any]]] = {}  # model → fields_get answer
        self._partner_ids: dict[str, int] = {}  # customer login → res.partner id
        self._named_ids: dict[tuple[str, str], int] = {}  # (model, name) → id of a team or tag

    # -- tickets and messages ---------------------------------------------------------------
    def create_ticket(self, draft: TicketDraft) -> CreatedTicket:
        ticket_fields = self._ticket_fields()
        sender = self._sender_email()
        partner_id = self._partner_id(draft.customer)
        ticket: dict[str, Any] = {
            # Custom fields go first so they can never replace the ticket's own keys.
            **self._custom_fields({**draft.fields, **reply_form_fields(draft.context)}, ticket_fields),
            "name": draft.title,
            "partner_id": partner_id,
        }
        if "description" in ticket_fields:
            ticket["description"] = text_to_html(draft.body)
        if "partner_name" in ticket_fields:
            ticket["partner_name"] = draft.customer.display_name or draft.customer.login
        if "priority" in ticket_fields:
            ticket["priority"] = self.settings["priorities"][draft.priority.value]
        if "team_id" in ticket_fields:
            ticket["team_id"] = self._team_id(draft.queue, ticket_fields["team_id"])
        if DUE_FIELD in ticket_fields and draft.due_at is not None:
            ticket[DUE_FIELD] = draft.due_at.astimezone(timezone.utc).strftime(ODOO_DATETIME)
        tag_ids = self._tag_ids(draft.tags, ticket_fields.get("tag_ids"))
        if tag_ids:
            ticket["tag_ids"] = [[6, 0, tag_ids]]  # Command.set
        created = self._execute(
            self.settings["model"], "create", [ticket], {"context": _NO_SUBSCRIBE},
            what="odoo: create ticket", idempotent=False,
        )
        ticket_id = _record_id(created, "odoo: create ticket")
        message_id = self._post_as_customer(ticket_id, draft.body, partner_id, sender, draft.post_url)
        return CreatedTicket(ticket_id=str(ticket_id), article_id=str(message_id))

    def add_article(self, ticket_id: str, draft: ArticleDraft) -> str:
        number = _ticket_number(ticket_id)
        sender = self._sender_email()
        partner_id = self._partner_id(draft.customer)
        self._reopen_if_closed(number)
        return str(self._post_as_customer(number, draft.body, partner_id, sender, draft.post_url))

    def add_note(self, ticket_id: str, text: str) -> str:
        number = _ticket_number(ticket_id)
        self._sender_email()  # the note's author is the bridge user, who needs an address
        posted = self._execute(
            self.settings["model"], "message_post", [[number]],
            {
                "body": text_to_html(text),
                "body_is_html": True,
                "message_type": "comment",
                "subtype_xmlid": "mail.mt_note",  # internal: employees only, notifies nobody
                "context": _NO_SUBSCRIBE,
            },
            what=f"odoo: add note to ticket {number}", idempotent=False,
        )
        return str(_record_id(posted, "odoo: add note"))

    def priority_label(self, priority: Priority) -> str:
        """The label of the priority's value in the ticket model's own selection ("High priority" in Odoo's
        Helpdesk, "High" in OCA's), as the ticket form shows it."""
        value = self.settings["priorities"][priority.value]
        try:
            selection = self._ticket_fields().get("priority", {}).get("selection")
        except BridgeError as exc:
            log.debug("odoo: priority names unknown (%s)", exc)
            return priority.value
        labels = {str(pair[0]): str(pair[1]) for pair in selection or () if isinstance(pair, list) and len(pair) == 2}
        return labels.get(value, priority.value)

    def escalate(self, ticket_id: str, priority: Priority, tag: str, note: str) -> None:
        """Raise the priority and add the tag (made if the helpdesk has none of that name) in one write, then
        the note."""
        number = _ticket_number(ticket_id)
        ticket_fields = self._ticket_fields()
        change: dict[str, Any] = {}
        if "priority" in ticket_fields:
            change["priority"] = self.settings["priorities"][priority.value]
        if "tag_ids" in ticket_fields:
            change["tag_ids"] = [[4, self._own_tag_id(tag, ticket_fields["tag_ids"], create=True)]]  # Command.link
        if change:
            self._execute(self.settings["model"], "write", [[number], change], what=f"odoo: escalate ticket {number}")
        self.add_note(ticket_id, note)

    def record_reply_outcome(self, ticket_id: str, article_id: str, outcome: DeliveryState, route: str | None,
                             channel: str) -> None:
        """One write: the reply's fate in the addon's social_reply_state (a list column), the outcome tag
        while the ticket's latest reply did not go out (social-reply-not-sent, social-reply-held; the tag
        is made on first use, and one that went out removes both), and, once a reply went out, the first
        response's due time cleared. Fields the ticket model lacks are left out."""
        number = _ticket_number(ticket_id)
        ticket_fields = self._ticket_fields()
        change: dict[str, Any] = {}
        state = REPLY_STATES.get(f"sent:{route}" if outcome is DeliveryState.SENT else outcome.value)
        if state and REPLY_STATE_FIELD in ticket_fields:
            change[REPLY_STATE_FIELD] = state
        if "tag_ids" in ticket_fields:
            wanted = OUTCOME_TAGS.get(outcome.value)
            commands = []
            for tag in sorted(set(OUTCOME_TAGS.values())):
                tag_id = self._own_tag_id(tag, ticket_fields["tag_ids"], create=tag == wanted)
                if tag_id is not None:
                    commands.append([4, tag_id] if tag == wanted else [3, tag_id])  # Command.link / unlink
            if commands:
                change["tag_ids"] = commands
        if outcome in (DeliveryState.SENT, DeliveryState.HANDED_OFF) and DUE_FIELD in ticket_fields:
            change[DUE_FIELD] = False
        if change:
            self._execute(self.settings["model"], "write", [[number], change],
                          what=f"odoo: show the reply's outcome on ticket {number}")

    # -- webhook ----------------------------------------------------------------------------
    def verify_webhook(self, headers: Mapping[str, str], body: bytes, args: Mapping[str, str]) -> bool:
        # Odoo's webhook is unsigned: its URL carries the shared token.
        given = args.get("token", "")
        return hmac.compare_digest(given.encode("utf-8"), self.settings["webhook_token"].encode("utf-8"))

    def parse_webhook(self, payload: Any, headers: Mapping[str, str]) -> list[Reply]:
        if not isinstance(payload, dict):
            raise PayloadError("odoo webhook: expected a JSON object")
        source = payload.get("_model")
        if source == self.settings["model"]:
            raise PayloadError(
                "odoo webhook: the automation rule runs on tickets; it must run on Messages (mail.message, "
                "On creation), because Odoo 17 and 18 send the webhook before the message is saved"
            )
        if source != "mail.message":
            raise PayloadError("odoo webhook: expected a webhook from an automation rule on Messages (mail.message)")
        missing = [name for name in WEBHOOK_MESSAGE_FIELDS if name not in payload]
        if missing:
            raise PayloadError(
                f"odoo webhook: the automation rule must send the message fields {', '.join(WEBHOOK_MESSAGE_FIELDS)}; "
                f"missing {', '.join(missing)}"
            )
        message_id = _payload_id(payload.get("_id"), "_id")
        if payload["model"] != self.settings["model"] or payload["message_type"] != "comment":
            return []  # a message on another kind of record, an e-mail or a log entry
        ticket_id = _payload_id(payload["res_id"], "res_id")
        author_id = _many2one_id(payload["author_id"])
        if author_id is None or author_id == self._bridge_user().partner_id:
            return []  # no author (an outside e-mail), or the bridge's own note
        if _many2one_id(payload["subtype_id"]) != self._comment_subtype():
            return []  # an internal note, or a subtype no customer is meant to see
        body = payload["body"] or ""
        if not isinstance(body, str):
            raise PayloadError("odoo webhook: the message body is not text")
        text = html_to_text(body)
        if not text:
            return []
        agent = self._agent_name(author_id)
        if agent is None:
            return []  # the author is no internal user: a customer's message the bridge posted
        mode = self._requested_mode(ticket_id)
        if mode is None:
            return []  # the ticket is gone: nothing left to answer
        return [
            Reply(
                helpdesk=self.name,
                ticket_id=str(ticket_id),
                article_id=str(message_id),
                text=text,
                requested_mode=mode,
                agent=agent,
            )
        ]

    # -- customers, teams, tags ---------------------------------------------------------------
    def _partner_id(self, customer: Customer) -> int:
        """One res.partner per social identity, found by its exact login in `ref` (a field every
        Odoo has), archived partners included so an archived customer is never duplicated."""
        login = customer.login.strip()
        if not login:
            raise ConfigError(f"helpdesk {self.name}: the customer login is empty; check the mapping's customer.login")
        if login not in self._partner_ids:
            found = self._execute(
                "res.partner", "search_read", [[["ref", "=", login]]],
                {"fields": ["id"], "limit": 1, "order": "id", "context": {"active_test": False}},
                what="odoo: find customer",
            )
            if found:
                self._partner_ids[login] = _record_id(_first_row(found, "odoo: find customer"), "odoo: find customer")
            else:
                self._partner_ids[login] = self._create_partner(login, customer)
        return self._partner_ids[login]

    def _create_partner(self, login: str, customer: Customer) -> int:
        # No e-mail: social authors have none, and an invented one would collide or bounce.
        partner: dict[str, Any] = {"name": customer.display_name or login, "ref": login}
        website = customer.fields.get("web")
        if website:
            partner["website"] = website
        created = self._execute("res.partner", "create", [partner], what="odoo: create customer", idempotent=False)
        return _record_id(created, "odoo: create customer")

    def unknown_queues(self, queues: list[str]) -> list[str] | None:
        """Mapping queues are helpdesk team names (or ids), unless the setting 'team' names one for all."""
        ticket_fields = self._ticket_fields()
        if "team_id" not in ticket_fields:
            return []  # tickets without teams: the queue is not used
        unknown = []
        for queue in queues:
            try:
                self._team_id(queue, ticket_fields["team_id"])
            except ConfigError:
                unknown.append(str(self.settings["team"] or queue))
        return unknown

    def _team_id(self, queue: str, team_field: Mapping[str, Any]) -> int:
        """The setting 'team' if given, else the mapping's queue: a team id, or a team's name."""
        wanted = str(self.settings["team"] or queue).strip()
        if wanted.isascii() and wanted.isdigit():
            return int(wanted)
        relation = _relation(team_field, "team_id")
        key = (relation, wanted)
        if key not in self._named_ids:
            rows = self._execute(
                relation, "search_read", [[["name", "=", wanted]]], {"fields": ["id"], "limit": 2},
                what="odoo: find helpdesk team",
            )
            if not isinstance(rows, list) or len(rows) != 1:
                how_many = "no" if not rows else "more than one"
                raise ConfigError(
                    f"helpdesk {self.name}: {how_many} helpdesk team named {wanted!r} "
                    "(the setting 'team', or else the mapping's queue)"
                )
            self._named_ids[key] = _record_id(rows[0], "odoo: find helpdesk team")
        return self._named_ids[key]

    def _tag_ids(self, tags: Iterable[str], tag_field: Mapping[str, Any] | None) -> list[int]:
        """Ids of the helpdesk tags that exist with these names; the bridge creates none."""
        names = list(dict.fromkeys(t for t in tags if t))
        if not names or tag_field is None:
            return []
        relation = _relation(tag_field, "tag_ids")
        unknown = [name for name in names if (relation, name) not in self._named_ids]
        if unknown:
            # Only found tags are remembered, so a tag an admin adds later is used from then on.
            rows = self._execute(
                relation, "search_read", [[["name", "in", unknown]]], {"fields": ["id", "name"]},
                what="odoo: find helpdesk tags",
            )
            for row in rows if isinstance(rows, list) else []:
                if isinstance(row, dict) and row.get("name") in unknown:
                    self._named_ids[(relation, row["name"])] = _record_id(row, "odoo: find helpdesk tags")
        return [self._named_ids[(relation, name)] for name in names if (relation, name) in self._named_ids]

    @overload
    def _own_tag_id(self, name: str, tag_field: Mapping[str, Any], *, create: Literal[True]) -> int: ...
    @overload
    def _own_tag_id(self, name: str, tag_field: Mapping[str, Any], *, create: bool) -> int | None: ...

    def _own_tag_id(self, name: str, tag_field: Mapping[str, Any], *, create: bool) -> int | None:
        """The id of one of the bridge's own tags (outcomes, escalations), made when `create` and missing."""
        relation = _relation(tag_field, "tag_ids")
        key = (relation, name)
        if key not in self._named_ids:
            rows = self._execute(relation, "search_read", [[["name", "=", name]]], {"fields": ["id"], "limit": 1},
                                 what=f"odoo: find the tag {name}")
            if rows:
                self._named_ids[key] = _record_id(_first_row(rows, "odoo: find a tag"), "odoo: find a tag")
            elif create:
                created = self._execute(relation, "create", [{"name": name}], what=f"odoo: create the tag {name}",
                                        idempotent=False)
                self._named_ids[key] = _record_id(created, "odoo: create a tag")
            else:
                return None
        return self._named_ids[key]

    def _custom_fields(self, values: Mapping[str, str], ticket_fields: Mapping[str, Any]) -> dict[str, Any]:
        kept: dict[str, Any] = {}
        for name, value in values.items():
            converted = _field_value(ticket_fields.get(name, {}).get("type"), value)
            if converted is not None:
                kept[name] = converted
        if len(kept) < len(values):
            # Names only: the values are customer data.
            log.debug("odoo: no ticket field takes %s", ", ".join(sorted(set(values) - set(kept))))
        return kept

    # -- messages -------------------------------------------------------------------------------
    def _post_as_customer(self, ticket_id: int, text: str, partner_id: int, sender: str, post_url: str | None) -> int:
        body = text_to_html(text)
        if post_url and post_url.startswith(("https://", "http://")):
            link = html.escape(post_url, quote=True)
            body += f'<p><a href="{link}" target="_blank" rel="noopener noreferrer">{POST_LINK_NAME}</a></p>'
        posted = self._execute(
            self.settings["model"], "message_post", [[ticket_id]],
            {
                "body": body,
                "body_is_html": True,
                "message_type": "comment",  # not the default "notification"
                "subtype_xmlid": "mail.mt_comment",  # a discussion message: followers see it
                "author_id": partner_id,
                "email_from": sender,  # Odoo refuses an author without an address
                "context": _NO_SUBSCRIBE,
            },
            what=f"odoo: add message to ticket {ticket_id}", idempotent=False,
        )
        return _record_id(posted, "odoo: add message")

    def _reopen_if_closed(self, ticket_id: int) -> None:
        """Move a ticket in a closing stage to the first open stage its team may use."""
        ticket_fields = self._ticket_fields()
        model = self.settings["model"]
        wanted = ["stage_id", "team_id"] if "team_id" in ticket_fields else ["stage_id"]
        rows = self._execute(model, "read", [[ticket_id]], {"fields": wanted}, what=f"odoo: read ticket {ticket_id}")
        ticket = _first_row(rows, f"odoo: read ticket {ticket_id}")
        stage_id = _many2one_id(ticket.get("stage_id"))
        if stage_id is None:
            return
        stage_model = _relation(ticket_fields["stage_id"], "stage_id")
        stage_fields = self._fields_of(stage_model)
        # OCA's stages say `closed` (fold is only how the kanban looks); Odoo's own fold closing stages.
        closed_flag = next((flag for flag in ("closed", "fold") if flag in stage_fields), None)
        if closed_flag is None:
            return
        stage = _first_row(
            self._execute(stage_model, "read", [[stage_id]], {"fields": [closed_flag]}, what="odoo: read stage"),
            "odoo: read stage",
        )
        if not stage.get(closed_flag):
            return
        domain: list[Any] = [[closed_flag, "=", False]]
        team_id = _many2one_id(ticket.get("team_id"))
        if team_id is not None and "team_ids" in stage_fields:
            domain += ["|", ["team_ids", "=", False], ["team_ids", "in", [team_id]]]
        order = "sequence, id" if "sequence" in stage_fields else "id"
        open_stages = self._execute(
            stage_model, "search_read", [domain], {"fields": ["id"], "order": order, "limit": 1},
            what="odoo: find an open stage",
        )
        if not open_stages:
            raise ConfigError(f"helpdesk {self.name}: ticket {ticket_id} is closed and its team has no open stage")
        self._execute(
            model, "write", [[ticket_id], {"stage_id": _record_id(open_stages[0], "odoo: find an open stage")}],
            what=f"odoo: reopen ticket {ticket_id}",
        )

    # -- what the webhook needs ----------------------------------------------------------------
    def _comment_subtype(self) -> int:
        """Id of mail.mt_comment ("Discussions"): an agent's public reply. Notes are mail.mt_note."""
        if self._comment_subtype_id is None:
            rows = self._execute(
                "ir.model.data", "search_read",
                [[["module", "=", "mail"], ["name", "=", "mt_comment"], ["model", "=", "mail.message.subtype"]]],
                {"fields": ["res_id"], "limit": 1},
                what="odoo: look up the Discussions subtype",
            )
            row = _first_row(rows, "odoo: look up the Discussions subtype")
            subtype_id = _many2one_id(row.get("res_id"))
            if subtype_id is None:
                raise PermanentError("odoo: look up the Discussions subtype: answer has no id")
            self._comment_subtype_id = subtype_id
        return self._comment_subtype_id

    def _agent_name(self, partner_id: int) -> str | None:
        """The name of the active internal user behind this partner; None for customers and portal users."""
        users = self._execute(
            "res.users", "search_read", [[["partner_id", "=", partner_id], ["share", "=", False]]],
            {"fields": ["name"], "limit": 1}, what="odoo: read the reply's author",
        )
        if not users:
            return None
        name = _first_row(users, "odoo: read the reply's author").get("name")
        return name if isinstance(name, str) else ""

    def _requested_mode(self, ticket_id: int) -> ReplyMode | None:
        ticket_fields = self._ticket_fields()
        candidates = [self.settings["reply_mode_field"]] if self.settings["reply_mode_field"] else REPLY_MODE_FIELDS
        field = next((name for name in candidates if name in ticket_fields), None)
        if field is None:
            return ReplyMode.PUBLIC
        rows = self._execute(
            self.settings["model"], "search_read", [[["id", "=", ticket_id]]], {"fields": [field], "limit": 1},
            what=f"odoo: read the reply mode of ticket {ticket_id}",
        )
        if not rows:
            return None
        return _reply_mode(_first_row(rows, "odoo: read the reply mode").get(field))

    # -- session ------------------------------------------------------------------------------
    def _ticket_fields(self) -> dict[str, dict[str, Any]]:
        model = self.settings["model"]
        ticket_fields = self._fields_of(model)
        missing = [name for name in REQUIRED_TICKET_FIELDS if name not in ticket_fields]
        if missing:
            raise ConfigError(
                f"helpdesk {self.name}: model {model} has no field {', '.join(missing)}; is Odoo Helpdesk or "
                "OCA helpdesk_mgmt installed, and is the setting 'model' right?"
            )
        return ticket_fields

    def _fields_of(self, model: str) -> dict[str, dict[str, Any]]:
        if model not in self._fields:
            answer = self._execute(
                model, "fields_get", [], {"attributes": ["type", "relation", "required", "selection"]},
                what=f"odoo: read the fields of {model}",
            )
            if not isinstance(answer, dict):
                raise PermanentError(f"odoo: read the fields of {model}: answer is not a field list")
            self._fields[model] = {name: spec for name, spec in answer.items() if isinstance(spec, dict)}
        return self._fields[model]

    def _bridge_user(self) -> _BridgeUser:
        if self._bridge is None:
            uid = self._login()
            rows = self._execute(
                "res.users", "read", [[uid]], {"fields": ["partner_id", "email"]}, what="odoo: read the bridge's user"
            )
            user = _first_row(rows, "odoo: read the bridge's user")
            partner_id = _many2one_id(user.get("partner_id"))
            if partner_id is None:
                raise PermanentError("odoo: read the bridge's user: answer has no partner")
            email = user.get("email")
            self._bridge = _BridgeUser(partner_id, email.strip() if isinstance(email, str) else "")
        return self._bridge

    def _sender_email(self) -> str:
        email = self._bridge_user().email
        if not email:
            raise ConfigError(
                f"helpdesk {self.name}: the bridge's Odoo user has no e-mail address, and Odoo posts no message "
                "without one (Settings → Users → the bridge's user → Email)"
            )
        return email

    def _login(self) -> int:
        if self._uid is None:
            settings = self.settings
            uid = self._call(
                "common", "authenticate", [settings["database"], settings["login"], settings["api_key"], {}],
                what="odoo: log in", idempotent=True,
            )
            if isinstance(uid, bool) or not isinstance(uid, int) or uid <= 0:
                raise AuthError("odoo: log in: Odoo refused the login or API key (or knows no such database)")
            self._uid = uid
        return self._uid

    # -- JSON-RPC -----------------------------------------------------------------------------
    def _execute(
        self, model: str, method: str, args: list[Any], kwargs: Mapping[str, Any] | None = None, *,
        what: str, idempotent: bool = True,
    ) -> Any:
        settings = self.settings
        return self._call(
            "object", "execute_kw",
            [settings["database"], self._login(), settings["api_key"], model, method, args, dict(kwargs or {})],
            what=what, idempotent=idempotent,
        )

    def _call(self, service: str, method: str, args: list[Any], *, what: str, idempotent: bool) -> Any:
        request = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": next(self._request_ids),
            "params": {"service": service, "method": method, "args": args},
        }
        response = call(
            self.session, "POST", self.endpoint, what=what, idempotent=idempotent,
            json=request, headers={"Accept": "application/json"},
        )
        try:
            answer = response.json()
        except ValueError as exc:
            raise PermanentError(f"{what}: answer is not JSON", status=response.status_code) from exc
        if not isinstance(answer, dict):
            raise PermanentError(f"{what}: answer is not a JSON-RPC response")
        if "error" in answer:
            raise rpc_error(answer["error"], what)
        return answer.get("result")  # Odoo leaves "result" out when a method returns None



def rpc_error(error: Any, what: str) -> RemoteError:
    """The bridge's error for a JSON-RPC error answer. Odoo's own message is left out: it may quote
    record names (ticket titles are customer text); Odoo's log has it in full.

    Odoo's exceptions for a refused request (access, validation, a missing record) are permanent.
    Anything else is an exception Odoo did not expect (a database serialization failure or
    deadlock, a restarting worker, a bug in a module): Odoo answers those as HTTP 500 on its own
    pages, the call was rolled back so a retry cannot duplicate anything, and bridge.http treats
    5xx as transient too, so they are retried with back-off. A post held that way goes through once
    the cause is fixed instead of being lost."""
    data = error.get("data") if isinstance(error, dict) else None
    name = data.get("name") if isinstance(data, dict) else None
    if not (isinstance(name, str) and _EXCEPTION_NAME.match(name)):
        name = "unknown error"
    short = name.rsplit(".", 1)[-1]
    if name in AUTH_ERRORS:
        return AuthError(f"{what}: Odoo refused the bridge's API key ({short})")
    if isinstance(error, dict) and error.get("code") == 404:
        return PermanentError(f"{what}: no JSON-RPC endpoint at this URL ({short})")
    if name in REFUSALS:
        return PermanentError(f"{what}: Odoo refused it ({short}); Odoo's log has the details")
    return TransientError(f"{what}: Odoo failed ({short})")


def text_to_html(text: str) -> str:
    """Plain text as HTML that shows exactly that text, line breaks included."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    return "<p>" + html.escape(lines, quote=False).replace("\n", "<br>") + "</p>"


def _field_value(field_type: Any, value: str) -> str | int | bool | None:
    """A mapping's rendered value for a field of this type; None when the field cannot take it."""
    if field_type in TEXT_FIELD_TYPES:
        return value
    text = value.strip()
    if field_type == "integer" and re.fullmatch(r"-?[0-9]{1,15}", text):
        return int(text)
    if field_type == "boolean":
        return BOOLEAN_WORDS.get(text.lower())
    return None


def _ticket_number(ticket_id: str) -> int:
    """Odoo record ids are numbers; anything else never reaches Odoo."""
    if not (ticket_id.isascii() and ticket_id.isdigit()) or int(ticket_id) == 0:
        raise PermanentError("odoo: ticket ids are positive numbers")
    return int(ticket_id)


def _record_id(value: Any, what: str) -> int:
    """A record id from create (an id, or a one-id list), message_post (same) or a row ({"id": …})."""
    if isinstance(value, dict):
        value = value.get("id")
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise PermanentError(f"{what}: answer has no record id")
    return value


def _first_row(rows: Any, what: str) -> dict[str, Any]:
    if not isinstance(rows, list) or not rows or not isinstance(rows[0], dict):
        raise PermanentError(f"{what}: the record was not found")
    return rows[0]


def _many2one_id(value: Any) -> int | None:
    """A many2one as read with load=None (an id) or the default load ([id, name]); False when empty."""
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return None
    return value


def _payload_id(value: Any, key: str) -> int:
    record_id = _many2one_id(value)
    if record_id is None:
        raise PayloadError(f"odoo webhook: {key} is not a record id")
    return record_id


def _relation(field: Mapping[str, Any], name: str) -> str:
    relation = field.get("relation")
    if not (isinstance(relation, str) and _MODEL_NAME.match(relation)):
        raise PermanentError(f"odoo: the ticket field {name} names no model")
    return relation


def _reply_mode(value: Any) -> ReplyMode:
    try:
        return ReplyMode(str(value).strip().lower())
    except ValueError:
        return ReplyMode.PUBLIC
