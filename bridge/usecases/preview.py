"""What a payload would become, without creating anything: the console's live preview and
`social-bridge replay`. Both go through ingest's own `new_ticket`, so what they show is what ingest
creates (title, queue, tags, customer, fields, priority and its reasons, SLA due, sensitive kinds)."""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import requests

from bridge import registry
from bridge.channels.base import Channel
from bridge.config import Settings
from bridge.errors import ConfigError, PayloadError, PermanentError
from bridge.model import Post
from bridge.pipeline.mapping import ChannelMapping
from bridge.pipeline.privacy import Detector
from bridge.usecases.ingest import NewTicket, new_ticket

PLACEHOLDER_ACCOUNT = "replay"  # the account name used when the config has none for the channel


class _NoPlatformCalls(requests.Session):
    """A preview never calls a platform (a payload that needs a read from it says so instead)."""

    def request(self, method, url, *args, **kwargs):
        raise PermanentError("a preview does not call the platform; this payload needs a read from it")


@dataclass(frozen=True)
class Preview:
    post: Post  # with the text masked
    ticket: NewTicket

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, masked: what the console and `replay` print."""
        draft, assessment, due = self.ticket.draft, self.ticket.assessment, self.ticket.due
        return {
            "post": {"platform": self.post.platform, "account": self.post.account, "post_id": self.post.post_id,
                     "kind": self.post.kind.value, "change": self.post.change.value,
                     "author": {"handle": self.post.author.handle, "followers": self.post.author.followers,
                                "verified": self.post.author.verified},
                     "created_at": _iso(self.post.created_at), "text": self.ticket.masked_text, "url": self.post.url},
            "ticket": {"title": draft.title, "queue": draft.queue, "priority": draft.priority.value,
                       "tags": list(draft.tags), "customer": {"login": draft.customer.login,
                                                              "name": draft.customer.display_name,
                                                              "fields": dict(draft.customer.fields)},
                       "fields": dict(draft.fields), "body": draft.body, "post_url": draft.post_url},
            "priority": {"base": assessment.base.value, "final": assessment.priority.value,
                         "reasons": list(assessment.reasons), "at_risk_viral": assessment.at_risk_viral},
            "sla": {"first_response_target_at": _iso(due.first_response_target_at),
                    "first_response_warning_at": _iso(due.first_response_warning_at),
                    "first_response_due_at": _iso(due.first_response_due_at)},
            "sensitive_kinds": list(self.ticket.sensitive_kinds),
        }


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).isoformat(timespec="seconds")


def preview_channel(settings: Settings, channel: str, account: str | None = None) -> Channel:
    """The channel object that reads the payload: the configured account (the first one, or `account`);
    without one, a placeholder account, so a payload can be tried before any account is set up.
    It never calls the platform."""
    classes = registry.channels()
    if channel not in classes:
        raise ConfigError(f"unknown channel {channel!r}; known: {', '.join(sorted(classes))}")
    accounts = [a for (c, _), a in sorted(settings.accounts.items()) if c == channel]
    if account:
        accounts = [a for a in accounts if a.name == account]
        if not accounts:
            raise ConfigError(f"{settings.config_path}: no {channel} account named {account}")
    if accounts:
        return classes[channel](accounts[0].name, accounts[0].settings, _NoPlatformCalls())
    schema = classes[channel].account_schema()
    placeholder = schema.load({name: "0" for name, field in schema.fields.items() if field.required})
    return classes[channel](PLACEHOLDER_ACCOUNT, placeholder, _NoPlatformCalls())


def preview_payload(mapping: ChannelMapping, detector: Detector, channel: Channel, payload: Any, *,
                    show_full: bool = False, now: datetime | None = None) -> list[Preview]:
    """Every post of a payload and the ticket it would open. Raises BridgeError (bad payload, template error)."""
    if not isinstance(payload, (dict, list)):
        raise PayloadError("a payload is a JSON object (or list) as the platform sends it")
    now = now or datetime.now(timezone.utc)
    try:
        posts = channel.parse(payload)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PayloadError(f"not a {mapping.channel} payload the bridge can read ({type(exc).__name__})") from exc
    return [Preview(post, new_ticket(mapping, detector, post, now, show_full=show_full)) for post in posts]


def preview_text(mapping: ChannelMapping, detector: Detector, channel: Channel, text: str, **kwargs) -> list[Preview]:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PayloadError(f"not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from exc
    return preview_payload(mapping, detector, channel, payload, **kwargs)


@dataclass(frozen=True)
class Sample:
    event_id: int
    received_at: datetime
    summary: str  # masked


def recent_samples(store, detector: Detector, channel: str, limit: int = 10) -> list[tuple[Sample, str]]:
    """The channel's recent real deliveries, for the preview: (a masked one-line summary, the stored payload).
    The payload stays on the server: only the preview made from it (masked) is shown. A delivery that held
    sensitive data is stored masked once ingested, so its preview shows no sensitive finding."""
    out = []
    for event in store.events.recent_for_channel(channel, limit):
        try:
            text = _first_text(json.loads(event.body)) or "(no text)"
        except ValueError:
            continue
        found = detector.find(text)
        summary = detector.mask(text, found) if found else text
        out.append((Sample(event.id, event.received_at, summary[:80]), event.body))
    return out


def _first_text(value: Any) -> str | None:
    """The first customer text in a payload, for a one-line summary."""
    if isinstance(value, Mapping):
        for key in ("text", "message", "full_text"):
            if isinstance(value.get(key), str):
                return value[key]
        for item in value.values():
            found = _first_text(item)
            if found:
                return found
    elif isinstance(value, list):
        for item in value:
            found = _first_text(item)
            if found:
                return found
    return None

