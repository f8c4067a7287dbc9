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
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

import marshmallow
import requests

from bridge.model import Delivered, Measure, Post, Target

if TYPE_CHECKING:
    from flask import Blueprint


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
    # How the platform counts a reply's length, for the helpdesk's live counter: "characters" (code
    # points), "x-weighted" (twitter-text: URLs 23, CJK and emoji 2) or "utf8-bytes".
    counting: ClassVar[str] = "characters"
    private_counting: ClassVar[str] = "characters"
    # Media. Inbound, parse() fills Post.media (kind, URL, whether the link expires or needs the account's
    # credentials); the ticket lists them. Outbound, reply_media names the kinds of file ("image", "video")
    # the channel sends with a reply, per surface ("public", "private"). Empty, the default: replies go as
    # text only, and the agent is told which attached files stayed in the helpdesk.
    reply_media: ClassVar[dict[str, frozenset[str]]] = {}

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

    # -- outbound --------------------------------------------------------------------------
    def text_length(self, text: str) -> int:
        """Length as the platform counts it."""
        return len(text)

    def measure(self, text: str, target: Target, *, private: bool) -> Measure:
        """The reply's length against the limit of the surface it would go to (override for surfaces with
        their own limits or units, e.g. bytes)."""
        return Measure(self.text_length(text), self.private_limit if private else self.public_limit)

    def brand_handle(self) -> str | None:
        """The brand's own handle on the platform ("@AcmeSupport"), for telling agents where a reply goes."""
        handle = self.settings.get("handle") or self.settings.get("brand_handle")
        return f"@{str(handle).lstrip('@')}" if handle else None

    def profile_url(self, handle: str) -> str | None:
        """A link to an author's profile, where the platform has one by handle."""
        return None

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
