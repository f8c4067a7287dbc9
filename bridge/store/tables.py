"""The bridge's own records. Times are naive UTC. Work rows (inbound events, deliveries) double as the
durable queue: a row's state says what is left to do, so nothing depends on a message broker surviving."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class InboundEvent(Base):
    """One platform delivery, stored raw before it is acknowledged."""

    __tablename__ = "inbound_events"
    __table_args__ = (
        UniqueConstraint("channel", "account", "event_id", name="uq_inbound_event"),
        Index("ix_inbound_due", "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(40))
    account: Mapped[str] = mapped_column(String(64))
    event_id: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)  # raw payload as received
    received_at: Mapped[datetime] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending | done | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # attempts whose worker stopped before finishing them (their lease ran out): a poison that kills workers
    interrupted: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    done_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Conversation(Base):
    """A platform thread (public thread or DM conversation) and the helpdesk ticket it lives in."""

    __tablename__ = "conversations"
    __table_args__ = (
        UniqueConstraint("channel", "account", "thread_key", name="uq_conversation_thread"),
        Index("ix_conversation_ticket", "helpdesk", "ticket_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(40))
    account: Mapped[str] = mapped_column(String(64))
    thread_key: Mapped[str] = mapped_column(String(200))
    helpdesk: Mapped[str] = mapped_column(String(40))
    ticket_id: Mapped[str | None] = mapped_column(String(64), nullable=True)  # set once the ticket exists
    # held by the worker creating the ticket, so two posts of a new thread make one ticket
    creating_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # the customer posted sensitive data here: replies default to private
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    # SLA clock (due times in UTC; None when the channel has no target)
    priority: Mapped[str] = mapped_column(String(10), default="normal")
    opened_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, index=True)  # the first post's time
    first_response_target_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    first_response_warning_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    first_response_due_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    first_responded_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    warned_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    breached_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    viral_escalated_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    storm_key: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    # Virality after ingest: the public post whose engagement is re-read, the last total and when.
    engagement_post_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    engagement_total: Mapped[int | None] = mapped_column(Integer, nullable=True)
    engagement_read_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    engagement_next_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # the last public acknowledgement ("We've sent you a private message.") posted in this thread
    public_ack_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class StormSignature(Base):
    """How many posts within the storm window share one combination of keywords (`min_shared_keywords`
    of them, space-separated, sorted): the incremental index storms are found with. A row whose window
    has passed starts counting again; the sweep deletes rows nobody used for a window."""

    __tablename__ = "storm_signatures"
    __table_args__ = (UniqueConstraint("signature", name="uq_storm_signature"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    signature: Mapped[str] = mapped_column(String(200))
    started_at: Mapped[datetime] = mapped_column(DateTime)  # the first post of the current window
    last_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    posts: Mapped[int] = mapped_column(Integer, default=0)


class Storm(Base):
    """Many posts about one thing in a short window (an outage). Posts join it while it is active (a post
    within the window of its last one); past `incident_after` posts they join its incident ticket."""

    __tablename__ = "storms"
    __table_args__ = (UniqueConstraint("key", name="uq_storm_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    keywords: Mapped[str] = mapped_column(Text)  # space-separated, sorted
    started_at: Mapped[datetime] = mapped_column(DateTime)
    last_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    posts: Mapped[int] = mapped_column(Integer, default=0)
    incident_ticket_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    incident_creating_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class PostRecord(Base):
    """A customer post (or an edit of one) the bridge has put on a ticket. Its text stays in the raw
    event only. An edit is recorded under "<post id>@<edit time>" so a redelivery adds it once."""

    __tablename__ = "posts"
    __table_args__ = (UniqueConstraint("channel", "account", "post_id", name="uq_post"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(40))
    account: Mapped[str] = mapped_column(String(64))
    post_id: Mapped[str] = mapped_column(String(100))
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    platform_conversation_id: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    author_id: Mapped[str] = mapped_column(String(100))
    author_handle: Mapped[str] = mapped_column(String(200))
    posted_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    inbound_event_id: Mapped[int] = mapped_column(ForeignKey("inbound_events.id"))
    article_id: Mapped[str] = mapped_column(String(64))
    change: Mapped[str] = mapped_column(String(10), default="created")  # created | edited
    # the post's keywords (words only, no numbers), kept for the storm window, then cleared
    keywords: Mapped[str | None] = mapped_column(Text, nullable=True)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # the author deleted it


class SentPost(Base):
    """A reply the bridge delivered, by its platform id: a customer's answer to it (which names only this id,
    as X's Account Activity deliveries do) joins the reply's conversation instead of opening a new ticket."""

    __tablename__ = "sent_posts"
    __table_args__ = (UniqueConstraint("channel", "account", "post_id", name="uq_sent_post"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(40))
    account: Mapped[str] = mapped_column(String(64))
    post_id: Mapped[str] = mapped_column(String(100))
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    delivery_id: Mapped[int | None] = mapped_column(ForeignKey("deliveries.id"), nullable=True)
    sent_at: Mapped[datetime] = mapped_column(DateTime)


class Delivery(Base):
    """Outbox: one agent reply, from the helpdesk article to the platform post. Unique per article, so a
    repeated webhook is the same delivery."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("helpdesk", "article_id", name="uq_delivery_article"),
        Index("ix_delivery_due", "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    helpdesk: Mapped[str] = mapped_column(String(40))
    ticket_id: Mapped[str] = mapped_column(String(64))
    article_id: Mapped[str] = mapped_column(String(64))
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    target_post_id: Mapped[str | None] = mapped_column(String(100), nullable=True)  # the post it answered
    requested_mode: Mapped[str] = mapped_column(String(16))
    agent: Mapped[str] = mapped_column(String(200), default="")
    # names of files the agent attached, one per line (the files stay in the helpdesk)
    attachments: Mapped[str] = mapped_column(Text, default="", server_default="")
    # awaiting_approval → pending → sending → sent | failed | rejected; each outcome leaves a note
    state: Mapped[str] = mapped_column(String(20), default="pending")
    review: Mapped[str | None] = mapped_column(String(10), nullable=True)  # before | after | None
    reviewed_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    sensitive_kinds: Mapped[str] = mapped_column(String(200), default="")  # kinds found, never values
    route: Mapped[str | None] = mapped_column(String(16), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    external_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    external_url: Mapped[str | None] = mapped_column(String(500), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)  # what the agent is told on the ticket
    noted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # when that note was written
    created_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class AccountStatus(Base):
    """Whether a platform account's credentials work, as last seen when calling the platform."""

    __tablename__ = "account_status"
    __table_args__ = (UniqueConstraint("channel", "account", name="uq_account_status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(40))
    account: Mapped[str] = mapped_column(String(64))
    broken: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(Text, default="")
    since: Mapped[datetime] = mapped_column(DateTime)


class PollerState(Base):
    """One polling account's progress: where the next poll starts, when it is due, how the last went.
    The lease makes one process poll an account at a time."""

    __tablename__ = "pollers"
    __table_args__ = (UniqueConstraint("channel", "account", name="uq_pollers"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(40))
    account: Mapped[str] = mapped_column(String(64))
    cursor: Mapped[str | None] = mapped_column(Text, nullable=True)  # opaque to all but the channel
    next_poll_at: Mapped[datetime] = mapped_column(DateTime)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_success_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_error_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    errors_in_a_row: Mapped[int] = mapped_column(Integer, default=0)
    items_seen: Mapped[int] = mapped_column(Integer, default=0)


class ChannelUsage(Base):
    """What an account has spent of a platform's budget in one period (YouTube's daily quota units …),
    counted by the channel itself so that every process sees the same total."""

    __tablename__ = "channel_usage"
    __table_args__ = (UniqueConstraint("channel", "account", "period", name="uq_channel_usage"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(40))
    account: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(40))  # the channel's name for the period, e.g. "2026-11-26"
    units: Mapped[int] = mapped_column(Integer, default=0)


class ListenerState(Base):
    """One listening rule of one account: where its next search starts, when it is due, how it went and
    what it found. The lease makes one process search at a time, so the hourly cap counts right."""

    __tablename__ = "listeners"
    __table_args__ = (UniqueConstraint("channel", "account", "rule", name="uq_listeners"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(40))
    account: Mapped[str] = mapped_column(String(64))
    rule: Mapped[str] = mapped_column(String(40))
    cursor: Mapped[str | None] = mapped_column(Text, nullable=True)  # opaque to all but the channel
    next_search_at: Mapped[datetime] = mapped_column(DateTime)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_success_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    errors_in_a_row: Mapped[int] = mapped_column(Integer, default=0)
    ticketed: Mapped[int] = mapped_column(Integer, default=0)  # relevant posts stored for a ticket
    irrelevant: Mapped[int] = mapped_column(Integer, default=0)  # found, but not a customer talking to/about the brand
    capped: Mapped[int] = mapped_column(Integer, default=0)  # relevant, but over the rule's hourly cap



class AuditEntry(Base):
    """What was posted where, and every outbound decision. Never holds message text."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    delivery_id: Mapped[int | None] = mapped_column(ForeignKey("deliveries.id"), nullable=True, index=True)
    channel: Mapped[str] = mapped_column(String(40))
    account: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))  # posted_public | sent_private | phone_handoff | rejected | ...
    requested_mode: Mapped[str | None] = mapped_column(String(16), nullable=True)
    sensitive_kinds: Mapped[str] = mapped_column(String(200), default="")
    route: Mapped[str | None] = mapped_column(String(16), nullable=True)
    reviewer: Mapped[str | None] = mapped_column(String(200), nullable=True)
    external_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    external_url: Mapped[str | None] = mapped_column(String(500), nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")


class SandboxPost(Base):
    """The sandbox platform's own timeline (customer posts and the brand's replies)."""

    __tablename__ = "sandbox_posts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # public | dm
    author_handle: Mapped[str] = mapped_column(String(100))
    author_name: Mapped[str] = mapped_column(String(200), default="")
    author_followers: Mapped[int | None] = mapped_column(Integer, nullable=True)
    from_brand: Mapped[bool] = mapped_column(Boolean, default=False)
    text: Mapped[str] = mapped_column(Text)
    in_reply_to: Mapped[int | None] = mapped_column(ForeignKey("sandbox_posts.id"), nullable=True)
    thread_root: Mapped[int | None] = mapped_column(Integer, nullable=True)
    dm_with: Mapped[str | None] = mapped_column(String(100), nullable=True)  # customer handle of a DM thread
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AdminUser(Base):
    """Someone who may sign in to the admin console. Only a salted hash of the password is kept."""

    __tablename__ = "admin_users"
    __table_args__ = (UniqueConstraint("username", name="uq_admin_user"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class MediaFile(Base):
    """An agent's file the bridge serves for a platform that fetches a reply's images by URL (Instagram): kept
    only while its signed link is valid, then deleted. `key` is random; the link carries it, signed."""

    __tablename__ = "media_files"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(100))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)
