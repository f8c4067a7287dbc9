"""Conversations (one per platform thread, one ticket each), the posts on them, and their SLA clocks."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError

from bridge.model import DeliveryState, Post, PostKind, Target
from bridge.store.database import LEASE, Database, aware, naive_utc, rowcount, utcnow
from bridge.store.tables import Conversation, Delivery, PostRecord, SentPost

ONCE_COLUMNS = ("warned_at", "breached_at", "viral_escalated_at")  # actions taken exactly once per conversation


@dataclass(frozen=True)
class Clock:
    """A new ticket's first-response clock."""

    opened_at: datetime
    priority: str
    target_at: datetime | None
    warning_at: datetime | None
    due_at: datetime | None


@dataclass(frozen=True)
class EngagementWatch:
    post_id: str
    total: int | None  # None: not read yet
    read_at: datetime
    next_at: datetime


class ConversationStore:
    def __init__(self, db: Database):
        self.db = db

    def get(self, conversation_id: int) -> Conversation:
        return self.db.get(Conversation, conversation_id)

    def open(self, channel: str, account: str, thread_key: str, helpdesk: str) -> Conversation:
        """The conversation row for a thread, created if new (the unique key settles concurrent creators)."""
        query = select(Conversation).where(
            Conversation.channel == channel, Conversation.account == account, Conversation.thread_key == thread_key)
        with self.db.reading() as s:
            found = s.scalar(query)
            if found:
                return found
        try:
            with self.db.session() as s:
                row = Conversation(channel=channel, account=account, thread_key=thread_key, helpdesk=helpdesk,
                                   created_at=utcnow())
                s.add(row)
            return row
        except IntegrityError:
            with self.db.reading() as s:
                return s.scalars(query).one()

    def for_ticket(self, helpdesk: str, ticket_id: str) -> Conversation | None:
        with self.db.reading() as s:
            return s.scalar(select(Conversation).where(
                Conversation.helpdesk == helpdesk, Conversation.ticket_id == ticket_id).order_by(Conversation.id))

    def on_ticket(self, helpdesk: str, ticket_id: str) -> list[Conversation]:
        """Every conversation on a ticket, oldest first: one, or a storm incident's many."""
        with self.db.reading() as s:
            return list(s.scalars(select(Conversation).where(
                Conversation.helpdesk == helpdesk, Conversation.ticket_id == ticket_id).order_by(Conversation.id)))

    def claim_ticket_creation(self, conversation_id: int) -> bool:
        """One worker at a time creates a conversation's ticket."""
        now = utcnow()
        return self.db.set_if(Conversation, conversation_id, Conversation.ticket_id.is_(None)
                              & or_(Conversation.creating_until.is_(None), Conversation.creating_until < now),
                              creating_until=now + LEASE)

    def release_ticket_creation(self, conversation_id: int) -> None:
        """The creation failed: another attempt may claim it."""
        self.db.set(Conversation, conversation_id, creating_until=None)

    def record_ticket(self, conversation_id: int, ticket_id: str, clock: Clock, post: Post, inbound_event_id: int,
                      article_id: str, keywords: str | None, watch: EngagementWatch | None = None,
                      storm_key: str | None = None) -> None:
        """The new ticket, its clock and its first post, in one transaction: a crash leaves all or none.
        `watch`: the public post whose engagement is re-read later, for virality; `storm_key`: the storm
        the post is part of. The ticket may be a storm's incident ticket, shared by many conversations."""
        engagement = {} if watch is None else dict(
            engagement_post_id=watch.post_id, engagement_total=watch.total, engagement_read_at=naive_utc(watch.read_at),
            engagement_next_at=naive_utc(watch.next_at))
        with self.db.session() as s:
            s.execute(update(Conversation).where(Conversation.id == conversation_id).values(**engagement,
                ticket_id=ticket_id, storm_key=storm_key, creating_until=None, priority=clock.priority,
                opened_at=naive_utc(clock.opened_at),
                first_response_target_at=clock.target_at and naive_utc(clock.target_at),
                first_response_warning_at=clock.warning_at and naive_utc(clock.warning_at),
                first_response_due_at=clock.due_at and naive_utc(clock.due_at)))
            s.add(_post_record(post, conversation_id, inbound_event_id, article_id, None, keywords))

    def mark_sensitive(self, conversation_id: int) -> None:
        self.db.set(Conversation, conversation_id, sensitive=True)

    # -- posts -----------------------------------------------------------------------------
    def find_post(self, channel: str, account: str, post_id: str) -> PostRecord | None:
        with self.db.reading() as s:
            return s.scalar(select(PostRecord).where(
                PostRecord.channel == channel, PostRecord.account == account, PostRecord.post_id == post_id))

    def add_post(self, post: Post, conversation_id: int, inbound_event_id: int, article_id: str,
                 record_id: str | None = None, keywords: str | None = None) -> None:
        """Record a post on its ticket; `record_id` overrides the key (edits are recorded per revision)."""
        with self.db.session() as s:
            s.add(_post_record(post, conversation_id, inbound_event_id, article_id, record_id, keywords))

    def add_sent(self, channel: str, account: str, post_id: str, conversation_id: int,
                 delivery_id: int | None) -> None:
        """Remember a reply the bridge delivered (once per platform id)."""
        try:
            with self.db.session() as s:
                s.add(SentPost(channel=channel, account=account, post_id=post_id[:100], conversation_id=conversation_id,
                               delivery_id=delivery_id, sent_at=utcnow()))
        except IntegrityError:
            pass  # recorded already

    def find_sent(self, channel: str, account: str, post_id: str) -> int | None:
        """The conversation of a reply the bridge delivered under this platform id, if any."""
        with self.db.session() as s:
            return s.scalar(select(SentPost.conversation_id).where(
                SentPost.channel == channel, SentPost.account == account, SentPost.post_id == post_id))

    def earlier_tickets(self, channel: str, author_id: str, but: int) -> list[str]:
        """Tickets of the author's other conversations on the channel, oldest first."""
        with self.db.session() as s:
            rows = s.execute(select(Conversation.ticket_id, func.min(PostRecord.posted_at)).join(
                PostRecord, PostRecord.conversation_id == Conversation.id).where(
                PostRecord.channel == channel, PostRecord.author_id == author_id, Conversation.id != but,
                Conversation.ticket_id.is_not(None)).group_by(Conversation.ticket_id).order_by(
                func.min(PostRecord.posted_at)))
            return [ticket_id for ticket_id, _ in rows if ticket_id is not None]

    def forget_keywords(self, before: datetime) -> int:
        with self.db.session() as s:
            return rowcount(s.execute(update(PostRecord).where(PostRecord.posted_at < naive_utc(before),
                                                               PostRecord.keywords.is_not(None)).values(keywords=None)))

    def find(self, conversation_id: int) -> Conversation | None:
        """A conversation by an id from outside (an admin's request): None when there is none."""
        with self.db.session() as s:
            return s.get(Conversation, conversation_id)

    def recent(self, limit: int = 50) -> list[Conversation]:
        """The newest conversations that have a ticket (the routing simulator offers them)."""
        with self.db.session() as s:
            return list(s.scalars(select(Conversation).where(Conversation.ticket_id.is_not(None))
                                  .order_by(Conversation.id.desc()).limit(limit)))

    def mark_post_deleted(self, record_id: int) -> None:
        self.db.set(PostRecord, record_id, deleted_at=utcnow())

    def latest_target(self, conversation_id: int) -> Target | None:
        """The newest customer post of a conversation that still exists: what an agent reply answers."""
        with self.db.reading() as s:
            row = s.scalar(select(PostRecord).where(
                PostRecord.conversation_id == conversation_id, PostRecord.change == "created",
                PostRecord.deleted_at.is_(None)).order_by(PostRecord.posted_at.desc(), PostRecord.id.desc()).limit(1))
            if row is None:
                return None
            private_sent = s.scalar(select(func.count()).select_from(Delivery).where(
                Delivery.conversation_id == conversation_id, Delivery.target_post_id == row.post_id,
                Delivery.route == "private", Delivery.state == DeliveryState.SENT.value))
        return Target(post_id=row.post_id, conversation_id=row.platform_conversation_id, kind=PostKind(row.kind),
                      author_id=row.author_id, author_handle=row.author_handle,
                      posted_at=row.posted_at.replace(tzinfo=timezone.utc),
                      private_replies_sent=private_sent or 0)

    # -- engagement re-reads -----------------------------------------------------------------
    def engagement_due(self, now: datetime, limit: int = 500) -> list[Conversation]:
        """Watched conversations whose post is due a re-read and that were not escalated as viral yet."""
        with self.db.reading() as s:
            return list(s.scalars(select(Conversation).where(
                Conversation.engagement_next_at <= naive_utc(now), Conversation.viral_escalated_at.is_(None),
                Conversation.ticket_id.is_not(None)).order_by(Conversation.engagement_next_at).limit(limit)))

    def engagement_read(self, conversation_id: int, total: int | None, at: datetime, next_at: datetime | None) -> None:
        """Record a re-read (None total: the platform gave no counts); next_at None stops watching."""
        values: dict = {"engagement_next_at": next_at and naive_utc(next_at)}
        if total is not None:
            values.update(engagement_total=total, engagement_read_at=naive_utc(at))
        self.db.set(Conversation, conversation_id, **values)

    # -- SLA clocks ------------------------------------------------------------------------
    def set_priority(self, conversation_id: int, priority: str) -> None:
        self.db.set(Conversation, conversation_id, priority=priority)

    def stop_clock(self, conversation_id: int) -> None:
        """The first reply the bridge delivered (public, private or handoff) stops the first-response clock."""
        self.db.set_if(Conversation, conversation_id, Conversation.first_responded_at.is_(None),
                       first_responded_at=utcnow())

    def claim_public_ack(self, conversation_id: int, window: timedelta) -> bool:
        """True for the one caller that may post a public acknowledgement now: none was posted in the
        conversation within `window`. Claimed before posting, so two replies at once make one."""
        now = utcnow()
        return self.db.set_if(Conversation, conversation_id,
                              or_(Conversation.public_ack_at.is_(None), Conversation.public_ack_at <= now - window),
                              public_ack_at=now)

    def release_public_ack(self, conversation_id: int) -> None:
        """The acknowledgement could not be posted: let the next reply try."""
        self.db.set(Conversation, conversation_id, public_ack_at=None)

    def running_clocks(self, now: datetime) -> list[Conversation]:
        """Unanswered conversations that are due a warning or a breach."""
        now = naive_utc(now)
        with self.db.reading() as s:
            return list(s.scalars(select(Conversation).where(
                Conversation.ticket_id.is_not(None), Conversation.first_responded_at.is_(None),
                or_((Conversation.warned_at.is_(None) & (Conversation.first_response_warning_at <= now)),
                    (Conversation.breached_at.is_(None) & (Conversation.first_response_due_at <= now))))))

    def claim_once(self, conversation_id: int, column: str) -> bool:
        """Set warned_at / breached_at / viral_escalated_at if still empty: True for exactly one caller."""
        if column not in ONCE_COLUMNS:
            raise ValueError(f"not a once-only column: {column}")
        field = getattr(Conversation, column)
        return self.db.set_if(Conversation, conversation_id, field.is_(None), **{column: utcnow()})

    def release_once(self, conversation_id: int, column: str) -> None:
        """Undo claim_once after the action failed, so the next sweep tries again."""
        if column not in ONCE_COLUMNS:
            raise ValueError(f"not a once-only column: {column}")
        self.db.set(Conversation, conversation_id, **{column: None})

    def response_facts(self, since: datetime) -> list[tuple[str, datetime, datetime | None, datetime]]:
        """(channel, opened_at, first_responded_at, first_response_due_at), aware UTC, of conversations
        opened since `since`: what the KPIs are computed from."""
        with self.db.reading() as s:
            rows = s.execute(select(Conversation.channel, Conversation.opened_at, Conversation.first_responded_at,
                                    Conversation.first_response_due_at).where(
                Conversation.opened_at >= naive_utc(since), Conversation.first_response_due_at.is_not(None))).all()
        return [(channel, aware(opened), aware(responded), aware(due))  # type: ignore[misc]
                for channel, opened, responded, due in rows]


def _post_record(post: Post, conversation_id: int, inbound_event_id: int, article_id: str, record_id: str | None,
                 keywords: str | None) -> PostRecord:
    return PostRecord(
        channel=post.platform, account=post.account, post_id=record_id or post.post_id,
        conversation_id=conversation_id, platform_conversation_id=post.conversation_id, kind=post.kind.value,
        author_id=post.author.platform_id, author_handle=post.author.handle,
        posted_at=naive_utc(post.created_at), inbound_event_id=inbound_event_id, article_id=article_id,
        change="edited" if record_id else "created", keywords=keywords)
