"""The store: SQLAlchemy over SQLite (default) or PostgreSQL, and the few queries the rest needs.

Work rows are claimed with a compare-and-set UPDATE (state + lease), which is safe with many worker
processes on PostgreSQL and with threads on SQLite.
"""
from __future__ import annotations

import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, create_engine, event, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bridge.model import Post, Reply, Target
from bridge.store.tables import (
    AccountStatus,
    AuditEntry,
    Conversation,
    Delivery,
    InboundEvent,
    PostRecord,
    SandboxPost,
)

MIGRATIONS = Path(__file__).parent / "migrations"
LEASE = timedelta(seconds=120)
MIGRATION_LOCK_KEY = 0x50C1A1B  # any constant; only the bridge's migrations take it  # a claimed row is re-offered after this if its worker died


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment


@dataclass(frozen=True)
class Backlog:
    state: str
    count: int
    oldest: datetime | None


class Store:
    def __init__(self, url: str):
        self.url = url
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(url, pool_pre_ping=True, **self._engine_options(url))
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # SQLite allows one writer; its busy handler sleeps up to 100 ms per wait. Taking turns in the
        # process instead keeps the webhook's tail latency low (embedded mode is one process).
        self._turn = threading.Lock() if self.engine.dialect.name == "sqlite" else nullcontext()

    @staticmethod
    def _engine_options(url: str) -> dict[str, Any]:
        if url.startswith("sqlite"):
            return {"connect_args": {"check_same_thread": False, "timeout": 30}}
        return {"pool_size": 10, "max_overflow": 10}

    def migrate(self) -> None:
        """Apply migrations. serve, worker and beat all call this at start, so it holds a lock:
        a PostgreSQL advisory lock, or a file lock beside the SQLite file."""
        cfg = AlembicConfig()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        with self._migration_lock(), self.engine.begin() as connection:
            if self.engine.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")

    @contextmanager
    def _migration_lock(self) -> Iterator[None]:
        if not self.url.startswith("sqlite:///"):
            yield
            return
        with open(self.url.removeprefix("sqlite:///") + ".migrate-lock", "a") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._turn, self._sessions() as session, session.begin():
            yield session

    def ping(self) -> None:
        with self.engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")

    # -- inbound events --------------------------------------------------------------------
    def add_event(self, channel: str, account: str, event_id: str, body: str) -> tuple[int, bool]:
        """Store a delivery durably. Returns (id, created); a repeated event id gives the first row."""
        now = utcnow()
        row = InboundEvent(channel=channel, account=account, event_id=event_id, body=body, received_at=now,
                           state="pending", attempts=0, next_attempt_at=now)
        return self._insert_unique(row, select(InboundEvent.id).where(
            InboundEvent.channel == channel, InboundEvent.account == account, InboundEvent.event_id == event_id))

    def get_event(self, event_id: int) -> InboundEvent | None:
        with self.session() as s:
            return s.get(InboundEvent, event_id)

    def claim_event(self, event_id: int) -> InboundEvent | None:
        return self._claim(InboundEvent, event_id, InboundEvent.state == "pending")

    def finish_event(self, event_id: int, masked_body: str | None = None) -> None:
        """Done; `masked_body` replaces the raw payload when it held sensitive values."""
        values = {"body": masked_body} if masked_body is not None else {}
        self._set(InboundEvent, event_id, state="done", lease_until=None, last_error=None, done_at=utcnow(), **values)

    def fail_event(self, event_id: int, error: str) -> None:
        self._set(InboundEvent, event_id, state="failed", lease_until=None, last_error=error, done_at=utcnow())

    def retry_event(self, event_id: int, error: str, delay: float) -> None:
        self._set(InboundEvent, event_id, state="pending", lease_until=None, last_error=error,
                  next_attempt_at=utcnow() + timedelta(seconds=delay))

    # -- conversations and posts -----------------------------------------------------------
    def find_post(self, channel: str, account: str, post_id: str) -> PostRecord | None:
        with self.session() as s:
            return s.scalar(select(PostRecord).where(
                PostRecord.channel == channel, PostRecord.account == account, PostRecord.post_id == post_id))

    def conversation(self, conversation_id: int) -> Conversation | None:
        with self.session() as s:
            return s.get(Conversation, conversation_id)

    def open_conversation(self, channel: str, account: str, thread_key: str, helpdesk: str) -> Conversation:
        """The conversation row for a thread, created if new (the unique key settles concurrent creators)."""
        query = select(Conversation).where(
            Conversation.channel == channel, Conversation.account == account, Conversation.thread_key == thread_key)
        with self.session() as s:
            found = s.scalar(query)
            if found:
                return found
        try:
            with self.session() as s:
                row = Conversation(channel=channel, account=account, thread_key=thread_key, helpdesk=helpdesk,
                                   created_at=utcnow())
                s.add(row)
            return row
        except IntegrityError:
            with self.session() as s:
                return s.scalar(query)

    def claim_ticket_creation(self, conversation_id: int) -> bool:
        now = utcnow()
        with self.session() as s:
            return s.execute(update(Conversation).where(
                Conversation.id == conversation_id, Conversation.ticket_id.is_(None),
                or_(Conversation.creating_until.is_(None), Conversation.creating_until < now),
            ).values(creating_until=now + LEASE)).rowcount == 1

    def mark_sensitive(self, conversation_id: int) -> None:
        self._set(Conversation, conversation_id, sensitive=True)

    def set_ticket(self, conversation_id: int, ticket_id: str | None) -> None:
        """Record the ticket (or, with None, give up the creation claim after a failure)."""
        self._set(Conversation, conversation_id, ticket_id=ticket_id, creating_until=None)

    def conversation_for_ticket(self, helpdesk: str, ticket_id: str) -> Conversation | None:
        with self.session() as s:
            return s.scalar(select(Conversation).where(
                Conversation.helpdesk == helpdesk, Conversation.ticket_id == ticket_id).order_by(Conversation.id))

    def add_post(self, post: Post, conversation_id: int, inbound_event_id: int, article_id: str,
                 record_id: str | None = None, keywords: str | None = None) -> None:
        """Record a post on its ticket; `record_id` overrides the key (edits are recorded per revision)."""
        with self.session() as s:
            s.add(PostRecord(
                channel=post.platform, account=post.account, post_id=record_id or post.post_id,
                conversation_id=conversation_id, platform_conversation_id=post.conversation_id, kind=post.kind.value,
                author_id=post.author.platform_id, author_handle=post.author.handle,
                posted_at=naive_utc(post.created_at), inbound_event_id=inbound_event_id, article_id=article_id,
                change="edited" if record_id else "created", keywords=keywords))

    def recent_posts(self, since: datetime) -> list[tuple[PostRecord, Conversation]]:
        """Posts (with their conversations) written since `since` that still have keywords: storm candidates."""
        with self.session() as s:
            return list(s.execute(select(PostRecord, Conversation).join(
                Conversation, PostRecord.conversation_id == Conversation.id).where(
                PostRecord.posted_at >= naive_utc(since), PostRecord.keywords.is_not(None))).all())

    def forget_keywords(self, before: datetime) -> int:
        with self.session() as s:
            return s.execute(update(PostRecord).where(PostRecord.posted_at < naive_utc(before),
                                                      PostRecord.keywords.is_not(None)).values(keywords=None)).rowcount

    def set_storm(self, conversation_ids: list[int], key: str) -> None:
        with self.session() as s:
            s.execute(update(Conversation).where(Conversation.id.in_(conversation_ids)).values(storm_key=key))

    # -- SLA clocks ------------------------------------------------------------------------
    def start_clock(self, conversation_id: int, *, opened_at: datetime, priority: str, target_at: datetime | None,
                    warning_at: datetime | None, due_at: datetime | None) -> None:
        self._set(Conversation, conversation_id, priority=priority, opened_at=naive_utc(opened_at),
                  first_response_target_at=target_at and naive_utc(target_at),
                  first_response_warning_at=warning_at and naive_utc(warning_at),
                  first_response_due_at=due_at and naive_utc(due_at))

    def set_priority(self, conversation_id: int, priority: str) -> None:
        self._set(Conversation, conversation_id, priority=priority)

    def stop_clock(self, conversation_id: int) -> None:
        """The first reply the bridge delivered (public, private or handoff) stops the first-response clock."""
        with self.session() as s:
            s.execute(update(Conversation).where(Conversation.id == conversation_id,
                                                 Conversation.first_responded_at.is_(None))
                      .values(first_responded_at=utcnow()))

    def running_clocks(self, now: datetime) -> list[Conversation]:
        """Unanswered conversations that are due a warning or a breach."""
        now = naive_utc(now)
        with self.session() as s:
            return list(s.scalars(select(Conversation).where(
                Conversation.ticket_id.is_not(None), Conversation.first_responded_at.is_(None),
                or_((Conversation.warned_at.is_(None) & (Conversation.first_response_warning_at <= now)),
                    (Conversation.breached_at.is_(None) & (Conversation.first_response_due_at <= now))))))

    def claim_once(self, conversation_id: int, column: str) -> bool:
        """Set warned_at / breached_at / viral_escalated_at if still empty: True for exactly one caller."""
        field = getattr(Conversation, column)
        with self.session() as s:
            return s.execute(update(Conversation).where(Conversation.id == conversation_id, field.is_(None))
                             .values({column: utcnow()})).rowcount == 1

    def release_once(self, conversation_id: int, column: str) -> None:
        """Undo claim_once after the action failed, so the next sweep tries again."""
        self._set(Conversation, conversation_id, **{column: None})

    def response_facts(self, since: datetime) -> list[tuple[str, datetime, datetime | None, datetime]]:
        """(channel, opened_at, first_responded_at, first_response_due_at), aware UTC, of conversations
        opened since `since`: what the KPIs are computed from."""
        def aware(moment):
            return moment.replace(tzinfo=timezone.utc) if moment else None

        with self.session() as s:
            rows = s.execute(select(Conversation.channel, Conversation.opened_at, Conversation.first_responded_at,
                                    Conversation.first_response_due_at).where(
                Conversation.opened_at >= naive_utc(since), Conversation.first_response_due_at.is_not(None))).all()
        return [(channel, aware(opened), aware(responded), aware(due)) for channel, opened, responded, due in rows]

    def mark_post_deleted(self, record_id: int) -> None:
        self._set(PostRecord, record_id, deleted_at=utcnow())

    def latest_target(self, conversation_id: int) -> Target | None:
        """The newest customer post of a conversation that still exists: what an agent reply answers."""
        from bridge.model import PostKind

        with self.session() as s:
            row = s.scalar(select(PostRecord).where(
                PostRecord.conversation_id == conversation_id, PostRecord.change == "created",
                PostRecord.deleted_at.is_(None)).order_by(PostRecord.posted_at.desc(), PostRecord.id.desc()).limit(1))
            if row is None:
                return None
            private_sent = s.scalar(select(func.count()).select_from(Delivery).where(
                Delivery.conversation_id == conversation_id, Delivery.target_post_id == row.post_id,
                Delivery.route == "private", Delivery.state == "sent"))
        return Target(post_id=row.post_id, conversation_id=row.platform_conversation_id, kind=PostKind(row.kind),
                      author_id=row.author_id, author_handle=row.author_handle,
                      posted_at=row.posted_at.replace(tzinfo=timezone.utc), private_replies_sent=private_sent)

    # -- platform accounts -----------------------------------------------------------------
    def set_account_status(self, channel: str, account: str, *, broken: bool, reason: str = "") -> bool:
        """Record whether an account's credentials work. Returns True when that changed."""
        with self.session() as s:
            row = s.scalar(select(AccountStatus).where(AccountStatus.channel == channel, AccountStatus.account == account))
            if row is None:
                if not broken:
                    return False
                s.add(AccountStatus(channel=channel, account=account, broken=True, reason=reason, since=utcnow()))
                return True
            if row.broken == broken:
                return False
            row.broken, row.reason, row.since = broken, reason, utcnow()
            return True

    def broken_accounts(self) -> list[AccountStatus]:
        with self.session() as s:
            return list(s.scalars(select(AccountStatus).where(AccountStatus.broken.is_(True)).order_by(AccountStatus.id)))

    # -- outbox ----------------------------------------------------------------------------
    def add_delivery(self, reply: Reply, conversation_id: int, review: str | None = None) -> tuple[int, bool]:
        """Queue an agent reply. Returns (id, created); the same helpdesk article twice is one delivery.
        Under review "before" it is held, and the agent is told so on the ticket."""
        now = utcnow()
        held = review == "before"
        row = Delivery(helpdesk=reply.helpdesk, ticket_id=reply.ticket_id, article_id=reply.article_id,
                       conversation_id=conversation_id, text=reply.text, requested_mode=reply.requested_mode.value,
                       agent=reply.agent, state="awaiting_approval" if held else "pending", review=review,
                       note="Reply held for review: a supervisor approves it before it is published." if held else None,
                       attempts=0, next_attempt_at=now, created_at=now)
        return self._insert_unique(row, select(Delivery.id).where(
            Delivery.helpdesk == reply.helpdesk, Delivery.article_id == reply.article_id))

    def get_delivery(self, delivery_id: int) -> Delivery | None:
        with self.session() as s:
            return s.get(Delivery, delivery_id)

    def claim_delivery(self, delivery_id: int) -> Delivery | None:
        """Claim a delivery that still has work: sending it, or telling the agent how it went."""
        return self._claim(Delivery, delivery_id, _DELIVERY_HAS_WORK)

    def update_delivery(self, delivery_id: int, **values: Any) -> None:
        self._set(Delivery, delivery_id, **values)

    def deliveries(self, *, state: str | None = None, unreviewed_after: bool = False, limit: int = 200) -> list[Delivery]:
        with self.session() as s:
            query = select(Delivery).order_by(Delivery.id.desc()).limit(limit)
            if state:
                query = query.where(Delivery.state == state)
            if unreviewed_after:
                query = query.where(Delivery.review == "after", Delivery.reviewed_at.is_(None))
            return list(s.scalars(query))

    def held_deliveries(self, helpdesk: str, ticket_id: str) -> list[Delivery]:
        """A ticket's replies awaiting approval, oldest first: what a review decision in the helpdesk is about."""
        with self.session() as s:
            return list(s.scalars(select(Delivery).where(
                Delivery.helpdesk == helpdesk, Delivery.ticket_id == ticket_id,
                Delivery.state == "awaiting_approval").order_by(Delivery.id)))

    def approve_delivery(self, delivery_id: int, reviewer: str, text: str | None) -> bool:
        """A held reply may go out (with the reviewer's edit, if any). The hold note is done with."""
        values = dict(state="pending", reviewed_by=reviewer, reviewed_at=utcnow(), note=None, noted_at=None,
                      lease_until=None, next_attempt_at=utcnow())
        if text:
            values["text"] = text
        return self._transition(delivery_id, "awaiting_approval", values)

    def reject_delivery(self, delivery_id: int, reviewer: str, reason: str) -> bool:
        note = f"Reply rejected by {reviewer} and not published." + (f" Reason: {reason}" if reason else "")
        return self._transition(delivery_id, "awaiting_approval", dict(
            state="rejected", reviewed_by=reviewer, reviewed_at=utcnow(), note=note, noted_at=None, lease_until=None,
            next_attempt_at=utcnow()))

    def mark_reviewed(self, delivery_id: int, reviewer: str) -> bool:
        with self.session() as s:
            return s.execute(update(Delivery).where(
                Delivery.id == delivery_id, Delivery.review == "after", Delivery.reviewed_at.is_(None),
            ).values(reviewed_by=reviewer, reviewed_at=utcnow())).rowcount == 1

    def reoffer_failed_event(self, event_id: int) -> bool:
        with self.session() as s:
            return s.execute(update(InboundEvent).where(InboundEvent.id == event_id, InboundEvent.state == "failed")
                             .values(state="pending", next_attempt_at=utcnow(), lease_until=None)).rowcount == 1

    def _transition(self, delivery_id: int, from_state: str, values: dict[str, Any]) -> bool:
        with self.session() as s:
            return s.execute(update(Delivery).where(Delivery.id == delivery_id, Delivery.state == from_state)
                             .values(**values)).rowcount == 1

    # -- audit -----------------------------------------------------------------------------
    def audit(self, *, delivery_id: int | None, channel: str, account: str, action: str, route: str | None = None,
              requested_mode: str | None = None, sensitive_kinds: str = "", reviewer: str | None = None,
              external_id: str | None = None, external_url: str | None = None, reason: str = "") -> None:
        with self.session() as s:
            s.add(AuditEntry(at=utcnow(), delivery_id=delivery_id, channel=channel, account=account, action=action,
                             requested_mode=requested_mode, sensitive_kinds=sensitive_kinds, route=route,
                             reviewer=reviewer, external_id=external_id, external_url=external_url, reason=reason))

    def audit_entries(self, delivery_id: int) -> list[AuditEntry]:
        with self.session() as s:
            return list(s.scalars(select(AuditEntry).where(AuditEntry.delivery_id == delivery_id).order_by(AuditEntry.id)))

    # -- the durable queue -----------------------------------------------------------------
    def due(self, limit: int = 100, older_than: timedelta = timedelta(0)) -> list[tuple[str, int]]:
        """Work rows ready to run and not held by a live lease: ("ingest", id) and ("deliver", id).
        `older_than` lets the Celery sweep skip rows whose task is probably still in the broker."""
        now = utcnow()
        cutoff = now - older_than
        work: list[tuple[str, int]] = []
        with self.session() as s:
            for kind, table, has_work in (("ingest", InboundEvent, InboundEvent.state == "pending"),
                                          ("deliver", Delivery, _DELIVERY_HAS_WORK)):
                ids = s.scalars(select(table.id).where(
                    has_work, table.next_attempt_at <= cutoff,
                    or_(table.lease_until.is_(None), table.lease_until < now)).order_by(table.id).limit(limit))
                work.extend((kind, i) for i in ids)
        return work

    def stuck_sending(self) -> list[int]:
        """Deliveries whose worker died mid-send: the post may or may not be on the platform."""
        with self.session() as s:
            return list(s.scalars(select(Delivery.id).where(
                Delivery.state == "sending", Delivery.lease_until < utcnow())))

    def backlog(self) -> dict[str, list[Backlog]]:
        out: dict[str, list[Backlog]] = {}
        with self.session() as s:
            for name, table, stamp in (("inbound_events", InboundEvent, InboundEvent.received_at),
                                       ("deliveries", Delivery, Delivery.created_at)):
                rows = s.execute(select(table.state, func.count(), func.min(stamp)).group_by(table.state)).all()
                out[name] = [Backlog(state, count, oldest) for state, count, oldest in rows]
        return out

    # -- sandbox platform ------------------------------------------------------------------
    def add_sandbox_post(self, **values: Any) -> SandboxPost:
        with self.session() as s:
            row = SandboxPost(created_at=utcnow(), **values)
            s.add(row)
        return row

    def sandbox_post(self, post_id: int) -> SandboxPost | None:
        with self.session() as s:
            return s.get(SandboxPost, post_id)

    def sandbox_posts(self, account: str | None = None) -> list[SandboxPost]:
        with self.session() as s:
            query = select(SandboxPost).order_by(SandboxPost.id)
            if account:
                query = query.where(SandboxPost.account == account)
            return list(s.scalars(query))

    # -- helpers ---------------------------------------------------------------------------
    def _insert_unique(self, row, existing_id_query) -> tuple[int, bool]:
        """Insert a row guarded by a unique key: (its id, True), or (the existing row's id, False)."""
        try:
            with self.session() as s:
                s.add(row)
            return row.id, True
        except IntegrityError:
            with self.session() as s:
                return s.scalar(existing_id_query), False

    def _claim(self, table, row_id: int, has_work):
        now = utcnow()
        with self.session() as s:
            claimed = s.execute(update(table).where(
                table.id == row_id, has_work, table.next_attempt_at <= now,
                or_(table.lease_until.is_(None), table.lease_until < now),
            ).values(lease_until=now + LEASE, attempts=table.attempts + 1)).rowcount
            return s.get(table, row_id) if claimed == 1 else None

    def _set(self, table, row_id: int, **values: Any) -> None:
        with self.session() as s:
            s.execute(update(table).where(table.id == row_id).values(**values))


# pending: to send. sent / handed_off / failed / rejected are outcomes, awaiting_approval a hold; `note` is
# what the agent is told on the ticket, and `noted_at` stays empty until that note is written.
_DELIVERY_HAS_WORK = or_(
    Delivery.state == "pending",
    Delivery.state.in_(("awaiting_approval", "sent", "handed_off", "failed", "rejected"))
    & Delivery.note.is_not(None) & Delivery.noted_at.is_(None),
)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers don't block the writer
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


