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
    created_at: Mapped[datetime] = mapped_column(DateTime)


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
