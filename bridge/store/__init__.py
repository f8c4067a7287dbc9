"""The store: SQLAlchemy over SQLite (default) or PostgreSQL, split by what it stores.

    store.events         inbound events (the ingest queue)
    store.conversations  conversations, their posts and SLA clocks
    store.outbox         agent replies (the delivery queue) and their states
    store.accounts       whether credentials work
    store.audit          what happened to each reply
    store.pollers        polling accounts' cursors and health
    store.admins         who may sign in to the admin console
    store.listeners      listening rules' search cursors and counts
    store.sandbox        the sandbox platform's timeline
    store.usage          what accounts spent of their platforms' budgets (quota units per period)
    store.storms         the incremental storm index, storms and their incident tickets
    store.media          files served for a few minutes at signed links (images a platform fetches by URL)

Work rows are claimed with a compare-and-set UPDATE (state + lease), which is safe with many worker
processes on PostgreSQL and with threads on SQLite. `due` and `backlog` read both queues.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from bridge.model import DeliveryState, EventState
from bridge.store.accounts import AccountStore
from bridge.store.admins import AdminStore
from bridge.store.audit import AuditStore
from bridge.store.conversations import Clock, ConversationStore
from bridge.store.database import Database, naive_utc, utcnow
from bridge.store.events import EventStore
from bridge.store.listeners import ListenerStore
from bridge.store.media import MediaStore
from bridge.store.outbox import HAS_WORK, OutboxStore
from bridge.store.pollers import PollerStore
from bridge.store.sandbox import SandboxStore
from bridge.store.storms import StormStore
from bridge.store.tables import Delivery, InboundEvent
from bridge.store.usage import UsageStore

__all__ = ["Backlog", "Clock", "Store", "naive_utc", "utcnow"]


@dataclass(frozen=True)
class Backlog:
    state: str
    count: int
    oldest: datetime | None


class Store:
    def __init__(self, url: str):
        self.db = Database(url)
        self.url = url
        self.engine = self.db.engine
        self.session = self.db.session
        self.events = EventStore(self.db)
        self.conversations = ConversationStore(self.db)
        self.outbox = OutboxStore(self.db)
        self.accounts = AccountStore(self.db)
        self.audit = AuditStore(self.db)
        self.pollers = PollerStore(self.db)
        self.listeners = ListenerStore(self.db)
        self.sandbox = SandboxStore(self.db)
        self.usage = UsageStore(self.db)
        self.admins = AdminStore(self.db)
        self.storms = StormStore(self.db)
        self.media = MediaStore(self.db)

    def migrate(self) -> None:
        self.db.migrate()

    def ping(self) -> None:
        self.db.ping()

    def due(self, limit: int = 100, older_than: timedelta = timedelta(0)) -> list[tuple[str, int]]:
        """Work rows ready to run and not held by a live lease: ("ingest", id) and ("deliver", id).
        `older_than` lets the Celery sweep skip rows whose task is probably still in the broker."""
        now = utcnow()
        cutoff = now - older_than
        work: list[tuple[str, int]] = []
        with self.db.reading() as s:
            for kind, table, has_work in (("ingest", InboundEvent, InboundEvent.state == EventState.PENDING.value),
                                          ("deliver", Delivery, HAS_WORK)):
                ids = s.scalars(select(table.id).where(
                    has_work, table.next_attempt_at <= cutoff,
                    or_(table.lease_until.is_(None), table.lease_until < now)).order_by(table.id).limit(limit))
                work.extend((kind, i) for i in ids)
        return work

    def needs_attention(self) -> int:
        """Failed inbound events, plus failed or rejected replies that nothing has made good since: a reply
        counts until a later reply on the same conversation reaches the customer (the agent sent it again)."""
        later = aliased(Delivery)
        made_good = select(later.id).where(
            later.conversation_id == Delivery.conversation_id, later.id > Delivery.id,
            later.state.in_([DeliveryState.SENT.value, DeliveryState.HANDED_OFF.value])).exists()
        with self.session() as s:
            events = s.scalar(select(func.count()).select_from(InboundEvent).where(
                InboundEvent.state == EventState.FAILED.value)) or 0
            replies = s.scalar(select(func.count()).select_from(Delivery).where(
                Delivery.state.in_([DeliveryState.FAILED.value, DeliveryState.REJECTED.value]), ~made_good)) or 0
        return events + replies

    def backlog(self) -> dict[str, list[Backlog]]:
        out: dict[str, list[Backlog]] = {}
        with self.db.reading() as s:
            for name, table, stamp in (("inbound_events", InboundEvent, InboundEvent.received_at),
                                       ("deliveries", Delivery, Delivery.created_at)):
                rows = s.execute(select(table.state, func.count(), func.min(stamp)).group_by(table.state)).all()
                out[name] = [Backlog(state, count, oldest) for state, count, oldest in rows]
        return out
