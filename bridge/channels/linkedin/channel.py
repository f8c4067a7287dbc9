"""LinkedIn Community Management API (api.linkedin.com/rest, versioned by the LinkedIn-Version header):
the organization's recent posts (`GET /rest/posts?q=author`), their comments and the replies under them
(`GET /rest/socialActions/{urn}/comments`), and answers as nested comments
(`POST /rest/socialActions/{comment urn}/comments` with `parentComment`).

A comment is `{"actor": "urn:li:person:…", "commentUrn": "urn:li:comment:(urn:li:activity:…,…)", "id",
"created": {"actor", "time"}, "lastModified": {…}, "message": {"text", "attributes"}, "object": "urn:li:activity:…",
"parentComment"?, "commentsSummary": {"totalFirstLevelComments", …}}` (learn.microsoft.com/linkedin/marketing/
community-management/shares/comments-api). Limits are per application and member per day, reset at midnight
UTC; past them LinkedIn answers 429 "Resource level throttle APPLICATION DAY limit … is reached"
(…/shared/api-guide/concepts/rate-limits); no rate-limit headers are documented.
"""
from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote

import requests
from marshmallow import fields, validate

from bridge.channels.base import Channel, PollingAccountSchema
from bridge.channels.payload import as_object, required_text
from bridge.errors import AmbiguousError, AuthError, BridgeError, PayloadError, PermanentError, TransientError
from bridge.http import call, retry_after_header
from bridge.model import Author, Delivered, PolledItem, PollResult, Post, PostKind, Target

log = logging.getLogger("bridge.channels.linkedin")

DEFAULT_API = "https://api.linkedin.com/rest"
DEFAULT_VERSION = "202611"  # LinkedIn-Version: YYYYMM; each version is served about a year
SHORT_THROTTLE_WAIT = 60.0
OVERLAP = timedelta(minutes=10)  # re-read this far behind the newest comment seen (repeats are deduped)
PAGE_SIZE = 100
_ACTIVITY = re.compile(r"^urn:li:comment:\((urn:li:[a-zA-Z]+:\d+),(\d+)\)$")


class LinkedInAccountSchema(PollingAccountSchema):
    organization_id = fields.String(required=True, validate=validate.Regexp(r"^\d+$", error="must be a numeric id"))
    access_token = fields.String(required=True, validate=validate.Length(min=1))  # an admin's token, 60 days
    api_base = fields.Url(load_default=DEFAULT_API, require_tld=False, schemes={"http", "https"})
    api_version = fields.String(load_default=DEFAULT_VERSION, validate=validate.Regexp(r"^\d{6}$", error="must be YYYYMM"))
    watch_posts = fields.Integer(load_default=10, strict=True, validate=validate.Range(min=1, max=100))


def linkedin_error(what: str, response: requests.Response) -> BridgeError | None:
    status = response.status_code
    if status < 400:
        return None
    try:
        body = response.json()
    except ValueError:
        body = None
    body = body if isinstance(body, dict) else {}
    code = body.get("code") if isinstance(body.get("code"), str) else ""
    message = " ".join(str(body.get("message") or "").split())[:200]
    label = f"{what}: HTTP {status}" + (f" {code}" if code else "")
    if status == 429:
        if re.search(r"\bDAY\b", message):  # a daily limit: nothing goes through before midnight UTC
            return TransientError(f"{label}: LinkedIn's daily limit is reached ({message})", status=status,
                                  retry_after=retry_after_header(response) or until_utc_midnight(datetime.now(timezone.utc)),
                                  response=response)
        return TransientError(f"{label}: rate limited ({message})", status=status, response=response,
                              retry_after=retry_after_header(response) or SHORT_THROTTLE_WAIT)
    if status == 401:
        return AuthError(f"{label}: LinkedIn refused the access token (expired after 60 days, or revoked); renew it "
                         f"in the bridge config ({message})", status=status, response=response)
    if status >= 500:
        return TransientError(f"{label}: {message}", status=status, response=response)
    return PermanentError(f"{label}: {message}", status=status, response=response)


def until_utc_midnight(now: datetime) -> float:
    midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), tzinfo=timezone.utc)
    return max((midnight - now).total_seconds(), 1.0)


class LinkedInChannel(Channel):
    name = "linkedin"
    label = "LinkedIn"
    # guidance for YouTube, LinkedIn and review sites: within 24 hours, the same day preferred
    first_response_default = ("8h", "24h")
    account_schema = LinkedInAccountSchema
    public_limit = 1250  # characters per comment
    private_limit = 0  # organization pages cannot message members through the API: phone handoff
    poll_interval = timedelta(minutes=10)

    def __init__(self, account_name: str, settings: Mapping[str, Any], session: requests.Session | None = None):
        super().__init__(account_name, settings, session)
        self.organization = f"urn:li:organization:{self.settings['organization_id']}"
        self.api: str = self.settings.get("api_base", DEFAULT_API).rstrip("/")
        self.version: str = self.settings.get("api_version", DEFAULT_VERSION)
        self.watch_posts: int = self.settings.get("watch_posts", 10)

    def _call(self, method: str, path: str, *, what: str, idempotent: bool, **kwargs: Any) -> requests.Response:
        what = f"linkedin {what}"

        def check(response: requests.Response, *args: Any, **kw: Any) -> requests.Response:
            error = linkedin_error(what, response)
            if error is not None:
                raise error
            return response

        return call(self.session, method, f"{self.api}/{path}", what=what, idempotent=idempotent,
                    headers={"Authorization": f"Bearer {self.settings['access_token']}", "LinkedIn-Version": self.version,
                             "X-Restli-Protocol-Version": "2.0.0"},
                    hooks={"response": [check]}, **kwargs)

    def _get(self, path: str, what: str, params: dict[str, Any]) -> dict[str, Any]:
        response = self._call("GET", path, what=what, idempotent=True, params=params)
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if not isinstance(answer, dict) or not isinstance(answer.get("elements"), list):
            raise PermanentError(f"linkedin {what}: the answer has no elements list")
        return answer

    # -- inbound: polled ------------------------------------------------------------------------
    def verify(self, headers: Mapping[str, str], body: bytes) -> bool:
        return False  # LinkedIn's webhooks need an approved use case; comments are polled

    def poll(self, cursor: str | None, since: datetime) -> PollResult:
        """The organization's `watch_posts` most recent posts, their comments and the replies under comments
        that have some; every comment newer than what was seen (less an overlap) or `since`, not the
        organization's own."""
        state = json.loads(cursor) if cursor else {}
        seen = state.get("seen")
        boundary = since
        if isinstance(seen, int):
            boundary = max(since, datetime.fromtimestamp(seen / 1000, tz=timezone.utc) - OVERLAP)
        posts = self._get("posts", "list the organization's posts",
                          {"author": self.organization, "q": "author", "count": self.watch_posts, "sortBy": "LAST_MODIFIED"})
        items: list[PolledItem] = []
        newest = seen if isinstance(seen, int) else None
        for post in posts["elements"]:
            post_urn = post.get("id") if isinstance(post, dict) else None
            if not isinstance(post_urn, str):
                continue
            for comment in self._comments(post_urn):
                created = _created_ms(comment)
                if created is None:
                    continue
                newest = max(newest or created, created)
                if created > boundary.timestamp() * 1000 and comment.get("actor") != self.organization:
                    items.append(PolledItem(event_id=f"li:{_comment_urn(comment)}",
                                            payload={"post": post_urn, "comment": comment}))
        return PollResult(items=items, cursor=json.dumps({"seen": newest}) if newest else cursor)

    def _comments(self, post_urn: str) -> list[dict[str, Any]]:
        """A post's comments, with the replies under those that have some (threads are two levels deep)."""
        found: list[dict[str, Any]] = []
        top = self._get(f"socialActions/{quote(post_urn, safe='')}/comments", "read comments",
                        {"count": PAGE_SIZE})["elements"]
        for comment in top:
            if not isinstance(comment, dict) or not _comment_urn(comment):
                continue
            found.append(comment)
            found_summary = comment.get("commentsSummary")
            summary: dict[str, Any] = found_summary if isinstance(found_summary, dict) else {}
            if summary.get("totalFirstLevelComments") or summary.get("aggregatedTotalComments"):
                nested = self._get(f"socialActions/{quote(_comment_urn(comment), safe='')}/comments", "read replies",
                                   {"count": PAGE_SIZE})["elements"]
                found.extend(c for c in nested if isinstance(c, dict) and _comment_urn(c))
        return found

    def parse(self, payload: Any) -> list[Post]:
        where = "linkedin"
        payload = as_object(payload, f"{where}: polled item")
        post_urn = required_text(payload, "post", where)
        comment = as_object(payload.get("comment"), f"{where}: comment")
        urn = _comment_urn(comment)
        if not urn or not _ACTIVITY.match(urn):
            raise PayloadError(f"{where}: comment.commentUrn is missing or not urn:li:comment:(…,…)")
        actor = required_text(comment, "actor", f"{where}: comment")
        message = as_object(comment.get("message"), f"{where}: comment.message")
        text = required_text(message, "text", f"{where}: comment.message", allow_empty=True)
        created = _created_ms(comment)
        if created is None:
            raise PayloadError(f"{where}: comment.created.time is missing or not a time")
        parent = comment.get("parentComment") if isinstance(comment.get("parentComment"), str) else None
        member = actor.rsplit(":", 1)[-1]
        return [Post(
            platform=self.name, account=self.account_name, post_id=urn, conversation_id=parent or urn,
            in_reply_to_id=parent, kind=PostKind.PUBLIC_REPLY,
            # Comments name their author by URN only; a member's name needs partner access to profiles.
            author=Author(platform_id=actor, handle=member),
            text=text, url=f"https://www.linkedin.com/feed/update/{post_urn}?commentUrn={quote(urn, safe='')}",
            created_at=datetime.fromtimestamp(created / 1000, tz=timezone.utc), raw=payload)]

    # -- outbound --------------------------------------------------------------------------------
    def private_open(self, target: Target, now: datetime) -> bool:
        return False

    def send_private(self, text: str, target: Target) -> Delivered:
        raise PermanentError("linkedin organization pages cannot message members; the answer goes the phone-handoff way")

    def send_public(self, text: str, target: Target) -> Delivered:
        """A comment under the customer's comment's thread, as the organization. Threads are two levels
        deep: an answer to a reply goes under the top-level comment (the conversation)."""
        top = target.conversation_id if _ACTIVITY.match(target.conversation_id) else target.post_id
        matched = _ACTIVITY.match(top)
        if not matched:
            raise PermanentError(f"linkedin reply: {top!r} is not a comment URN")
        body = {"actor": self.organization, "object": matched.group(1), "message": {"text": text}, "parentComment": top}
        response = self._call("POST", f"socialActions/{quote(top, safe='')}/comments", what="reply to a comment",
                              idempotent=False, json=body)
        created: Any = None
        try:
            answer = response.json()
            created = answer.get("commentUrn") or answer.get("$URN") if isinstance(answer, dict) else None
        except ValueError:
            pass
        created = created or response.headers.get("x-restli-id")
        if not isinstance(created, str) or not created:
            raise AmbiguousError("linkedin reply to a comment: the answer names no comment; it probably went through")
        return Delivered(external_id=created, url=None)


def _comment_urn(comment: dict[str, Any]) -> str:
    urn = comment.get("commentUrn") or comment.get("$URN")
    return urn if isinstance(urn, str) else ""


def _created_ms(comment: dict[str, Any]) -> int | None:
    created = comment.get("created")
    value = created.get("time") if isinstance(created, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None
