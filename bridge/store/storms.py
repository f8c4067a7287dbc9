"""Storms: the incremental index posts are counted in (keyword signatures) and the storms found with it.
Every write is one statement that counts atomically, so threads and worker processes may ingest
members of the same storm at once."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import case, delete, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from bridge.model import ActiveStorm
from bridge.store.database import LEASE, Database, naive_utc, rowcount, utcnow
from bridge.store.tables import Storm, StormSignature


class StormStore:
    def __init__(self, db: Database):
        self.db = db
        self._insert = sqlite_insert if db.engine.dialect.name == "sqlite" else postgresql_insert

    def active(self, at: datetime, window: timedelta) -> list[ActiveStorm]:
        """Storms whose last post is within `window` of `at` (a handful, however many posts they have)."""
        with self.db.reading() as s:
            rows = s.scalars(select(Storm).where(Storm.last_at >= naive_utc(at - window))).all()
        return [_active(row) for row in rows]

    def count(self, signatures: list[str], at: datetime, window: timedelta) -> dict[str, tuple[int, datetime]]:
        """Count a post under its signatures: {signature: (posts in its current window, window start)}.
        One upsert; a signature whose window has passed starts again at 1."""
        if not signatures:
            return {}
        at = naive_utc(at)
        cutoff = at - window
        table: Any = StormSignature.__table__
        statement: Any = self._insert(table).values(
            [{"signature": signature, "started_at": at, "last_at": at, "posts": 1} for signature in sorted(signatures)])
        expired = table.c.started_at < cutoff
        statement = statement.on_conflict_do_update(index_elements=["signature"], set_={
            "posts": case((expired, 1), else_=table.c.posts + 1),
            "started_at": case((expired, statement.excluded.started_at), else_=table.c.started_at),
            "last_at": case((table.c.last_at > statement.excluded.last_at, table.c.last_at),
                            else_=statement.excluded.last_at),
        }).returning(table.c.signature, table.c.posts, table.c.started_at)
        with self.db.session() as s:
            return {signature: (posts, started.replace(tzinfo=timezone.utc))
                    for signature, posts, started in s.execute(statement)}

    def form(self, key: str, keywords: frozenset[str], started_at: datetime, at: datetime, posts: int) -> ActiveStorm:
        """Record a storm that has just formed (the post that formed it counted in `posts`); if another
        worker recorded it first, this post joins it."""
        table: Any = Storm.__table__
        statement = self._insert(table).values(
            key=key, keywords=" ".join(sorted(keywords)), started_at=naive_utc(started_at), last_at=naive_utc(at),
            posts=posts).on_conflict_do_nothing(index_elements=["key"]).returning(table.c.id)
        with self.db.session() as s:
            created = s.execute(statement).scalar()
        if created is not None:
            return self.get(key)
        return self.join(key, at)

    def join(self, key: str, at: datetime) -> ActiveStorm:
        """One more post in the storm; the storm as it is now (its count includes this post)."""
        at = naive_utc(at)
        with self.db.session() as s:
            s.execute(update(Storm).where(Storm.key == key).values(
                posts=Storm.posts + 1, last_at=case((Storm.last_at > at, Storm.last_at), else_=at)))
            row = s.scalars(select(Storm).where(Storm.key == key)).one()
            return _active(row)

    def get(self, key: str) -> ActiveStorm:
        with self.db.reading() as s:
            return _active(s.scalars(select(Storm).where(Storm.key == key)).one())

    def claim_incident(self, key: str) -> bool:
        """One worker at a time opens a storm's incident ticket."""
        now = utcnow()
        with self.db.session() as s:
            return rowcount(s.execute(update(Storm).where(
                Storm.key == key, Storm.incident_ticket_id.is_(None),
                (Storm.incident_creating_until.is_(None)) | (Storm.incident_creating_until < now),
            ).values(incident_creating_until=now + LEASE))) == 1

    def release_incident(self, key: str) -> None:
        self.db.set_where(Storm, Storm.key == key, incident_creating_until=None)

    def record_incident(self, key: str, ticket_id: str) -> None:
        self.db.set_where(Storm, Storm.key == key, incident_ticket_id=ticket_id, incident_creating_until=None)

    def for_incident(self, ticket_id: str) -> ActiveStorm | None:
        with self.db.reading() as s:
            row = s.scalars(select(Storm).where(Storm.incident_ticket_id == ticket_id)).first()
        return _active(row) if row else None

    def forget(self, before: datetime) -> int:
        """Drop signatures nobody counted under since `before` (older than a window: they count from 1 again)."""
        with self.db.session() as s:
            return rowcount(s.execute(delete(StormSignature).where(StormSignature.last_at < naive_utc(before))))


def _active(row: Storm) -> ActiveStorm:
    return ActiveStorm(key=row.key, keywords=frozenset(row.keywords.split()),
                       started_at=row.started_at.replace(tzinfo=timezone.utc), posts=row.posts,
                       incident_ticket_id=row.incident_ticket_id)
