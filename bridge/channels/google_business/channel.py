"""Google Business Profile reviews (My Business API v4: accounts.locations.reviews list and updateReply).

A review is `{"name": "accounts/…/locations/…/reviews/…", "reviewId", "reviewer": {"displayName",
"profilePhotoUrl", "isAnonymous"}, "starRating": "ONE"…"FIVE", "comment", "createTime", "updateTime",
"reviewReply": {"comment", "updateTime"}}` (developers.google.com/my-business/reference/rest/v4/
accounts.locations.reviews). The reply is PUT on `{name}/reply`: it creates or replaces the business's
one reply, so repeating it is harmless.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

import requests
from marshmallow import fields, validate

from bridge.channels.base import PollingAccountSchema
from bridge.channels.google import GoogleAccountSchema, GoogleClient
from bridge.channels.payload import as_object, optional_text, required_text
from bridge.channels.reviews import ReviewChannel, stars
from bridge.errors import PayloadError, PermanentError
from bridge.model import Author, Delivered, Measure, PolledItem, PollResult, Post, PostChange, PostKind, Target

log = logging.getLogger("bridge.channels.google_business")

DEFAULT_API = "https://mybusiness.googleapis.com/v4"
PAGE_SIZE = 50  # reviews.list's maximum
PAGES_PER_POLL = 10


class GoogleBusinessAccountSchema(PollingAccountSchema, GoogleAccountSchema):
    # one bridge account per location: accounts/{account id}/locations/{location id}
    location = fields.String(required=True, validate=validate.Regexp(
        r"^accounts/\d+/locations/\d+$", error="must look like accounts/123/locations/456"))
    api_base = fields.Url(load_default=DEFAULT_API, require_tld=False, schemes={"http", "https"})


class GoogleBusinessChannel(ReviewChannel):
    name = "google_business"
    label = "Google reviews"
    account_schema = GoogleBusinessAccountSchema
    # Google documents no number; third-party API docs give 4,096, one in characters and one in bytes:
    # counted in UTF-8 bytes, the stricter reading.
    public_limit = 4096
    poll_interval = timedelta(minutes=10)

    def __init__(self, account_name: str, settings: Mapping[str, Any], session: requests.Session | None = None):
        super().__init__(account_name, settings, session)
        self.location: str = self.settings["location"]
        self.api: str = self.settings.get("api_base", DEFAULT_API).rstrip("/")
        self.google = GoogleClient(self.settings, self.session)

    def verify(self, headers: Mapping[str, str], body: bytes) -> bool:
        return False  # reviews are polled (Pub/Sub notifications would need a Google Cloud subscription)

    def poll(self, cursor: str | None, since: datetime) -> PollResult:
        """Reviews newest change first (orderBy updateTime desc); a poll pages back to the newest change it
        has seen (or `since`). A new review and an edited one (new text or rating) are items; a change that is
        only the business's own reply is not."""
        state = json.loads(cursor) if cursor else {}
        seen, page, newest = state.get("seen"), state.get("page"), state.get("newest")
        seen_at = _when(seen) if isinstance(seen, str) else None
        boundary = max(seen_at, since) if seen_at else since
        items: list[PolledItem] = []
        for _ in range(PAGES_PER_POLL):
            params: dict[str, Any] = {"pageSize": PAGE_SIZE, "orderBy": "updateTime desc"}
            if page:
                params["pageToken"] = page
            answer = self.google.request("GET", f"{self.api}/{self.location}/reviews", what="google_business list reviews",
                                         idempotent=True, params=params)
            reviews = answer.get("reviews", [])
            if not isinstance(reviews, list):
                raise PermanentError("google_business list reviews: reviews is not a list")
            reached = False
            for review in reviews:
                changed = _when(review.get("updateTime")) if isinstance(review, dict) else None
                if changed is None or not isinstance(review.get("name"), str):
                    continue
                if newest is None or changed > (_when(newest) or changed):
                    newest = _iso(changed)
                if changed <= boundary:
                    reached = True
                    break
                if _only_the_reply_changed(review, changed):
                    continue
                items.append(PolledItem(event_id=f"gbp:{review['name']}@{_iso(changed)}", payload={"review": review}))
            page = answer.get("nextPageToken")
            if reached or not page or not reviews:
                return PollResult(items=items, cursor=json.dumps({"seen": newest or seen}), more=False)
        return PollResult(items=items, cursor=json.dumps({"seen": seen, "page": page, "newest": newest}), more=True)

    def parse(self, payload: Any) -> list[Post]:
        where = "google_business"
        review = as_object(as_object(payload, f"{where}: polled item").get("review"), f"{where}: review")
        name = required_text(review, "name", f"{where}: review")
        if not name.startswith(f"{self.location}/reviews/"):
            raise PayloadError(f"{where}: the review is not one of {self.location}")
        rating = stars(review.get("starRating"))
        if rating is None:
            raise PayloadError(f"{where}: review.starRating is missing or not ONE…FIVE")
        created = _when(review.get("createTime"))
        updated = _when(review.get("updateTime")) or created
        if created is None or updated is None:
            raise PayloadError(f"{where}: review.createTime is missing or not a time")
        found_reviewer = review.get("reviewer")
        reviewer: dict[str, Any] = found_reviewer if isinstance(found_reviewer, dict) else {}
        anonymous = bool(reviewer.get("isAnonymous"))
        display = optional_text(reviewer, "displayName", f"{where}: review.reviewer") or "A Google user"
        review_id = optional_text(review, "reviewId", f"{where}: review") or name.rsplit("/", 1)[-1]
        edited = updated > created + timedelta(seconds=1)
        return [Post(
            platform=self.name, account=self.account_name, post_id=name, conversation_id=name,
            kind=PostKind.PUBLIC_POST,
            # Google gives no stable reviewer id: each review is its own customer, named as shown.
            author=Author(platform_id=f"review:{review_id}", handle=display,
                          display_name="Anonymous reviewer" if anonymous else display),
            text=optional_text(review, "comment", f"{where}: review") or "", rating=rating,
            created_at=updated if edited else created, change=PostChange.EDITED if edited else PostChange.CREATED,
            raw=payload)]

    def text_length(self, text: str) -> int:
        return len(text.encode("utf-8"))

    def measure(self, text: str, target: Target, *, private: bool) -> Measure:
        return Measure(self.text_length(text), self.private_limit if private else self.public_limit, "bytes")

    def send_public(self, text: str, target: Target) -> Delivered:
        """The business's reply, created or replaced (one per review): PUT is idempotent, so an answer lost
        to a timeout is safely sent again."""
        if not target.post_id.startswith(f"{self.location}/reviews/"):
            raise PermanentError(f"google_business reply: {target.post_id!r} is not a review of {self.location}")
        answer = self.google.request("PUT", f"{self.api}/{target.post_id}/reply", what="google_business reply to a review",
                                     idempotent=True, json={"comment": text})
        if not isinstance(answer.get("comment"), str):
            raise PermanentError("google_business reply to a review: the answer is not a review reply")
        return Delivered(external_id=f"{target.post_id}/reply", url=None)


def _only_the_reply_changed(review: dict[str, Any], changed: datetime) -> bool:
    """The review's last change is the business's reply (its time is the review's update time)."""
    reply = review.get("reviewReply")
    replied = _when(reply.get("updateTime")) if isinstance(reply, dict) else None
    created = _when(review.get("createTime"))
    return replied is not None and replied >= changed and created is not None and created < changed


def _when(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
