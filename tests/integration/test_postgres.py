"""The store on a real PostgreSQL: migrations, and the unique keys and claims that keep many worker
processes from doing the same work twice."""
from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text

from bridge.model import Reply
from bridge.store import Store
from tests.conftest import postgres_schema
from tests.store.test_migrations import migration_head

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_store():
    with postgres_schema() as url:
        store = Store(url)
        store.migrate()
        yield store
        store.engine.dispose()


def test_migrations_apply_and_are_idempotent(pg_store):
    pg_store.migrate()  # second run: nothing to do, no error
    with pg_store.engine.connect() as connection:
        tables = set(connection.execute(text(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")).scalars())
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert {"inbound_events", "conversations", "posts", "deliveries", "audit_log", "sandbox_posts", "admin_users",
            "sent_posts"} <= tables
    assert version == migration_head()


def test_concurrent_redelivery_stores_one_event(pg_store):
    event_id = f"xaa:{uuid.uuid4().hex}"
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: pg_store.events.add("x", "acme", event_id, '{"a": 1}'), range(16)))
    assert sum(created for _, created in results) == 1
    assert len({row_id for row_id, _ in results}) == 1


def test_the_acknowledgement_pool_keeps_a_connection_for_each_of_serves_threads(pg_store):
    """A connection past the pool's size is opened for one insert and closed after it, each one a new
    PostgreSQL backend: under a flood that halved serve's acknowledgements (bench/ack.py --mode celery)."""
    from bridge.startup import SERVE_THREADS

    assert pg_store.db._lean_engine.pool.size() >= SERVE_THREADS


def test_only_one_worker_claims_a_row(pg_store):
    row_id, _ = pg_store.events.add("x", "acme", f"xaa:{uuid.uuid4().hex}", "{}")
    with ThreadPoolExecutor(8) as pool:
        claims = list(pool.map(lambda _: pg_store.events.claim(row_id), range(16)))
    assert sum(c is not None for c in claims) == 1
    pg_store.events.finish(row_id)
    assert pg_store.events.claim(row_id) is None
    assert pg_store.events.get(row_id).state == "done"


def test_one_conversation_and_one_ticket_creator_per_thread(pg_store):
    key = f"public:{uuid.uuid4().hex}"
    with ThreadPoolExecutor(8) as pool:
        rows = list(pool.map(lambda _: pg_store.conversations.open("x", "acme", key, "zammad"), range(16)))
    assert len({r.id for r in rows}) == 1
    with ThreadPoolExecutor(8) as pool:
        claims = list(pool.map(lambda _: pg_store.conversations.claim_ticket_creation(rows[0].id), range(16)))
    assert claims.count(True) == 1


def test_repeated_helpdesk_webhook_is_one_delivery(pg_store):
    conversation = pg_store.conversations.open("x", "acme", f"public:{uuid.uuid4().hex}", "zammad")
    reply = Reply(helpdesk="zammad", ticket_id="82", article_id=uuid.uuid4().hex, text="hello")
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: pg_store.outbox.add(reply, conversation.id), range(8)))
    assert sum(created for _, created in results) == 1
    due = [row for kind, row in pg_store.due() if kind == "deliver"]
    assert results[0][0] in due


def test_quota_units_counted_by_many_workers_add_up_exactly(pg_store):
    account = f"acme-{uuid.uuid4().hex[:8]}"
    with ThreadPoolExecutor(8) as pool:
        totals = list(pool.map(lambda _: pg_store.usage.add("youtube", account, "2026-11-26", 50), range(40)))
    assert pg_store.usage.used("youtube", account, "2026-11-26") == 40 * 50
    assert sorted(totals) == [50 * n for n in range(1, 41)]  # each add saw its own total


def test_storm_index_counts_each_post_once_under_concurrent_workers(pg_store):
    """The signatures' upsert and the storm's join are single statements: 16 workers counting at once
    lose no count, and a storm formed by two workers at once is one storm."""
    from datetime import datetime, timedelta, timezone

    at = datetime.now(timezone.utc)
    window = timedelta(minutes=30)
    tag = uuid.uuid4().hex[:8]
    signatures = [f"app{tag} down{tag}", f"app{tag} login{tag}"]
    with ThreadPoolExecutor(8) as pool:
        counts = list(pool.map(lambda _: pg_store.storms.count(signatures, at, window), range(16)))
    assert sorted(c[signatures[0]][0] for c in counts) == list(range(1, 17))
    # past the window a signature counts from 1 again
    assert pg_store.storms.count(signatures[:1], at + window + timedelta(minutes=1), window)[signatures[0]][0] == 1
    words = frozenset({f"app{tag}", f"down{tag}"})
    with ThreadPoolExecutor(4) as pool:
        formed = list(pool.map(lambda _: pg_store.storms.form(f"storm-{tag}", words, at, at, 5), range(4)))
    assert {s.key for s in formed} == {f"storm-{tag}"}
    assert pg_store.storms.get(f"storm-{tag}").posts == 5 + 3  # formed once, the other three joined
    assert any(s.key == f"storm-{tag}" for s in pg_store.storms.active(at, window))


def test_acknowledgement_insert_survives_a_database_restart(pg_store):
    """The lean insert skips the pre-ping; a pooled connection the server has closed is replaced, once."""
    first, created = pg_store.events.add("x", "acme", f"xaa:{uuid.uuid4().hex}", "{}")
    assert created
    pooled = pg_store.db._lean_engine.raw_connection()  # the connection the insert just used
    pid = pooled.dbapi_connection.get_backend_pid()
    pooled.close()
    with pg_store.engine.connect() as connection:  # what a restart does to it
        assert connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
    second, created = pg_store.events.add("x", "acme", f"xaa:{uuid.uuid4().hex}", "{}")
    assert created and second != first
