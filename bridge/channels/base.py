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
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

import marshmallow
import requests

from bridge.model import Delivered, Measure, Post, Target

if TYPE_CHECKING:
    from flask import Blueprint


@dataclass
class Parsed:
    """What one delivery holds: its posts, the parts that could not be read (each with its reason; the
    rest still go through), and the parts recognised and deliberately left alone (test deliveries …)."""

    posts: list[Post]
    unreadable: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


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

    def read(self, payload: Any) -> Parsed:
        """Like parse, part by part for platforms that batch: one unreadable part does not sink the others.
        Raises PayloadError only when the delivery as a whole cannot be read."""
        return Parsed(self.parse(payload))

    # -- outbound --------------------------------------------------------------------------
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
