"""Bluesky: mentions and replies to the brand's account, fetched from its notifications; replies as
posts in the customer's thread; private answers as chat messages where the customer accepts them."""
from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

import regex
import requests
from marshmallow import fields, validate

from bridge.channels.base import Channel, MediaLimits, PollingAccountSchema
from bridge.channels.bluesky.xrpc import Session, xrpc_error
from bridge.errors import BridgeError, PayloadError, PermanentError
from bridge.model import AttachedFile, Author, Delivered, Engagement, Measure, PolledItem, PollResult, Post, PostKind, Target

log = logging.getLogger("bridge.channels.bluesky")

POST_COLLECTION = "app.bsky.feed.post"
WANTED_REASONS = frozenset({"mention", "reply", "quote"})  # likes, reposts and follows are not conversations
SEARCHED = "search"  # a post found by a listening rule's search (not a notification)
PAGE_SIZE = 100  # listNotifications' maximum
PAGES_PER_POLL = 20  # a poll reads at most this many pages; the rest follows at once in the next poll
PROFILES_PER_CALL = 25  # getProfiles' and getPosts' maximum
DEFAULT_CHAT_SERVICE = "did:web:api.bsky.chat#bsky_chat"
_URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")
_MENTION = re.compile(r"(?<![\w@])@([a-zA-Z0-9][a-zA-Z0-9.-]*\.[a-zA-Z]{2,})")


class BlueskyAccountSchema(PollingAccountSchema):
    handle = fields.String(required=True, validate=validate.Length(min=3))  # the brand's handle, e.g. acme.bsky.social
    app_password = fields.String(required=True, validate=validate.Length(min=1))  # with "allow direct messages" for DMs
    pds_url = fields.Url(load_default="https://bsky.social", require_tld=False, schemes={"http", "https"})
    chat_service = fields.String(load_default=DEFAULT_CHAT_SERVICE)  # the atproto-proxy target for chat.bsky.*


def graphemes(text: str) -> int:
    """Bluesky counts post length in grapheme clusters (300 per post)."""
    return len(regex.findall(r"\X", text))


def facets(text: str, resolve_handle) -> list[dict[str, Any]]:
    """Link and mention facets with UTF-8 byte offsets, as the app writes them. Mentions whose handle
    does not resolve stay plain text."""
    found = []
    for match in _URL.finditer(text):
        found.append(_facet(text, match.start(), match.end(),
                            {"$type": "app.bsky.richtext.facet#link", "uri": match.group()}))
    for match in _MENTION.finditer(text):
        did = resolve_handle(match.group(1))
        if did:
            found.append(_facet(text, match.start(), match.end(),
                                {"$type": "app.bsky.richtext.facet#mention", "did": did}))
    return sorted(found, key=lambda f: f["index"]["byteStart"])


def _facet(text: str, start: int, end: int, feature: dict[str, Any]) -> dict[str, Any]:
    byte_start = len(text[:start].encode("utf-8"))
    return {"index": {"byteStart": byte_start, "byteEnd": byte_start + len(text[start:end].encode("utf-8"))},
            "features": [feature]}


def post_url(handle_or_did: str, uri: str) -> str:
    return f"https://bsky.app/profile/{handle_or_did}/post/{uri.rsplit('/', 1)[-1]}"


class BlueskyChannel(Channel):
    name = "bluesky"
    label = "Bluesky"
    # no published norm: conversational, X-like timelines, so between X and Instagram
    first_response_default = ("30m", "1h")
    account_schema = BlueskyAccountSchema
    public_limit = 300  # graphemes per post
    private_limit = 1000  # graphemes per chat message
    poll_interval = timedelta(seconds=30)
    reads_engagement = True
    counting = private_counting = "graphemes"
    searches = True  # listening: app.bsky.feed.searchPosts
    # Images in a public reply (app.bsky.embed.images: at most 4, 1 MB each); chat messages carry text only.
    reply_media = {"public": frozenset({"image"})}
    media_limits = MediaLimits(max_files=4, max_bytes=1_000_000,
                               types=frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"}))

    def __init__(self, account_name: str, settings: Mapping[str, Any], session: requests.Session | None = None):
        super().__init__(account_name, settings, session)
        self.handle: str = self.settings["handle"]
        self.xrpc = Session(self.settings["pds_url"], self.handle, self.settings["app_password"], self.session)

    # -- inbound: nothing is pushed ---------------------------------------------------------
    def verify(self, headers: Mapping[str, str], body: bytes) -> bool:
        return False  # Bluesky calls no webhook: everything comes by polling

    def poll(self, cursor: str | None, since: datetime) -> PollResult:
        """Notifications come newest first. The cursor remembers the newest one already taken ("seen");
        a poll pages back until it reaches it (or `since`), taking what is newer. When there is more than
        one poll reads, the pagination point is kept so the next poll goes on from there, and "seen"
        moves only once the whole stretch has been read: nothing is skipped."""
        return self._newer_than_seen(
            cursor, since, "app.bsky.notification.listNotifications", "list notifications", {}, "notifications",
            lambda item: item.get("reason") in WANTED_REASONS and item.get("author", {}).get("did") != self.xrpc.did,
            self._with_followers)

    def search(self, query: str, since: datetime, cursor: str | None) -> PollResult:
        """Posts matching `query` (app.bsky.feed.searchPosts: words, #hashtags, from:handle ...), newest
        first, with the same cursor rule as poll(): page back to the newest post already taken."""
        brand = self.xrpc.brand_did()
        return self._newer_than_seen(
            cursor, since, "app.bsky.feed.searchPosts", "search posts", {"q": query, "sort": "latest"}, "posts",
            lambda post: (post.get("author") or {}).get("did") != brand, self._found)

    def _newer_than_seen(self, cursor: str | None, since: datetime, nsid: str, what: str, params: dict[str, Any],
                         key: str, wanted, to_items) -> PollResult:
        """Page back through a newest-first list until the newest item already taken ("seen", in the cursor)
        or `since`, keeping the `wanted` items. More than PAGES_PER_POLL pages: the pagination point is kept
        and "seen" moves only once the whole stretch has been read, so nothing is skipped."""
        state = json.loads(cursor) if cursor else {}
        seen: str | None = state.get("seen")
        page: str | None = state.get("page")
        newest: str | None = state.get("newest")
        newest_at = _when(newest) if newest else None
        seen_at = _when(seen) if seen else None
        boundary = max(seen_at, since) if seen_at else since
        kept: list[dict[str, Any]] = []
        for _ in range(PAGES_PER_POLL):
            query: dict[str, Any] = {**params, "limit": PAGE_SIZE}
            if page:
                query["cursor"] = page
            answer = self.xrpc.get(nsid, what, query)
            items = answer.get(key)
            if not isinstance(items, list):
                raise PermanentError(f"bluesky {what}: no {key} list in the answer")
            reached = False
            for item in items:
                indexed = item.get("indexedAt") if isinstance(item, dict) else None
                moment = _when(indexed) if isinstance(indexed, str) else None
                if moment is None:
                    continue
                if newest_at is None or moment > newest_at:
                    newest, newest_at = indexed, moment
                if moment <= boundary:
                    reached = True
                    break
                if wanted(item):
                    kept.append(item)
            page = answer.get("cursor")
            if reached or not page or not items:
                return PollResult(items=to_items(kept), cursor=json.dumps({"seen": newest or seen}), more=False)
        return PollResult(items=to_items(kept), cursor=json.dumps({"seen": seen, "page": page, "newest": newest}),
                          more=True)

    def _found(self, posts: list[dict[str, Any]]) -> list[PolledItem]:
        """Found posts as notifications of their own kind ("search"), so parse() reads both alike."""
        notifications = [{"uri": p.get("uri"), "cid": p.get("cid"), "author": p.get("author"), "record": p.get("record"),
                          "reason": SEARCHED, "indexedAt": p.get("indexedAt")} for p in posts]
        return self._with_followers(notifications)

    def _with_followers(self, notifications: list[dict[str, Any]]) -> list[PolledItem]:
        """Each notification as an event, with its author's profile (followers) read in batches."""
        dids = sorted({n["author"]["did"] for n in notifications if isinstance(n.get("author"), dict)
                       and isinstance(n["author"].get("did"), str)})
        profiles = {}
        for start in range(0, len(dids), PROFILES_PER_CALL):
            answer = self.xrpc.get("app.bsky.actor.getProfiles", "read profiles",
                                   {"actors": dids[start:start + PROFILES_PER_CALL]})
            for profile in answer.get("profiles") or []:
                if isinstance(profile, dict) and isinstance(profile.get("did"), str):
                    profiles[profile["did"]] = profile
        return [PolledItem(event_id=f"bsky:{n.get('uri')}",
                           payload={"notification": n, "profile": profiles.get(n.get("author", {}).get("did"))})
                for n in notifications]

    def parse(self, payload: Any) -> list[Post]:
        notification = payload.get("notification") if isinstance(payload, dict) else None
        if not isinstance(notification, dict):
            raise PayloadError("bluesky: expected a polled notification")
        uri, record, author = notification.get("uri"), notification.get("record"), notification.get("author")
        if not isinstance(uri, str) or not uri.startswith("at://") or not isinstance(record, dict) \
                or not isinstance(author, dict) or not isinstance(author.get("did"), str):
            raise PayloadError("bluesky: a notification needs uri, record and author.did")
        if notification.get("reason") not in WANTED_REASONS | {SEARCHED} or record.get("$type") != POST_COLLECTION:
            return []
        profile = payload.get("profile") if isinstance(payload.get("profile"), dict) else {}
        reply = record.get("reply") if isinstance(record.get("reply"), dict) else None
        root = _ref_uri(reply, "root") if reply else None
        parent = _ref_uri(reply, "parent") if reply else None
        handle: str = author["handle"] if isinstance(author.get("handle"), str) else author["did"]
        text = record.get("text")
        if not isinstance(text, str):
            raise PayloadError("bluesky: the post has no text")
        created = _when(record.get("createdAt") or "") or _when(notification.get("indexedAt") or "")
        if created is None:
            raise PayloadError("bluesky: the post has no readable createdAt")
        return [Post(
            platform=self.name, account=self.account_name, post_id=uri, conversation_id=root or uri,
            in_reply_to_id=parent, kind=PostKind.PUBLIC_REPLY if reply else PostKind.PUBLIC_POST,
            author=Author(platform_id=author["did"], handle=handle,
                          display_name=author.get("displayName") or profile.get("displayName") or "",
                          followers=profile.get("followersCount") if isinstance(profile.get("followersCount"), int) else None,
                          verified=_verified(profile)),
            text=text, url=post_url(handle, uri),
            created_at=created if created.tzinfo else created.replace(tzinfo=timezone.utc), raw=payload)]

    def engagement(self, post_ids: list[str]) -> dict[str, Engagement]:
        found: dict[str, Engagement] = {}
        for start in range(0, len(post_ids), PROFILES_PER_CALL):
            answer = self.xrpc.get("app.bsky.feed.getPosts", "read post counts", {"uris": post_ids[start:start + PROFILES_PER_CALL]})
            for post in answer.get("posts") or []:
                if isinstance(post, dict) and isinstance(post.get("uri"), str):
                    found[post["uri"]] = Engagement(
                        likes=_count(post.get("likeCount")),
                        reposts=_count(post.get("repostCount")) + _count(post.get("quoteCount")),
                        replies=_count(post.get("replyCount")))
        return found

    # -- outbound ---------------------------------------------------------------------------
    def text_length(self, text: str) -> int:
        return graphemes(text)

    def measure(self, text: str, target: Target, *, private: bool) -> Measure:
        return Measure(graphemes(text), self.private_limit if private else self.public_limit, "graphemes")

    def send_public(self, text: str, target: Target) -> Delivered:
        """A post in the customer's thread: parent = the customer's post, root = its thread's root."""
        return self._reply(text, target, None)

    def send_with_media(self, text: str, target: Target, files: list[AttachedFile], *, private: bool) -> Delivered:
        """Images go in a public reply: each uploaded as a blob (com.atproto.repo.uploadBlob; a blob nothing
        refers to is never shown, and uploading the same bytes twice gives the same blob), then one post embeds
        them, each with its file name as alt text."""
        if private or not files or len(files) > self.media_limits.max_files:
            raise PermanentError(f"bluesky: cannot send {len(files)} file(s) in a {'chat message' if private else 'post'}")
        images = []
        for file in files:
            uploaded = self.xrpc.upload("com.atproto.repo.uploadBlob", f"upload {file.name}", file.data,
                                        file.content_type)
            blob = uploaded.get("blob")
            if not isinstance(blob, dict) or not isinstance(blob.get("ref"), dict):
                raise PermanentError(f"bluesky upload {file.name}: the PDS answered without a blob")
            images.append({"alt": file.name, "image": blob})
        return self._reply(text, target, {"$type": "app.bsky.embed.images", "images": images})

    def _reply(self, text: str, target: Target, embed: dict[str, Any] | None) -> Delivered:
        parent = self._post_view(target.post_id)
        reply = parent.get("record", {}).get("reply") if isinstance(parent.get("record"), dict) else None
        root = reply.get("root") if isinstance(reply, dict) and isinstance(reply.get("root"), dict) else None
        parent_ref = {"uri": parent["uri"], "cid": parent["cid"]}
        record: dict[str, Any] = {"$type": POST_COLLECTION, "text": text, "createdAt": _now_iso(),
                  "reply": {"root": {"uri": root["uri"], "cid": root["cid"]} if root else parent_ref, "parent": parent_ref}}
        found = facets(text, self._resolve_handle)
        if found:
            record["facets"] = found
        if embed:
            record["embed"] = embed
        created = self.xrpc.post("com.atproto.repo.createRecord", "post reply",
                                 {"repo": self.xrpc.brand_did(), "collection": POST_COLLECTION, "record": record},
                                 idempotent=False)
        uri = created.get("uri")
        if not isinstance(uri, str):
            raise PermanentError("bluesky post reply: the PDS answered without the new post's uri")
        return Delivered(external_id=uri, url=post_url(self.handle, uri))

    def private_open(self, target: Target, now: datetime) -> bool:
        """Whether the customer accepts chat messages from the brand (their chat setting: everyone, people
        they follow, or nobody). Unknown, or unreadable just now, counts as closed: the reply then goes
        the phone-handoff way instead, never public."""
        try:
            profile = self.xrpc.get("app.bsky.actor.getProfile", "read the customer's profile", {"actor": target.author_id})
        except BridgeError as exc:
            log.warning("bluesky: chat setting of %s not readable: %s", target.author_id, exc)
            return False
        chat = (profile.get("associated") or {}).get("chat") or {}
        allowed = chat.get("allowIncoming", "following")  # the app's default
        if allowed == "all":
            return True
        if allowed == "following":
            return bool((profile.get("viewer") or {}).get("followedBy"))
        return False

    def send_private(self, text: str, target: Target) -> Delivered:
        proxy = {"atproto-proxy": self.settings["chat_service"]}
        try:
            convo = self.xrpc.get("chat.bsky.convo.getConvoForMembers", "open the chat",
                                  {"members": [self.xrpc.brand_did(), target.author_id]}, headers=proxy)
        except PermanentError as exc:
            raise PermanentError(f"bluesky chat refused: the customer does not accept messages from this account, or "
                                 f"the app password lacks chat access ({xrpc_error(exc) or exc})", status=exc.status) from exc
        convo_id = (convo.get("convo") or {}).get("id")
        if not isinstance(convo_id, str):
            raise PermanentError("bluesky open the chat: no conversation id in the answer")
        message: dict[str, Any] = {"text": text}
        found = facets(text, self._resolve_handle)
        if found:
            message["facets"] = found
        sent = self.xrpc.post("chat.bsky.convo.sendMessage", "send a chat message",
                              {"convoId": convo_id, "message": message}, idempotent=False, headers=proxy)
        if not isinstance(sent.get("id"), str):
            raise PermanentError("bluesky send a chat message: no message id in the answer")
        return Delivered(external_id=f"{convo_id}/{sent['id']}", url=None)

    def _post_view(self, uri: str) -> dict[str, Any]:
        answer = self.xrpc.get("app.bsky.feed.getPosts", "read the post to answer", {"uris": [uri]})
        posts = answer.get("posts") or []
        if not posts or not isinstance(posts[0], dict) or not all(isinstance(posts[0].get(k), str) for k in ("uri", "cid")):
            raise PermanentError("bluesky: the post to answer is gone (deleted, or hidden from the brand)", status=404)
        return posts[0]

    def _resolve_handle(self, handle: str) -> str | None:
        try:
            answer = self.xrpc.get("com.atproto.identity.resolveHandle", "resolve a handle", {"handle": handle})
        except BridgeError:
            return None
        did = answer.get("did")
        return did if isinstance(did, str) else None


def _ref_uri(reply: dict[str, Any], key: str) -> str | None:
    ref = reply.get(key)
    return ref.get("uri") if isinstance(ref, dict) and isinstance(ref.get("uri"), str) else None


def _verified(profile: dict[str, Any]) -> bool:
    verification = profile.get("verification")
    return isinstance(verification, dict) and verification.get("verifiedStatus") == "valid"


def _count(value: Any) -> int:
    return value if isinstance(value, int) and value >= 0 else 0


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _now_iso() -> str:
    return _iso(datetime.now(timezone.utc))


def _when(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None

