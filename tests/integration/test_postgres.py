"""The store on a real PostgreSQL: migrations, and the unique keys and claims that keep many worker
processes from doing the same work twice."""
from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from bridge.model import Reply
from bridge.store import Store
from bridge.store.database import MIGRATIONS
from tests.conftest import postgres_schema

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
    assert {"inbound_events", "conversations", "posts", "deliveries", "audit_log", "sandbox_posts",
            "sent_posts"} <= tables
    assert version == ScriptDirectory(str(MIGRATIONS)).get_current_head()


def test_concurrent_redelivery_stores_one_event(pg_store):
    event_id = f"xaa:{uuid.uuid4().hex}"
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: pg_store.events.add("x", "acme", event_id, '{"a": 1}'), range(16)))
    assert sum(created for _, created in results) == 1
    assert len({row_id for row_id, _ in results}) == 1


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
