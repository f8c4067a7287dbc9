"""The one interface every platform package implements.

A channel knows how to check and read a platform's deliveries and how to post back. It knows
nothing about helpdesks. Each package declares its own account settings (a marshmallow schema),
limits, label and SLA default, like an Apprise plugin; everything that lists channels elsewhere
(SLA defaults, the helpdesk plugin's channel field, the Odoo addon) is derived from these.
"""
from __future__ import annotations

import hashlib
import threading
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

import marshmallow
import requests

from bridge.errors import ConfigError
from bridge.model import AttachedFile, Delivered, Engagement, Measure, PollResult, Post, Target
from bridge.schemas import Duration

if TYPE_CHECKING:
    from flask import Blueprint

DEFAULT_BACKFILL = timedelta(hours=24)


class PollingAccountSchema(marshmallow.Schema):
    """Account keys every polling channel takes (its own schema extends this)."""

    poll_every = Duration(load_default=None)  # default: the channel's poll_interval
    backfill = Duration(load_default=None)  # how far back the first poll (or one after a long outage) reaches


class LocalUsage:
    """Usage counted in this process only (a channel built outside a running bridge: tests, the CLI). A
    running bridge gives each channel the store's counts instead (bridge.store.usage.AccountUsage), which
    every process shares."""

    def __init__(self) -> None:
        self._totals: dict[str, int] = {}
        self._lock = threading.Lock()

    def add(self, period: str, units: int) -> int:
        with self._lock:
            self._totals[period] = self._totals.get(period, 0) + units
            return self._totals[period]

    def used(self, period: str) -> int:
        return self._totals.get(period, 0)


@dataclass(frozen=True)
class MediaLimits:
    """What a channel's platform takes with one reply: how many files, how large each, of which content types."""

    max_files: int
    max_bytes: int
    types: frozenset[str]

    def describe_size(self) -> str:
        size = self.max_bytes
        return f"{size / 1_000_000:g} MB" if size >= 1_000_000 else f"{size / 1000:g} kB"


class MediaLinker(Protocol):
    """Short-lived public links to a reply's files, for platforms that fetch a reply's images by URL rather than
    take an upload (Instagram messages). A running bridge gives each channel bridge.media_links.MediaLinks."""

    def unreachable(self) -> str | None:
        """Why a platform on the internet cannot fetch the links now (the public URL is loopback …), or None."""

    def link(self, file: AttachedFile) -> str:
        """The file's link, valid for a few minutes. TransientError when it cannot be made."""


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
    # How the platform counts a reply's length, for the helpdesk's live counter: "characters" (code
    # points), "graphemes" (what a reader sees as one character), "x-weighted" (twitter-text: URLs 23,
    # CJK and emoji 2) or "utf8-bytes".
    counting: ClassVar[str] = "characters"
    private_counting: ClassVar[str] = "characters"
    # Media. Inbound, parse() fills Post.media (kind, URL, whether the link expires or needs the account's
    # credentials); the ticket lists them. Outbound, reply_media names the kinds of file ("image", "video")
    # the channel sends with a reply, per surface ("public", "private"). Empty, the default: replies go as
    # text only, and the agent is told which attached files stayed in the helpdesk. A channel that names kinds
    # declares media_limits and implements send_with_media; private_media_limits where a private message takes
    # other files than a public reply (X: four images in a post, one in a DM). A platform that fetches the
    # files itself from a URL (Instagram) sets media_by_link: it gets them through media_links, and its files
    # stay behind while the bridge's public URL cannot be reached from the internet (media_unavailable).
    reply_media: ClassVar[dict[str, frozenset[str]]] = {}
    media_limits: ClassVar[MediaLimits] = MediaLimits(max_files=0, max_bytes=0, types=frozenset())
    private_media_limits: ClassVar[MediaLimits | None] = None
    media_by_link: ClassVar[bool] = False

    def __init__(self, account_name: str, settings: Mapping[str, Any], session: requests.Session | None = None):
        self.account_name = account_name
        self.settings = dict(settings)
        self.session = session or requests.Session()
        # Units spent of the platform's budget per period (add(period, units) → total; used(period)),
        # for channels that count their own quota.
        self.usage: Any = LocalUsage()
        # Links to a reply's files for media_by_link channels; the running bridge sets them (None: no links).
        self.media_links: MediaLinker | None = None

    # Channels whose posts are fetched rather than pushed set this (and implement poll).
    poll_interval: ClassVar[timedelta | None] = None
    # Channels that can re-read a post's like/repost/reply counts (engagement) set this.
    reads_engagement: ClassVar[bool] = False
    # Channels where the brand can hide a customer's public post (Meta's comment hiding) set this.
    can_hide: ClassVar[bool] = False
    # A private answer to a public post that can be sent only once (Meta: one private reply per comment):
    # the bridge then leaves it to the agent rather than spend it on an automatic message.
    private_reply_single_use: ClassVar[bool] = False
    # Channels that can search public posts (listening rules in the mapping) set this, and implement search.
    searches: ClassVar[bool] = False
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

    def read(self, payload: Any) -> Parsed:
        """Like parse, part by part for platforms that batch: one unreadable part does not sink the others.
        Raises PayloadError only when the delivery as a whole cannot be read."""
        return Parsed(self.parse(payload))


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

    def search(self, query: str, since: datetime, cursor: str | None) -> PollResult:
        """Public posts matching a listening rule's `query` (its syntax is the channel's: words, a
        #hashtag, r/subreddit ... described on its page), newer than `cursor` (None: the first search),
        reaching back no further than `since`. Like poll(): items may repeat, none may be skipped, the
        brand's own posts are left out, and each item's payload is read back by parse()."""
        raise ConfigError(f"{self.name} cannot search")

    def engagement(self, post_ids: list[str]) -> dict[str, Engagement]:
        """Current like/repost/reply counts of these posts, for the virality rule; {} where the platform
        gives none (the default)."""
        return {}

    def hide(self, target: Target) -> str:
        """Take a customer's public post that exposed sensitive data out of public view (can_hide channels
        only); returns what was done, for the note on the ticket. Raises the bridge's errors on refusal."""
        raise ConfigError(f"{self.name} cannot hide posts")

    def health(self, now: datetime) -> dict[str, Any]:
        """Facts about this account that only the channel knows (quota spent and left …), shown in /healthz.
        From local state only: never calls the platform. A "problem" key (a sentence) marks the bridge
        degraded. Default: nothing to report."""
        return {}

    # -- outbound ---------------------------------------------------------------------------
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

    def limits_for(self, *, private: bool) -> MediaLimits:
        """The media limits of the surface a reply goes to."""
        return (self.private_media_limits if private else None) or self.media_limits

    def media_unavailable(self, *, private: bool) -> str | None:
        """Why the files this surface takes cannot go now, for a reason of the bridge's set-up rather than of the
        file (the agent is told, and nothing is fetched or sent for them); None when they can. A media_by_link
        channel's files need links the platform can fetch."""
        if not self.media_by_link or not self.reply_media.get("private" if private else "public"):
            return None
        why = self.media_links.unreachable() if self.media_links is not None else "this process makes no links"
        if why is None:
            return None
        return (f"images need BRIDGE_PUBLIC_URL reachable from the internet: {self.label} fetches each image from "
                f"the bridge, and {why}")

    def send_with_media(self, text: str, target: Target, files: list[AttachedFile], *, private: bool) -> Delivered:
        """Like send_public / send_private, with files the channel declared it carries on that surface
        (reply_media, within limits_for the surface). Uploads come first and create nothing the customer sees;
        the post itself is made once, as send_public / send_private make it. Where the platform sends files as
        messages of their own after the text, a file that fails once the text is out is reported in
        Delivered.files_not_sent, never retried blindly (the text would go twice)."""
        raise ConfigError(f"{self.name} sends replies as text only")
