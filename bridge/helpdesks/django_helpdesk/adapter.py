"""django-helpdesk (2.6.x) through its REST API (/api/ under the helpdesk's URL).

django-helpdesk has no customer records for social users: tickets are created with an empty
submitter e-mail and the customer's identity stays in the text the mapping renders. Every
article the bridge adds is a follow-up written by the bridge's own staff user, which is how
its webhook tells the bridge's follow-ups from agents' replies.

Its follow-up webhook is unsigned, so the URL configured in django-helpdesk carries a shared
secret: https://bridge.example/webhooks/helpdesk?token=<webhook_token>.
"""
from __future__ import annotations

import argparse
import hmac
import re
from collections.abc import Mapping
from typing import Any

import requests
from marshmallow import RAISE, Schema, fields, post_load, validate

from bridge.errors import ConfigError, PayloadError, PermanentError
from bridge.helpdesks.base import Helpdesk, PluginContext
from bridge.http import call
from bridge.model import (
    ArticleDraft,
    CreatedTicket,
    Priority,
    Reply,
    ReplyMode,
    TicketDraft,
)
from bridge.schemas import PRIORITIES

# django-helpdesk's fixed scale: 1 critical, 2 high, 3 normal, 4 low, 5 very low.
DEFAULT_PRIORITIES = {"urgent": 1, "high": 2, "normal": 3, "low": 4}
STATUS_REOPENED = 2
STATUS_RESOLVED = 3
STATUS_CLOSED = 4
TITLE_MAX_LENGTH = 200  # Ticket.title is a CharField(max_length=200); longer is a 400

ZERO_WIDTH_SPACE = "\u200b"
# Follow-up comments are rendered as Django templates by update_ticket(): "{{ ticket.title }}" is
# expanded, "{# .. #}" vanishes, and "{{}}", a lone "{%" or "%}" fail the request with HTTP 500.
# Lookaheads, so overlapping markers ("{{{") are split too.
TEMPLATE_MARKER = re.compile(r"\{(?=[{%#])|%(?=\})")


class DjangoHelpdeskSettings(Schema):
    class Meta:
        unknown = RAISE

    url = fields.Url(required=True, require_tld=False, schemes={"http", "https"})
    token = fields.String(required=True, validate=validate.Length(min=1))
    queues = fields.Dict(keys=fields.String(), values=fields.Integer(), load_default=dict)
    bridge_user_id = fields.Integer(required=True)
    webhook_token = fields.String(required=True, validate=validate.Length(min=16))
    # Given entries override the defaults, so a setting may name only the priorities it changes.
    priorities = fields.Dict(
        keys=fields.String(validate=validate.OneOf(PRIORITIES)),
        values=fields.Integer(validate=validate.Range(min=1, max=5)),
        load_default=dict,
    )

    @post_load
    def normalise(self, data, **_):
        data["url"] = data["url"].rstrip("/")
        data["priorities"] = {**DEFAULT_PRIORITIES, **data["priorities"]}
        return data


def neutralise_template_syntax(text: str) -> str:
    """Keep text literal through django-helpdesk's template rendering of follow-up comments,
    by putting an invisible zero-width space inside each template marker."""
    return TEMPLATE_MARKER.sub(lambda marker: marker.group() + ZERO_WIDTH_SPACE, text)


class DjangoHelpdesk(Helpdesk):
    name = "django-helpdesk"
    settings_schema = DjangoHelpdeskSettings
    plugin_actions = frozenset({"install"})

    @classmethod
    def plugin_install(cls, context: PluginContext, args: argparse.Namespace) -> int:
        """Nothing is installed over django-helpdesk's API: --dry-run checks the set-up done on its side."""
        from bridge.helpdesks.django_helpdesk.check import run_check

        if not args.dry_run:
            raise ConfigError("django-helpdesk is set up on its own side (queue, staff user, webhook setting); "
                              "run `social-bridge plugin install django-helpdesk --dry-run` to check it")
        return run_check(context)

    def __init__(self, settings: Mapping[str, Any], session: requests.Session | None = None):
        super().__init__(settings, session)
        self.api_url = f"{self.settings['url']}/api"

    # -- outbound --------------------------------------------------------------------------
    def create_ticket(self, draft: TicketDraft) -> CreatedTicket:
        ticket = self._send(
            "POST",
            "/tickets/",
            what="create ticket",
            json={
                "queue": self.queue_id(draft.queue),
                "title": _shorten(draft.title, TITLE_MAX_LENGTH),
                "description": draft.body,  # stored as is: ticket creation renders no template
                "submitter_email": "",  # no address for social users; nothing is e-mailed
                "priority": self.settings["priorities"][draft.priority.value],
                "due_date": draft.due_at.isoformat() if draft.due_at else None,
            },
        )
        try:
            # The ticket's first follow-up ("Ticket Opened") carries the description.
            return CreatedTicket(ticket_id=str(ticket["id"]), article_id=str(ticket["followup_set"][0]["id"]))
        except (KeyError, IndexError, TypeError) as exc:
            raise PermanentError(
                f"{self.name}: create ticket: unexpected answer (no ticket or follow-up id)"
            ) from exc

    def add_article(self, ticket_id: str, draft: ArticleDraft) -> str:
        ticket_pk = _ticket_pk(ticket_id)
        ticket = self._send("GET", f"/tickets/{ticket_pk}/", what="read ticket")
        if not isinstance(ticket, dict):
            raise PermanentError(f"{self.name}: read ticket: unexpected answer (not a ticket)")
        followup = {"ticket": ticket_pk, "comment": neutralise_template_syntax(draft.body), "public": True}
        # Never send "title": update_ticket() renames the ticket to it.
        if ticket.get("status") in (STATUS_RESOLVED, STATUS_CLOSED):
            followup["new_status"] = STATUS_REOPENED
        return self._add_followup(followup, what="add article")

    def add_note(self, ticket_id: str, text: str) -> str:
        followup = {"ticket": _ticket_pk(ticket_id), "comment": neutralise_template_syntax(text), "public": False}
        return self._add_followup(followup, what="add note")

    def escalate(self, ticket_id: str, priority: Priority, tag: str, note: str) -> None:
        """django-helpdesk has no tags: the tag goes into the note."""
        ticket_pk = _ticket_pk(ticket_id)
        self._send("PATCH", f"/tickets/{ticket_pk}/", what="raise priority",
                   json={"priority": self.settings["priorities"][priority.value]})
        self.add_note(ticket_id, f"[{tag}] {note}")

    def unknown_queues(self, queues: list[str]) -> list[str] | None:
        """Queue names must be in the setting 'queues'; ids (named or given) must exist in the helpdesk."""
        unknown = [q for q in queues if not _is_number(q) and q not in self.settings["queues"]]
        wanted = {self.queue_id(q): q for q in queues if q not in unknown}
        for queue_pk, name in wanted.items():
            # No queue endpoint: a ticket without a title always fails validation before anything is
            # stored, and the errors name the queue when its id is unknown (as `plugin install` checks).
            try:
                self._send("POST", "/tickets/", what="check a queue",
                           json={"queue": queue_pk, "title": "", "description": "", "submitter_email": ""})
            except PermanentError as exc:
                if '"queue"' in str(exc):
                    unknown.append(f"{name} (id {queue_pk})")
        return unknown

    def queue_id(self, queue: str) -> int:
        """A queue name from the mapping, or a queue's numeric id as is."""
        if _is_number(queue):
            return int(queue)
        try:
            return self.settings["queues"][queue]
        except KeyError:
            raise ConfigError(
                f"helpdesk {self.name}: queue {queue!r} is not in the setting 'queues' (name → queue id)"
            ) from None

    def _add_followup(self, followup: dict[str, Any], *, what: str) -> str:
        created = self._send("POST", "/followups/", what=what, json=followup)
        try:
            return str(created["id"])
        except (KeyError, TypeError) as exc:
            raise PermanentError(f"{self.name}: {what}: unexpected answer (no follow-up id)") from exc

    def _send(self, method: str, path: str, *, what: str, **kwargs) -> Any:
        response = call(
            self.session,
            method,
            self.api_url + path,
            what=f"{self.name}: {what}",
            idempotent=method in ("GET", "PUT", "PATCH"),
            headers={"Authorization": f"Token {self.settings['token']}", "Accept": "application/json"},
            **kwargs,
        )
        try:
            return response.json()
        except ValueError as exc:
            raise PermanentError(f"{self.name}: {what}: answer is not JSON", status=response.status_code) from exc

    # -- inbound ---------------------------------------------------------------------------
    def verify_webhook(self, headers: Mapping[str, str], body: bytes, args: Mapping[str, str]) -> bool:
        given = args.get("token", "")
        return hmac.compare_digest(given.encode(), self.settings["webhook_token"].encode())

    def parse_webhook(self, payload: Any, headers: Mapping[str, str]) -> list[Reply]:
        try:
            ticket = payload["ticket"]
            followup_id = payload["followup_id"]
            ticket_id = ticket["id"]
            followups = ticket["followup_set"]
            followup = next((f for f in followups if f["id"] == followup_id), None)
        except (KeyError, TypeError) as exc:
            raise PayloadError(f"{self.name} webhook: not a follow-up payload") from exc
        if followup is None:
            raise PayloadError(f"{self.name} webhook: follow-up {followup_id!r} is not in its ticket's followup_set")
        if not isinstance(followup, dict) or not isinstance(followup.get("public"), bool):
            raise PayloadError(f"{self.name} webhook: follow-up {followup_id!r} has no 'public' flag")
        comment = followup.get("comment")
        if comment is not None and not isinstance(comment, str):
            raise PayloadError(f"{self.name} webhook: follow-up {followup_id!r} has a non-text comment")

        # A private follow-up is an internal note. The bridge's own follow-ups are customer posts
        # and notes. A follow-up without a user was not written by staff (django-helpdesk only
        # records staff authors), so it is no agent's reply. One without text is a status change.
        author = followup.get("user")
        if not followup["public"] or author is None or author == self.settings["bridge_user_id"]:
            return []
        requested, text = reply_mode_marker((comment or "").strip())
        if not text:
            return []
        return [
            Reply(
                helpdesk=self.name,
                ticket_id=str(ticket_id),
                article_id=str(followup_id),
                text=text,
                requested_mode=requested,
                agent=str(author),
            )
        ]


MODE_MARKER = re.compile(r"^#(private|phone)\b[ \t]*\n?", re.IGNORECASE)


def reply_mode_marker(text: str) -> tuple[ReplyMode, str]:
    """django-helpdesk has no field for it, so an agent starts a follow-up with "#private" or "#phone" to
    answer privately or hand off to phone; the marker is not sent."""
    match = MODE_MARKER.match(text)
    if not match:
        return ReplyMode.PUBLIC, text
    return ReplyMode(match.group(1).lower()), text[match.end():].strip()


def _ticket_pk(ticket_id: str) -> int:
    # The id goes into a URL path: only digits, so it can never point elsewhere.
    if not _is_number(ticket_id):
        raise PermanentError(f"django-helpdesk: not a ticket id: {ticket_id!r}")
    return int(ticket_id)


def _is_number(text: str) -> bool:
    return text.isascii() and text.isdigit()  # str.isdigit() alone also accepts "²" and "١"


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
