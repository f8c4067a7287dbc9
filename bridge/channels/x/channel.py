"""X (Twitter): webhooks from the X Activity API (XAA) and the legacy Account Activity API (AAA) in,
API v2 replies and DMs out.

XAA deliveries are `{"data": {"event_uuid", "event_type", "payload", "includes"}}` with v2 Post objects;
AAA deliveries are `{"for_user_id": ..., "tweet_create_events" | "direct_message_events": [...]}` with
v1.1 Tweet objects. Both carry DMs in the same `direct_message_events` + `users` shape.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import time
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote

import requests
from marshmallow import Schema, fields, post_load, validate

from bridge.channels.base import Channel, MediaLimits
from bridge.channels.payload import as_list, as_object, optional_text, required_text
from bridge.errors import AmbiguousError, PayloadError, PermanentError
from bridge.http import call
from bridge.model import AttachedFile, Author, Delivered, Engagement, Media, PolledItem, PollResult, Post, PostKind, Target

SIGNATURE_HEADER = "x-twitter-webhooks-signature"
POST_EVENT_TYPES = frozenset({"post.mention.create", "post.reply.create"})
DM_EVENT_TYPES = frozenset({"dm.received"})
SEARCH_PAGES = 5  # recent search pages (100 posts each) per listening search; the rest follows at once
SEARCH_WINDOW = timedelta(days=7)  # what recent search reaches back
SEARCH_FIELDS = {"max_results": 100, "expansions": "author_id",
                 "tweet.fields": "author_id,created_at,conversation_id,in_reply_to_user_id,referenced_tweets,public_metrics",
                 "user.fields": "username,name,verified,public_metrics"}
# "Wed Oct 10 20:19:24 +0000 2018"; %a/%b assume the C locale for LC_TIME, Python's default.
# Images the one-shot upload (POST /2/media/upload) takes: 5 MB each; a GIF needs the chunked upload and
# is left out. A post carries up to 4 images, a DM one.
IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})
IMAGE_BYTES = 5_000_000
V1_TIME_FORMAT = "%a %b %d %H:%M:%S %z %Y"


class XAccountSchema(Schema):
    consumer_secret = fields.String(required=True, validate=validate.Length(min=1))
    access_token = fields.String(required=True, validate=validate.Length(min=1))
    user_id = fields.String(required=True, validate=validate.Regexp(r"^\d+$", error="must be a numeric X user id"))
    handle = fields.String(load_default=None, allow_none=True)
    api_base = fields.Url(load_default="https://api.x.com", require_tld=False, schemes={"http", "https"})

    @post_load
    def normalise(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data["api_base"] = data["api_base"].rstrip("/")
        if data.get("handle"):
            data["handle"] = data["handle"].lstrip("@")
        return data


def sign(secret: str, message: bytes) -> str:
    """X's signature format for both CRC answers and webhook deliveries: sha256=<base64 HMAC-SHA256>."""
    digest = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).digest()
    return "sha256=" + base64.b64encode(digest).decode("ascii")


def rate_limit_reset(response: requests.Response) -> float | None:
    """Seconds until `x-rate-limit-reset` (Unix epoch seconds); X sends no Retry-After."""
    value = response.headers.get("x-rate-limit-reset", "")
    try:
        reset_at = float(value)
    except ValueError:
        return None
    if not math.isfinite(reset_at):
        return None
    return max(1.0, reset_at - time.time())


def post_url(handle: str | None, post_id: str) -> str:
    # x.com/i/web/status/<id> resolves any post when the author's handle is unknown.
    return f"https://x.com/{handle or 'i/web'}/status/{post_id}"


class XChannel(Channel):
    name = "x"
    label = "X"
    first_response_default = ("15m", "30m")  # guidance: 30 minutes at most, 15 is better
    account_schema = XAccountSchema
    public_limit = 280  # weighted, twitter-text v3
    reads_engagement = True
    counting = "x-weighted"
    # X's automation rules forbid bulk, duplicative replies: an incident update goes only to customers who
    # wrote to the brand, each as a reply in their own thread, one a minute from one account (well under
    # the posting limits of the API plans).
    fan_out_interval = timedelta(seconds=60)
    private_limit = 10000
    searches = True  # listening: recent search (GET /2/tweets/search/recent)
    # Images with a reply: uploaded first (the token needs the media.write scope), then named by id in the post
    # (media.media_ids, up to 4) or the DM (attachments, one).
    reply_media = {"public": frozenset({"image"}), "private": frozenset({"image"})}
    media_limits = MediaLimits(max_files=4, max_bytes=IMAGE_BYTES, types=IMAGE_TYPES)
    private_media_limits = MediaLimits(max_files=1, max_bytes=IMAGE_BYTES, types=IMAGE_TYPES)

    def __init__(self, account_name: str, settings: Mapping[str, Any], session: requests.Session | None = None):
        super().__init__(account_name, settings, session)
        self.consumer_secret: str = self.settings["consumer_secret"]
        self.access_token: str = self.settings["access_token"]
        self.user_id: str = self.settings["user_id"]
        self.handle: str | None = self.settings.get("handle")
        self.api_base: str = self.settings.get("api_base", "https://api.x.com").rstrip("/")

    # -- inbound ---------------------------------------------------------------------------
    def handshake(self, args: Mapping[str, str]) -> tuple[int, Any]:
        token = args.get("crc_token")
        if not token:
            return 400, {"error": "crc_token missing"}
        return 200, {"response_token": sign(self.consumer_secret, token.encode("utf-8"))}

    def verify(self, headers: Mapping[str, str], body: bytes) -> bool:
        received = headers.get(SIGNATURE_HEADER)
        if not isinstance(received, str) or not received.startswith("sha256="):
            return False
        expected = sign(self.consumer_secret, body)
        # Compare bytes: compare_digest refuses non-ASCII str, and a garbled header must just fail.
        return hmac.compare_digest(expected.encode("ascii"), received.encode("utf-8", "replace"))

    def event_id(self, payload: Any, body: bytes) -> str:
        event = payload.get("data") if isinstance(payload, dict) else None
        if isinstance(event, dict) and isinstance(event.get("event_uuid"), str) and event["event_uuid"]:
            return "xaa:" + event["event_uuid"]
        return super().event_id(payload, body)

    def search(self, query: str, since: datetime, cursor: str | None) -> PollResult:
        """Recent search (the last 7 days; X's paid access levels), newest first, reposts left out. The
        cursor is the newest post id taken (`since_id`); a search reads the stretch after it page by page
        (`next_token`), and moves `since_id` only once the stretch is read."""
        state = json.loads(cursor) if cursor else {}
        params: dict[str, Any] = {"query": f"({query}) -is:retweet", **SEARCH_FIELDS}
        if state.get("since_id"):
            params["since_id"] = state["since_id"]
        else:
            start = max(since, datetime.now(timezone.utc) - SEARCH_WINDOW + timedelta(minutes=1))
            params["start_time"] = state.get("start_time") or start.strftime("%Y-%m-%dT%H:%M:%SZ")
        token, newest = state.get("next_token"), state.get("newest")
        items: list[PolledItem] = []
        for _ in range(SEARCH_PAGES):
            page = {**params, **({"pagination_token": token} if token else {})}
            response = call(self.session, "GET", f"{self.api_base}/2/tweets/search/recent", what="x search posts",
                            idempotent=True, retry_after=rate_limit_reset, headers=self._auth_headers(), params=page)
            answer = as_object(response.json(), "search answer")
            users = _v2_users_by_id(as_object(answer.get("includes", {}), "includes"))
            for post in as_list(answer.get("data", []), "data"):
                post = as_object(post, "data[]")
                author = post.get("author_id")
                if author == self.user_id:
                    continue
                items.append(PolledItem(event_id=f"post:{required_text(post, 'id', 'data[]')}", payload={
                    "search": post, "includes": {"users": [users[author]] if author in users else []}}))
            meta = as_object(answer.get("meta", {}), "meta")
            newest = newest or meta.get("newest_id")  # the first page of a stretch holds its newest post
            token = meta.get("next_token")
            if not token:
                return PollResult(items=items, cursor=json.dumps({"since_id": newest or state.get("since_id")}))
        kept = {k: v for k, v in (("since_id", params.get("since_id")), ("start_time", params.get("start_time"))) if v}
        return PollResult(items=items, cursor=json.dumps({**kept, "next_token": token, "newest": newest}), more=True)

    def parse(self, payload: Any) -> list[Post]:
        if not isinstance(payload, dict):
            raise PayloadError("x: payload is not a JSON object")
        if "search" in payload:  # a post found by a listening rule's search
            found = self._post_from_v2(as_object(payload["search"], "search"),
                                       _v2_users_by_id(as_object(payload.get("includes", {}), "includes")))
            return [found] if found and found.author.platform_id != self.user_id else []
        if "data" in payload:
            posts = self._parse_activity_event(as_object(payload["data"], "data"))
        elif "for_user_id" in payload:
            posts = self._parse_account_activity(payload)
        else:
            raise PayloadError("x: unknown payload shape (neither X Activity nor Account Activity)")
        # The brand's own replies and DMs come back through the same webhook.
        return [post for post in posts if post.author.platform_id != self.user_id]

    def _parse_activity_event(self, event: dict[str, Any]) -> list[Post]:
        event_type = required_text(event, "event_type", "data")
        if event_type in POST_EVENT_TYPES:
            post = as_object(event.get("payload"), "data.payload")
            # Documented under data.includes; accept payload.includes too, as v2 lookups put it there.
            includes = event["includes"] if "includes" in event else post.get("includes", {})
            users = _v2_users_by_id(as_object(includes, "data.includes"))
            parsed = self._post_from_v2(post, users, _v2_media_by_key(includes))
            return [parsed] if parsed else []
        if event_type in DM_EVENT_TYPES:
            return self._direct_messages(as_object(event.get("payload"), "data.payload"), "data.payload")
        return []

    def _parse_account_activity(self, envelope: dict[str, Any]) -> list[Post]:
        posts: list[Post] = []
        if "tweet_create_events" in envelope:
            for index, tweet in enumerate(as_list(envelope["tweet_create_events"], "tweet_create_events")):
                parsed = self._post_from_v1(as_object(tweet, f"tweet_create_events[{index}]"))
                if parsed:
                    posts.append(parsed)
        if "direct_message_events" in envelope:
            posts.extend(self._direct_messages(envelope, "envelope"))
        return posts

    def _post_from_v2(self, post: dict[str, Any], users: dict[str, dict[str, Any]],
                      media: dict[str, Media] | None = None) -> Post | None:
        where = "post"
        post_id = required_text(post, "id", where)
        references = post.get("referenced_tweets") or []
        if not isinstance(references, list) or not all(isinstance(ref, dict) for ref in references):
            raise PayloadError(f"x: post {post_id}: referenced_tweets is not a list of objects")
        if any(ref.get("type") == "retweeted" for ref in references):
            return None
        author_id = required_text(post, "author_id", where)
        in_reply_to = optional_text(post, "in_reply_to_tweet_id", where) or _replied_to_id(references)
        author = _author(author_id, users.get(author_id))
        return Post(
            platform=self.name,
            account=self.account_name,
            post_id=post_id,
            conversation_id=optional_text(post, "conversation_id", where) or post_id,
            kind=PostKind.PUBLIC_REPLY if in_reply_to else PostKind.PUBLIC_POST,
            author=author,
            text=_unescape_post_text(required_text(post, "text", where, allow_empty=True)),
            created_at=_iso_time(required_text(post, "created_at", where), f"post {post_id}"),
            in_reply_to_id=in_reply_to,
            url=post_url(author.handle, post_id),
            engagement=_v2_engagement(post.get("public_metrics")),
            media=_v2_post_media(post, media or {}),
            raw=post,
        )

    def _post_from_v1(self, tweet: dict[str, Any]) -> Post | None:
        where = "tweet"
        if "retweeted_status" in tweet:
            return None
        post_id = required_text(tweet, "id_str", where)
        user = as_object(tweet.get("user"), f"tweet {post_id}: user")
        author = _author(required_text(user, "id_str", f"tweet {post_id}: user"), user)
        in_reply_to = optional_text(tweet, "in_reply_to_status_id_str", where)
        return Post(
            platform=self.name,
            account=self.account_name,
            post_id=post_id,
            # v1.1 has no conversation id; the replied-to post is the nearest stable thread key.
            conversation_id=in_reply_to or post_id,
            kind=PostKind.PUBLIC_REPLY if in_reply_to else PostKind.PUBLIC_POST,
            author=author,
            text=_unescape_post_text(_v1_full_text(tweet, post_id)),
            created_at=_v1_time(required_text(tweet, "created_at", where), f"tweet {post_id}"),
            in_reply_to_id=in_reply_to,
            url=post_url(author.handle, post_id),
            engagement=Engagement(likes=_count(tweet.get("favorite_count")),
                                  reposts=_count(tweet.get("retweet_count")) + _count(tweet.get("quote_count")),
                                  replies=_count(tweet.get("reply_count"))),
            media=_v1_media(tweet),
            raw=tweet,
        )

    def _direct_messages(self, container: dict[str, Any], where: str) -> list[Post]:
        """`direct_message_events` plus a `users` map: the same shape in XAA dm.* payloads and AAA envelopes."""
        events = as_list(container.get("direct_message_events"), f"{where}.direct_message_events")
        users = container.get("users", {})
        if not isinstance(users, dict):
            raise PayloadError(f"x: {where}.users is not an object")
        messages = []
        for index, event in enumerate(events):
            event = as_object(event, f"direct_message_events[{index}]")
            if event.get("type") != "message_create":
                continue  # read receipts, typing indicators and the like carry no message
            messages.append(self._direct_message(event, users))
        return messages

    def _direct_message(self, event: dict[str, Any], users: dict[str, Any]) -> Post:
        event_id = required_text(event, "id", "direct message")
        where = f"direct message {event_id}"
        message = as_object(event.get("message_create"), f"{where}: message_create")
        sender_id = required_text(message, "sender_id", where)
        recipient_id = required_text(as_object(message.get("target"), f"{where}: target"), "recipient_id", where)
        data = as_object(message.get("message_data"), f"{where}: message_data")
        text = required_text(data, "text", where, allow_empty=True)
        sender = users.get(sender_id)
        return Post(
            platform=self.name,
            account=self.account_name,
            post_id=event_id,
            conversation_id="dm:" + "-".join(sorted([sender_id, recipient_id])),
            kind=PostKind.DIRECT_MESSAGE,
            author=_author(sender_id, sender if isinstance(sender, dict) else None),
            text=text,
            created_at=_epoch_ms_time(required_text(event, "created_timestamp", where), where),
            media=_dm_media(data),
            raw=event,
        )

    # -- outbound --------------------------------------------------------------------------
    def text_length(self, text: str) -> int:
        # imported on first use: the library reads its emoji table at import (about 11 MB), which a process
        # that never counts an X reply (a web process, most workers) need not hold
        import twitter_text

        return twitter_text.parse_tweet(text).weightedLength

    def profile_url(self, handle: str) -> str | None:
        return f"https://x.com/{handle.lstrip('@')}"

    def send_public(self, text: str, target: Target) -> Delivered:
        return self._post(text, target, {})

    def send_private(self, text: str, target: Target) -> Delivered:
        return self._dm(text, target, {})

    def send_with_media(self, text: str, target: Target, files: list[AttachedFile], *, private: bool) -> Delivered:
        """Each image is uploaded first (POST /2/media/upload, media_category tweet_image or dm_image: media no
        post or DM uses is never shown, and it expires), then one post or DM names their ids."""
        limits = self.limits_for(private=private)
        if not files or len(files) > limits.max_files:
            raise PermanentError(f"x: cannot send {len(files)} images with one {'DM' if private else 'post'}")
        media_ids = [self._upload(file, "dm_image" if private else "tweet_image") for file in files]
        if private:
            return self._dm(text, target, {"attachments": [{"media_id": media_id} for media_id in media_ids]})
        return self._post(text, target, {"media": {"media_ids": media_ids}})

    def _upload(self, file: AttachedFile, category: str) -> str:
        """One image in one request (multipart: media, media_category, media_type); the answer is
        {"data": {"id", "media_key", ...}}. Uploading again after a failure is harmless."""
        what = f"x upload {file.name}"
        response = call(self.session, "POST", f"{self.api_base}/2/media/upload", what=what, idempotent=True,
                        retry_after=rate_limit_reset, headers=self._auth_headers(),
                        files={"media": (file.name, file.data, file.content_type)},
                        data={"media_category": category, "media_type": file.content_type})
        try:
            media_id = response.json()["data"]["id"]
        except (ValueError, KeyError, TypeError):
            media_id = None
        if not isinstance(media_id, str) or not media_id:
            raise PermanentError(f"{what}: HTTP {response.status_code} without data.id", status=response.status_code)
        return media_id

    def _post(self, text: str, target: Target, extra: dict[str, Any]) -> Delivered:
        response = call(
            self.session,
            "POST",
            f"{self.api_base}/2/tweets",
            what="x post reply",
            idempotent=False,
            retry_after=rate_limit_reset,
            headers=self._auth_headers(),
            json={"text": text, "reply": {"in_reply_to_tweet_id": target.post_id}, **extra},
        )
        post_id = _created_id(response, "id", "x post reply")
        return Delivered(external_id=post_id, url=post_url(self.handle, post_id))

    def _dm(self, text: str, target: Target, extra: dict[str, Any]) -> Delivered:
        participant = quote(target.author_id, safe="")
        try:
            response = call(
                self.session,
                "POST",
                f"{self.api_base}/2/dm_conversations/with/{participant}/messages",
                what="x DM",
                idempotent=False,
                retry_after=rate_limit_reset,
                headers=self._auth_headers(),
                json={"text": text, **extra},
            )
        except PermanentError as exc:
            if exc.status == 403:
                raise PermanentError(
                    f"x DM refused: the recipient does not accept DMs from this account or has blocked it ({exc})",
                    status=403,
                ) from exc
            raise
        return Delivered(external_id=_created_id(response, "dm_event_id", "x DM"), url=None)

    # -- engagement (virality after ingest) ---------------------------------------------------
    def engagement(self, post_ids: list[str]) -> dict[str, Engagement]:
        """public_metrics of up to 100 posts per call (GET /2/tweets)."""
        found: dict[str, Engagement] = {}
        for start in range(0, len(post_ids), 100):
            response = call(self.session, "GET", f"{self.api_base}/2/tweets", what="x post metrics", idempotent=True,
                            retry_after=rate_limit_reset, headers=self._auth_headers(),
                            params={"ids": ",".join(post_ids[start:start + 100]), "tweet.fields": "public_metrics"})
            data = response.json().get("data") if isinstance(response.json(), dict) else None
            for post in data if isinstance(data, list) else []:
                counts = _v2_engagement(post.get("public_metrics")) if isinstance(post, dict) else None
                if counts is not None and isinstance(post.get("id"), str):
                    found[post["id"]] = counts
        return found

    def _auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}


# -- payload details -----------------------------------------------------------------------------
# -- media -------------------------------------------------------------------------------------
MEDIA_KINDS = {"photo": "image", "video": "video", "animated_gif": "video"}


def _v2_media_by_key(includes: Any) -> dict[str, Media]:
    """includes.media of a v2 payload: photos have a url; videos only a preview image (the file needs a lookup)."""
    found: dict[str, Media] = {}
    items = includes.get("media", []) if isinstance(includes, dict) else []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("media_key"), str):
            continue
        kind = MEDIA_KINDS.get(str(item.get("type")), "file")
        url = item.get("url") or item.get("preview_image_url")
        if isinstance(url, str) and url.startswith("https://"):
            found[item["media_key"]] = Media(kind=kind, url=url)
    return found


def _v2_post_media(post: dict[str, Any], media: dict[str, Media]) -> tuple[Media, ...]:
    attachments = post.get("attachments")
    keys = attachments.get("media_keys", []) if isinstance(attachments, dict) else []
    return tuple(media[key] for key in keys if isinstance(key, str) and key in media)


def _v1_media(tweet: dict[str, Any]) -> tuple[Media, ...]:
    """v1.1 extended_entities.media: a photo's media_url_https; a video's best mp4 variant."""
    entities = tweet.get("extended_tweet", {}).get("extended_entities") if isinstance(tweet.get("extended_tweet"), dict) \
        else None
    entities = entities or tweet.get("extended_entities") or {}
    found = []
    for item in entities.get("media", []) if isinstance(entities, dict) else []:
        if not isinstance(item, dict):
            continue
        kind = MEDIA_KINDS.get(str(item.get("type")), "file")
        url = item.get("media_url_https")
        variants = (item.get("video_info") or {}).get("variants") if isinstance(item.get("video_info"), dict) else None
        if kind == "video" and isinstance(variants, list):
            mp4 = [v for v in variants if isinstance(v, dict) and v.get("content_type") == "video/mp4" and v.get("url")]
            if mp4:
                url = max(mp4, key=lambda v: v.get("bitrate") or 0)["url"]
        if isinstance(url, str) and url.startswith("https://"):
            found.append(Media(kind=kind, url=url))
    return tuple(found)


def _dm_media(data: dict[str, Any]) -> tuple[Media, ...]:
    """A DM's message_data.attachment: its media URL needs the account's OAuth credentials to fetch."""
    attachment = data.get("attachment")
    media = attachment.get("media") if isinstance(attachment, dict) else None
    if not isinstance(media, dict) or not isinstance(media.get("media_url_https"), str):
        return ()
    return (Media(kind=MEDIA_KINDS.get(str(media.get("type")), "file"), url=media["media_url_https"],
                  needs_credentials=True),)


def _v2_users_by_id(includes: dict[str, Any]) -> dict[str, dict[str, Any]]:
    users = includes.get("users", [])
    if not isinstance(users, list):
        raise PayloadError("x: includes.users is not a list")
    by_id = {}
    for entry in users:
        # Some XAA events wrap each user as {"data": {...}}, others do not.
        user = entry.get("data", entry) if isinstance(entry, dict) else None
        if isinstance(user, dict) and isinstance(user.get("id"), str):
            by_id[user["id"]] = user
    return by_id


def _replied_to_id(references: list[dict[str, Any]]) -> str | None:
    for ref in references:
        if ref.get("type") == "replied_to" and isinstance(ref.get("id"), str):
            return ref["id"]
    return None


def _author(platform_id: str, user: dict[str, Any] | None) -> Author:
    """An Author from a v2 User, a wrapped v2 User ({"data": ...}) or a v1.1 User; bare id when unknown."""
    if not user:
        return Author(platform_id=platform_id, handle="")
    if isinstance(user.get("data"), dict):
        user = user["data"]
    metrics = user.get("public_metrics")
    followers = metrics.get("followers_count") if isinstance(metrics, dict) else user.get("followers_count")
    handle = user.get("username") or user.get("screen_name") or ""
    name = user.get("name") or ""
    return Author(
        platform_id=platform_id,
        handle=handle if isinstance(handle, str) else "",
        display_name=name if isinstance(name, str) else "",
        followers=followers if isinstance(followers, int) and not isinstance(followers, bool) else None,
        verified=user.get("verified") is True,
    )


def _v1_full_text(tweet: dict[str, Any], post_id: str) -> str:
    # Compatibility-mode tweets over 140 characters are cut in `text`; the whole text is in extended_tweet.
    extended = tweet.get("extended_tweet")
    if tweet.get("truncated") and isinstance(extended, dict):
        return required_text(extended, "full_text", f"tweet {post_id}: extended_tweet", allow_empty=True)
    # Extended-mode tweets carry full_text instead of text.
    key = "full_text" if "full_text" in tweet else "text"
    return required_text(tweet, key, f"tweet {post_id}", allow_empty=True)


def _unescape_post_text(text: str) -> str:
    # X escapes exactly these three in post text (not in DMs); &amp; last so "&amp;lt;" stays "&lt;".
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _iso_time(value: str, where: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise PayloadError(f"x: {where}: created_at is not an ISO 8601 time") from None
    if parsed.tzinfo is None:
        raise PayloadError(f"x: {where}: created_at has no time zone")
    return parsed.astimezone(timezone.utc)


def _v1_time(value: str, where: str) -> datetime:
    try:
        return datetime.strptime(value, V1_TIME_FORMAT).astimezone(timezone.utc)
    except ValueError:
        raise PayloadError(f"x: {where}: created_at is not a v1.1 time") from None


def _epoch_ms_time(value: str, where: str) -> datetime:
    if not value.isdigit():
        raise PayloadError(f"x: {where}: created_timestamp is not epoch milliseconds")
    return datetime.fromtimestamp(int(value) / 1000, tz=timezone.utc)


def _created_id(response: requests.Response, key: str, what: str) -> str:
    """The new object's id from a 2xx answer. Without it we cannot tell what was created, but it was."""
    try:
        value = response.json()["data"][key]
    except (ValueError, KeyError, TypeError):
        value = None
    if not isinstance(value, str) or not value:
        raise AmbiguousError(f"{what}: HTTP {response.status_code} without data.{key}; it probably went through")
    return value


def _count(value: Any) -> int:
    """A count as X sends it (number or numeric string); anything else counts as 0."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return max(value, 0)
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return 0


def _v2_engagement(metrics: Any) -> Engagement | None:
    if not isinstance(metrics, dict):
        return None
    return Engagement(likes=_count(metrics.get("like_count")),
                      reposts=_count(metrics.get("retweet_count")) + _count(metrics.get("quote_count")),
                      replies=_count(metrics.get("reply_count")))
