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
import logging
import re
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import requests
from marshmallow import RAISE, Schema, fields, post_load, validate

from bridge.errors import BridgeError, ConfigError, PayloadError, PermanentError
from bridge.helpdesks.base import Helpdesk, PluginContext, attached_file
from bridge.http import call
from bridge.model import (
    ArticleDraft,
    AttachedFile,
    Attachment,
    CreatedTicket,
    DeliveryState,
    Priority,
    Reply,
    ReplyMode,
    SocialContext,
    TicketDraft,
)
from bridge.schemas import PRIORITIES

if TYPE_CHECKING:
    from bridge.plugin.manifest import Manifest

log = logging.getLogger(__name__)

# django-helpdesk's fixed scale: 1 critical, 2 high, 3 normal, 4 low, 5 very low.
DEFAULT_PRIORITIES = {"urgent": 1, "high": 2, "normal": 3, "low": 4}
PRIORITY_NAMES = {1: "Critical", 2: "High", 3: "Normal", 4: "Low", 5: "Very Low"}  # as its ticket pages name them

# The heading (django-helpdesk heads each follow-up with its title) of an agent's reply once the bridge knows
# its fate. The customer's posts and the bridge's notes are headed by the bridge's app in the site.
REPLY_TITLES = {
    "sent:public": "Agent reply · posted publicly on {channel}",
    "sent:private": "Agent reply · sent as a private message on {channel}",
    "handed_off": "Agent reply · NOT posted: phone callback needed",
    "failed": "Agent reply · NOT SENT: failed (see the bridge's note)",
    "rejected": "Agent reply · NOT SENT: rejected (see the bridge's note)",
    "awaiting_approval": "Agent reply · held for approval, not sent yet",
}
# Shown first in the ticket's title, so ticket lists and the dashboard show it.
FLAG_NOT_SENT = "[reply not sent]"
FLAG_HELD = "[reply held]"
FLAG_SENSITIVE = "[sensitive]"
FLAGS_BY_OUTCOME = {"failed": FLAG_NOT_SENT, "rejected": FLAG_NOT_SENT, "awaiting_approval": FLAG_HELD}
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
    plugin_actions = frozenset({"install", "build"})

    @classmethod
    def plugin_install(cls, context: PluginContext, args: argparse.Namespace) -> int:
        """The app is installed in the site by hand (see plugin build); this proves the wiring end to end with a
        probe follow-up that must reach the bridge. --dry-run checks without writing anything."""
        from bridge.helpdesks.django_helpdesk.check import run_check

        return run_check(context, probe=not args.dry_run)

    @classmethod
    def plugin_build(cls, manifest: Manifest, args: argparse.Namespace) -> str:
        from bridge.helpdesks.django_helpdesk.app import APP_NAME, build_app

        path = build_app(manifest, args.output)
        return (f"wrote {path}: unzip it into the django-helpdesk site (next to manage.py), add {APP_NAME!r} to "
                f"INSTALLED_APPS before 'helpdesk', include {APP_NAME}.urls at social-bridge/, run "
                "`manage.py migrate`, then `social-bridge plugin install django-helpdesk`")

    def __init__(self, settings: Mapping[str, Any], session: requests.Session | None = None):
        super().__init__(settings, session)
        self.api_url = f"{self.settings['url']}/api"
        self._agents: dict[str, str] = {}  # user id → e-mail or login

    # -- outbound --------------------------------------------------------------------------
    def create_ticket(self, draft: TicketDraft) -> CreatedTicket:
        title = f"{FLAG_SENSITIVE} {draft.title}" if "sensitive" in draft.tags else draft.title
        ticket = self._send(
            "POST",
            "/tickets/",
            what="create ticket",
            json={
                "queue": self.queue_id(draft.queue),
                "title": _shorten(title, TITLE_MAX_LENGTH),
                "description": draft.body,  # stored as is: ticket creation renders no template
                "submitter_email": "",  # no address for social users; nothing is e-mailed
                "priority": self.settings["priorities"][draft.priority.value],
                "due_date": draft.due_at.isoformat() if draft.due_at else None,
                # The plugin's custom fields (django-helpdesk ignores them where it is not installed).
                **(context_fields(draft.context) if draft.context else {}),
            },
        )
        try:
            # The ticket's first follow-up ("Ticket Opened") carries the description.
            created = CreatedTicket(ticket_id=str(ticket["id"]), article_id=str(ticket["followup_set"][0]["id"]))
        except (KeyError, IndexError, TypeError) as exc:
            raise PermanentError(
                f"{self.name}: create ticket: unexpected answer (no ticket or follow-up id)"
            ) from exc
        return created

    def add_article(self, ticket_id: str, draft: ArticleDraft) -> str:
        ticket_pk = _ticket_pk(ticket_id)
        ticket = self._send("GET", f"/tickets/{ticket_pk}/", what="read ticket")
        if not isinstance(ticket, dict):
            raise PermanentError(f"{self.name}: read ticket: unexpected answer (not a ticket)")
        followup = {"ticket": ticket_pk, "comment": neutralise_template_syntax(draft.body), "public": True}
        # Never send "title" on create: update_ticket() renames the ticket to it.
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

    def priority_label(self, priority: Priority) -> str:
        return PRIORITY_NAMES[self.settings["priorities"][priority.value]]

    def record_reply_outcome(self, ticket_id: str, article_id: str, outcome: DeliveryState, route: str | None,
                             channel: str) -> None:
        """The agent's follow-up is retitled with its fate; the ticket's title carries "[reply not sent]" or
        "[reply held]" while its latest reply did not go out, so ticket lists and the dashboard show it;
        a reply that went out clears the due date (the first response is met)."""
        key = f"sent:{route}" if outcome is DeliveryState.SENT else outcome.value
        if key in REPLY_TITLES and _is_number(article_id):  # automatic acknowledgements have no follow-up
            self._retitle_followup(article_id, REPLY_TITLES[key].format(channel=channel))
        ticket_pk = _ticket_pk(ticket_id)
        ticket = self._send("GET", f"/tickets/{ticket_pk}/", what="read ticket")
        if not isinstance(ticket, dict) or not isinstance(ticket.get("title"), str):
            raise PermanentError(f"{self.name}: read ticket: unexpected answer (no title)")
        title = flagged_title(ticket["title"], FLAGS_BY_OUTCOME.get(outcome.value))
        change: dict[str, Any] = {}
        if title != ticket["title"]:
            change["title"] = _shorten(title, TITLE_MAX_LENGTH)
        if outcome in (DeliveryState.SENT, DeliveryState.HANDED_OFF) and ticket.get("due_date"):
            change["due_date"] = None
        if change:  # a PATCH sends no webhook
            self._send("PATCH", f"/tickets/{ticket_pk}/", what="show the reply's outcome", json=change)

    def _retitle_followup(self, followup_id: str, title: str) -> None:
        # PATCH saves the follow-up only; unlike a create it neither renames the ticket nor sends a webhook.
        self._send("PATCH", f"/followups/{_ticket_pk(followup_id)}/", what="title the follow-up",
                   json={"title": _shorten(title, TITLE_MAX_LENGTH)})

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

    def fetch_attachment(self, ticket_id: str, attachment: Attachment, max_bytes: int) -> AttachedFile:
        """A follow-up's attachment, from the file URL the webhook gave (the site's media path), with the API
        token. Only a path on the helpdesk's own site is fetched."""
        parts = urlsplit(self.settings["url"])
        ref = urlsplit(attachment.ref)
        if not attachment.ref or ref.scheme not in ("", parts.scheme) or ref.netloc not in ("", parts.netloc) \
                or not ref.path.startswith("/"):
            raise PermanentError(f"{self.name}: attachment {attachment.name!r} has no file address on the helpdesk")
        url = f"{parts.scheme}://{parts.netloc}{ref.path}"
        what = f"{self.name}: fetch attachment {attachment.name}"
        response = call(self.session, "GET", url, what=what, idempotent=True,
                        headers={"Authorization": f"Token {self.settings['token']}"})
        return attached_file(response, attachment, max_bytes, what)

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

    def agent_login(self, agent: str) -> str:
        """The agent's e-mail (else login) from the bridge's app in the site, for review rules: the webhook names
        a follow-up's author by user id only. The id itself when the app cannot say (rules may name ids too)."""
        key = agent
        if not _is_number(key):
            return key
        if key not in self._agents:
            parts = urlsplit(self.settings["url"])
            try:
                user = call(self.session, "GET", f"{parts.scheme}://{parts.netloc}/social-bridge/agents/{int(key)}.json",
                            what=f"{self.name}: look up agent {key}", idempotent=True, timeout=(3, 5),
                            headers={"Authorization": f"Token {self.settings['token']}", "Accept": "application/json"},
                            ).json()
                name = str(user.get("email") or user.get("username") or "") if isinstance(user, dict) else ""
            except (BridgeError, ValueError, TypeError) as exc:
                log.warning("%s: agent %s: no login known (%s); review rules see the user id", self.name, key, exc)
                return key  # not remembered: the next reply asks again
            self._agents[key] = name or key
        return self._agents[key]

    def probe_id(self, payload: Any) -> str | None:
        """`plugin install django-helpdesk` writes an internal follow-up whose text carries a random id."""
        try:
            followup_id = payload["followup_id"]
            followup = next(f for f in payload["ticket"]["followup_set"] if f["id"] == followup_id)
            match = PROBE_PATTERN.match(followup.get("comment") or "")
        except (KeyError, TypeError, StopIteration, AttributeError):
            return None
        return match.group(1) if match and followup.get("public") is False else None

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
        reply = self._reply(ticket_id, followup)
        return [reply] if reply else []

    def recent_replies(self, since: datetime) -> list[Reply] | None:
        """The agents' public follow-ups since `since`: django-helpdesk posts its webhook once, inside the
        agent's request, and drops it on a timeout. The API lists follow-ups oldest first, so this reads
        from the last page back (at most RECENT_PAGES pages of RECENT_PAGE_SIZE)."""
        replies: list[Reply] = []
        params: dict[str, Any] = {"page": "last", "page_size": RECENT_PAGE_SIZE}
        for _ in range(RECENT_PAGES):
            page = self._send("GET", "/followups/", what="read recent follow-ups", params=params)
            try:
                results, previous = page["results"], page.get("previous")
                dated = [(_followup_date(f), f) for f in results]
            except (KeyError, TypeError, ValueError) as exc:
                raise PermanentError(f"{self.name}: read recent follow-ups: unexpected answer") from exc
            for date, followup in dated:
                if date >= since:
                    try:
                        reply = self._reply(followup["ticket"], followup)
                    except (KeyError, PayloadError) as exc:  # one odd follow-up is skipped, not the rest
                        log.warning("%s: follow-up %s not read: %s", self.name, followup.get("id"), exc)
                        continue
                    if reply:
                        replies.append(reply)
            if not previous or not dated or min(date for date, _ in dated) < since:
                break
            params = {"page": _page_number(previous), "page_size": RECENT_PAGE_SIZE}
        return replies

    def _reply(self, ticket_id: Any, followup: Any) -> Reply | None:
        """A follow-up as the agent's reply to send, or None when it is none."""
        if not isinstance(followup, dict) or not isinstance(followup.get("public"), bool):
            raise PayloadError(f"{self.name}: follow-up {_id_of(followup)!r} has no 'public' flag")
        followup_id = followup.get("id")
        comment = followup.get("comment")
        if comment is not None and not isinstance(comment, str):
            raise PayloadError(f"{self.name}: follow-up {followup_id!r} has a non-text comment")

        # A private follow-up is an internal note. The bridge's own follow-ups are customer posts
        # and notes. A follow-up without a user was not written by staff (django-helpdesk only
        # records staff authors), so it is no agent's reply. One without text is a status change.
        author = followup.get("user")
        if not followup["public"] or author is None or author == self.settings["bridge_user_id"]:
            return None
        requested, text = reply_mode_marker((comment or "").strip())
        if not text:
            return None
        files = followup.get("followupattachment_set") or []
        return Reply(
            helpdesk=self.name,
            ticket_id=str(ticket_id),
            article_id=str(followup_id),
            text=text,
            requested_mode=requested,
            agent=str(author),
            attachments=tuple(_attachment(f) for f in files if isinstance(f, dict)),
        )


RECENT_PAGE_SIZE = 100
RECENT_PAGES = 5  # 500 follow-ups back at most: customers' posts and notes are follow-ups too


def _followup_date(followup: Any) -> datetime:
    """A follow-up's time (DRF writes ISO 8601; without a zone, the site's UTC)."""
    date = datetime.fromisoformat(str(followup["date"]).replace("Z", "+00:00"))
    return date if date.tzinfo else date.replace(tzinfo=timezone.utc)


def _page_number(link: str) -> int:
    """The page number in DRF's `previous` link (the first page's link has none)."""
    values = parse_qs(urlsplit(link).query).get("page") or ["1"]
    return int(values[0])


def _id_of(followup: Any) -> Any:
    return followup.get("id") if isinstance(followup, dict) else None


def _attachment(record: dict[str, Any]) -> Attachment:
    """One of followupattachment_set: django-helpdesk's serializer gives filename, mime_type, size and the
    file's URL (the site's media path)."""
    size = record.get("size")
    return Attachment(name=str(record.get("filename") or "file"), ref=str(record.get("file") or ""),
                      content_type=str(record.get("mime_type") or ""),
                      size=size if isinstance(size, int) and not isinstance(size, bool) else None)


PROBE_TEXT = "Social bridge wiring check {probe}: this internal note proves that follow-ups reach the bridge."
PROBE_PATTERN = re.compile(r"^Social bridge wiring check ([0-9a-f]{32}):")


MODE_MARKER = re.compile(r"^#(private|phone)\b[ \t]*\n?", re.IGNORECASE)


def reply_mode_marker(text: str) -> tuple[ReplyMode, str]:
    """django-helpdesk has no field for it, so an agent starts a follow-up with "#private" or "#phone" to
    answer privately or hand off to phone; the marker is not sent."""
    match = MODE_MARKER.match(text)
    if not match:
        return ReplyMode.PUBLIC, text
    return ReplyMode(match.group(1).lower()), text[match.end():].strip()


def flagged_title(title: str, flag: str | None) -> str:
    """The title with the reply flags replaced by `flag` (None: no reply flag). The sensitive flag stays."""
    rest = title
    sensitive = False
    while True:
        for known in (FLAG_NOT_SENT, FLAG_HELD, FLAG_SENSITIVE):
            if rest.startswith(known + " "):
                sensitive = sensitive or known == FLAG_SENSITIVE
                rest = rest[len(known) + 1:]
                break
        else:
            break
    flags = [f for f in (flag, FLAG_SENSITIVE if sensitive else None) if f]
    return " ".join([*flags, rest])


def context_fields(context: SocialContext) -> dict[str, Any]:
    """The plugin's custom fields (custom_<name> in the API): the customer at the top of the ticket, and what
    the reply form shows before sending."""
    earlier = ", ".join(f"#{t}" for t in context.earlier_tickets)
    fields = {
        "custom_social_customer": _shorten(context.summary(), 200),
        "custom_social_profile": context.profile_url or "",
        "custom_social_post": context.post_url or "",
        "custom_social_earlier_tickets": earlier or "none",
        "custom_social_sensitive": context.sensitive,
        "custom_social_destination": context.reply_destination,
        "custom_social_handle": context.handle,
        "custom_social_platform": context.channel_label,
        "custom_social_limit": str(context.reply_limit),
        "custom_social_counting": context.counting,
    }
    return {name: value for name, value in fields.items() if value != ""}  # its URL fields refuse a blank


def _ticket_pk(ticket_id: str) -> int:
    # The id goes into a URL path: only digits, so it can never point elsewhere.
    if not _is_number(ticket_id):
        raise PermanentError(f"django-helpdesk: not a ticket id: {ticket_id!r}")
    return int(ticket_id)


def _is_number(text: str) -> bool:
    return text.isascii() and text.isdigit()  # str.isdigit() alone also accepts "²" and "١"


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
