"""Listeners: for each listening rule of each account, the search cursor, when the next search is due,
how the last went and what it found (ticketed, irrelevant, over the cap)."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError

from bridge.store.database import LEASE, Database, rowcount, utcnow
from bridge.store.tables import InboundEvent, ListenerState

DUE_AT_ONCE = datetime(1970, 1, 1)


def event_prefix(rule: str) -> str:
    """Listened posts are stored as inbound events under this prefix (and the channel's item id)."""
    return f"listen:{rule}:"


class ListenerStore:
    def __init__(self, db: Database):
        self.db = db

    def claim(self, channel: str, account: str, rule: str) -> ListenerState | None:
        """Take a rule's search if it is due and nobody holds it (its row created, due at once, when new)."""
        try:
            with self.db.session() as s:
                s.add(ListenerState(channel=channel, account=account, rule=rule, next_search_at=DUE_AT_ONCE,
                                    errors_in_a_row=0, ticketed=0, irrelevant=0, capped=0))
        except IntegrityError:
            pass  # it exists
        now = utcnow()
        key = (ListenerState.channel == channel, ListenerState.account == account, ListenerState.rule == rule)
        with self.db.session() as s:
            claimed = s.execute(update(ListenerState).where(
                *key, ListenerState.next_search_at <= now,
                or_(ListenerState.lease_until.is_(None), ListenerState.lease_until < now)).values(lease_until=now + LEASE))
            if rowcount(claimed) != 1:
                return None
            return s.scalars(select(ListenerState).where(*key)).one()

    def stored_since(self, channel: str, account: str, rule: str, since: datetime) -> int:
        """Posts this rule stored for tickets since then: what its hourly cap counts."""
        with self.db.session() as s:
            return s.scalar(select(func.count()).select_from(InboundEvent).where(
                InboundEvent.channel == channel, InboundEvent.account == account,
                InboundEvent.event_id.startswith(event_prefix(rule), autoescape=True),
                InboundEvent.received_at >= since)) or 0

    def succeeded(self, state_id: int, cursor: str | None, next_in: timedelta, *, ticketed: int, irrelevant: int,
                  capped: int) -> None:
        """The search's posts are stored: move the cursor on (never before: a crash repeats, never skips)."""
        now = utcnow()
        with self.db.session() as s:
            s.execute(update(ListenerState).where(ListenerState.id == state_id).values(
                cursor=cursor, lease_until=None, last_success_at=now, errors_in_a_row=0, last_error=None,
                next_search_at=now + next_in, ticketed=ListenerState.ticketed + ticketed,
                irrelevant=ListenerState.irrelevant + irrelevant, capped=ListenerState.capped + capped))

    def failed(self, state_id: int, error: str, next_in: timedelta) -> None:
        with self.db.session() as s:
            s.execute(update(ListenerState).where(ListenerState.id == state_id).values(
                lease_until=None, last_error=error, next_search_at=utcnow() + next_in,
                errors_in_a_row=ListenerState.errors_in_a_row + 1))

    def all(self) -> list[ListenerState]:
        with self.db.session() as s:
            return list(s.scalars(select(ListenerState).order_by(ListenerState.channel, ListenerState.account,
                                                                 ListenerState.rule)))
