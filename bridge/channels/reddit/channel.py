"""Reddit (a brand account): username mentions, replies to the brand's comments and posts and private
messages, all read from the brand's inbox (polled); optionally new posts in the brand's subreddits;
replies as comments in the thread, private answers as private messages (Reddit delivers them as chat)."""
from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

import requests
from marshmallow import ValidationError, fields, validate, validates_schema

from bridge.channels.base import Channel, PollingAccountSchema
from bridge.errors import AuthError, PayloadError, PermanentError, TransientError
from bridge.http import call
from bridge.model import Author, Delivered, Engagement, PolledItem, PollResult, Post, PostKind, Target

log = logging.getLogger("bridge.channels.reddit")

PAGE_SIZE = 100  # listings' maximum
PAGES_PER_POLL = 10  # the rest follows at once in the next poll
INFO_PER_CALL = 100  # /api/info's maximum
COMMENT_LIMIT = 10_000  # characters of markdown, comments and private messages alike
SUBJECT_LIMIT = 100
INBOX = "inbox"
# accounts whose messages are no customer: Reddit's own notices and the moderation bot
DEFAULT_IGNORED = ("reddit", "AutoModerator")
_SUBREDDIT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_]{1,20}$")
_RATELIMIT = re.compile(r"(\d{1,4}) (milliseconds?|seconds?|minutes?)")
# Reddit's answers inside {"json": {"errors": [[code, message, field]]}}
_GONE = {"DELETED_COMMENT", "DELETED_LINK", "THREAD_LOCKED", "TOO_OLD", "INVALID_THING_ID"}
_REFUSED_MESSAGE = {"NOT_WHITELISTED_BY_USER_MESSAGE", "USER_BLOCKED_MESSAGE", "USER_DOESNT_EXIST",
                    "USER_MUTED", "BANNED_FROM_SUBREDDIT", "USER_BLOCKED"}


class RedditAccountSchema(PollingAccountSchema):
    # a Reddit app (reddit.com/prefs/apps) with the brand account's consent: a refresh token ("web app" or
    # "installed app", scopes identity read history privatemessages submit), or a password ("script" app)
    client_id = fields.String(required=True, validate=validate.Length(min=1))
    client_secret = fields.String(load_default="")  # installed apps have none
    username = fields.String(required=True, validate=validate.Regexp(r"^[A-Za-z0-9_-]{3,20}$"))  # the brand's, no u/
    refresh_token = fields.String(load_default=None)
    password = fields.String(load_default=None)
    user_agent = fields.String(load_default=None)  # default: social-helpdesk-bridge (by /u/<username>)
    subreddits = fields.List(fields.String(validate=validate.Regexp(_SUBREDDIT, error="a subreddit name, without r/")),
                             load_default=list)  # new posts there become tickets (the brand's own subreddits)
    ignore_authors = fields.List(fields.String(), load_default=lambda: list(DEFAULT_IGNORED))
    message_subject = fields.String(load_default="About your post", validate=validate.Length(min=1, max=SUBJECT_LIMIT))
    api_url = fields.Url(load_default="https://oauth.reddit.com", require_tld=False, schemes={"http", "https"})
    auth_url = fields.Url(load_default="https://www.reddit.com", require_tld=False, schemes={"http", "https"})

    @validates_schema
    def _one_grant(self, data, **_):
        if bool(data.get("refresh_token")) == bool(data.get("password")):
            raise ValidationError("give either refresh_token (web or installed app) or password (script app)",
                                  "refresh_token")


def rate_limit_reset(response: requests.Response) -> float | None:
    """Reddit's X-Ratelimit-Reset: seconds until the window (10 minutes) ends."""
    value = response.headers.get("X-Ratelimit-Reset")
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


class RedditChannel(Channel):
    name = "reddit"
    label = "Reddit"
    first_response_default = ("2h", "2h")  # guidance: two hours (docs/configuration.md)
    account_schema = RedditAccountSchema
    public_limit = COMMENT_LIMIT
    private_limit = COMMENT_LIMIT
    poll_interval = timedelta(minutes=1)  # 100 calls a minute per app: a minute leaves room for many accounts
    reads_engagement = True
    searches = True  # listening: site search, a subreddit's search, or a subreddit's new posts

    def __init__(self, account_name: str, settings: Mapping[str, Any], session: requests.Session | None = None):
        super().__init__(account_name, settings, session)
        self.username: str = self.settings["username"]
        self.api = self.settings["api_url"].rstrip("/")
        self.user_agent = self.settings.get("user_agent") or f"social-helpdesk-bridge (by /u/{self.username})"
        self.ignored = {a.casefold() for a in self.settings.get("ignore_authors") or ()} | {self.username.casefold()}
        self._token: str | None = None
        self._expires = 0.0
        self._paused_until = 0.0  # Reddit said no calls are left in this window (X-Ratelimit-Remaining: 0)
        self._lock = threading.Lock()

    # -- HTTP ------------------------------------------------------------------------------------
    def _call(self, method: str, path: str, what: str, *, idempotent: bool = True, **kwargs) -> Any:
        token = self._access_token()
        try:
            return self._send(method, path, what, token, idempotent, **kwargs)
        except AuthError:
            # the token ran out or was revoked before Reddit did anything: renew it and send once more
            return self._send(method, path, what, self._access_token(renew=token), idempotent, **kwargs)

    def _send(self, method: str, path: str, what: str, token: str, idempotent: bool, **kwargs) -> Any:
        wait = self._paused_until - time.monotonic()
        if wait > 0:  # no call is left in Reddit's window: not even tried, so safe to try later
            raise TransientError(f"reddit {what}: no calls left until Reddit's rate-limit window ends",
                                 retry_after=wait)
        params = {**kwargs.pop("params", {}), "raw_json": 1}
        response = call(self.session, method, f"{self.api}{path}", what=f"reddit {what}", idempotent=idempotent,
                        retry_after=rate_limit_reset, params=params,
                        headers={"Authorization": f"bearer {token}", "User-Agent": self.user_agent}, **kwargs)
        remaining, reset = response.headers.get("X-Ratelimit-Remaining"), rate_limit_reset(response)
        try:
            if remaining is not None and float(remaining) < 1 and reset:
                self._paused_until = time.monotonic() + reset
        except ValueError:
            pass
        try:
            return response.json()
        except ValueError as exc:
            raise PermanentError(f"reddit {what}: the answer is not JSON", status=response.status_code) from exc

    def _access_token(self, renew: str | None = None) -> str:
        with self._lock:
            if self._token and self._token != renew and time.monotonic() < self._expires:
                return self._token
            if self.settings.get("refresh_token"):
                grant = {"grant_type": "refresh_token", "refresh_token": self.settings["refresh_token"]}
            else:
                grant = {"grant_type": "password", "username": self.username, "password": self.settings["password"]}
            try:
                response = call(self.session, "POST", f"{self.settings['auth_url'].rstrip('/')}/api/v1/access_token",
                                what="reddit log in", idempotent=True, retry_after=rate_limit_reset, data=grant,
                                auth=(self.settings["client_id"], self.settings["client_secret"]),
                                headers={"User-Agent": self.user_agent})
            except PermanentError as exc:
                if exc.status in (400, 401, 403):
                    raise AuthError(f"reddit log in: Reddit refused the app's credentials (HTTP {exc.status})",
                                    status=exc.status) from exc
                raise
            answer = response.json() if response.content else {}
            if not isinstance(answer, dict) or not isinstance(answer.get("access_token"), str):
                # a wrong password or a revoked refresh token: 200 with {"error": "invalid_grant"}
                reason = answer.get("error") if isinstance(answer, dict) else None
                raise AuthError(f"reddit log in: Reddit refused the account ({reason or 'no access token'})")
            self._token = answer["access_token"]
            self._expires = time.monotonic() + max(60.0, float(answer.get("expires_in") or 3600) - 60)
            return self._token

    # -- inbound: nothing is pushed --------------------------------------------------------------
    def verify(self, headers: Mapping[str, str], body: bytes) -> bool:
        return False  # Reddit calls no webhook: everything comes by polling

    def poll(self, cursor: str | None, since: datetime) -> PollResult:
        """The brand's inbox (mentions, comment and post replies, private messages), then the new posts of
        its subreddits. Listings come newest first; each source pages back to the newest item taken
        before (its creation time in the cursor) or to `since`."""
        state = json.loads(cursor) if cursor else {}
        items: list[PolledItem] = []
        more = False
        sources = [(INBOX, "/message/inbox", "read the inbox")] + [
            (f"r/{sub}", f"/r/{sub}/new", f"read r/{sub}'s new posts") for sub in self.settings.get("subreddits") or ()]
        for key, path, what in sources:
            try:
                found, state[key], partial = self._since(path, what, {}, state.get(key), since)
            except PermanentError as exc:
                if key == INBOX and exc.status == 403:  # the brand's own inbox: the app lacks the scope or consent
                    raise AuthError("reddit read the inbox: forbidden; the app needs the privatemessages scope and "
                                    "the brand account's consent", status=403) from exc
                raise
            items.extend(PolledItem(event_id=thing["data"]["name"], payload=thing) for thing in found
                         if self._wanted(thing))
            more = more or partial
        return PollResult(items=items, cursor=json.dumps(state, sort_keys=True), more=more)

    def search(self, query: str, since: datetime, cursor: str | None) -> PollResult:
        """`r/name` alone: the subreddit's new posts; `r/name words`: a search in the subreddit; anything
        else: a search of all of Reddit. Newest first (sort=new); posts only, as Reddit's search gives."""
        query = query.strip()
        match = re.fullmatch(r"r/([A-Za-z0-9_]{2,21})(?:\s+(.+))?", query)
        if match and not match.group(2):
            path, params = f"/r/{match.group(1)}/new", {}
        elif match:
            path, params = f"/r/{match.group(1)}/search", {"q": match.group(2), "restrict_sr": "1", "sort": "new"}
        else:
            path, params = "/search", {"q": query, "sort": "new", "type": "link"}
        state = json.loads(cursor) if cursor else None
        found, seen, more = self._since(path, "search", params, state, since)
        return PollResult(items=[PolledItem(event_id=t["data"]["name"], payload=t) for t in found if self._wanted(t)],
                          cursor=json.dumps(seen), more=more)

    def _since(self, path: str, what: str, params: dict[str, Any], seen: Any, since: datetime
               ) -> tuple[list[dict[str, Any]], Any, bool]:
        """Things newer than `seen` ({"at": created_utc, "page": after, "newest": …} while a long stretch is
        read over several polls). Things of the same second as `seen` are read again (deduped by name)."""
        seen = seen or {}
        boundary = max(seen.get("at") or 0.0, since.timestamp())
        after, newest = seen.get("page"), seen.get("newest")
        found: list[dict[str, Any]] = []
        for _ in range(PAGES_PER_POLL):
            listing = self._call("GET", path, what, params={**params, "limit": PAGE_SIZE,
                                                              **({"after": after} if after else {})})
            children = _children(listing, what)
            reached = False
            for thing in children:
                created = thing["data"].get("created_utc")
                if not isinstance(created, (int, float)):
                    continue
                newest = max(newest or 0.0, float(created))
                if created < boundary:
                    reached = True
                    break
                found.append(thing)
            after = (listing.get("data") or {}).get("after")
            if reached or not after or not children:
                return found, {"at": newest or seen.get("at")}, False
        return found, {"at": seen.get("at"), "page": after, "newest": newest}, True

    def _wanted(self, thing: dict[str, Any]) -> bool:
        data = thing["data"]
        author = data.get("author")
        if not isinstance(author, str) or author == "[deleted]" or author.casefold() in self.ignored:
            return False
        return data.get("distinguished") != "admin"  # Reddit's own notices

    def parse(self, payload: Any) -> list[Post]:
        if not isinstance(payload, dict) or payload.get("kind") not in ("t1", "t3", "t4") \
                or not isinstance(payload.get("data"), dict):
            raise PayloadError("reddit: expected a comment (t1), post (t3) or message (t4)")
        kind, data = payload["kind"], payload["data"]
        name, author = data.get("name"), data.get("author")
        if not isinstance(name, str) or not isinstance(author, str):
            raise PayloadError("reddit: the thing has no name or author")
        created = data.get("created_utc")
        if not isinstance(created, (int, float)):
            raise PayloadError("reddit: the thing has no created_utc")
        when = datetime.fromtimestamp(created, tz=timezone.utc)
        person = Author(platform_id=data.get("author_fullname") or f"u/{author}", handle=author)
        if kind == "t4":
            subject = data.get("subject") or ""
            body = data.get("body") or ""
            return [Post(platform=self.name, account=self.account_name, post_id=name,
                         # a message thread is its first message; a first message is its own thread
                         conversation_id=data.get("first_message_name") or name, in_reply_to_id=data.get("parent_id"),
                         kind=PostKind.DIRECT_MESSAGE, author=person,
                         text=f"{subject}\n\n{body}" if subject and not data.get("first_message_name") else body,
                         url=None, created_at=when, raw=payload)]
        if kind == "t3":
            title, selftext = data.get("title") or "", data.get("selftext") or ""
            return [Post(platform=self.name, account=self.account_name, post_id=name, conversation_id=name,
                         kind=PostKind.PUBLIC_POST, author=person,
                         text=f"{title}\n\n{selftext}".strip(), url=_link(data.get("permalink")), created_at=when,
                         engagement=Engagement(likes=_count(data.get("score")), replies=_count(data.get("num_comments")),
                                               reposts=_count(data.get("num_crossposts"))), raw=payload)]
        thread = data.get("link_id") or _thread_of(data.get("context"))
        if not thread:
            raise PayloadError("reddit: a comment needs its post (link_id or context)")
        return [Post(platform=self.name, account=self.account_name, post_id=name, conversation_id=thread,
                     in_reply_to_id=data.get("parent_id"), kind=PostKind.PUBLIC_REPLY, author=person,
                     text=data.get("body") or "", url=_link(data.get("permalink") or data.get("context")),
                     created_at=when, raw=payload)]

    def engagement(self, post_ids: list[str]) -> dict[str, Engagement]:
        found: dict[str, Engagement] = {}
        for start in range(0, len(post_ids), INFO_PER_CALL):
            listing = self._call("GET", "/api/info", "read post counts",
                                 params={"id": ",".join(post_ids[start:start + INFO_PER_CALL])})
            for thing in _children(listing, "read post counts"):
                data = thing["data"]
                found[data["name"]] = Engagement(likes=_count(data.get("score")), replies=_count(data.get("num_comments")),
                                                 reposts=_count(data.get("num_crossposts")))
        return found

    # -- outbound ---------------------------------------------------------------------------------
    def private_open(self, target: Target, now: datetime) -> bool:
        """Anyone may be sent a message, unless they block the brand or accept messages only from people
        they allow; Reddit says so only when the message is refused (the agent is then told)."""
        return True

    def send_public(self, text: str, target: Target) -> Delivered:
        """A comment under the customer's comment or post (thing_id = its fullname)."""
        if target.post_id.startswith("t4_"):
            raise PermanentError("reddit: a private message cannot be answered publicly")
        things = self._things(self._call("POST", "/api/comment", "post a comment", idempotent=False,
                                         data={"thing_id": target.post_id, "text": text, "api_type": "json"}),
                              "post a comment")
        if not things:
            # Reddit took it but does not show it (a quarantined or restricted subreddit): posted, no link
            return Delivered(external_id=f"{target.post_id}/reply", url=None)
        data = things[0].get("data") or {}
        url = _link(data.get("permalink"))
        if url is None and isinstance(data.get("link_id"), str) and isinstance(data.get("id"), str):
            url = f"https://www.reddit.com/comments/{data['link_id'].removeprefix('t3_')}/_/{data['id']}/"
        return Delivered(external_id=data.get("name") or data.get("id") or f"{target.post_id}/reply", url=url)

    def send_private(self, text: str, target: Target) -> Delivered:
        """In a message thread: a reply to the customer's message (same conversation). Otherwise a new
        message to the customer."""
        if target.post_id.startswith("t4_"):
            things = self._things(self._call("POST", "/api/comment", "answer a message", idempotent=False,
                                             data={"thing_id": target.post_id, "text": text, "api_type": "json"}),
                                  "answer a message", refused=_REFUSED_MESSAGE)
            data = (things[0].get("data") or {}) if things else {}
            return Delivered(external_id=data.get("name") or f"{target.post_id}/reply", url=None)
        self._things(self._call("POST", "/api/compose", "send a message", idempotent=False,
                                data={"to": target.author_handle, "subject": self.settings["message_subject"],
                                      "text": text, "api_type": "json"}),
                     "send a message", refused=_REFUSED_MESSAGE)
        return Delivered(external_id=f"message to u/{target.author_handle}", url=None)

    def _things(self, answer: Any, what: str, refused: set[str] | None = None) -> list[dict[str, Any]]:
        """Reddit answers 200 with {"json": {"errors": [[code, message, field], …], "data": {"things": […]}}}."""
        body = answer.get("json") if isinstance(answer, dict) else None
        if not isinstance(body, dict):
            raise PermanentError(f"reddit {what}: an answer without its json part")
        errors = [e for e in body.get("errors") or [] if isinstance(e, list) and e]
        if errors:
            code, message = str(errors[0][0]), str(errors[0][1]) if len(errors[0]) > 1 else ""
            if code == "RATELIMIT":
                raise TransientError(f"reddit {what}: {message}", status=200, retry_after=_ratelimit_seconds(message))
            if refused and code in refused:
                raise PermanentError(f"reddit {what}: the customer does not accept messages from this account "
                                     f"({code}: {message})")
            if code in _GONE:
                raise PermanentError(f"reddit {what}: the post to answer is gone or closed ({code}: {message})")
            raise PermanentError(f"reddit {what}: {code}: {message}")
        things = (body.get("data") or {}).get("things")
        return [t for t in things if isinstance(t, dict)] if isinstance(things, list) else []


def _children(listing: Any, what: str) -> list[dict[str, Any]]:
    data = listing.get("data") if isinstance(listing, dict) else None
    children = data.get("children") if isinstance(data, dict) else None
    if not isinstance(children, list):
        raise PermanentError(f"reddit {what}: expected a Listing")
    return [c for c in children if isinstance(c, dict) and isinstance(c.get("data"), dict)
            and isinstance(c["data"].get("name"), str)]


def _thread_of(context: Any) -> str | None:
    """The post's fullname from a comment's context link (/r/sub/comments/<post id>/slug/<comment id>/)."""
    match = re.search(r"/comments/([a-z0-9]+)/", context) if isinstance(context, str) else None
    return f"t3_{match.group(1)}" if match else None


def _link(path: Any) -> str | None:
    if not isinstance(path, str) or not path.startswith("/"):
        return None
    return "https://www.reddit.com" + path.split("?", 1)[0]


def _count(value: Any) -> int:
    return int(value) if isinstance(value, (int, float)) and value > 0 else 0


def _ratelimit_seconds(message: str) -> float | None:
    """"You are doing that too much. Try again in 6 minutes." → 360."""
    match = _RATELIMIT.search(message)
    if not match:
        return None
    amount = int(match.group(1))
    unit = match.group(2)
    return amount * 60.0 if unit.startswith("minute") else 1.0 if unit.startswith("milli") else float(amount)
