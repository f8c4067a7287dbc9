"""The sandbox platform's page and API. Customer posts reach the bridge through the same signed
webhook path as any platform; the brand's replies come back through the account-scoped reply API."""
from __future__ import annotations

import hmac
import ipaddress
import json

from flask import Blueprint, jsonify, render_template, request
from marshmallow import Schema, ValidationError, fields, validate
from werkzeug.datastructures import Headers

from bridge.channels.sandbox.channel import SIGNATURE_HEADER, sign
from bridge.schemas import describe
from bridge.store.tables import SandboxPost
from bridge.usecases.receive import receive
from bridge.web.webhooks import runtime

bp = Blueprint("sandbox", __name__, url_prefix="/sandbox", template_folder="templates")


class SandboxAuthorSchema(Schema):
    handle = fields.String(required=True, validate=validate.Regexp(r"^[A-Za-z0-9_]{1,30}$",
                                                                   error="1-30 letters, digits or _"))
    name = fields.String(load_default="", validate=validate.Length(max=100))
    followers = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=0))


class SandboxPostSchema(Schema):
    author = fields.Nested(SandboxAuthorSchema, required=True)
    text = fields.String(required=True, validate=validate.Length(min=1, max=10000))
    kind = fields.String(load_default="public", validate=validate.OneOf(["public", "dm"]))
    in_reply_to = fields.Integer(load_default=None, allow_none=True)
    account = fields.String(load_default=None, allow_none=True)


class BrandReplySchema(Schema):
    text = fields.String(required=True, validate=validate.Length(min=1))
    in_reply_to = fields.Integer(required=True)
    private = fields.Boolean(load_default=False)


def serialize(post: SandboxPost) -> dict:
    return {
        "id": post.id,
        "account": post.account,
        "kind": post.kind,
        "author": {"handle": post.author_handle, "name": post.author_name, "followers": post.author_followers},
        "from_brand": post.from_brand,
        "text": post.text,
        "in_reply_to": post.in_reply_to,
        "thread_root": post.thread_root,
        "created_at": post.created_at.isoformat() + "+00:00",
    }


def _sandbox_accounts() -> list[str]:
    return [name for channel, name in runtime().settings.accounts if channel == "sandbox"]


def _bad(message: str, status: int = 400):
    return jsonify(error=message), status


@bp.get("/")
def page():
    return render_template("sandbox.html", accounts=_sandbox_accounts())


def _may_read_dms() -> bool:
    """The brand's DMs are listed to a client on this machine (the sandbox page on loopback, tests) or to one
    with the admin token; any other client sees the public posts only. Behind a reverse proxy on the same
    machine every client looks local: set an admin token and keep the sandbox off such a deployment."""
    try:
        if ipaddress.ip_address(request.remote_addr or "").is_loopback:
            return True
    except ValueError:
        pass
    token = runtime().settings.admin_token
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return bool(token) and hmac.compare_digest(given.encode(), token.encode())  # type: ignore[union-attr]


@bp.get("/api/posts")
def list_posts():
    posts = runtime().store.sandbox.timeline(request.args.get("account"))
    if not _may_read_dms():
        posts = [p for p in posts if p.kind != "dm"]
    return jsonify([serialize(p) for p in posts])


@bp.post("/api/posts")
def create_post():
    """Post as a customer. The post is stored on the sandbox, then delivered to the bridge as a signed webhook."""
    rt = runtime()
    try:
        data = SandboxPostSchema().load(request.get_json(force=True, silent=True) or {})
    except ValidationError as exc:
        return _bad(f"invalid post: {describe(exc)}")
    accounts = _sandbox_accounts()
    account = data["account"] or (accounts[0] if accounts else None)
    if account not in accounts:
        return _bad(f"unknown sandbox account {account!r}", 404)
    parent = None
    if data["in_reply_to"] is not None:
        parent = rt.store.sandbox.get(data["in_reply_to"])
        if parent is None or parent.account != account:
            return _bad(f"in_reply_to: no post {data['in_reply_to']} on this account")
        if (parent.kind == "dm") != (data["kind"] == "dm"):
            return _bad("in_reply_to: a DM can only answer a DM, a public post only a public post")
    author = data["author"]
    post = rt.store.sandbox.add(
        account=account, kind=data["kind"], author_handle=author["handle"], author_name=author["name"],
        author_followers=author["followers"], from_brand=False, text=data["text"], in_reply_to=data["in_reply_to"],
        thread_root=(parent.thread_root or parent.id) if parent else None,
        dm_with=author["handle"] if data["kind"] == "dm" else None)
    body = json.dumps({"post": serialize(post)}).encode()
    secret = rt.settings.accounts[("sandbox", account)].settings["secret"]
    # Delivered the way a platform would deliver it: signed, through the bridge's one way in.
    answer = receive(rt, "sandbox", account, Headers({SIGNATURE_HEADER: sign(secret, body)}), body)
    result = serialize(post)
    result["delivery"] = answer.body
    return jsonify(result), 201 if answer.status == 200 else 502


@bp.post("/api/accounts/<account>/replies")
def brand_reply(account: str):
    """The brand's side of the sandbox API, used by the sandbox channel to post agent replies."""
    rt = runtime()
    found = rt.settings.accounts.get(("sandbox", account))
    if found is None:
        return _bad(f"unknown sandbox account {account!r}", 404)
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if not hmac.compare_digest(token.encode(), found.settings["secret"].encode()):
        return _bad("bad credentials", 401)
    try:
        data = BrandReplySchema().load(request.get_json(force=True, silent=True) or {})
    except ValidationError as exc:
        return _bad(f"invalid reply: {describe(exc)}")
    parent = rt.store.sandbox.get(data["in_reply_to"])
    if parent is None or parent.account != account:
        return _bad(f"in_reply_to: no post {data['in_reply_to']} on this account", 404)
    private = data["private"]
    post = rt.store.sandbox.add(
        account=account, kind="dm" if private else "public", author_handle=found.settings["brand_handle"],
        author_name="", author_followers=None, from_brand=True, text=data["text"],
        in_reply_to=parent.id, thread_root=parent.thread_root or parent.id,
        dm_with=(parent.dm_with or parent.author_handle) if private else None)
    return jsonify(serialize(post)), 201
