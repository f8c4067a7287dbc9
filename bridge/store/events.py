"""Inbound events: every webhook delivery (or polled item), stored before it is acknowledged."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from bridge.model import EventState
from bridge.store.database import Database, utcnow
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
            "state": EventState.PENDING.value, "attempts": 0, "next_attempt_at": now,
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
        return self.db.claim(InboundEvent, event_id, InboundEvent.state == EventState.PENDING.value)

    def finish(self, event_id: int, masked_body: str | None = None) -> None:
        """Done; `masked_body` replaces the raw payload when it held sensitive values."""
        values = {"body": masked_body} if masked_body is not None else {}
        self._move(event_id, EventState.DONE, lease_until=None, last_error=None, done_at=utcnow(), **values)

    def fail(self, event_id: int, error: str) -> None:
        self._move(event_id, EventState.FAILED, lease_until=None, last_error=error, done_at=utcnow())

    def retry(self, event_id: int, error: str, delay: float) -> None:
        self._move(event_id, EventState.PENDING, lease_until=None, last_error=error,
                   next_attempt_at=utcnow() + timedelta(seconds=delay))

    def reoffer_failed(self, event_id: int) -> bool:
        """An admin offers a failed event again (after fixing a mapping or the helpdesk, say)."""
        return self.db.set_if(InboundEvent, event_id, InboundEvent.state == EventState.FAILED.value,
                              state=EventState.PENDING.value, next_attempt_at=utcnow(), lease_until=None)

    def dismiss_failed(self, event_id: int) -> bool:
        """An admin decided a failed event needs nothing more."""
        return self.db.set_if(InboundEvent, event_id, InboundEvent.state == EventState.FAILED.value,
                              state=EventState.DISMISSED.value, lease_until=None, done_at=utcnow())

    def failed(self, limit: int = 200) -> list[InboundEvent]:
        with self.db.session() as s:
            return list(s.scalars(select(InboundEvent).where(InboundEvent.state == EventState.FAILED.value)
                                  .order_by(InboundEvent.id.desc()).limit(limit)))

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
