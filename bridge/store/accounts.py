"""Whether each platform account's (and the helpdesk's) credentials work."""
from __future__ import annotations

from sqlalchemy import select

from bridge.store.database import Database, utcnow
from bridge.store.tables import AccountStatus


class AccountStore:
    def __init__(self, db: Database):
        self.db = db

    def set_status(self, channel: str, account: str, *, broken: bool, reason: str = "") -> bool:
        """Record whether an account's credentials work. Returns True when that changed."""
        status = select(AccountStatus).where(AccountStatus.channel == channel, AccountStatus.account == account)
        # Read first, without the writer's turn: after every ingest and delivery the status is asked to stay as it is
        with self.db.reading() as s:
            row = s.scalar(status)
            if (row is None and not broken) or (row is not None and row.broken == broken):
                return False
        with self.db.session() as s:
            row = s.scalar(status)
            if row is None:
                if not broken:
                    return False
                s.add(AccountStatus(channel=channel, account=account, broken=True, reason=reason, since=utcnow()))
                return True
            if row.broken == broken:
                return False
            row.broken, row.reason, row.since = broken, reason, utcnow()
            return True

    def broken(self) -> list[AccountStatus]:
        with self.db.reading() as s:
            return list(s.scalars(select(AccountStatus).where(AccountStatus.broken.is_(True)).order_by(AccountStatus.id)))
