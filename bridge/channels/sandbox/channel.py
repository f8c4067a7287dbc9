"""The sandbox: a built-in local platform for demos, for trying mappings and routing before going
live, and for end-to-end tests. It behaves like a real one: signed webhook deliveries in, an HTTP
API for the brand's replies out (served by platform.py beside this file)."""
from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from marshmallow import Schema, fields

from bridge.channels.base import Channel
from bridge.errors import PayloadError

if TYPE_CHECKING:
    from flask import Blueprint
from bridge.http import call
from bridge.model import Author, Delivered, Post, PostKind, Target

SIGNATURE_HEADER = "X-Sandbox-Signature"


class SandboxAccountSchema(Schema):
    secret = fields.String(required=True)  # signs deliveries and authorises the brand's replies
    base_url = fields.Url(load_default="http://127.0.0.1:8000", require_tld=False, schemes={"http", "https"})  # where the sandbox API is served
    brand_handle = fields.String(load_default="brand")


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class SandboxChannel(Channel):
    name = "sandbox"
    label = "Sandbox"
    first_response_default = ("5m", "10m")  # short, so a demo shows the warning and the breach

    @classmethod
    def blueprint(cls) -> Blueprint:
        from bridge.channels.sandbox.platform import bp  # the simulated platform's page and API

        return bp
    account_schema = SandboxAccountSchema
    public_limit = 280
    private_limit = 10000

    @property
    def base_url(self) -> str:
        return self.settings["base_url"].rstrip("/")

    def verify(self, headers: Mapping[str, str], body: bytes) -> bool:
        given = headers.get(SIGNATURE_HEADER, "")
        return hmac.compare_digest(given.encode(), sign(self.settings["secret"], body).encode())

    def event_id(self, payload: Any, body: bytes) -> str:
        post = payload.get("post") if isinstance(payload, dict) else None
        if not isinstance(post, dict) or not isinstance(post.get("id"), int):
            raise PayloadError("expected {\"post\": {\"id\": <int>, ...}}")
        return f"sandbox:{post['id']}"

    def parse(self, payload: Any) -> list[Post]:
        try:
            post = payload["post"]
            author = post["author"]
            kind = post["kind"]
            post_id = str(post["id"])
            text = post["text"]
            created_at = datetime.fromisoformat(post["created_at"])
        except (KeyError, TypeError, ValueError) as exc:
            raise PayloadError(f"sandbox delivery is missing or has a bad field: {exc}") from None
        if kind not in ("public", "dm") or not isinstance(text, str) or not isinstance(author, dict):
            raise PayloadError("sandbox delivery has a bad kind, text or author")
        in_reply_to = str(post["in_reply_to"]) if post.get("in_reply_to") is not None else None
        if kind == "dm":
            post_kind, conversation = PostKind.DIRECT_MESSAGE, f"dm-{author['handle']}"
        else:
            post_kind = PostKind.PUBLIC_REPLY if in_reply_to else PostKind.PUBLIC_POST
            conversation = str(post.get("thread_root") or post_id)
        return [Post(
            platform=self.name,
            account=self.account_name,
            post_id=post_id,
            conversation_id=conversation,
            kind=post_kind,
            author=Author(platform_id=str(author["handle"]), handle=str(author["handle"]),
                          display_name=str(author.get("name") or ""), followers=author.get("followers")),
            text=text,
            created_at=created_at if created_at.tzinfo else created_at.replace(tzinfo=timezone.utc),
            in_reply_to_id=in_reply_to,
            url=None if kind == "dm" else f"{self.base_url}/sandbox/#post-{post_id}",
            raw=post,
        )]

    def send_public(self, text: str, target: Target) -> Delivered:
        return self._reply(text, target, private=False)

    def send_private(self, text: str, target: Target) -> Delivered:
        return self._reply(text, target, private=True)

    def _reply(self, text: str, target: Target, *, private: bool) -> Delivered:
        response = call(
            self.session, "POST", f"{self.base_url}/sandbox/api/accounts/{self.account_name}/replies",
            what="sandbox reply", idempotent=False,
            json={"text": text, "in_reply_to": int(target.post_id), "private": private},
            headers={"Authorization": f"Bearer {self.settings['secret']}"},
        )
        data = response.json()
        return Delivered(external_id=str(data["id"]), url=None if private else f"{self.base_url}/sandbox/#post-{data['id']}")
