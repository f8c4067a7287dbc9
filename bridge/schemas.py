"""Marshmallow schemas: the canonical types on the wire, mapping files and the bridge config file."""
from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, post_load, validate

from bridge.model import Author, Post, PostKind, Reply, ReplyMode

PRIORITIES = ("low", "normal", "high", "urgent")


def describe(error: ValidationError) -> str:
    """Marshmallow's nested messages as "customer.login: Missing data…; tags: Not a valid list." """

    def walk(messages: Any, path: str) -> list[str]:
        if isinstance(messages, dict):
            return [line for key, value in messages.items() for line in walk(value, f"{path}.{key}" if path else str(key))]
        text = " ".join(map(str, messages)) if isinstance(messages, list) else str(messages)
        return [f"{path}: {text}" if path else text]

    return "; ".join(walk(error.messages, ""))


class AuthorSchema(Schema):
    platform_id = fields.String(required=True, validate=validate.Length(min=1))
    handle = fields.String(required=True)
    display_name = fields.String(load_default="")
    followers = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=0))
    verified = fields.Boolean(load_default=False)

    @post_load
    def make(self, data, **_):
        return Author(**data)


class PostSchema(Schema):
    platform = fields.String(required=True)
    account = fields.String(required=True)
    post_id = fields.String(required=True, validate=validate.Length(min=1))
    conversation_id = fields.String(required=True, validate=validate.Length(min=1))
    in_reply_to_id = fields.String(load_default=None, allow_none=True)
    kind = fields.Enum(PostKind, by_value=True, required=True)
    author = fields.Nested(AuthorSchema, required=True)
    text = fields.String(required=True)
    url = fields.String(load_default=None, allow_none=True)
    created_at = fields.AwareDateTime(required=True, default_timezone=None)
    raw = fields.Dict(load_default=dict)

    @post_load
    def make(self, data, **_):
        return Post(**data)


class ReplySchema(Schema):
    helpdesk = fields.String(required=True)
    ticket_id = fields.String(required=True, validate=validate.Length(min=1))
    article_id = fields.String(required=True, validate=validate.Length(min=1))
    text = fields.String(required=True)
    requested_mode = fields.Enum(ReplyMode, by_value=True, load_default=ReplyMode.PUBLIC)
    agent = fields.String(load_default="")

    @post_load
    def make(self, data, **_):
        return Reply(**data)


# -- mapping files (mappings/<channel>.yaml) -------------------------------------------------
class CustomerMappingSchema(Schema):
    login = fields.String(required=True)
    name = fields.String(required=True)
    extra = fields.Dict(keys=fields.String(), values=fields.String(), load_default=dict, data_key="fields")


class MappingSchema(Schema):
    """Templates are strings for a sandboxed Jinja environment; compiled and test-rendered at start-up."""

    channel = fields.String(required=True)
    title = fields.String(required=True)
    queue = fields.String(required=True)
    priority = fields.String(load_default="normal")
    tags = fields.List(fields.String(), load_default=list)
    customer = fields.Nested(CustomerMappingSchema, required=True)
    body = fields.String(required=True)
    article_body = fields.String(load_default=None, allow_none=True)
    # helpdesk custom ticket fields (Zammad object attributes, ...); "fields" in the YAML
    ticket_fields = fields.Dict(keys=fields.String(), values=fields.String(), load_default=dict, data_key="fields")


# -- the bridge config file ------------------------------------------------------------------
class AccountEntrySchema(Schema):
    """One brand account on one platform; the channel module validates the rest of the keys."""

    class Meta:
        unknown = EXCLUDE

    channel = fields.String(required=True)
    name = fields.String(required=True, validate=validate.Regexp(r"^[a-z0-9][a-z0-9_-]{0,62}$", error="use a-z, 0-9, - and _"))


class HelpdeskEntrySchema(Schema):
    class Meta:
        unknown = EXCLUDE

    kind = fields.String(required=True)


class ReviewRuleSchema(Schema):
    """Replies by these agents are reviewed: "before" holds them until approved, "after" publishes
    at once and queues them for review."""

    agents = fields.List(fields.String(validate=validate.Length(min=1)), required=True, validate=validate.Length(min=1))
    mode = fields.String(load_default="before", validate=validate.OneOf(["before", "after"]))


class ConfigFileSchema(Schema):
    database_url = fields.String(load_default=None, allow_none=True)
    admin_token = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=16))
    privacy = fields.Dict(load_default=dict)  # validated by the privacy detector's own schema
    review = fields.List(fields.Nested(ReviewRuleSchema), load_default=list)
    redis_url = fields.String(load_default=None, allow_none=True)
    public_url = fields.String(load_default=None, allow_none=True)
    mappings_dir = fields.String(load_default=None, allow_none=True)
    helpdesk = fields.Dict(required=True)
    accounts = fields.List(fields.Dict(), required=True)
