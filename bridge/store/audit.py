"""The audit trail of what happened to each reply: route, kinds of sensitive data found, reviewer."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from bridge.store.database import Database, utcnow
from bridge.store.tables import AuditEntry


class AuditStore:
    def __init__(self, db: Database):
        self.db = db

    def add(self, *, delivery_id: int | None, channel: str, account: str, action: str, route: str | None = None,
            requested_mode: str | None = None, sensitive_kinds: str = "", reviewer: str | None = None,
            external_id: str | None = None, external_url: str | None = None, reason: str = "") -> None:
        with self.db.session() as s:
            s.add(AuditEntry(at=utcnow(), delivery_id=delivery_id, channel=channel, account=account, action=action,
                             requested_mode=requested_mode, sensitive_kinds=sensitive_kinds, route=route,
                             reviewer=reviewer, external_id=external_id, external_url=external_url, reason=reason))

    def entries(self, delivery_id: int) -> list[AuditEntry]:
        with self.db.reading() as s:
            return list(s.scalars(select(AuditEntry).where(AuditEntry.delivery_id == delivery_id).order_by(AuditEntry.id)))

    def search(self, *, channel: str | None = None, action: str | None = None, reviewer: str | None = None,
               since: datetime | None = None, until: datetime | None = None, limit: int = 200) -> list[AuditEntry]:
        """Newest first, filtered by any of channel, action, reviewer and a time range (naive UTC)."""
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        if channel:
            query = query.where(AuditEntry.channel == channel)
        if action:
            query = query.where(AuditEntry.action == action)
        if reviewer:
            query = query.where(AuditEntry.reviewer == reviewer)
        if since:
            query = query.where(AuditEntry.at >= since)
        if until:
            query = query.where(AuditEntry.at < until)
        with self.db.session() as s:
            return list(s.scalars(query))

    def find(self, action: str, external_id: str) -> AuditEntry | None:
        """The first entry of an action about an external id (e.g. a helpdesk's wiring probe)."""
        with self.db.session() as s:
            return s.scalars(select(AuditEntry).where(AuditEntry.action == action, AuditEntry.external_id == external_id)
                             .order_by(AuditEntry.id).limit(1)).first()
