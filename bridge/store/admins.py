"""Admin console users: usernames and salted password hashes (werkzeug's scrypt), never passwords."""
from __future__ import annotations

from functools import cache

from sqlalchemy import func, select

from bridge.store.database import Database, utcnow
from bridge.store.tables import AdminUser

# werkzeug is imported where a password is hashed or checked: the store is imported by every process, and
# only the web process's console needs it (about 2 MB that the Celery workers no longer hold).


@cache
def _dummy_hash() -> str:
    """Checked against when the username is unknown, so a wrong name takes as long as a wrong password."""
    from werkzeug.security import generate_password_hash

    return generate_password_hash("no such user")


class AdminStore:
    def __init__(self, db: Database):
        self.db = db

    def set_password(self, username: str, password: str) -> bool:
        """Create the user, or change their password. True when the user is new."""
        from werkzeug.security import generate_password_hash

        hashed = generate_password_hash(password)
        with self.db.session() as s:
            row = s.scalar(select(AdminUser).where(AdminUser.username == username))
            if row is None:
                s.add(AdminUser(username=username, password_hash=hashed, created_at=utcnow()))
                return True
            row.password_hash = hashed
            return False

    def check(self, username: str, password: str) -> bool:
        from werkzeug.security import check_password_hash

        dummy = _dummy_hash()  # made by the first check, whoever it is for: no first wrong name takes longer
        with self.db.session() as s:
            row = s.scalar(select(AdminUser).where(AdminUser.username == username))
            if row is None:
                check_password_hash(dummy, password)
                return False
            if not check_password_hash(row.password_hash, password):
                return False
            row.last_login_at = utcnow()
            return True

    def exists(self, username: str) -> bool:
        with self.db.session() as s:
            return s.scalar(select(AdminUser.id).where(AdminUser.username == username)) is not None

    def count(self) -> int:
        with self.db.session() as s:
            return s.scalar(select(func.count()).select_from(AdminUser)) or 0
