"""Mastodon (any instance, any number of accounts on any number of instances): mentions of the brand
read from its notifications (polled, cursor = the newest notification id taken); replies as statuses
in the customer's thread with the visibility of the customer's post; private answers as direct
statuses that mention only the customer."""
from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

import regex
import requests
from bs4 import BeautifulSoup
from marshmallow import fields, validate

from bridge.channels.base import Channel, MediaLimits, PollingAccountSchema
from bridge.errors import AuthError, BridgeError, PayloadError, PermanentError, TransientError
from bridge.http import call
from bridge.model import AttachedFile, Author, Delivered, Engagement, Measure, PolledItem, PollResult, Post, PostKind, Target

log = logging.getLogger("bridge.channels.mastodon")

PAGE_SIZE = 80  # notifications' maximum (statuses and timelines: 40)
TIMELINE_PAGE_SIZE = 40
PAGES_PER_POLL = 10  # the rest follows at once in the next poll
DEFAULT_LIMIT = 500  # characters, when the instance does not say (GET /api/v2/instance)
URL_WEIGHT = 23  # every link counts this many characters, when the instance does not say
VISIBILITIES = ("public", "unlisted", "private", "direct")
MEDIA_CHECKS = 5  # an upload still processing (202) is checked this many times,
MEDIA_CHECK_PAUSE = 1.0  # this many seconds apart, before the reply waits for a later attempt
_URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")
_MENTION = re.compile(r"(?<![\w@/])@([a-zA-Z0-9_]+)(?:@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}|@localhost(?::\d+)?)?")
# 403 answers that mean the token, not the request, needs fixing
_REFUSED_403 = ("outside the authorized scopes", "login is currently disabled", "account is suspended",
                "account is not approved", "confirm your e-mail")


class MastodonAccountSchema(PollingAccountSchema):
    instance_url = fields.Url(required=True, require_tld=False, schemes={"http", "https"})  # e.g. https://mastodon.social
    # an application's token for the brand's account: read:notifications read:statuses write:statuses (+ read:search)
    access_token = fields.String(required=True, validate=validate.Length(min=1))


def rate_limit_reset(response: requests.Response) -> float | None:
    """Mastodon's X-RateLimit-Reset: the ISO time the window resets; falls back to Retry-After."""
    value = response.headers.get("X-RateLimit-Reset")
    if value:
        try:
            when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            when = None
        if when is not None:
            if when.tzinfo is None:
                when = when.replace(tzinfo=timezone.utc)
            return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
    seconds = response.headers.get("Retry-After")
    return float(seconds) if seconds and seconds.strip().isdigit() else None


def html_text(content: str) -> str:
    """A status's HTML content as plain text: paragraphs as blank lines, <br> as line breaks."""
    soup = BeautifulSoup(content or "", "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    paragraphs = [p.get_text() for p in soup.find_all("p")] or [soup.get_text()]
    return "\n\n".join(p.strip() for p in paragraphs if p.strip())


def status_length(text: str, url_weight: int = URL_WEIGHT) -> int:
    """Characters as Mastodon counts them (StatusLengthValidator): grapheme clusters, every link as
    `url_weight`, a mention of a remote account as its local part only (@name, not @name@domain)."""
    counted = _URL.sub("x" * url_weight, text)
    counted = _MENTION.sub(lambda m: "@" + m.group(1), counted)
    return len(regex.findall(r"\X", counted))


def newer(a: str, b: str | None) -> bool:
    """Whether id a is newer than id b. Mastodon's ids are numbers (as strings); other servers'
    (GoToSocial's ULIDs) sort as text."""
    if b is None:
        return True
    if a.isdigit() and b.isdigit():
        return int(a) > int(b)
    return a > b


class MastodonChannel(Channel):
    name = "mastodon"
    label = "Mastodon"
    # no published norm: a conversational timeline like X's, so as Bluesky: 30 minutes aimed for, an hour at most
    first_response_default = ("30m", "1h")
    account_schema = MastodonAccountSchema
    public_limit = DEFAULT_LIMIT  # the instance's own limit replaces it (configuration.statuses.max_characters)
    private_limit = DEFAULT_LIMIT  # a direct status is a status
    poll_interval = timedelta(seconds=30)
    reads_engagement = True
    searches = True  # listening: #hashtag timelines, and full-text search where the instance offers it
    # Images with a reply, public or direct: at most 4 per status; 10 MB each fits every Mastodon version's
    # default (16 MB since 4.0)
    reply_media = {"public": frozenset({"image"}), "private": frozenset({"image"})}
    media_limits = MediaLimits(max_files=4, max_bytes=10_000_000,
                               types=frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"}))

    def __init__(self, account_name: str, settings: Mapping[str, Any], session: requests.Session | None = None):
        super().__init__(account_name, settings, session)
        self.base = self.settings["instance_url"].rstrip("/")
        self._me: dict[str, Any] | None = None
        self._limits: tuple[int, int] | None = None
        self._lock = threading.Lock()

    # -- HTTP -------------------------------------------------------------------------------------
    def _call(self, method: str, path: str, what: str, *, idempotent: bool = True, **kwargs) -> Any:
        headers = {"Authorization": f"Bearer {self.settings['access_token']}", **kwargs.pop("headers", {})}
        try:
            response = call(self.session, method, f"{self.base}{path}", what=f"mastodon {what}", idempotent=idempotent,
                            retry_after=rate_limit_reset, headers=headers, **kwargs)
        except PermanentError as exc:
            if exc.status == 403 and any(s in _error(exc).lower() for s in _REFUSED_403):
                raise AuthError(f"mastodon {what}: the instance refused the account's token ({_error(exc)})",
                                status=403, response=exc.response) from exc
            raise
        if not response.content:
            return {}
        try:
            return response.json()
        except ValueError as exc:
            raise PermanentError(f"mastodon {what}: the answer is not JSON", status=response.status_code) from exc

    def me(self) -> dict[str, Any]:
        """The brand's own account (verify_credentials), read once."""
        with self._lock:
            if self._me is None:
                found = self._call("GET", "/api/v1/accounts/verify_credentials", "read the brand's account")
                if not isinstance(found, dict) or not isinstance(found.get("id"), str):
                    raise PermanentError("mastodon read the brand's account: no account id in the answer")
                self._me = found
            return self._me

    # -- inbound: nothing is pushed to a user's app -------------------------------------------
    def verify(self, headers: Mapping[str, str], body: bytes) -> bool:
        return False  # Mastodon's webhooks are for instance admins only: mentions are polled

    def poll(self, cursor: str | None, since: datetime) -> PollResult:
        """Mention notifications newer than the cursor (the newest notification id taken), oldest page
        first with min_id; the first poll reads back to `since`."""
        params = {"types[]": "mention", "include_filtered": "true", "limit": PAGE_SIZE}
        found, cursor, more = self._page(
            "/api/v1/notifications", "read notifications", params, cursor, since,
            lambda n: n.get("status") if n.get("type") == "mention" else None)
        return PollResult(items=self._items([{"notification": n} for n in found]), cursor=cursor, more=more)

    def search(self, query: str, since: datetime, cursor: str | None) -> PollResult:
        """A `#hashtag` reads the instance's tag timeline (every instance); other words use full-text
        search (/api/v2/search, type statuses), which only instances with search enabled answer, and only
        over posts they let be searched."""
        query = query.strip()
        hashtag = re.fullmatch(r"#(\w+)", query)
        params: dict[str, Any]
        if hashtag:
            path, what, params = f"/api/v1/timelines/tag/{hashtag.group(1)}", "read a hashtag timeline", {}
        else:
            path, what, params = "/api/v2/search", "search statuses", {"q": query, "type": "statuses", "resolve": "false"}
        params["limit"] = TIMELINE_PAGE_SIZE
        me = self.me()["id"]
        found, cursor, more = self._page(path, what, params, cursor, since, lambda status: status,
                                         unwrap=None if hashtag else lambda answer: answer.get("statuses"))
        statuses = [s for s in found if (s.get("account") or {}).get("id") != me and s.get("visibility") == "public"]
        return PollResult(items=self._items([{"status": s} for s in statuses]), cursor=cursor, more=more)

    def _page(self, path: str, what: str, params: dict[str, Any], cursor: str | None, since: datetime, pick,
              unwrap=None) -> tuple[list[dict[str, Any]], str | None, bool]:
        """Items newer than `cursor` (by id), oldest first. With a cursor: pages forward with min_id.
        Without: the newest pages, back with max_id until `since`. Returns (items, new cursor, more)."""
        taken: list[dict[str, Any]] = []
        newest = cursor
        if cursor is not None:
            low = cursor
            for _ in range(PAGES_PER_POLL):
                page = self._read(path, what, {**params, "min_id": low}, unwrap)
                fresh = [item for item in page if newer(item["id"], low)]
                if not fresh:
                    return taken, newest, False
                fresh.sort(key=_id_key)
                taken.extend(item for item in fresh if pick(item) is not None)
                low = fresh[-1]["id"]
                newest = low
                if len(page) < params["limit"]:
                    return taken, newest, False
            return taken, newest, True
        high = None
        for _ in range(PAGES_PER_POLL):
            page = self._read(path, what, {**params, **({"max_id": high} if high else {})}, unwrap)
            if not page:
                break
            page.sort(key=_id_key, reverse=True)
            if newest is None or newer(page[0]["id"], newest):
                newest = page[0]["id"]
            old = False
            for item in page:
                moment = _when(item.get("created_at"))
                if moment is not None and moment < since:
                    old = True
                    break
                if pick(item) is not None:
                    taken.append(item)
            high = page[-1]["id"]
            if old or len(page) < params["limit"]:
                break
        taken.sort(key=_id_key)
        return taken, newest, False

    def _read(self, path: str, what: str, params: dict[str, Any], unwrap) -> list[dict[str, Any]]:
        answer = self._call("GET", path, what, params=params)
        if unwrap is not None and isinstance(answer, dict):
            answer = unwrap(answer)
        if not isinstance(answer, list):
            raise PermanentError(f"mastodon {what}: expected a list in the answer")
        return [item for item in answer if isinstance(item, dict) and isinstance(item.get("id"), str)]

    def _items(self, payloads: list[dict[str, Any]]) -> list[PolledItem]:
        """Each status as an event keyed by its id, with its thread's first post (read from the status's
        context) so a reply joins the ticket of the thread it is in, even one the bridge only answered."""
        items = []
        for payload in payloads:
            status = _status_of(payload)
            if status is None:
                continue
            if status.get("in_reply_to_id"):
                payload = {**payload, "root_id": self._root(status)}
            items.append(PolledItem(event_id=f"status:{status['id']}", payload=payload))
        return items

    def _root(self, status: dict[str, Any]) -> str:
        try:
            context = self._call("GET", f"/api/v1/statuses/{status['id']}/context", "read the thread")
        except PermanentError:
            return status["in_reply_to_id"]  # the thread is gone or hidden: the parent stands in for it
        ancestors = context.get("ancestors") if isinstance(context, dict) else None
        if ancestors and isinstance(ancestors[0], dict) and isinstance(ancestors[0].get("id"), str):
            return ancestors[0]["id"]
        return status["in_reply_to_id"]

    def parse(self, payload: Any) -> list[Post]:
        if not isinstance(payload, dict):
            raise PayloadError("mastodon: expected a polled notification or status")
        notification = payload.get("notification")
        if isinstance(notification, dict) and notification.get("type") != "mention":
            return []
        status = _status_of(payload)
        if status is None:
            raise PayloadError("mastodon: a notification or status with an id is needed")
        account = status.get("account")
        if not isinstance(account, dict) or not isinstance(account.get("id"), str) or not isinstance(account.get("acct"), str):
            raise PayloadError("mastodon: the status has no account id and acct")
        visibility = status.get("visibility")
        if visibility not in VISIBILITIES:
            raise PayloadError(f"mastodon: unknown visibility {visibility!r}")
        created = _when(status.get("created_at"))
        if created is None:
            raise PayloadError("mastodon: the status has no readable created_at")
        text = html_text(status.get("content") or "")
        if status.get("spoiler_text"):
            text = f"[CW: {status['spoiler_text']}]\n{text}"
        private = visibility == "direct"
        parent = status.get("in_reply_to_id") if isinstance(status.get("in_reply_to_id"), str) else None
        root = payload.get("root_id") if isinstance(payload.get("root_id"), str) else parent
        followers = account.get("followers_count")
        return [Post(
            platform=self.name, account=self.account_name, post_id=status["id"],
            # a direct conversation is one per customer; a public thread is its first post's
            conversation_id=account["id"] if private else (root or status["id"]), in_reply_to_id=parent,
            kind=PostKind.DIRECT_MESSAGE if private else PostKind.PUBLIC_REPLY if parent else PostKind.PUBLIC_POST,
            author=Author(platform_id=account["id"], handle=account["acct"],
                          display_name=account.get("display_name") or "",
                          followers=followers if isinstance(followers, int) else None),
            text=text, url=status.get("url") if isinstance(status.get("url"), str) else None, created_at=created,
            engagement=None if private else _engagement(status), raw=payload)]

    def engagement(self, post_ids: list[str]) -> dict[str, Engagement]:
        """Counts of many statuses at once (GET /api/v1/statuses?id[]=, Mastodon 4.3+), one by one from
        servers without that call."""
        found: dict[str, Engagement] = {}
        for start in range(0, len(post_ids), TIMELINE_PAGE_SIZE):
            batch = post_ids[start:start + TIMELINE_PAGE_SIZE]
            try:
                answer = self._call("GET", "/api/v1/statuses", "read post counts", params=[("id[]", i) for i in batch])
            except PermanentError as exc:
                if exc.status not in (404, 422):
                    raise
                answer = []
                for status_id in batch:
                    try:
                        answer.append(self._call("GET", f"/api/v1/statuses/{status_id}", "read post counts"))
                    except PermanentError as gone:
                        if gone.status != 404:
                            raise
            for status in answer if isinstance(answer, list) else []:
                if isinstance(status, dict) and isinstance(status.get("id"), str):
                    found[status["id"]] = _engagement(status)
        return found

    # -- outbound ---------------------------------------------------------------------------
    def limits(self) -> tuple[int, int]:
        """(max characters, characters per link) from the instance (GET /api/v2/instance), read once;
        Mastodon's defaults while the instance cannot be read."""
        if self._limits is None:
            try:
                instance = self._call("GET", "/api/v2/instance", "read the instance's limits")
                statuses = (instance.get("configuration") or {}).get("statuses") or {}
                self._limits = (int(statuses.get("max_characters") or DEFAULT_LIMIT),
                                int(statuses.get("characters_reserved_per_url") or URL_WEIGHT))
            except (BridgeError, TypeError, ValueError, AttributeError) as exc:
                log.warning("mastodon: the instance's limits are not readable (%s); %d characters assumed", exc,
                            DEFAULT_LIMIT)
                return DEFAULT_LIMIT, URL_WEIGHT
        return self._limits

    def text_length(self, text: str) -> int:
        return status_length(text, self.limits()[1])

    def measure(self, text: str, target: Target, *, private: bool) -> Measure:
        limit, url_weight = self.limits()
        return Measure(status_length(_addressed(text, target), url_weight), limit)

    def private_open(self, target: Target, now: datetime) -> bool:
        return True  # a direct status reaches anyone it mentions (their own filters aside)

    def send_public(self, text: str, target: Target) -> Delivered:
        """A reply in the customer's thread, as visible as the customer's post (never more)."""
        status = self._call("GET", f"/api/v1/statuses/{target.post_id}", "read the post to answer")
        visibility = status.get("visibility") if isinstance(status, dict) else None
        if visibility not in VISIBILITIES:
            raise PermanentError("mastodon: the post to answer has no readable visibility")
        return self._post(text, target, visibility)

    def send_private(self, text: str, target: Target) -> Delivered:
        """A direct status, in reply to the customer's post, mentioning only the customer."""
        return self._post(text, target, "direct")

    def send_with_media(self, text: str, target: Target, files: list[AttachedFile], *, private: bool) -> Delivered:
        """Each image is uploaded first (POST /api/v2/media, its file name as description: an attachment no
        status uses is never shown and the instance removes it), then one status carries their media_ids."""
        if not files or len(files) > self.media_limits.max_files:
            raise PermanentError(f"mastodon: cannot send {len(files)} files with one status")
        media_ids = [self._upload(file) for file in files]
        if private:
            return self._post(text, target, "direct", media_ids)
        status = self._call("GET", f"/api/v1/statuses/{target.post_id}", "read the post to answer")
        visibility = status.get("visibility") if isinstance(status, dict) else None
        if visibility not in VISIBILITIES:
            raise PermanentError("mastodon: the post to answer has no readable visibility")
        return self._post(text, target, visibility, media_ids)

    def _upload(self, file: AttachedFile) -> str:
        what = f"upload {file.name}"
        media = self._call("POST", "/api/v2/media", what, files={"file": (file.name, file.data, file.content_type)},
                           data={"description": file.name})
        if not isinstance(media, dict) or not isinstance(media.get("id"), str):
            raise PermanentError(f"mastodon {what}: the instance answered without the attachment's id")
        # 202: still processing (url null); a status may not use it until it is done
        for _ in range(MEDIA_CHECKS):
            if media.get("url"):
                break
            time.sleep(MEDIA_CHECK_PAUSE)
            media = self._call("GET", f"/api/v1/media/{media['id']}", f"check {file.name}")
            if not isinstance(media, dict):
                raise PermanentError(f"mastodon check {file.name}: not an attachment")
        else:
            if not media.get("url"):
                raise TransientError(f"mastodon {what}: the instance is still processing it")
        return str(media["id"])

    def _post(self, text: str, target: Target, visibility: str, media_ids: list[str] | None = None) -> Delivered:
        body = _addressed(text, target)
        # the same reply to the same post is the same key: the instance keeps it an hour and makes a repeat
        # (after a 429 or 5xx) return the first status instead of posting twice
        key = hashlib.sha256(f"{self.account_name}\n{target.post_id}\n{visibility}\n{body}".encode()).hexdigest()
        fields: dict[str, Any] = {"status": body, "in_reply_to_id": target.post_id, "visibility": visibility}
        if media_ids:
            fields["media_ids"] = media_ids
        created = self._call("POST", "/api/v1/statuses", "post a reply", idempotent=False,
                             headers={"Idempotency-Key": key}, json=fields)
        if not isinstance(created, dict) or not isinstance(created.get("id"), str):
            raise PermanentError("mastodon post a reply: the instance answered without the new status's id")
        return Delivered(external_id=created["id"], url=created.get("url") if visibility != "direct" else None)


def _addressed(text: str, target: Target) -> str:
    """Mastodon delivers a reply to whoever it mentions: it starts with the customer's @acct unless the
    agent wrote it already."""
    handle = target.author_handle.lstrip("@")
    mention = f"@{handle}"
    if re.search(rf"(?<![\w@]){re.escape(mention)}(?![\w@.])", text, re.IGNORECASE):
        return text
    return f"{mention} {text}"


def _status_of(payload: dict[str, Any]) -> dict[str, Any] | None:
    notification = payload.get("notification")
    status = notification.get("status") if isinstance(notification, dict) else payload.get("status")
    return status if isinstance(status, dict) and isinstance(status.get("id"), str) else None


def _engagement(status: dict[str, Any]) -> Engagement:
    def count(key: str) -> int:
        value = status.get(key)
        return value if isinstance(value, int) and value >= 0 else 0

    return Engagement(likes=count("favourites_count"), reposts=count("reblogs_count") + count("quotes_count"),
                      replies=count("replies_count"))


def _id_key(item: dict[str, Any]) -> tuple[int, int, str]:
    value = item["id"]
    return (1, int(value), "") if value.isdigit() else (0, 0, value)


def _when(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _error(exc: BridgeError) -> str:
    response = getattr(exc, "response", None)
    if response is None:
        return str(exc)
    try:
        body = response.json()
    except ValueError:
        return str(exc)
    return str(body.get("error")) if isinstance(body, dict) and body.get("error") else str(exc)

