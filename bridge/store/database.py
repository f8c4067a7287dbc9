"""The connection every part of the store shares: engine, sessions, migrations, and the three
write patterns the rest is built from (insert-or-find on a unique key, claim by lease, set)."""
from __future__ import annotations

import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, bindparam, create_engine, event, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"
LEASE = timedelta(seconds=120)  # a claimed row is offered again after this if its worker died
MIGRATION_LOCK_KEY = 0x50C1A1B  # any constant; only the bridge's migrations take it
LEAN_POOL = 16  # PostgreSQL connections kept for acknowledgements: at least serve's threads (8 by default)


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment


def aware(moment: datetime | None) -> datetime | None:
    """A stored (naive UTC) time as an aware one."""
    return moment.replace(tzinfo=timezone.utc) if moment else None


class Database:
    def __init__(self, url: str):
        self.url = url
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        sqlite = url.startswith("sqlite")
        # A pooled SQLite connection is a file handle that cannot go stale: no `SELECT 1` before each use.
        self.engine: Engine = create_engine(url, pool_pre_ping=not sqlite, **self._engine_options(url))
        if sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        # The acknowledgement's insert on PostgreSQL is one round trip: no pre-ping (the insert is idempotent,
        # so a connection found dead when used is dropped and the insert run once more, see _run_inserts),
        # and autocommit (the single statement commits itself, without BEGIN and COMMIT round trips).
        # The pool keeps as many connections as the server has threads (see LEAN_POOL): a connection past the
        # pool's size is opened for one insert and closed after it, and each costs PostgreSQL a new backend.
        self._lean_engine: Engine = self.engine if sqlite else create_engine(
            url, pool_pre_ping=False, isolation_level="AUTOCOMMIT", pool_size=LEAN_POOL, max_overflow=LEAN_POOL)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # SQLite allows one writer; its busy handler sleeps up to 100 ms per wait. Writers in the process
        # take turns instead, which keeps the webhook's tail latency low (embedded mode is one process).
        # Readers never wait: in WAL mode they read a snapshot while the writer writes.
        self._turn = threading.Lock() if sqlite else nullcontext()
        self._lean_inserts: dict[tuple[str, tuple[str, ...]], _LeanInsert] = {}
        # SQLite: lean inserts waiting for the writer's turn, written together (see insert_or_find_id)
        self._group: list[_PendingInsert] | None = [] if sqlite else None
        self._group_lock = threading.Lock()

    @staticmethod
    def _engine_options(url: str) -> dict[str, Any]:
        if url.startswith("sqlite"):
            return {"connect_args": {"check_same_thread": False, "timeout": 30}}
        return {"pool_size": 10, "max_overflow": 10}

    def migrate(self) -> None:
        """Apply migrations. serve, worker and beat all call this at start, so it holds a lock:
        a PostgreSQL advisory lock, or a file lock beside the SQLite file."""
        # imported here: only the processes that migrate hold alembic (about 11 MB)
        from alembic import command
        from alembic.config import Config as AlembicConfig

        cfg = AlembicConfig()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        with self._migration_lock(), self.engine.begin() as connection:
            if self.engine.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")

    @contextmanager
    def _migration_lock(self) -> Iterator[None]:
        if not self.url.startswith("sqlite:///"):
            yield
            return
        with open(self.url.removeprefix("sqlite:///") + ".migrate-lock", "a") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction that writes: committed when the block ends, rolled back if it raises."""
        with self._turn, self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session that only reads: it takes no turn (WAL readers see the last commit)."""
        with self._sessions() as session, session.begin():
            yield session

    def insert_or_find_id(self, table, values: dict[str, Any], unique: tuple[str, ...]) -> tuple[int, bool]:
        """One `INSERT … ON CONFLICT DO NOTHING RETURNING id` on a pooled DB-API connection, compiled once
        and run without an ORM session or SQLAlchemy's per-statement work: (the new id, True), or (the
        existing row's id, False) when the unique key is taken. `values` names every column it sets.

        On SQLite, inserts that arrive while another is being written are written together, in one
        transaction with one commit (group commit): whoever gets the turn writes every insert waiting,
        and the others find theirs done. Each caller returns only after its row is committed."""
        lean = self._lean_inserts.get((table.__tablename__, unique))
        if lean is None:
            lean = self._lean_inserts[(table.__tablename__, unique)] = _LeanInsert(self.engine, table, values, unique)
        pending = _PendingInsert(lean, values)
        if self._group is None:
            self._write_inserts([pending])
        else:
            with self._group_lock:
                self._group.append(pending)
            with self._turn:
                if not pending.done:
                    with self._group_lock:
                        batch, self._group = self._group, []
                    try:
                        self._write_inserts(batch)
                    finally:
                        for waiting in batch:  # interrupted (KeyboardInterrupt, …): nobody waits forever
                            if not waiting.done:
                                waiting.error, waiting.done = RuntimeError("insert interrupted"), True
        if pending.error is not None:
            raise pending.error
        row = pending.row
        if row is not None:
            return row[0], True
        columns = table.__table__.c
        with self._lean_engine.connect() as found_connection:
            found = found_connection.execute(
                select(columns.id).where(*(columns[k] == values[k] for k in unique))).scalar()
        if found is None:  # not possible unless the row was deleted in between
            raise LookupError(f"{table.__tablename__}: no row for {unique} after a conflict")
        return found, False

    def _write_inserts(self, batch: list[_PendingInsert]) -> None:
        """Write the inserts in one transaction; if that fails, each alone, so one bad row fails only itself."""
        try:
            self._run_inserts(batch)
        except Exception as exc:
            if len(batch) == 1:
                batch[0].error, batch[0].done = exc, True
                return
            for pending in batch:
                try:
                    self._run_inserts([pending])
                except Exception as exc:
                    pending.error, pending.done = exc, True

    def _run_inserts(self, batch: list[_PendingInsert], *, stale_retry: bool = True) -> None:
        engine = self._lean_engine
        connection = engine.raw_connection()
        stale = False
        try:
            cursor = connection.cursor()
            try:
                rows = []
                for pending in batch:
                    cursor.execute(pending.lean.sql, pending.lean.parameters(pending.values))
                    rows.append(cursor.fetchone())
            finally:
                cursor.close()
            connection.commit()
        except engine.dialect.loaded_dbapi.Error as exc:
            stale = engine.dialect.is_disconnect(exc, connection.dbapi_connection, None)
            if not stale:
                connection.rollback()
                raise
            # A pooled connection that died (a database restart): dropped, and the inserts run once more on a
            # fresh one. Safe: a row the dead connection did commit is found as a conflict, not written twice.
            connection.invalidate()
            if not stale_retry:
                raise
        except BaseException:
            connection.rollback()
            raise
        finally:
            connection.close()  # back to the pool
        if stale:
            self._run_inserts(batch, stale_retry=False)
            return
        for pending, row in zip(batch, rows):
            pending.row, pending.done = row, True

    def ping(self) -> None:
        with self.engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")

    def insert_unique(self, row, existing_id_query) -> tuple[int, bool]:
        """Insert a row guarded by a unique key: (its id, True), or (the existing row's id, False)."""
        try:
            with self.session() as s:
                s.add(row)
            return row.id, True
        except IntegrityError:
            with self.session() as s:
                return s.scalar(existing_id_query), False

    def claim(self, table, row_id: int, has_work):
        """Take a row that has work and no live lease (compare-and-set), counting the attempt."""
        now = utcnow()
        with self.session() as s:
            claimed = s.execute(update(table).where(
                table.id == row_id, has_work, table.next_attempt_at <= now,
                or_(table.lease_until.is_(None), table.lease_until < now),
            ).values(lease_until=now + LEASE, attempts=table.attempts + 1))
            return s.get(table, row_id) if rowcount(claimed) == 1 else None

    def get(self, table, row_id: int):
        """A row the caller knows exists (its id came from the store): a missing one is a bug."""
        with self.reading() as s:
            row = s.get(table, row_id)
        if row is None:
            raise LookupError(f"{table.__tablename__} {row_id} does not exist")
        return row

    def set(self, table, row_id: int, **values: Any) -> None:
        with self.session() as s:
            s.execute(update(table).where(table.id == row_id).values(**values))

    def set_where(self, table, condition, **values: Any) -> int:
        with self.session() as s:
            return rowcount(s.execute(update(table).where(condition).values(**values)))

    def set_if(self, table, row_id: int, condition, **values: Any) -> bool:
        """Update the row only while `condition` holds; True when it did (one caller wins a race)."""
        with self.session() as s:
            return rowcount(s.execute(update(table).where(table.id == row_id, condition).values(**values))) == 1


class _PendingInsert:
    def __init__(self, lean: _LeanInsert, values: dict[str, Any]):
        self.lean = lean
        self.values = values
        self.done = False
        self.row: Any = None
        self.error: BaseException | None = None


class _LeanInsert:
    """An INSERT … ON CONFLICT DO NOTHING RETURNING id, compiled once for the engine's dialect, with the
    columns' own conversions (SQLite stores times as text in SQLAlchemy's format)."""

    def __init__(self, engine: Engine, table, values: dict[str, Any], unique: tuple[str, ...]):
        insert = sqlite_insert if engine.dialect.name == "sqlite" else postgresql_insert
        columns = table.__table__.c
        statement = insert(table.__table__).values({name: bindparam(name) for name in values}).on_conflict_do_nothing(
            index_elements=list(unique)).returning(columns.id)
        compiled = statement.compile(dialect=engine.dialect)
        self.sql = str(compiled)
        self.positional = compiled.positiontup if compiled.positional else None
        self.convert = {name: columns[name].type._cached_bind_processor(engine.dialect) for name in values}
        self.names = tuple(values)

    def parameters(self, values: dict[str, Any]) -> Any:
        converted = {name: (convert(values[name]) if convert else values[name])
                     for name, convert in self.convert.items()}
        if self.positional is not None:
            return tuple(converted[name] for name in self.positional)
        return converted


def rowcount(result: Any) -> int:
    """Rows an UPDATE matched (SQLAlchemy types execute()'s result without it)."""
    return result.rowcount


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers don't block the writer
    # In WAL mode NORMAL syncs at checkpoints, not at every commit: a committed row survives a crash of
    # the process; only a power cut can lose the last commits (SQLite's documented trade-off).
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
