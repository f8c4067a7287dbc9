"""Pollers: for each account whose channel fetches its posts, the cursor, when the next poll is due,
and how the last one went (what /healthz and /metrics show)."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from bridge.store.database import LEASE, Database, rowcount, utcnow
from bridge.store.tables import PollerState

DUE_AT_ONCE = datetime(1970, 1, 1)


class PollerStore:
    def __init__(self, db: Database):
        self.db = db

    def ensure(self, channel: str, account: str) -> None:
        """A row for every polling account, due at once when new."""
        try:
            with self.db.session() as s:
                s.add(PollerState(channel=channel, account=account, next_poll_at=DUE_AT_ONCE, errors_in_a_row=0,
                                  items_seen=0))
        except IntegrityError:
            pass  # it exists

    def due(self, now: datetime) -> list[tuple[str, str]]:
        with self.db.reading() as s:
            rows = s.execute(select(PollerState.channel, PollerState.account).where(
                PollerState.next_poll_at <= now,
                or_(PollerState.lease_until.is_(None), PollerState.lease_until < now)).order_by(PollerState.next_poll_at))
            return [(channel, account) for channel, account in rows]

    def claim(self, channel: str, account: str) -> PollerState | None:
        """Take an account's poll if it is due and nobody holds it (compare-and-set on the lease)."""
        now = utcnow()
        where = (PollerState.channel == channel, PollerState.account == account, PollerState.next_poll_at <= now,
                 or_(PollerState.lease_until.is_(None), PollerState.lease_until < now))
        with self.db.session() as s:
            claimed = s.execute(update(PollerState).where(*where).values(lease_until=now + LEASE))
            if rowcount(claimed) != 1:
                return None
            return s.scalars(select(PollerState).where(PollerState.channel == channel,
                                                       PollerState.account == account)).one()

    def succeeded(self, state_id: int, cursor: str | None, items: int, next_in: timedelta) -> None:
        """The poll's items are stored: move the cursor on (never before, so a crash repeats, never skips)."""
        now = utcnow()
        with self.db.session() as s:
            s.execute(update(PollerState).where(PollerState.id == state_id).values(
                cursor=cursor, lease_until=None, last_success_at=now, errors_in_a_row=0, last_error=None,
                next_poll_at=now + next_in, items_seen=PollerState.items_seen + items))

    def failed(self, state_id: int, error: str, next_in: timedelta) -> None:
        now = utcnow()
        with self.db.session() as s:
            s.execute(update(PollerState).where(PollerState.id == state_id).values(
                lease_until=None, last_error=error, last_error_at=now, next_poll_at=now + next_in,
                errors_in_a_row=PollerState.errors_in_a_row + 1))

    def all(self) -> list[PollerState]:
        with self.db.reading() as s:
            return list(s.scalars(select(PollerState).order_by(PollerState.channel, PollerState.account)))
