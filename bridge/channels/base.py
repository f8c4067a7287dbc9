"""The one interface every platform package implements.

A channel knows how to check and read a platform's deliveries and how to post back. It knows
nothing about helpdesks. Each package declares its own account settings (a marshmallow schema),
limits, label and SLA default, like an Apprise plugin; everything that lists channels elsewhere
(SLA defaults, the helpdesk plugin's channel field, the Odoo addon) is derived from these.
"""
from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

import marshmallow
import requests

from bridge.errors import ConfigError
from bridge.model import Delivered, Engagement, Measure, PollResult, Post, Target
from bridge.schemas import Duration

if TYPE_CHECKING:
    from flask import Blueprint

DEFAULT_BACKFILL = timedelta(hours=24)


class PollingAccountSchema(marshmallow.Schema):
    """Account keys every polling channel takes (its own schema extends this)."""

    poll_every = Duration(load_default=None)  # default: the channel's poll_interval
    backfill = Duration(load_default=None)  # how far back the first poll (or one after a long outage) reaches


class Channel(ABC):
    name: ClassVar[str]  # in URLs, configs and mapping file names: lower case
    label: ClassVar[str]  # what agents see in the helpdesk's "Social channel" field
    # First response (target, maximum) when the channel's mapping has no `sla:` section, from the
    # published response norm for the platform.
    first_response_default: ClassVar[tuple[str, str]] = ("1h", "24h")
    # Account settings for this platform (secrets, ids, base URL); validated at start-up.
    account_schema: ClassVar[type[marshmallow.Schema]]
    public_limit: ClassVar[int]
    private_limit: ClassVar[int]

    def __init__(self, account_name: str, settings: Mapping[str, Any], session: requests.Session | None = None):
        self.account_name = account_name
        self.settings = dict(settings)
        self.session = session or requests.Session()

    # Channels whose posts are fetched rather than pushed set this (and implement poll).
    poll_interval: ClassVar[timedelta | None] = None
    # Channels that can re-read a post's like/repost/reply counts (engagement) set this.
    reads_engagement: ClassVar[bool] = False
    # An incident update goes to every affected customer one at a time, this far apart on one account, so
    # a storm's replies stay within the platform's posting limits and do not read as a bulk blast.
    fan_out_interval: ClassVar[timedelta] = timedelta(seconds=2)

    @classmethod
    def blueprint(cls) -> Blueprint | None:
        """Extra web routes the platform needs on the bridge (the sandbox serves its page and API)."""
        return None

    # -- inbound ---------------------------------------------------------------------------
    def handshake(self, args: Mapping[str, str]) -> tuple[int, Any] | None:
        """Answer a platform's GET challenge (X CRC, Meta hub.challenge). None: this channel has none."""
        return None

    @abstractmethod
    def verify(self, headers: Mapping[str, str], body: bytes) -> bool:
        """Check the delivery's signature over the raw body, before anything parses it."""

    def event_id(self, payload: Any, body: bytes) -> str:
        """The delivery's dedupe key. Default: a digest of the raw body, so a redelivery is the same event."""
        return "sha256:" + hashlib.sha256(body).hexdigest()

    @abstractmethod
    def parse(self, payload: Any) -> list[Post]:
        """Posts in one delivery (may be several, or none for events the bridge ignores, such as its own
        echoes). Raises PayloadError for a shape it does not know."""

    # -- polling -----------------------------------------------------------------------------
    @property
    def polls(self) -> bool:
        return self.poll_interval is not None

    @property
    def poll_every(self) -> timedelta:
        return self.settings.get("poll_every") or self.poll_interval or timedelta(minutes=1)

    @property
    def backfill(self) -> timedelta:
        return self.settings.get("backfill") or DEFAULT_BACKFILL

    def poll(self, cursor: str | None, since: datetime) -> PollResult:
        """What is new since `cursor` (None: the first poll), reaching back no further than `since`.
        Items may repeat across polls (they are deduped by event id); none may be skipped. Raise the
        bridge's errors (TransientError with retry_after on a rate limit, AuthError on refused
        credentials)."""
        raise ConfigError(f"{self.name} does not poll")

    def engagement(self, post_ids: list[str]) -> dict[str, Engagement]:
        """Current like/repost/reply counts of these posts, for the virality rule; {} where the platform
        gives none (the default)."""
        return {}

    # -- outbound ---------------------------------------------------------------------------
    def text_length(self, text: str) -> int:
        """Length as the platform counts it."""
        return len(text)

    def measure(self, text: str, target: Target, *, private: bool) -> Measure:
        """The reply's length against the limit of the surface it would go to (override for surfaces with
        their own limits or units, e.g. bytes)."""
        return Measure(self.text_length(text), self.private_limit if private else self.public_limit)

    def private_open(self, target: Target, now: datetime) -> bool:
        """Whether send_private can reach the target's author right now (messaging windows, one private
        reply per comment, ...). Channels with no private path return False."""
        return True

    @abstractmethod
    def send_public(self, text: str, target: Target) -> Delivered:
        """Reply publicly in the target's thread. Raise AuthError when the credentials are refused."""

    @abstractmethod
    def send_private(self, text: str, target: Target) -> Delivered:
        """Send privately to the target's author (DM, or a platform's private reply to a comment)."""
