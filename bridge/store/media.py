"""Files served for a short while at signed links (bridge.media_links): kept in the store, so that the process
that makes a link (a worker sending the reply) and the one that serves it (`serve`) see the same file, and
deleted once the link has expired."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select

from bridge.store.database import Database, naive_utc, rowcount
from bridge.store.tables import MediaFile


class MediaStore:
    def __init__(self, db: Database):
        self.db = db

    def put(self, key: str, content_type: str, data: bytes, now: datetime, expires_at: datetime) -> None:
        with self.db.session() as s:
            s.add(MediaFile(key=key, content_type=content_type, data=data, created_at=naive_utc(now),
                            expires_at=naive_utc(expires_at)))

    def get(self, key: str, now: datetime) -> tuple[str, bytes] | None:
        """(content type, bytes) of a file whose time has not run out; None otherwise."""
        with self.db.reading() as s:
            found = s.execute(select(MediaFile.content_type, MediaFile.data).where(
                MediaFile.key == key, MediaFile.expires_at > naive_utc(now))).first()
        return (found[0], found[1]) if found else None

    def keys(self) -> list[str]:
        with self.db.reading() as s:
            return list(s.scalars(select(MediaFile.key)))

    def purge(self, now: datetime) -> int:
        """Delete every file whose time has run out; how many."""
        with self.db.session() as s:
            return rowcount(s.execute(delete(MediaFile).where(MediaFile.expires_at <= naive_utc(now))))
