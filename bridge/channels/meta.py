"""What Meta's channels share. Every Meta account (MetaApiChannel: Facebook Pages, Instagram, Threads):
the webhooks' hub.challenge handshake and X-Hub-Signature-256 over the raw body, and the Graph API (base
URL and version configurable; error answers mapped onto the bridge's error types, an expired token as
refused credentials). Pages and Instagram besides (MetaChannel): batched `entry[]` with `changes[]` and
`messaging[]`, Messenger-style messages, and Meta's windows for private replies and messages.

Graph errors are `{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}`; throttling is
reported by error code (4, 17, 32, 613, 80001 …), usually without a 429
(developers.facebook.com/docs/graph-api/guides/error-handling, …/overview/rate-limiting).
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import json
import logging
import math
import re
import unicodedata
from abc import abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any, ClassVar
from urllib.parse import quote

import requests
from marshmallow import Schema, fields, post_load, validate

from bridge.channels.base import Channel, Parsed
from bridge.channels.payload import (
    as_list,
    as_object,
    optional_text,
    required_id,
    required_text,
)
from bridge.errors import (
    AmbiguousError,
    AuthError,
    BridgeError,
    PayloadError,
    PermanentError,
    TransientError,
)
from bridge.http import call
from bridge.model import AttachedFile, Author, Delivered, Media, Post, PostChange, PostKind, Target

log = logging.getLogger("bridge.channels.meta")

DEFAULT_GRAPH_BASE = "https://graph.facebook.com"
DEFAULT_GRAPH_VERSION = "v26.0"  # the newest Graph API version in November 2026; each lives about two years
SIGNATURE_HEADER = "X-Hub-Signature-256"

# The access token itself is refused: 190 (expired, revoked, password changed …), 102 (session), and the
# OAuthException subcodes for an app that was removed or a token that was invalidated.
TOKEN_ERROR_CODES = frozenset({102, 190})
TOKEN_ERROR_SUBCODES = frozenset({458, 459, 460, 463, 464, 467, 492})
# App (4), user (17), page (32), application-limit (341) and custom (613) throttling; Business Use Case
# limits for Pages (80001), Instagram (80002) and Messenger (80006).
THROTTLING_CODES = frozenset({4, 17, 32, 341, 613, 80001, 80002, 80006})
SERVICE_ERROR_CODES = frozenset({1, 2})  # "temporary issue due to downtime: wait and retry"
WINDOW_CLOSED_SUBCODES = frozenset({2018278, 2534022})  # a message outside the allowed messaging window
RECIPIENT_UNAVAILABLE_CODE = 551
USAGE_HEADERS = ("X-Business-Use-Case-Usage", "X-App-Usage", "X-Page-Usage")
# Meta names no wait for a throttled call without usage headers; platform limits roll over an hour.
DEFAULT_THROTTLE_WAIT = 300.0

STANDARD_WINDOW = timedelta(hours=24)  # any reply, messaging_type RESPONSE
HUMAN_AGENT_WINDOW = timedelta(days=7)  # a human agent's reply, tag HUMAN_AGENT
PRIVATE_REPLY_WINDOW = timedelta(days=7)  # one private reply per comment or visitor post
RESPONSE = "RESPONSE"
HUMAN_AGENT = "HUMAN_AGENT"

TEST_DELIVERY_OWNER = "0"  # entry id of the sample deliveries the app dashboard's "Test" button sends
UNSUPPORTED_MESSAGE = ("(the customer sent a message type the bridge cannot show — open the conversation on "
                       "{platform} to see it)")

NUMERIC_ID = validate.Regexp(r"^\d+$", error="must be a numeric id")


class IgnoredShape(PayloadError):
    """A part of a delivery recognised and deliberately left alone (an outdated shape, a sample), not an error."""


class GraphId(fields.String):
    """A Graph object id. YAML reads an unquoted id as a number; take it as written."""

    def _deserialize(self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        return super()._deserialize(value, attr, data, **kwargs)


class MetaAccountSchema(Schema):
    """Settings every Meta account has; the Facebook and Instagram schemas add their ids and token."""

    app_secret = fields.String(required=True, validate=validate.Length(min=1))
    verify_token = fields.String(required=True, validate=validate.Length(min=1))
    graph_base = fields.Url(load_default=DEFAULT_GRAPH_BASE, require_tld=False, schemes={"http", "https"})
    graph_version = fields.String(
        load_default=DEFAULT_GRAPH_VERSION, validate=validate.Regexp(r"^v\d+\.\d+$", error="must look like v26.0")
    )

    @post_load
    def strip_base_slash(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data["graph_base"] = data["graph_base"].rstrip("/")
        return data


def hub_signature(app_secret: str, body: bytes) -> str:
    """Meta's X-Hub-Signature-256 value: sha256=<lowercase hex HMAC-SHA256 of the raw body, keyed by the app secret>."""
    return "sha256=" + hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def usage_retry_after(response: requests.Response) -> float | None:
    """Seconds until Meta lets the app call again, from `estimated_time_to_regain_access` (minutes) in the
    usage headers: X-Business-Use-Case-Usage is {"<object id>": [{...}, ...]}, X-App-Usage is {...}."""
    minutes: list[float] = []
    for header in USAGE_HEADERS:
        raw = response.headers.get(header)
        if not raw:
            continue
        try:
            usage = json.loads(raw)
        except ValueError:
            continue
        if not isinstance(usage, dict):
            continue
        reports = [usage] + [item for value in usage.values() if isinstance(value, list) for item in value]
        for report in reports:
            value = report.get("estimated_time_to_regain_access") if isinstance(report, dict) else None
            if isinstance(value, (int, float)) and _is_number(value) and math.isfinite(value) and value > 0:
                minutes.append(float(value))
    return max(minutes) * 60.0 if minutes else None


def graph_error(what: str, response: requests.Response) -> BridgeError | None:
    """The bridge error for a Graph error answer, or None when the body is not one (then the HTTP status decides)."""
    try:
        body = response.json()
    except ValueError:
        return None
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return None
    code, subcode = _int_or_none(error.get("code")), _int_or_none(error.get("error_subcode"))
    status = response.status_code
    label = f"{what}: Graph error {code}" + (f"/{subcode}" if subcode is not None else "")
    detail = " ".join(str(error.get("message") or "").split())[:200]
    if code in TOKEN_ERROR_CODES or subcode in TOKEN_ERROR_SUBCODES:
        return AuthError(f"{label}: the access token is expired or revoked; renew it in the bridge config ({detail})",
                         status=status)
    if code in THROTTLING_CODES:
        return TransientError(f"{label}: rate limited by Meta ({detail})", status=status,
                              retry_after=usage_retry_after(response) or DEFAULT_THROTTLE_WAIT)
    if code in SERVICE_ERROR_CODES or status == 429 or status >= 500:
        return TransientError(f"{label}: {detail}", status=status, retry_after=usage_retry_after(response))
    if subcode in WINDOW_CLOSED_SUBCODES:
        return PermanentError(f"{label}: Meta's messaging window for this person has closed ({detail})", status=status)
    if code == RECIPIENT_UNAVAILABLE_CODE:
        return PermanentError(f"{label}: this person cannot receive messages from the account right now ({detail})",
                              status=status)
    return PermanentError(f"{label}: {detail}", status=status)


def graph_error_hook(what: str) -> Callable[..., requests.Response]:
    """A requests response hook: raise the mapped error for a Graph error answer before bridge.http.call
    looks at the status alone (Graph sends an expired token as HTTP 400, throttling as 400/403)."""

    def check(response: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
        if response.status_code >= 400:
            error = graph_error(what, response)
            if error is not None:
                raise error
        return response

    return check


def messaging_mode(last_customer_message_at: datetime, now: datetime) -> str | None:
    """How an answer to a person's message may go out now: RESPONSE within 24 hours of their last message,
    the HUMAN_AGENT tag up to 7 days (the bridge only sends what a human agent wrote), nothing after."""
    age = now - last_customer_message_at
    if age <= STANDARD_WINDOW:
        return RESPONSE
    if age <= HUMAN_AGENT_WINDOW:
        return HUMAN_AGENT
    return None


def private_reply_open(target: Target, now: datetime) -> bool:
    """Meta allows one private reply per comment or visitor post, within 7 days of it."""
    return target.private_replies_sent == 0 and now - target.posted_at <= PRIVATE_REPLY_WINDOW


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class MetaApiChannel(Channel):
    """What every Meta account shares, whatever its webhook's envelope: the hub.challenge handshake, the
    X-Hub-Signature-256 check, and Graph API calls with the account's token (Graph errors mapped; an
    expired or revoked token as refused credentials). Facebook Pages, Instagram and Threads build on it."""

    owner_id_setting: ClassVar[str]  # the settings key of the account's own id
    token_setting: ClassVar[str]

    def __init__(self, account_name: str, settings: Mapping[str, Any], session: requests.Session | None = None):
        super().__init__(account_name, settings, session)
        self.owner_id: str = str(self.settings[self.owner_id_setting])
        self.access_token: str = self.settings[self.token_setting]
        self.app_secret: str = self.settings["app_secret"]
        self.verify_token: str = self.settings["verify_token"]
        self.graph_base: str = self.settings.get("graph_base", DEFAULT_GRAPH_BASE).rstrip("/")
        self.graph_version: str = self.settings.get("graph_version", DEFAULT_GRAPH_VERSION)

    # -- inbound ---------------------------------------------------------------------------
    def handshake(self, args: Mapping[str, str]) -> tuple[int, Any]:
        token = args.get("hub.verify_token")
        if args.get("hub.mode") != "subscribe" or not isinstance(token, str) or not hmac.compare_digest(
            token.encode("utf-8"), self.verify_token.encode("utf-8")
        ):
            return 403, {"error": "hub.mode is not subscribe or hub.verify_token does not match this account"}
        challenge = args.get("hub.challenge")
        if not challenge:
            return 400, {"error": "hub.challenge missing"}
        return 200, challenge  # echoed exactly as sent, as plain text

    def verify(self, headers: Mapping[str, str], body: bytes) -> bool:
        received = _header(headers, SIGNATURE_HEADER)
        # The legacy SHA-1 X-Hub-Signature alone is not accepted.
        if not isinstance(received, str) or not received.startswith("sha256="):
            return False
        expected = hub_signature(self.app_secret, body)
        return hmac.compare_digest(expected.encode("ascii"), received.strip().lower().encode("utf-8", "replace"))

    def _graph(self, method: str, path: str, *, what: str, idempotent: bool, **kwargs: Any) -> dict[str, Any]:
        """One Graph API call; the token goes in the Authorization header, never in the URL."""
        response = call(
            self.session,
            method,
            f"{self.graph_base}/{self.graph_version}/{path}",
            what=what,
            idempotent=idempotent,
            retry_after=usage_retry_after,
            headers={"Authorization": f"Bearer {self.access_token}"},
            hooks={"response": [graph_error_hook(what)]},
            **kwargs,
        )
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if isinstance(answer, dict):
            return answer
        if idempotent:
            raise PermanentError(f"{what}: HTTP {response.status_code} answer is not a JSON object")
        raise AmbiguousError(f"{what}: HTTP {response.status_code} without a JSON answer; it probably went through")


class MetaChannel(MetaApiChannel):
    """A Meta account whose webhooks come as `{"object", "entry": [{"changes": [], "messaging": []}]}`: one
    Facebook Page or one Instagram professional account."""

    graph_object: ClassVar[str]  # the webhook's "object": "page" or "instagram"
    hide_field: ClassVar[str]  # the field that hides a comment: Facebook "is_hidden", Instagram "hide"
    can_hide = True
    private_reply_single_use = True  # one private reply per comment

    def hide(self, target: Target) -> str:
        """Hide a comment (or a visitor post on a Page): its author and their friends still see it, others
        do not. Setting it twice is harmless, so it is retried like a read."""
        if target.kind.is_private:
            raise PermanentError(f"{self.name}: a private message has nothing to hide")
        self._graph("POST", path_id(target.post_id), what=f"{self.name} hide post", idempotent=True,
                    data={self.hide_field: "true"})
        return "the bridge hid it (the customer and their friends still see it, others do not)"

    def parse(self, payload: Any) -> list[Post]:
        parsed = self.read(payload)
        if parsed.unreadable:
            raise PayloadError(parsed.unreadable[0])
        return parsed.posts

    def read(self, payload: Any) -> Parsed:
        if not isinstance(payload, dict):
            raise PayloadError(f"{self.name}: payload is not a JSON object")
        if payload.get("object") != self.graph_object:
            raise PayloadError(f"{self.name}: payload object is not {self.graph_object!r}")
        entries = as_list(payload.get("entry"), f"{self.name}: entry")
        parsed = Parsed([])
        foreign: set[str] = set()
        for i, entry in enumerate(entries):
            where = f"{self.name}: entry[{i}]"
            try:
                entry = as_object(entry, where)
                owner = required_id(entry, "id", where)
            except PayloadError as exc:
                parsed.unreadable.append(str(exc))
                continue
            if owner == TEST_DELIVERY_OWNER:
                # The app dashboard's "Test" button sends sample data for entry id 0.
                parsed.ignored.append(f"{where}: a test delivery from Meta's app dashboard")
                continue
            if owner != self.owner_id:
                foreign.add(owner)
                continue
            self._entry_posts(entry, where, parsed)
        if foreign:
            # One Meta app has one callback URL, so its other Pages/accounts also post here.
            if len(foreign) == len(entries):
                raise PayloadError(f"{self.name}: delivery is for account id(s) {', '.join(sorted(foreign))}, not "
                                   f"{self.owner_id} ({self.owner_id_setting} of account {self.account_name})")
            log.warning("%s/%s: skipped entries for other account ids %s", self.name, self.account_name,
                        ", ".join(sorted(foreign)))
        return parsed

    def _entry_posts(self, entry: dict[str, Any], where: str, parsed: Parsed) -> None:
        """Each change and each messaging event on its own: an unreadable one is recorded with its reason."""

        def one(at: str, read: Callable[[], Post | None]) -> None:
            try:
                post = read()
            except IgnoredShape as exc:
                parsed.ignored.append(f"{at}: {exc}")
                return
            except PayloadError as exc:
                parsed.unreadable.append(str(exc))
                return
            if post is not None:
                parsed.posts.append(post)

        try:
            changes = as_list(entry.get("changes", []), f"{where}.changes")
            if "field" in entry:  # Instagram Login can put one change straight on the entry
                changes = [*changes, {"field": entry["field"], "value": entry.get("value")}]
            messaging = as_list(entry.get("messaging", []), f"{where}.messaging")
            # Events for a thread another app controls (Messenger handover protocol) come as `standby`:
            # still the customer's messages, so they become posts like any other.
            standby = as_list(entry.get("standby", []), f"{where}.standby")
        except PayloadError as exc:
            parsed.unreadable.append(str(exc))
            return
        for j, change in enumerate(changes):
            at = f"{where}.changes[{j}]"
            one(at, functools.partial(self._change, change, entry, at))
        for key, events in (("messaging", messaging), ("standby", standby)):
            for j, event in enumerate(events):
                at = f"{where}.{key}[{j}]"
                one(at, functools.partial(self._messaging_event, event, at))

    def _messaging_event(self, event: Any, at: str) -> Post | None:
        return self._post_from_messaging(as_object(event, at), at)

    def _change(self, change: Any, entry: dict[str, Any], at: str) -> Post | None:
        change = as_object(change, at)
        field = required_text(change, "field", at)
        value = as_object(change.get("value"), f"{at}.value")
        if field == "messages" and "sender" in value:  # a messaging event delivered as a change
            return self._post_from_messaging(value, f"{at}.value")
        return self._post_from_change(field, value, entry, f"{at}.value")

    @abstractmethod
    def _post_from_change(self, field: str, value: dict[str, Any], entry: dict[str, Any], where: str) -> Post | None:
        """A post from one `changes[]` item (feed, comments, mentions …); None for changes the bridge ignores."""

    def _post_from_messaging(self, event: dict[str, Any], where: str) -> Post | None:
        """A direct message from a `messaging[]` event: a message, an edit of one, or its deletion."""
        sender_id = required_id(as_object(event.get("sender"), f"{where}.sender"), "id", f"{where}.sender")
        message, edit = event.get("message"), event.get("message_edit")
        if not isinstance(message, dict) and not isinstance(edit, dict):
            return None  # reads, deliveries, reactions, postbacks and referrals carry no customer text
        own = sender_id == self.owner_id or (isinstance(message, dict) and bool(message.get("is_echo")))
        if own or (isinstance(message, dict) and message.get("is_self")):
            return None  # the account's own messages come back as echoes; is_self is Meta's setup test
        sent_at = epoch_time(event.get("timestamp"), f"{where}.timestamp")
        if isinstance(edit, dict):
            mid = required_text(edit, "mid", f"{where}.message_edit")
            text = optional_text(edit, "text", f"{where}.message_edit") or ""
            return self._dm(sender_id, mid, text, sent_at, PostChange.EDITED, event)
        message = as_object(message, f"{where}.message")
        mid = required_text(message, "mid", f"{where}.message")
        if message.get("is_deleted"):
            return self._dm(sender_id, mid, "", sent_at, PostChange.DELETED, event)
        text = message_text(message, f"{where}.message")
        if not text and message.get("is_unsupported"):
            text = UNSUPPORTED_MESSAGE.format(platform=self.label)
        return self._dm(sender_id, mid, text, sent_at, PostChange.CREATED, event, message_media(message))

    def _dm(self, sender_id: str, mid: str, text: str, sent_at: datetime, change: PostChange,
            raw: dict[str, Any], media: tuple[Media, ...] = ()) -> Post:
        return Post(
            platform=self.name,
            account=self.account_name,
            post_id=mid,
            conversation_id=f"dm:{self.owner_id}-{sender_id}",
            kind=PostKind.DIRECT_MESSAGE,
            # Messaging webhooks carry only the page- or Instagram-scoped id, no name.
            author=Author(platform_id=sender_id, handle=sender_id),
            text=text,
            created_at=sent_at,
            change=change,
            media=media,
            raw=raw,
        )

    # -- outbound --------------------------------------------------------------------------
    def private_open(self, target: Target, now: datetime) -> bool:
        if target.kind.is_private:
            return messaging_mode(target.posted_at, now) is not None
        return self._private_reply_recipient(target) is not None and private_reply_open(target, now)

    @abstractmethod
    def _private_reply_recipient(self, target: Target) -> dict[str, str] | None:
        """The `recipient` of a private reply to a public target; None where the platform has none."""

    def send_private(self, text: str, target: Target) -> Delivered:
        return self._send_message(*self._private_message(target, {"text": text}))

    def _private_message(self, target: Target, message: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """(what, Send API body) of a private message to the target's author: inside a conversation, with the
        messaging type its window allows; to a public post, as its one private reply. PermanentError where
        Meta's windows no longer allow it."""
        now = utcnow()
        if target.kind.is_private:
            mode = messaging_mode(target.posted_at, now)
            if mode is None:
                raise PermanentError(f"{self.name} message: Meta's 7-day window for answering this person has "
                                     "closed; they have to write first")
            body: dict[str, Any] = {"recipient": {"id": target.author_id}, "message": message}
            body.update({"messaging_type": RESPONSE} if mode == RESPONSE
                        else {"messaging_type": "MESSAGE_TAG", "tag": HUMAN_AGENT})
            return f"{self.name} message", body
        recipient = self._private_reply_recipient(target)
        if recipient is None or not private_reply_open(target, now):
            raise PermanentError(f"{self.name} private reply: not possible for this post any more (one per "
                                 "comment, within 7 days)")
        return f"{self.name} private reply", {"recipient": recipient, "message": message}

    def _send_message(self, what: str, body: dict[str, Any]) -> Delivered:
        answer = self._graph("POST", f"{self.owner_id}/messages", what=what, idempotent=False, json=body)
        return Delivered(external_id=created_id(answer, "message_id", what), url=None)

    def _send_private_with_images(self, text: str, target: Target, files: list[AttachedFile]) -> Delivered:
        """The Send API takes text or one attachment per message, so the reply goes as its text and then one
        message per image. The images are uploaded first where the platform takes uploads (_message_attachment:
        nothing the customer sees, so a failed upload sends nothing and a retry is safe); then the text, which
        fails or succeeds as send_private does; then each image (_send_image). Once the text is out, an image
        message that fails is never sent again by itself (nor is the text): it and the images after it are
        named in files_not_sent, with the reason.

        A private reply to a comment is a single message, so there only the text goes: the images can follow
        once the customer answers in the conversation it opens."""
        if not target.kind.is_private:
            sent = self.send_private(text, target)
            why = ("a private reply to a public post is one text message; images can follow once the customer "
                   f"answers it on {self.label}")
            return replace(sent, files_not_sent=tuple((file.name, why) for file in files))
        what, body = self._private_message(target, {"text": text})  # a closed window: nothing is uploaded
        payloads = [self._message_attachment(file) for file in files]
        sent = self._send_message(what, body)
        not_sent: list[tuple[str, str]] = []
        for file, payload in zip(files, payloads):
            if not_sent:
                not_sent.append((file.name, f"not sent after {not_sent[0][0]} failed"))
                continue
            try:
                self._send_image(target, file, payload)
            except AmbiguousError as exc:
                log.warning("%s/%s: image %s may or may not have been sent: %s", self.name, self.account_name,
                            file.name, exc)
                not_sent.append((file.name, f"{self.label} did not answer in time after the text went, so it may "
                                            "or may not have arrived: check the conversation before sending it again"))
            except BridgeError as exc:
                log.warning("%s/%s: image %s not sent after the text: %s", self.name, self.account_name, file.name, exc)
                not_sent.append((file.name, f"{self.label} did not take it after the text went: {exc}"))
        return replace(sent, files_not_sent=tuple(not_sent))

    def _message_attachment(self, file: AttachedFile) -> dict[str, Any] | None:
        """The Send API attachment payload for an image of a private message, made before the text is sent
        (an upload, where the platform takes one; None where _send_image makes it). Channels whose private
        messages carry images implement it."""
        raise PermanentError(f"{self.name}: private messages carry text only")

    def _send_image(self, target: Target, file: AttachedFile, payload: dict[str, Any] | None) -> None:
        """One image message to the target's author, after the reply's text."""
        self._send_message(*self._private_message(target, {"attachment": {"type": "image", "payload": payload}}))

def created_id(answer: dict[str, Any], key: str, what: str) -> str:
    """The new object's id from a 2xx answer. Without it we cannot tell what was created, but it was."""
    value = answer.get(key)
    if not isinstance(value, str) or not value:
        raise AmbiguousError(f"{what}: answer without {key}; it probably went through")
    return value


def path_id(object_id: str) -> str:
    return quote(object_id, safe="")


def upload_name(name: str) -> str:
    """A file name as an upload's multipart part gives it: Meta's attachment uploads refuse names with
    non-ASCII characters, so those are replaced (the name is only a label there)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9._-]+", "_", plain).strip("_") or "image"


ATTACHMENT_KINDS = {"image": "image", "video": "video", "animated_image": "image"}


def message_media(message: dict[str, Any]) -> tuple[Media, ...]:
    """A message's attachments. Their URLs are signed CDN links that stop working after a while."""
    found = []
    for attachment in message.get("attachments") or []:
        if not isinstance(attachment, dict) or not isinstance(attachment.get("payload"), dict):
            continue
        url = attachment["payload"].get("url")
        if isinstance(url, str) and url.startswith("https://"):
            found.append(Media(kind=ATTACHMENT_KINDS.get(str(attachment.get("type")), "file"), url=url, expires=True))
    return tuple(found)


def message_text(message: dict[str, Any], where: str) -> str:
    """A message's text; for a message with only attachments, a short note of what was attached."""
    text = optional_text(message, "text", where)
    if text:
        return text
    attachments = message.get("attachments")
    if not isinstance(attachments, list) or not attachments:
        return ""
    kinds: list[str] = [a["type"] if isinstance(a, dict) and isinstance(a.get("type"), str) else "file" for a in attachments]
    return f"({', '.join(kinds)} attachment{'s' if len(kinds) > 1 else ''})"


# -- payload helpers: each raises PayloadError naming the field, never quoting its value -------
def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if value is None:  # a plain dict: look the name up case-insensitively
        lowered = name.lower()
        value = next((v for k, v in headers.items() if isinstance(k, str) and k.lower() == lowered), None)
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _int_or_none(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def epoch_time(value: Any, where: str) -> datetime:
    """Unix time in seconds (feed changes, entry.time) or milliseconds (messaging timestamps)."""
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if not _is_number(value) or not math.isfinite(value) or value <= 0:
        raise PayloadError(f"{where} is missing or not a Unix time")
    seconds = value / 1000 if value > 100_000_000_000 else value  # 1e11 s is the year 5138
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def graph_time(value: Any, where: str) -> datetime:
    """A Graph time: Unix seconds/milliseconds, or ISO 8601 such as 2026-11-20T09:14:03+0000."""
    if isinstance(value, str) and not value.isdigit():
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise PayloadError(f"{where} is not an ISO 8601 time") from None
        if parsed.tzinfo is None:
            raise PayloadError(f"{where} has no time zone")
        return parsed.astimezone(timezone.utc)
    return epoch_time(value, where)
