"""Facebook Pages: the Page's `feed` webhook (visitor posts, comments, replies, edits, deletions) and
Messenger messages in; comment replies, private replies and Messenger messages out, through the Graph API.

A feed change is `{"field": "feed", "value": {"item", "verb", "from": {id, name}, "post_id",
"comment_id", "parent_id", "message", "created_time", …}}`. A comment's `post_id` is its Page post
(`<page id>_<post id>`) and `parent_id` the post or, for a reply, the parent comment
(developers.facebook.com/docs/graph-api/webhooks/reference/page).
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from marshmallow import fields, validate

from bridge.channels.base import MediaLimits
from bridge.channels.meta import (
    NUMERIC_ID,
    GraphId,
    MetaAccountSchema,
    MetaChannel,
    created_id,
    epoch_time,
    graph_time,
    path_id,
    upload_name,
)
from bridge.channels.payload import optional_id, optional_text, required_id
from bridge.errors import PayloadError, PermanentError
from bridge.model import AttachedFile, Author, Delivered, Media, Post, PostChange, PostKind, Target

FEED_VERBS = {"add": PostChange.CREATED, "edited": PostChange.EDITED, "edit": PostChange.EDITED,
              "remove": PostChange.DELETED, "delete": PostChange.DELETED}
# What a visitor can put on the Page; reactions, likes, shares, ratings and the rest are not posts.
VISITOR_POST_ITEMS = frozenset({"status", "post", "photo", "video"})
COMMENT_ITEM = "comment"
IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif"})


class FacebookAccountSchema(MetaAccountSchema):
    page_id = GraphId(required=True, validate=NUMERIC_ID)
    page_access_token = fields.String(required=True, validate=validate.Length(min=1))
    page_name = fields.String(load_default=None, allow_none=True)


def post_permalink(post_id: str) -> str:
    return f"https://www.facebook.com/{post_id}"


def comment_permalink(post_id: str, comment_id: str) -> str:
    # A comment id is "<post id>_<comment id>"; the post's page opens at the comment given its last part.
    return f"{post_permalink(post_id)}?comment_id={comment_id.rsplit('_', 1)[-1]}"


class FacebookChannel(MetaChannel):
    name = "facebook"
    label = "Facebook"
    first_response_default = ("25m", "24h")  # guidance: ideally 25 minutes, 24 hours the minimum acceptable
    account_schema = FacebookAccountSchema
    public_limit = 8000  # comment length as third-party counters report it; Meta documents none
    private_limit = 1999  # Messenger: text "must be UTF-8 and less than 2000 characters"
    graph_object = "page"
    hide_field = "is_hidden"
    owner_id_setting = "page_id"
    token_setting = "page_access_token"
    # Images with a reply. A comment takes one photo (multipart `source`, as Page photos: under 4 MB). A
    # Messenger reply is its text, then one message per image (uploaded with the Attachment Upload API first;
    # 8 MB, Meta's image limit for saved assets fetched by URL, kept for uploads too); four is the bridge's
    # own cap, each image being a message of its own.
    reply_media = {"public": frozenset({"image"}), "private": frozenset({"image"})}
    media_limits = MediaLimits(max_files=1, max_bytes=4_000_000, types=IMAGE_TYPES)
    private_media_limits = MediaLimits(max_files=4, max_bytes=8_000_000, types=IMAGE_TYPES)

    # -- inbound ---------------------------------------------------------------------------
    def _post_from_change(self, field: str, value: dict[str, Any], entry: dict[str, Any], where: str) -> Post | None:
        if field != "feed":
            return None
        verb = value.get("verb")
        item, change = value.get("item"), FEED_VERBS.get(verb) if isinstance(verb, str) else None
        if change is None or (item != COMMENT_ITEM and item not in VISITOR_POST_ITEMS):
            return None  # reactions, likes, shares; hide/unhide and other moderation verbs
        author = _feed_author(value, where, required=change is not PostChange.DELETED)
        if author.platform_id == self.owner_id:
            return None  # the Page's own posts and comments, the bridge's replies among them
        page_post_id = required_id(value, "post_id", where)
        if item == COMMENT_ITEM:
            post_id = required_id(value, "comment_id", where)
            in_reply_to = optional_id(value, "parent_id", where) or page_post_id
            kind, url = PostKind.PUBLIC_REPLY, comment_permalink(page_post_id, post_id)
        else:
            post_id, in_reply_to = page_post_id, None
            kind, url = PostKind.PUBLIC_POST, post_permalink(page_post_id)
        return Post(
            platform=self.name,
            account=self.account_name,
            post_id=post_id,
            conversation_id=page_post_id,  # a post, its comments and their replies: one ticket
            kind=kind,
            author=author,
            text=optional_text(value, "message", where) or "",
            created_at=self._revision_time(value, entry, change, where),
            in_reply_to_id=in_reply_to,
            url=url,
            change=change,
            media=_feed_media(value),
            raw=value,
        )

    @staticmethod
    def _revision_time(value: dict[str, Any], entry: dict[str, Any], change: PostChange, where: str) -> datetime:
        """When this version was written. An edit is told apart from earlier ones by this time, so prefer
        `edited_time`, then when Meta sent the change; `created_time` may be the original comment's."""
        if change is PostChange.EDITED:
            if value.get("edited_time") is not None:
                return graph_time(value["edited_time"], f"{where}.edited_time")
            return epoch_time(entry.get("time"), f"{where}: entry time")
        if value.get("created_time") is not None:
            return graph_time(value["created_time"], f"{where}.created_time")
        return epoch_time(entry.get("time"), f"{where}: entry time")

    # -- outbound --------------------------------------------------------------------------
    def send_public(self, text: str, target: Target) -> Delivered:
        return self._comment(text, target, None)

    def send_with_media(self, text: str, target: Target, files: list[AttachedFile], *, private: bool) -> Delivered:
        """A comment with its photo in one request (nothing to leave half done); a Messenger reply as its text
        and then its images (MetaChannel._send_private_with_images)."""
        limits = self.limits_for(private=private)
        if not files or len(files) > limits.max_files:
            raise PermanentError(f"facebook: cannot send {len(files)} images with one {'message' if private else 'comment'}")
        if private:
            return self._send_private_with_images(text, target, files)
        return self._comment(text, target, files[0])

    def _comment(self, text: str, target: Target, photo: AttachedFile | None) -> Delivered:
        if target.kind.is_private:
            raise PermanentError("facebook comment: a Messenger conversation has no public thread to reply in")
        what = "facebook comment"
        # POST /{comment-id}/comments answers a comment (Facebook keeps replies one level deep);
        # POST /{post-id}/comments a visitor post. The text goes in the form body, not the URL; a photo as the
        # multipart part `source` beside it.
        files = {"source": (upload_name(photo.name), photo.data, photo.content_type)} if photo else None
        answer = self._graph("POST", f"{path_id(target.post_id)}/comments", what=what, idempotent=False,
                             data={"message": text}, files=files)
        comment_id = created_id(answer, "id", what)
        return Delivered(external_id=comment_id, url=comment_permalink(target.conversation_id, comment_id))

    def _message_attachment(self, file: AttachedFile) -> dict[str, Any]:
        """Attachment Upload API: POST /{page-id}/message_attachments, multipart `message` (the attachment's
        type, reusable as Meta's example has it) and `filedata`; answered {"attachment_id"}. Nothing is sent
        to anyone, so an upload that got no answer is simply made again later."""
        what = f"facebook upload {file.name}"
        answer = self._graph("POST", f"{self.owner_id}/message_attachments", what=what, idempotent=True,
                             data={"message": json.dumps({"attachment": {"type": "image", "payload": {"is_reusable": True}}})},
                             files={"filedata": (upload_name(file.name), file.data, file.content_type)})
        attachment_id = answer.get("attachment_id")
        if isinstance(attachment_id, int) and not isinstance(attachment_id, bool):
            attachment_id = str(attachment_id)
        if not isinstance(attachment_id, str) or not attachment_id:
            raise PermanentError(f"{what}: answer without attachment_id")
        return {"attachment_id": attachment_id}

    def _private_reply_recipient(self, target: Target) -> dict[str, str]:
        if target.kind is PostKind.PUBLIC_POST:
            return {"post_id": target.post_id}
        return {"comment_id": target.post_id}


def _feed_author(value: dict[str, Any], where: str, *, required: bool) -> Author:
    """`from: {id, name}`; older feed and mention payloads carry `sender_id`/`sender_name` instead."""
    sender = value.get("from")
    if isinstance(sender, dict):
        sender_id, name = optional_id(sender, "id", f"{where}.from"), sender.get("name")
    else:
        sender_id, name = optional_id(value, "sender_id", where), value.get("sender_name")
    if sender_id is None:
        if required:
            raise PayloadError(f"{where}: from.id is missing")
        return Author(platform_id="", handle="")
    name = name if isinstance(name, str) else ""
    # Facebook has no handles: the name people see stands in for one, the id when it is hidden.
    return Author(platform_id=sender_id, handle=name or sender_id, display_name=name)


def _feed_media(value: dict[str, Any]) -> tuple[Media, ...]:
    """A visitor's photo or video post (feed `photo` / `video` link, or a list under `photos`). Meta's CDN
    links are signed and expire."""
    found = []
    for key, kind in (("photo", "image"), ("video", "video")):
        url = value.get(key)
        if isinstance(url, str) and url.startswith("https://"):
            found.append(Media(kind=kind, url=url, expires=True))
    for url in value.get("photos") or []:
        if isinstance(url, str) and url.startswith("https://"):
            found.append(Media(kind="image", url=url, expires=True))
    return tuple(found)
