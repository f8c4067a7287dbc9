"""The sandbox platform's own timeline (customer posts and the brand's replies)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bridge.store.database import Database, utcnow
from bridge.store.tables import SandboxPost


class SandboxStore:
    def __init__(self, db: Database):
        self.db = db

    def add(self, **values: Any) -> SandboxPost:
        with self.db.session() as s:
            row = SandboxPost(created_at=utcnow(), **values)
            s.add(row)
        return row

    def get(self, post_id: int) -> SandboxPost | None:
        with self.db.reading() as s:
            return s.get(SandboxPost, post_id)

    def timeline(self, account: str | None = None) -> list[SandboxPost]:
        with self.db.reading() as s:
            query = select(SandboxPost).order_by(SandboxPost.id)
            if account:
                query = query.where(SandboxPost.account == account)
            return list(s.scalars(query))
