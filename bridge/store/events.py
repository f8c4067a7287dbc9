"""Inbound events: every webhook delivery (or polled item), stored before it is acknowledged."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import case, func, or_, select, update

from bridge.model import EventState
from bridge.store.database import LEASE, Database, rowcount, utcnow
from bridge.store.tables import InboundEvent

UNIQUE = ("channel", "account", "event_id")  # uq_inbound_event


class EventStore:
    def __init__(self, db: Database):
        self.db = db

    def add(self, channel: str, account: str, event_id: str, body: str) -> tuple[int, bool]:
        """Store a delivery durably. Returns (id, created); a repeated event id gives the first row."""
        now = utcnow()
        return self.db.insert_or_find_id(InboundEvent, {
            "channel": channel, "account": account, "event_id": event_id, "body": body, "received_at": now,
            "state": EventState.PENDING.value, "attempts": 0, "interrupted": 0, "next_attempt_at": now,
        }, UNIQUE)

    def exists(self, channel: str, account: str, event_id: str) -> bool:
        """Whether a delivery with this dedupe key is stored."""
        with self.db.session() as s:
            return s.scalar(select(InboundEvent.id).where(
                InboundEvent.channel == channel, InboundEvent.account == account,
                InboundEvent.event_id == event_id)) is not None

    def get(self, event_id: int) -> InboundEvent:
        return self.db.get(InboundEvent, event_id)

    def claim(self, event_id: int) -> InboundEvent | None:
        """Take a pending event (compare-and-set, as Database.claim), counting the attempt, and counting it as
        interrupted when the previous attempt's lease is still set: its worker stopped before finishing."""
        now = utcnow()
        with self.db.session() as s:
            claimed = s.execute(update(InboundEvent).where(
                InboundEvent.id == event_id, InboundEvent.state == EventState.PENDING.value,
                InboundEvent.next_attempt_at <= now,
                or_(InboundEvent.lease_until.is_(None), InboundEvent.lease_until < now),
            ).values(lease_until=now + LEASE, attempts=InboundEvent.attempts + 1,
                     interrupted=InboundEvent.interrupted + case((InboundEvent.lease_until.is_not(None), 1), else_=0)))
            return s.get(InboundEvent, event_id) if rowcount(claimed) == 1 else None

    def finish(self, event_id: int, masked_body: str | None = None, note: str | None = None) -> None:
        """Done; `masked_body` replaces the raw payload when it held sensitive values; `note` says which parts
        of the delivery were left out, and why."""
        values = {"body": masked_body} if masked_body is not None else {}
        self._move(event_id, EventState.DONE, lease_until=None, last_error=note, done_at=utcnow(), **values)

    def fail(self, event_id: int, error: str, masked_body: str | None = None) -> None:
        """Failed for good; the raw payload is kept (for an admin's retry) with its sensitive values masked."""
        values = {"body": masked_body} if masked_body is not None else {}
        self._move(event_id, EventState.FAILED, lease_until=None, last_error=error, done_at=utcnow(), **values)

    def retry(self, event_id: int, error: str, delay: float) -> None:
        self._move(event_id, EventState.PENDING, lease_until=None, last_error=error,
                   next_attempt_at=utcnow() + timedelta(seconds=delay))

    def reoffer_failed(self, event_id: int) -> bool:
        """An admin offers a failed event again (after fixing a mapping or the helpdesk, say)."""
        return self.db.set_if(InboundEvent, event_id, InboundEvent.state == EventState.FAILED.value,
                              state=EventState.PENDING.value, next_attempt_at=utcnow(), lease_until=None, attempts=0,
                              interrupted=0)

    def failed(self, limit: int = 200) -> list[InboundEvent]:
        """Failed events, newest first: what an admin looks at before offering one again."""
        with self.db.session() as s:
            return list(s.scalars(select(InboundEvent).where(InboundEvent.state == EventState.FAILED.value)
                                  .order_by(InboundEvent.id.desc()).limit(limit)))

    def dismiss_failed(self, event_id: int) -> bool:
        """An admin decided a failed event needs nothing more."""
        return self.db.set_if(InboundEvent, event_id, InboundEvent.state == EventState.FAILED.value,
                              state=EventState.DISMISSED.value, lease_until=None, done_at=utcnow())

    def recent_for_channel(self, channel: str, limit: int = 10) -> list[InboundEvent]:
        """A channel's latest deliveries that were read (done), for the mapping preview."""
        with self.db.session() as s:
            return list(s.scalars(select(InboundEvent).where(InboundEvent.channel == channel,
                                                             InboundEvent.state == EventState.DONE.value)
                                  .order_by(InboundEvent.id.desc()).limit(limit)))

    def seen_by_account(self) -> dict[tuple[str, str], tuple[int, datetime]]:
        """Per account: how many deliveries were stored, and when the latest arrived."""
        with self.db.session() as s:
            rows = s.execute(select(InboundEvent.channel, InboundEvent.account, func.count(),
                                    func.max(InboundEvent.received_at))
                             .group_by(InboundEvent.channel, InboundEvent.account)).all()
        return {(c, a): (n, latest) for c, a, n, latest in rows}

    def _move(self, event_id: int, to: EventState, **values) -> None:
        sources = [state.value for state in EventState if state.can_become(to)]
        self.db.set_if(InboundEvent, event_id, InboundEvent.state.in_(sources), state=to.value, **values)
