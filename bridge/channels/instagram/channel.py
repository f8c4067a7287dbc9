"""Instagram professional accounts: `comments` and `mentions` webhooks and DMs in; comment replies,
replies to mentions, private replies and DMs out (a DM with the agent's images, each by a short-lived
signed link of the bridge), through the Graph API.

Two login variants exist: Instagram API with Facebook Login (graph.facebook.com, the default) and with
Instagram Login (graph.instagram.com: set `graph_base`). A comment change is `{"field": "comments",
"value": {"id", "text", "from": {id, username}, "media": {id, media_product_type}, "parent_id"?}}`;
a mention change carries only ids, `{"media_id", "comment_id"?}`, so its text is fetched through
`mentioned_comment` / `mentioned_media` (developers.facebook.com/docs/instagram-platform/webhooks/examples,
…/instagram-graph-api/reference/ig-user/mentioned_comment).
"""
from __future__ import annotations

from typing import Any

from marshmallow import fields, post_load, validate

from bridge.channels.base import MediaLimits
from bridge.channels.meta import (
    NUMERIC_ID,
    GraphId,
    IgnoredShape,
    MetaAccountSchema,
    MetaChannel,
    created_id,
    epoch_time,
    graph_time,
    path_id,
)
from bridge.channels.payload import as_object, optional_id, optional_text, required_id
from bridge.errors import BridgeError, PermanentError
from bridge.model import AttachedFile, Author, Delivered, Measure, Post, PostKind, Target

COMMENT_FIELDS = frozenset({"comments", "live_comments"})
MENTION_PREFIX = "mention:"  # conversation id of a mention on someone else's media: mention:<media id>
MENTIONED_COMMENT_FIELDS = "id,text,timestamp,username"
MENTIONED_MEDIA_FIELDS = "id,caption,timestamp,username"
# What an Instagram message takes as an image: PNG or JPEG up to 8 MB (Meta's Instagram Messaging "Send a
# Message" page; its attachment-upload page adds GIF, which the send page leaves out, so GIFs stay behind).
IMAGE_TYPES = frozenset({"image/jpeg", "image/png"})


class InstagramAccountSchema(MetaAccountSchema):
    ig_user_id = GraphId(required=True, validate=NUMERIC_ID)
    access_token = fields.String(required=True, validate=validate.Length(min=1))
    username = fields.String(load_default=None, allow_none=True)

    @post_load
    def strip_at(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        if data.get("username"):
            data["username"] = data["username"].lstrip("@")
        return data


class InstagramChannel(MetaChannel):
    name = "instagram"
    label = "Instagram"
    first_response_default = ("1h", "1h")  # one hour, as Instagram customers expect
    account_schema = InstagramAccountSchema
    public_limit = 2200  # characters, as for captions; Meta documents no comment limit
    private_limit = 1000  # bytes of UTF-8, for DMs and private replies alike
    private_counting = "utf8-bytes"
    graph_object = "instagram"
    hide_field = "hide"
    owner_id_setting = "ig_user_id"
    token_setting = "access_token"
    # Comment replies take no media. A DM takes an image only by a URL Meta fetches (`attachment.payload.url`;
    # with Instagram Login the only way), so each image is served at a short-lived signed link of the bridge
    # (bridge.media_links) and sent as a message of its own after the text, as Messenger's are. 8 MB, JPEG or
    # PNG; four is the bridge's own cap, each image being a message of its own.
    reply_media = {"private": frozenset({"image"})}
    private_media_limits = MediaLimits(max_files=4, max_bytes=8_000_000, types=IMAGE_TYPES)
    media_by_link = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.username: str | None = self.settings.get("username")

    # -- inbound ---------------------------------------------------------------------------
    def _post_from_change(self, field: str, value: dict[str, Any], entry: dict[str, Any], where: str) -> Post | None:
        if field in COMMENT_FIELDS:
            return self._comment(value, entry, where)
        if field == "mentions":
            return self._mention(value, entry, where)
        return None

    def _comment(self, value: dict[str, Any], entry: dict[str, Any], where: str) -> Post | None:
        if "from" not in value and "media" not in value:
            # The comment shape before the 2021 API (only id and text, no author or media): nothing to answer.
            raise IgnoredShape("an Instagram comment in the pre-2021 shape (no author, no media)")
        sender = as_object(value.get("from"), f"{where}.from")
        author = Author(platform_id=required_id(sender, "id", f"{where}.from"),
                        handle=optional_text(sender, "username", f"{where}.from") or "")
        if self._is_own(author):
            return None  # the account's own comments, the bridge's replies among them
        # Facebook Login sends the comment id as `id`; some deliveries call it `comment_id`.
        comment_id = optional_id(value, "id", where) or required_id(value, "comment_id", where)
        media_id = required_id(as_object(value.get("media"), f"{where}.media"), "id", f"{where}.media")
        parent_id = optional_id(value, "parent_id", where)
        return Post(
            platform=self.name,
            account=self.account_name,
            post_id=comment_id,
            conversation_id=media_id,  # the comments under one post share a ticket
            kind=PostKind.PUBLIC_REPLY,
            author=author,
            text=optional_text(value, "text", where) or "",
            created_at=epoch_time(entry.get("time"), f"{where}: entry time"),  # comment changes carry no time
            in_reply_to_id=parent_id or media_id,
            raw=value,
        )

    def _mention(self, value: dict[str, Any], entry: dict[str, Any], where: str) -> Post | None:
        """An @mention in a comment or caption on someone else's media. Fetched here, in the ingest task."""
        media_id = required_id(value, "media_id", where)
        comment_id = optional_id(value, "comment_id", where)
        if comment_id:
            what, node, text_key = "instagram mentioned comment", "mentioned_comment", "text"
            query = f"mentioned_comment.comment_id({comment_id}){{{MENTIONED_COMMENT_FIELDS}}}"
        else:
            what, node, text_key = "instagram mentioned media", "mentioned_media", "caption"
            query = f"mentioned_media.media_id({media_id}){{{MENTIONED_MEDIA_FIELDS}}}"
        answer = self._graph("GET", self.owner_id, what=what, idempotent=True, params={"fields": query})
        found = answer.get(node)
        if not isinstance(found, dict):
            raise PermanentError(f"{what}: answer without {node}")
        username = found.get("username")
        if not isinstance(username, str) or not username:
            raise PermanentError(f"{what}: answer without the author's username")
        # No Instagram-scoped id for someone else's comment: the public username identifies the author.
        author = Author(platform_id="@" + username, handle=username)
        if self._is_own(author):
            return None
        text = found.get(text_key)
        timestamp = found.get("timestamp")
        return Post(
            platform=self.name,
            account=self.account_name,
            post_id=comment_id or media_id,
            conversation_id=MENTION_PREFIX + media_id,
            kind=PostKind.PUBLIC_POST,
            author=author,
            text=text if isinstance(text, str) else "",
            created_at=(graph_time(timestamp, f"{what}: timestamp") if timestamp is not None
                        else epoch_time(entry.get("time"), f"{where}: entry time")),
            raw={**value, node: found},
        )

    def _is_own(self, author: Author) -> bool:
        return author.platform_id == self.owner_id or bool(
            self.username and author.handle.lower() == self.username.lower())

    # -- outbound --------------------------------------------------------------------------
    def measure(self, text: str, target: Target, *, private: bool) -> Measure:
        if private:
            return Measure(len(text.encode("utf-8")), self.private_limit, "bytes")
        return Measure(len(text), self.public_limit)

    def send_public(self, text: str, target: Target) -> Delivered:
        if target.kind.is_private:
            raise PermanentError("instagram comment: a DM conversation has no public thread to reply in")
        media_id = _mentioned_media_id(target)
        if media_id is not None:
            what = "instagram reply to a mention"
            data = {"media_id": media_id, "message": text}
            if target.post_id != media_id:
                data["comment_id"] = target.post_id
            answer = self._graph("POST", f"{self.owner_id}/mentions", what=what, idempotent=False, data=data)
        else:
            # Only top-level comments take replies; a reply to a reply lands on its top-level comment.
            what = "instagram comment reply"
            answer = self._graph("POST", f"{path_id(target.post_id)}/replies", what=what, idempotent=False,
                                 data={"message": text})
        # Comment ids do not lead to a URL (that needs the media's shortcode).
        return Delivered(external_id=created_id(answer, "id", what), url=None)

    def send_with_media(self, text: str, target: Target, files: list[AttachedFile], *, private: bool) -> Delivered:
        """A DM as its text and then one message per image, each image by its link (made just before its
        message, so it is valid while Meta fetches it); a private reply to a comment as its text alone
        (MetaChannel._send_private_with_images). Nothing is sent while the links cannot be fetched."""
        if not private:
            raise PermanentError("instagram comment: a comment reply takes no images")
        limits = self.limits_for(private=True)
        if not files or len(files) > limits.max_files:
            raise PermanentError(f"instagram: cannot send {len(files)} images with one message")
        unavailable = self.media_unavailable(private=True)
        if unavailable:
            raise PermanentError(f"instagram: {unavailable}")
        return self._send_private_with_images(text, target, files)

    def _message_attachment(self, file: AttachedFile) -> None:
        return None  # nothing to upload: Meta fetches the image from its link when its message is sent

    def _send_image(self, target: Target, file: AttachedFile, payload: dict[str, Any] | None) -> None:
        if self.media_links is None:
            raise PermanentError("instagram: this process makes no links for images")
        url = self.media_links.link(file)
        try:
            super()._send_image(target, file, {"url": url})
        except BridgeError as exc:  # Meta may quote the URL back: the link goes in no log and no note
            exc.args = tuple(str(arg).replace(url, "<the image's link>") for arg in exc.args)
            raise

    def _private_reply_recipient(self, target: Target) -> dict[str, str] | None:
        if _mentioned_media_id(target) == target.post_id:
            return None  # a caption mention has no comment to answer privately
        return {"comment_id": target.post_id}


def _mentioned_media_id(target: Target) -> str | None:
    if target.conversation_id.startswith(MENTION_PREFIX):
        return target.conversation_id[len(MENTION_PREFIX):]
    return None
