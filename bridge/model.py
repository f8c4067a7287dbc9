"""Canonical, platform-independent types. Plain dataclasses: every layer may import them."""
from __future__ import annotations

import enum
import json
import mimetypes
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class PostKind(str, enum.Enum):
    PUBLIC_POST = "public_post"  # a new post that mentions the brand or lands on its page
    PUBLIC_REPLY = "public_reply"  # a public reply or comment in an existing thread
    DIRECT_MESSAGE = "direct_message"

    @property
    def is_private(self) -> bool:
        return self is PostKind.DIRECT_MESSAGE


class PostChange(str, enum.Enum):
    """What happened to the post: platforms also report edits and deletions."""

    CREATED = "created"
    EDITED = "edited"
    DELETED = "deleted"


class ReplyMode(str, enum.Enum):
    PUBLIC = "public"
    PRIVATE = "private"
    PHONE = "phone"


class Priority(str, enum.Enum):
    """Canonical ticket priority; each helpdesk adapter maps it to its own scale."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class EventState(str, enum.Enum):
    """An inbound event (a webhook delivery or a polled item): the row is the work."""

    PENDING = "pending"  # to ingest (now, or at next_attempt_at after a retryable failure)
    DONE = "done"
    FAILED = "failed"  # needs a person; an admin may offer it again
    DISMISSED = "dismissed"  # an admin decided a failed event needs nothing more

    def can_become(self, other: EventState) -> bool:
        return other in EVENT_TRANSITIONS[self]


EVENT_TRANSITIONS: dict[EventState, frozenset[EventState]] = {
    EventState.PENDING: frozenset({EventState.PENDING, EventState.DONE, EventState.FAILED}),
    EventState.DONE: frozenset(),
    EventState.FAILED: frozenset({EventState.PENDING, EventState.DISMISSED}),
    EventState.DISMISSED: frozenset(),
}


class DeliveryState(str, enum.Enum):
    """An agent reply in the outbox. SENT, HANDED_OFF, FAILED and REJECTED are outcomes; the note that
    tells the agent about an outcome (or a hold) is written afterwards, tracked by noted_at."""

    PENDING = "pending"  # to send
    AWAITING_APPROVAL = "awaiting_approval"  # held for review; never sent while held
    SENDING = "sending"  # handed to the platform: if the worker dies now, the outcome is unknown
    SENT = "sent"
    HANDED_OFF = "handed_off"  # phone callback: nothing posted
    FAILED = "failed"
    REJECTED = "rejected"  # too long, or a reviewer said no

    def can_become(self, other: DeliveryState) -> bool:
        return other in DELIVERY_TRANSITIONS[self]

    @property
    def is_outcome(self) -> bool:
        return not DELIVERY_TRANSITIONS[self]


DELIVERY_TRANSITIONS: dict[DeliveryState, frozenset[DeliveryState]] = {
    DeliveryState.PENDING: frozenset({DeliveryState.SENDING, DeliveryState.HANDED_OFF, DeliveryState.FAILED,
                                      DeliveryState.REJECTED}),
    DeliveryState.AWAITING_APPROVAL: frozenset({DeliveryState.PENDING, DeliveryState.REJECTED}),
    # back to PENDING only when the platform certainly did not take it (refused credentials, 429, 5xx)
    DeliveryState.SENDING: frozenset({DeliveryState.SENT, DeliveryState.FAILED, DeliveryState.PENDING}),
    DeliveryState.SENT: frozenset(),
    DeliveryState.HANDED_OFF: frozenset(),
    DeliveryState.FAILED: frozenset(),
    DeliveryState.REJECTED: frozenset(),
}


@dataclass(frozen=True)
class PolledItem:
    """One item a poller fetched: stored as an inbound event under `event_id` (the dedupe key), and
    read back by the same channel's parse(), like a webhook delivery."""

    event_id: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class PollResult:
    items: list[PolledItem]
    cursor: str | None  # where the next poll starts; stored only after the items are
    more: bool = False  # more is waiting now: poll again at once, not after the interval


@dataclass(frozen=True)
class Author:
    platform_id: str
    handle: str
    display_name: str = ""
    followers: int | None = None
    verified: bool = False


@dataclass(frozen=True)
class Engagement:
    """Counts a platform reports with the post, for the virality rule."""

    likes: int = 0
    reposts: int = 0
    replies: int = 0


@dataclass(frozen=True)
class Media:
    """An image, video or file a customer posted, as the platform reports it: where to get it, and
    whether that link keeps working (Meta's CDN links expire; X's DM media need the account's credentials)."""

    kind: str  # "image", "video" or "file"
    url: str
    expires: bool = False
    needs_credentials: bool = False


@dataclass(frozen=True)
class Attachment:
    """A file an agent attached to a reply, as the helpdesk's webhook names it: `ref` is what the helpdesk
    adapter needs to fetch it again (its path or ids; "" when the webhook gave none), `content_type` and
    `size` as the helpdesk reported them ("" and None when it did not)."""

    name: str
    ref: str = ""
    content_type: str = ""
    size: int | None = None

    @property
    def media_type(self) -> str:
        """The declared content type, else a guess from the file name ("" when neither says)."""
        declared = self.content_type.split(";")[0].strip().lower()
        return declared or (mimetypes.guess_type(self.name)[0] or "")

    @property
    def kind(self) -> str:
        """"image", "video" or "file", as Channel.reply_media names kinds."""
        major = self.media_type.split("/")[0]
        return major if major in ("image", "video") else "file"

    def to_line(self) -> str:
        """One line of the outbox's attachments column: a bare name when there is nothing else to keep."""
        if not (self.ref or self.content_type or self.size is not None):
            return self.name.replace("\n", " ")
        return json.dumps({"name": self.name, "ref": self.ref, "type": self.content_type, "size": self.size},
                          ensure_ascii=False)

    @classmethod
    def from_line(cls, line: str) -> Attachment:
        if line.startswith("{"):
            try:
                data = json.loads(line)
                size = data.get("size")
                return cls(str(data["name"]), str(data.get("ref") or ""), str(data.get("type") or ""),
                           size if isinstance(size, int) else None)
            except (ValueError, KeyError, TypeError, AttributeError):
                pass
        return cls(line)


@dataclass(frozen=True)
class AttachedFile:
    """An attachment's content, fetched from the helpdesk for a channel to upload with a reply."""

    name: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Post:
    platform: str  # channel name: "x", "sandbox", ...
    account: str  # the bridge's account name for the brand on that platform
    post_id: str
    conversation_id: str  # platform's thread id (root post, DM conversation)
    kind: PostKind
    author: Author
    text: str
    created_at: datetime
    in_reply_to_id: str | None = None
    url: str | None = None
    change: PostChange = PostChange.CREATED
    engagement: Engagement | None = None  # None where the platform reports no counts
    rating: int | None = None  # stars 1–5 on review sites; None where posts carry no rating
    # why listening took this post (found by a search, not addressed to the brand); None for the rest
    listened: str | None = None
    media: tuple[Media, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Reply:
    """An agent's answer taken from the helpdesk, to be delivered on the platform."""

    helpdesk: str
    ticket_id: str
    article_id: str
    text: str
    requested_mode: ReplyMode = ReplyMode.PUBLIC
    agent: str = ""
    attachments: tuple[Attachment, ...] = ()  # files the agent attached


@dataclass(frozen=True)
class Customer:
    """The helpdesk-side identity of a social author; `login` is stable (e.g. "x:2244994945")."""

    login: str
    display_name: str
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SocialContext:
    """What an agent needs at the top of a social ticket and before replying: who the customer is, where
    a reply goes and how the platform counts its length. Helpdesks show what they can of it."""

    channel: str  # channel name ("x")
    channel_label: str  # what agents read ("X")
    kind: PostKind
    handle: str  # "@alice"
    display_name: str = ""
    followers: int | None = None
    verified: bool = False
    profile_url: str | None = None
    post_url: str | None = None
    brand: str = ""  # the brand's account on the platform ("@AcmeSupport"), when known
    reply_destination: str = ""  # "Public reply on X to @alice, as @AcmeSupport"
    reply_limit: int = 0  # of the surface a reply goes to by default
    reply_unit: str = "characters"  # "characters" or "bytes"
    counting: str = "characters"  # the platform's counting rule: "characters", "x-weighted", "utf8-bytes"
    earlier_tickets: tuple[str, ...] = ()  # the customer's earlier tickets (ids), from any conversation
    sensitive: bool = False

    def summary(self) -> str:
        """One line for helpdesks that show the customer as text: "@alice (Alice) on X · 1,200 followers · verified"."""
        parts = [f"{self.handle}{f' ({self.display_name})' if self.display_name else ''} on {self.channel_label}"]
        if self.followers is not None:
            parts.append(f"{self.followers:,} followers")
        if self.verified:
            parts.append("verified")
        return " · ".join(parts)


@dataclass(frozen=True)
class ActiveStorm:
    """A storm as the store knows it: its keywords, its posts so far, its incident ticket once opened."""

    key: str
    keywords: frozenset[str]
    started_at: datetime  # aware UTC
    posts: int
    incident_ticket_id: str | None = None


@dataclass(frozen=True)
class TicketDraft:
    """What a new ticket should look like, rendered from the channel's mapping file."""

    title: str
    queue: str
    priority: Priority
    customer: Customer
    body: str
    tags: tuple[str, ...] = ()
    fields: dict[str, str] = field(default_factory=dict)
    post_url: str | None = None
    due_at: datetime | None = None  # first-response deadline (aware UTC), for helpdesks with a due date
    context: SocialContext | None = None  # for helpdesks that show the customer and the reply's destination
    marker: str | None = None  # the bridge's mark on the first article, found again by Helpdesk.find_ticket


@dataclass(frozen=True)
class ArticleDraft:
    """A later post of the same conversation, appended to its ticket as a customer article."""

    body: str
    customer: Customer
    post_url: str | None = None
    marker: str | None = None  # the bridge's mark on the article, found again by Helpdesk.find_article


@dataclass(frozen=True)
class CreatedTicket:
    ticket_id: str
    article_id: str


@dataclass(frozen=True)
class Delivered:
    """What a channel reports after posting: the platform's id and, for public posts, a link. A platform that
    sends a reply's files as messages of their own (Messenger) can send the text and then fail on a file:
    files_not_sent names those files, each with the reason, so the note tells the agent which did not go."""

    external_id: str
    url: str | None = None
    files_not_sent: tuple[tuple[str, str], ...] = ()  # (file name, why)


@dataclass(frozen=True)
class Target:
    """The post an agent reply answers: the conversation's latest customer post."""

    post_id: str
    conversation_id: str
    kind: PostKind
    author_id: str
    author_handle: str
    posted_at: datetime  # aware UTC; private-reply and messaging windows count from here
    private_replies_sent: int = 0  # earlier private replies to this very post (Meta allows one per comment)


@dataclass(frozen=True)
class Measure:
    """A reply's length as the platform counts it, against the limit of the surface it goes to."""

    length: int
    limit: int
    unit: str = "characters"

    @property
    def fits(self) -> bool:
        return 0 < self.length <= self.limit
