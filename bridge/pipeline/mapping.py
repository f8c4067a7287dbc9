"""Post → ticket fields, from the channel's mapping file (mappings/<channel>.yaml).

Admins write the templates, so they run in Jinja's sandbox with undefined names as errors.
Every template is compiled and test-rendered against a sample post at start-up, and errors name
the file and the key.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from marshmallow import ValidationError

from bridge.errors import ConfigError
from bridge.model import (
    ArticleDraft,
    Author,
    Customer,
    Media,
    Post,
    PostKind,
    Priority,
    TicketDraft,
)
from bridge.pipeline.listening import Listening, listening_rules
from bridge.pipeline.priority import PriorityRules, priority_rules
from bridge.pipeline.sla import (
    FALLBACK_TARGETS,
    SlaPolicy,
    first_response_targets,
    sla_policy,
)
from bridge.schemas import DEFAULT_ACKNOWLEDGEMENT_WINDOW, PRIORITIES, MappingSchema, describe
from bridge.yamlfile import load_yaml_mapping

_ENV = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False)

SAMPLE_POST = Post(
    platform="sample",
    account="sample",
    post_id="1",
    conversation_id="1",
    kind=PostKind.PUBLIC_POST,
    author=Author(platform_id="42", handle="sample_user", display_name="Sample User", followers=10, verified=False),
    text="Sample text",
    created_at=datetime(2026, 1, 1, tzinfo=timezone.utc),
    in_reply_to_id=None,
    url="https://example.invalid/post/1",
)


@dataclass(frozen=True)
class ChannelMapping:
    source: str  # file path, for error messages
    channel: str
    templates: dict[str, jinja2.Template]  # flat keys: "title", "tags[0]", "customer.login", "fields.x"
    sla: SlaPolicy  # the channel's defaults with the file's `sla:` section laid over them
    priority_rules: PriorityRules  # the default rules with the file's `priority_rules:` section
    acknowledgements: dict[str, str]  # "private" / "phone": public notes when the answer goes elsewhere
    auto_acknowledge: dict[str, str | None]  # "public" / "dm": automatic first answer on new tickets (None: off)
    # sensitive kinds that make the bridge hide a customer's public post, and the private notice (None: none)
    hide_exposed: frozenset[str] = frozenset()
    exposure_notice: str | None = None
    listening: Listening | None = None  # searches beyond the brand's mentions (None: none)
    # one public acknowledgement per conversation within this window
    acknowledgement_window: timedelta = DEFAULT_ACKNOWLEDGEMENT_WINDOW

    def render(self, key: str, post: Post) -> str:
        try:
            return self.templates[key].render(context(post)).strip()
        except jinja2.TemplateError as exc:
            raise ConfigError(f"{self.source}: {key}: {exc}") from exc

    def keys(self, prefix: str) -> list[str]:
        return [k for k in self.templates if k.startswith(prefix)]


def context(post: Post) -> dict[str, Any]:
    """What templates see. `raw` is left out on purpose: mappings stay platform-neutral."""
    data = {f.name: getattr(post, f.name) for f in fields(post) if f.name != "raw"}  # no deep copy of raw
    data["author"] = asdict(post.author)
    data["engagement"] = asdict(post.engagement) if post.engagement else None
    data["change"] = post.change.value
    data["kind"] = post.kind.value
    data["is_private"] = post.kind.is_private
    data["created_at"] = post.created_at.isoformat()
    return data


def _flatten(raw: dict[str, Any]) -> dict[str, str]:
    flat: dict[str, str] = {}
    for key in ("title", "queue", "priority", "body"):
        flat[key] = raw[key]
    flat["article_body"] = raw["article_body"] if raw.get("article_body") is not None else raw["body"]
    for i, tag in enumerate(raw["tags"]):
        flat[f"tags[{i}]"] = tag
    flat["customer.login"] = raw["customer"]["login"]
    flat["customer.name"] = raw["customer"]["name"]
    for name, value in raw["customer"]["extra"].items():
        flat[f"customer.fields.{name}"] = value
    for name, value in raw["ticket_fields"].items():
        flat[f"fields.{name}"] = value
    return flat


def load_mapping(path: Path, first_response_default: tuple[str, str] | None = None) -> ChannelMapping:
    """One mapping file; `first_response_default` is its channel's (target, maximum) for a file
    without an `sla:` section."""
    source = str(path)
    document = load_yaml_mapping(path)
    try:
        raw = MappingSchema().load(document)
    except ValidationError as exc:
        raise ConfigError(f"{source}: {describe(exc)}") from exc
    if raw["channel"] != path.stem:
        raise ConfigError(f"{source}: channel: is {raw['channel']!r} but the file is named for {path.stem!r}")
    templates: dict[str, jinja2.Template] = {}
    for key, text in _flatten(raw).items():
        try:
            templates[key] = _ENV.from_string(text)
        except jinja2.TemplateSyntaxError as exc:
            raise ConfigError(f"{source}: {key}: template error on line {exc.lineno}: {exc.message}") from exc
    mapping = ChannelMapping(source=source, channel=raw["channel"], templates=templates,
                             sla=sla_policy(raw["sla"], first_response_targets(*first_response_default)
                                                                if first_response_default else FALLBACK_TARGETS), priority_rules=priority_rules(raw["priority_rules"]),
                             acknowledgements=raw["acknowledgements"], auto_acknowledge=raw["auto_acknowledge"],
                             hide_exposed=frozenset(raw["exposure"]["hide"]), exposure_notice=raw["exposure"]["notice"],
                             listening=listening_rules(raw["listening"]),
                             acknowledgement_window=raw["acknowledgement_window"])
    render_ticket(mapping, SAMPLE_POST)  # undefined names, bad priority: fail now, not on the first post
    return mapping


def load_mappings(directory: Path, sla_defaults: Mapping[str, tuple[str, str]]) -> dict[str, ChannelMapping]:
    """Every mapping file of a directory; `sla_defaults` are the channels' own (bridge.registry.sla_defaults)."""
    if not directory.is_dir():
        raise ConfigError(f"{directory}: mappings directory not found")
    mappings, errors = {}, []
    for path in sorted(directory.glob("*.yaml")):
        try:
            mapping = load_mapping(path, sla_defaults.get(path.stem))
        except ConfigError as exc:
            errors.append(str(exc))  # every file's problem at once
            continue
        mappings[mapping.channel] = mapping
    if errors:
        raise ConfigError("\n".join(errors))
    return mappings


def _customer(mapping: ChannelMapping, post: Post) -> Customer:
    extra = {k.removeprefix("customer.fields."): mapping.render(k, post) for k in mapping.keys("customer.fields.")}
    login = mapping.render("customer.login", post)
    if not login:
        raise ConfigError(f"{mapping.source}: customer.login: renders empty")
    return Customer(login=login, display_name=mapping.render("customer.name", post), fields=extra)


def media_lines(media: tuple[Media, ...]) -> str:
    """What the customer attached, as links the agent can open, each saying whether the link lasts. The
    files are not copied into the helpdesk (yet): an expiring link must be opened soon."""
    if not media:
        return ""
    lines = ["", "", "Attached to the post (links to the platform, not copies):"]
    for item in media:
        if item.needs_credentials:
            note = "opens only with the brand account's login on the platform"
        elif item.expires:
            note = "the platform's link expires after a few days: open or save it soon"
        else:
            note = "a lasting link"
        lines.append(f"- {item.kind}: {item.url} ({note})")
    return "\n".join(lines)


def render_ticket(mapping: ChannelMapping, post: Post) -> TicketDraft:
    priority = mapping.render("priority", post)
    if priority not in PRIORITIES:
        raise ConfigError(f"{mapping.source}: priority: {priority!r} is not one of {', '.join(PRIORITIES)}")
    title = " ".join(mapping.render("title", post).split())
    if not title:
        raise ConfigError(f"{mapping.source}: title: renders empty")
    tags = tuple(t for t in (mapping.render(k, post) for k in mapping.keys("tags[")) if t)
    ticket_fields = {k.removeprefix("fields."): mapping.render(k, post) for k in mapping.keys("fields.")}
    return TicketDraft(
        title=title[:200],
        queue=mapping.render("queue", post),
        priority=Priority(priority),
        customer=_customer(mapping, post),
        body=mapping.render("body", post) + media_lines(post.media),
        tags=tags,
        fields=ticket_fields,
        post_url=post.url,
    )


def render_article(mapping: ChannelMapping, post: Post) -> ArticleDraft:
    return ArticleDraft(body=mapping.render("article_body", post) + media_lines(post.media),
                        customer=_customer(mapping, post), post_url=post.url)
