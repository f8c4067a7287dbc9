"""Threads API (graph.threads.net): webhooks for `replies` (on media the brand owns) and `mentions` (public
media tagging the brand), signed and verified like every Meta webhook (bridge.channels.meta); answers
published as replies in two steps (a container with reply_to_id, then threads_publish).

A delivery is `{"app_id", "topic", "target_id", "time", "subscription_id", "has_uid_field",
"values": {"field": "replies" | "mentions", "value": {"id", "username", "text", "media_type",
"permalink", "replied_to": {"id"}, "root_post": {"id", "owner_id", "username"}, "shortcode",
"timestamp"}}}` (developers.facebook.com/docs/threads/webhooks). The value names its author by username
only.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from marshmallow import fields, validate

from bridge.channels.meta import GraphId, MetaAccountSchema, MetaApiChannel, created_id, graph_time
from bridge.channels.payload import as_list, as_object, optional_text, required_id, required_text
from bridge.errors import PayloadError, PermanentError
from bridge.model import Author, Delivered, Post, PostKind, Target

log = logging.getLogger("bridge.channels.threads")

DEFAULT_THREADS_BASE = "https://graph.threads.net"
DEFAULT_THREADS_VERSION = "v1.0"
WANTED_FIELDS = frozenset({"replies", "mentions"})  # publish and delete are the brand's own posts


class ThreadsAccountSchema(MetaAccountSchema):
    threads_user_id = GraphId(required=True, validate=validate.Regexp(r"^\d+$", error="must be a numeric id"))
    username = fields.String(required=True, validate=validate.Regexp(r"^[\w.]{1,30}$", error="must be a Threads username"))
    access_token = fields.String(required=True, validate=validate.Length(min=1))  # long-lived Threads user token
    graph_base = fields.Url(load_default=DEFAULT_THREADS_BASE, require_tld=False, schemes={"http", "https"})
    graph_version = fields.String(load_default=DEFAULT_THREADS_VERSION,
                                  validate=validate.Regexp(r"^v\d+\.\d+$", error="must look like v1.0"))


class ThreadsChannel(MetaApiChannel):
    name = "threads"
    label = "Threads"
    # no published norm: a conversational timeline like X and Bluesky
    first_response_default = ("30m", "1h")
    account_schema = ThreadsAccountSchema
    owner_id_setting = "threads_user_id"
    token_setting = "access_token"
    public_limit = 500  # characters per post
    private_limit = 0  # the Threads API has no messages: private answers go the phone-handoff way

    def __init__(self, account_name: str, settings: Mapping[str, Any], session=None):
        super().__init__(account_name, settings, session)
        self.username: str = self.settings["username"].lstrip("@").lower()

    def event_id(self, payload: Any, body: bytes) -> str:
        values = payload.get("values") if isinstance(payload, dict) else None
        items = values if isinstance(values, list) else [values]
        ids = sorted(f"{v.get('field')}:{v['value']['id']}" for v in items if isinstance(v, dict)
                     and isinstance(v.get("value"), dict) and isinstance(v["value"].get("id"), (str, int)))
        if ids:  # Meta retries a delivery with the same values; a fresh `time` must not make it new
            return "threads:" + hashlib.sha256("|".join(ids).encode()).hexdigest()
        return super().event_id(payload, body)

    def parse(self, payload: Any) -> list[Post]:
        where = "threads"
        payload = as_object(payload, f"{where}: payload")
        values = payload.get("values")
        if values is None:
            raise PayloadError(f"{where}: values is missing")
        items = as_list(values, f"{where}: values") if isinstance(values, list) else [as_object(values, f"{where}: values")]
        posts = []
        for i, item in enumerate(items):
            at = f"{where}: values[{i}]"
            item = as_object(item, at)
            field = required_text(item, "field", at)
            if field not in WANTED_FIELDS:
                continue
            post = self._post(field, as_object(item.get("value"), f"{at}.value"), f"{at}.value")
            if post is not None:
                posts.append(post)
        return posts

    def _post(self, field: str, value: dict[str, Any], where: str) -> Post | None:
        media_id = required_id(value, "id", where)
        username = required_text(value, "username", where)
        if username.lower() == self.username:
            return None  # the brand's own reply, echoed
        root = value.get("root_post") if isinstance(value.get("root_post"), dict) else None
        if field == "replies" and root is not None:
            owner = root.get("owner_id")
            if owner is not None and str(owner) != self.owner_id:
                raise PayloadError(f"{where}: a reply under another profile's post (root_post.owner_id is not "
                                   f"{self.owner_id}, the threads_user_id of account {self.account_name})")
        replied_to = value.get("replied_to") if isinstance(value.get("replied_to"), dict) else None
        parent = required_id(replied_to, "id", f"{where}.replied_to") if replied_to else None
        conversation = required_id(root, "id", f"{where}.root_post") if root else media_id
        text = optional_text(value, "text", where)
        if text is None:
            kind = optional_text(value, "media_type", where) or "media"
            text = f"({kind.lower().replace('_', ' ')} without text)"
        return Post(
            platform=self.name, account=self.account_name, post_id=media_id, conversation_id=conversation,
            in_reply_to_id=parent, kind=PostKind.PUBLIC_REPLY if parent else PostKind.PUBLIC_POST,
            author=Author(platform_id=username, handle=username),  # the webhook names authors by username only
            text=text, url=optional_text(value, "permalink", where),
            created_at=graph_time(value.get("timestamp"), f"{where}.timestamp"), raw=value)

    # -- outbound --------------------------------------------------------------------------------
    def private_open(self, target: Target, now: datetime) -> bool:
        return False  # no messages in the Threads API

    def send_private(self, text: str, target: Target) -> Delivered:
        raise PermanentError("threads has no private messages; the answer goes the phone-handoff way")

    def send_public(self, text: str, target: Target) -> Delivered:
        """A reply to the customer's post: a text container with reply_to_id, then published. Creating the
        container has no visible effect, so it may be repeated; publishing may not."""
        container = self._graph("POST", f"{self.owner_id}/threads", what="threads reply container", idempotent=True,
                                data={"media_type": "TEXT", "text": text, "reply_to_id": target.post_id})
        container_id = container.get("id")
        if not isinstance(container_id, str) or not container_id:
            raise PermanentError("threads reply container: the answer has no id")
        published = self._graph("POST", f"{self.owner_id}/threads_publish", what="threads publish reply",
                                idempotent=False, data={"creation_id": container_id})
        media_id = created_id(published, "id", "threads publish reply")
        return Delivered(external_id=media_id, url=None)
