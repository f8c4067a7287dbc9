"""YouTube Data API v3: comment threads on the brand's channel (commentThreads.list with
allThreadsRelatedToChannelId), replies with comments.insert, exposed data held for review with
comments.setModerationStatus, every call's quota cost counted against the project's daily budget.

Costs and limits (developers.google.com/youtube/v3/determine_quota_cost): a list call 1 unit, an insert
or a moderation change 50; 10,000 units a day by default, reset at midnight Pacific time. A call over the
budget answers 403 with reason quotaExceeded.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import requests
from marshmallow import fields, validate

from bridge.channels.base import Channel, PollingAccountSchema
from bridge.channels.google import GoogleAccountSchema, GoogleClient, QuotaExhausted
from bridge.channels.payload import as_object, optional_text, required_text
from bridge.errors import AmbiguousError, PayloadError, PermanentError
from bridge.model import Author, Delivered, Measure, PolledItem, PollResult, Post, PostChange, PostKind, Target

log = logging.getLogger("bridge.channels.youtube")

DEFAULT_API = "https://www.googleapis.com/youtube/v3"
PACIFIC = ZoneInfo("America/Los_Angeles")  # the daily quota resets at midnight here
LIST_COST = 1
INSERT_COST = 50
MODERATE_COST = 50
PAGE_SIZE = 100  # commentThreads.list's maximum
PAGES_PER_POLL = 5  # the rest follows at once in the next poll
OVERLAP = timedelta(minutes=10)  # re-read this far behind the newest comment seen (repeats are deduped)


class YouTubeAccountSchema(PollingAccountSchema, GoogleAccountSchema):
    channel_id = fields.String(required=True, validate=validate.Regexp(r"^UC[\w-]{22}$", error="must be a UC… channel id"))
    api_base = fields.Url(load_default=DEFAULT_API, require_tld=False, schemes={"http", "https"})
    daily_quota = fields.Integer(load_default=10_000, strict=True, validate=validate.Range(min=1))
    # A public comment showing sensitive data is held for review (hidden until someone on the channel
    # publishes or rejects it in YouTube Studio). Off unless the admin turns it on.
    hold_exposed = fields.Boolean(load_default=False)


def quota_day(now: datetime) -> str:
    """The quota period a moment falls in: the date in Pacific time."""
    return now.astimezone(PACIFIC).date().isoformat()


def quota_resets_at(now: datetime) -> datetime:
    local = now.astimezone(PACIFIC)
    midnight = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), tzinfo=PACIFIC)
    return midnight.astimezone(timezone.utc)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class YouTubeChannel(Channel):
    name = "youtube"
    label = "YouTube"
    # guidance for YouTube, LinkedIn and review sites: within 24 hours, the same day preferred
    first_response_default = ("8h", "24h")
    account_schema = YouTubeAccountSchema
    public_limit = 10_000  # characters; the API only names the error (commentTextTooLong), not the number
    private_limit = 0  # no private path: sensitive answers go the phone-handoff way
    poll_interval = timedelta(minutes=5)  # 288 list calls a day of the 10,000 units

    def __init__(self, account_name: str, settings: Mapping[str, Any], session: requests.Session | None = None):
        super().__init__(account_name, settings, session)
        self.channel_id: str = self.settings["channel_id"]
        self.api: str = self.settings.get("api_base", DEFAULT_API).rstrip("/")
        self.budget: int = self.settings.get("daily_quota", 10_000)
        self.google = GoogleClient(self.settings, self.session)

    # -- quota ------------------------------------------------------------------------------
    def _spend(self, cost: int, what: str) -> None:
        """Count a call's cost before making it (Google charges even refused calls); refuse it when the
        day's budget cannot pay for it."""
        now = utcnow()
        day = quota_day(now)
        if self.usage.used(day) + cost > self.budget:
            raise QuotaExhausted(f"youtube {what}: the daily quota of {self.budget} units is spent; it resets at "
                                 f"{quota_resets_at(now):%H:%M} UTC", retry_after=self._until_reset(now))
        self.usage.add(day, cost)

    def _until_reset(self, now: datetime) -> float:
        return max((quota_resets_at(now) - now).total_seconds(), 1.0)

    def _call(self, method: str, path: str, *, cost: int, what: str, idempotent: bool, **kwargs: Any) -> dict[str, Any]:
        self._spend(cost, what)
        try:
            return self.google.request(method, f"{self.api}/{path}", what=f"youtube {what}", idempotent=idempotent,
                                       **kwargs)
        except QuotaExhausted as exc:
            # Google counts more than this account (other apps of the project): believe it, wait for the reset
            now = utcnow()
            day = quota_day(now)
            self.usage.add(day, max(self.budget - self.usage.used(day), 0))
            exc.retry_after = self._until_reset(now)
            raise

    def health(self, now: datetime) -> dict[str, Any]:
        used = self.usage.used(quota_day(now))
        left = max(self.budget - used, 0)
        facts: dict[str, Any] = {"quota": {"used": used, "budget": self.budget, "left": left,
                                           "resets_at": quota_resets_at(now).isoformat()}}
        if left < INSERT_COST:
            facts["problem"] = (f"YouTube's daily quota is spent ({used} of {self.budget} units): replies wait until "
                                f"{quota_resets_at(now):%H:%M} UTC")
        return facts

    # -- inbound: nothing is pushed -----------------------------------------------------------
    def verify(self, headers: Mapping[str, str], body: bytes) -> bool:
        return False  # YouTube sends no comment notifications: everything comes by polling

    def poll(self, cursor: str | None, since: datetime) -> PollResult:
        """Threads come newest first (order=time). A poll pages back until it reaches what it has seen
        (less an overlap, so a comment indexed late is not missed) or `since`; each top-level comment and
        each reply newer than that is an item. Edited comments come again under a new event id."""
        state = json.loads(cursor) if cursor else {}
        seen, page, newest = state.get("seen"), state.get("page"), state.get("newest")
        seen_at = _when(seen) if isinstance(seen, str) else None
        boundary = max(seen_at - OVERLAP, since) if seen_at else since
        items: list[PolledItem] = []
        for _ in range(PAGES_PER_POLL):
            params: dict[str, Any] = {"part": "snippet,replies", "allThreadsRelatedToChannelId": self.channel_id,
                                      "order": "time", "maxResults": PAGE_SIZE, "textFormat": "plainText"}
            if page:
                params["pageToken"] = page
            answer = self._call("GET", "commentThreads", cost=LIST_COST, what="list comment threads", idempotent=True,
                                params=params)
            threads = answer.get("items")
            if not isinstance(threads, list):
                raise PermanentError("youtube list comment threads: no items list in the answer")
            reached = False
            for thread in threads:
                comments = _thread_comments(thread)
                if not comments:
                    continue
                for comment in comments:
                    moment = _comment_time(comment)
                    if newest is None or moment > (_when(newest) or moment):
                        newest = _iso(moment)
                    if moment > boundary and _author_id(comment) != self.channel_id:
                        items.append(PolledItem(event_id=f"yt:{comment['id']}@{_iso(moment)}",
                                                payload={"thread": _thread_facts(thread), "comment": comment}))
                if _comment_time(comments[0], updated=False) <= boundary:
                    reached = True
            page = answer.get("nextPageToken")
            if reached or not page or not threads:
                return PollResult(items=items, cursor=json.dumps({"seen": newest or seen}), more=False)
        return PollResult(items=items, cursor=json.dumps({"seen": seen, "page": page, "newest": newest}), more=True)

    def parse(self, payload: Any) -> list[Post]:
        where = "youtube"
        payload = as_object(payload, f"{where}: polled item")
        thread = as_object(payload.get("thread"), f"{where}: thread")
        comment = as_object(payload.get("comment"), f"{where}: comment")
        comment_id = required_text(comment, "id", f"{where}: comment")
        snippet = as_object(comment.get("snippet"), f"{where}: comment.snippet")
        thread_id = required_text(thread, "id", f"{where}: thread")
        parent = optional_text(snippet, "parentId", f"{where}: comment.snippet")
        text = snippet.get("textOriginal") if isinstance(snippet.get("textOriginal"), str) else snippet.get("textDisplay")
        if not isinstance(text, str):
            raise PayloadError(f"{where}: comment.snippet has no textOriginal")
        author_id = _author_id(comment)
        if not author_id:
            raise PayloadError(f"{where}: comment.snippet.authorChannelId.value is missing")
        published = _required_time(snippet, "publishedAt", where)
        updated = _when(snippet.get("updatedAt") or "")
        edited = updated is not None and updated > published
        shown = snippet.get("authorDisplayName")
        name = shown if isinstance(shown, str) and shown else author_id
        video = thread.get("videoId") or snippet.get("videoId")
        url = (f"https://www.youtube.com/watch?v={video}&lc={comment_id}" if isinstance(video, str) and video
               else f"https://www.youtube.com/channel/{self.channel_id}/community?lc={comment_id}")
        return [Post(
            platform=self.name, account=self.account_name, post_id=comment_id, conversation_id=thread_id,
            in_reply_to_id=parent, kind=PostKind.PUBLIC_REPLY if parent else PostKind.PUBLIC_POST,
            author=Author(platform_id=author_id, handle=name.lstrip("@"), display_name=name),
            text=text, url=url, created_at=updated if edited and updated else published,
            change=PostChange.EDITED if edited else PostChange.CREATED, raw=payload)]

    # -- outbound ---------------------------------------------------------------------------
    def measure(self, text: str, target: Target, *, private: bool) -> Measure:
        return Measure(len(text), self.private_limit if private else self.public_limit)

    def private_open(self, target: Target, now: datetime) -> bool:
        return False  # YouTube has no private messages

    def send_private(self, text: str, target: Target) -> Delivered:
        raise PermanentError("youtube has no private messages; the answer goes the phone-handoff way")

    def send_public(self, text: str, target: Target) -> Delivered:
        """A reply in the comment's thread: YouTube threads are one level deep, so a reply always goes
        under the top-level comment (a reply's id is "<top-level id>.<own id>")."""
        parent = target.post_id.split(".", 1)[0]
        answer = self._call("POST", "comments", cost=INSERT_COST, what="reply to a comment", idempotent=False,
                            params={"part": "snippet"}, json={"snippet": {"parentId": parent, "textOriginal": text}})
        new_id = answer.get("id")
        if not isinstance(new_id, str) or not new_id:
            raise AmbiguousError("youtube reply to a comment: the answer has no id; it probably went through")
        return Delivered(external_id=new_id, url=None)

    @property
    def can_hide(self) -> bool:  # type: ignore[override]
        return bool(self.settings.get("hold_exposed"))  # the admin allows holding comments for review

    def hide(self, target: Target) -> str:
        self._call("POST", "comments/setModerationStatus", cost=MODERATE_COST, what="hold a comment for review",
                   idempotent=True, params={"id": target.post_id, "moderationStatus": "heldForReview"})
        return ("the bridge held it for review on YouTube: hidden from viewers until someone on the channel "
                "publishes or removes it in YouTube Studio")


def _thread_comments(thread: Any) -> list[dict[str, Any]]:
    """The thread's top-level comment first, then the replies the list embeds."""
    if not isinstance(thread, dict) or not isinstance(thread.get("id"), str):
        return []
    top = (thread.get("snippet") or {}).get("topLevelComment")
    if not isinstance(top, dict) or not isinstance(top.get("id"), str) or not isinstance(top.get("snippet"), dict):
        return []
    replies = (thread.get("replies") or {}).get("comments") or []
    return [top, *(r for r in replies if isinstance(r, dict) and isinstance(r.get("id"), str)
                   and isinstance(r.get("snippet"), dict) and _when(r["snippet"].get("publishedAt") or ""))]


def _thread_facts(thread: dict[str, Any]) -> dict[str, Any]:
    snippet = thread.get("snippet") or {}
    return {"id": thread["id"], "videoId": snippet.get("videoId"), "canReply": snippet.get("canReply"),
            "isPublic": snippet.get("isPublic")}


def _author_id(comment: dict[str, Any]) -> str | None:
    author = (comment.get("snippet") or {}).get("authorChannelId")
    value = author.get("value") if isinstance(author, dict) else None
    return value if isinstance(value, str) and value else None


def _comment_time(comment: dict[str, Any], *, updated: bool = True) -> datetime:
    snippet = comment["snippet"]
    published = _when(snippet.get("publishedAt") or "") or datetime.min.replace(tzinfo=timezone.utc)
    changed = _when(snippet.get("updatedAt") or "") if updated else None
    return max(published, changed) if changed else published


def _required_time(snippet: dict[str, Any], key: str, where: str) -> datetime:
    value = snippet.get(key)
    moment = _when(value) if isinstance(value, str) else None
    if moment is None:
        raise PayloadError(f"{where}: comment.snippet.{key} is missing or not a time")
    return moment


def _when(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
