"""Channel usage: units an account spent of a platform's budget per period (YouTube's daily quota),
added atomically so that web, worker and beat processes count into one total."""
from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from bridge.store.database import Database, rowcount
from bridge.store.tables import ChannelUsage


class UsageStore:
    def __init__(self, db: Database):
        self.db = db

    def add(self, channel: str, account: str, period: str, units: int) -> int:
        """Add units to the period's total (created at 0 on first use); the new total."""
        where = (ChannelUsage.channel == channel, ChannelUsage.account == account, ChannelUsage.period == period)
        for _ in range(2):
            with self.db.session() as s:
                if rowcount(s.execute(update(ChannelUsage).where(*where).values(units=ChannelUsage.units + units))) == 1:
                    return s.scalars(select(ChannelUsage.units).where(*where)).one()
            try:
                with self.db.session() as s:
                    s.add(ChannelUsage(channel=channel, account=account, period=period, units=units))
                return units
            except IntegrityError:
                continue  # another process created it just now: add to theirs
        raise RuntimeError(f"usage of {channel}/{account} for {period} could not be counted")

    def used(self, channel: str, account: str, period: str) -> int:
        with self.db.session() as s:
            found = s.scalars(select(ChannelUsage.units).where(
                ChannelUsage.channel == channel, ChannelUsage.account == account, ChannelUsage.period == period)).first()
            return found or 0

    def forget_before(self, channel: str, account: str, period: str) -> None:
        """Drop an account's totals of earlier periods (period names must sort by time)."""
        with self.db.session() as s:
            s.execute(delete(ChannelUsage).where(ChannelUsage.channel == channel, ChannelUsage.account == account,
                                                 ChannelUsage.period < period))


class AccountUsage:
    """One account's view of the store's usage counts: what a channel's `usage` is in a running bridge."""

    def __init__(self, store: UsageStore, channel: str, account: str):
        self.store, self.channel, self.account = store, channel, account

    def add(self, period: str, units: int) -> int:
        total = self.store.add(self.channel, self.account, period, units)
        if total == units:  # the period's first count: earlier periods are over
            self.store.forget_before(self.channel, self.account, period)
        return total

    def used(self, period: str) -> int:
        return self.store.used(self.channel, self.account, period)
