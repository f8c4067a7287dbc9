"""Production shape: `social-bridge serve` + Celery `worker` + `beat` on real Redis, the store on real
PostgreSQL, and a real django-helpdesk. A post goes round the loop; a dead worker loses nothing."""
from __future__ import annotations

import pytest

from tests.conftest import postgres_schema, redis_url, wait_for
from tests.e2e.harness import Driver, running_stack

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.helpdesk]


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with postgres_schema() as database_url, running_stack(
            tmp_path_factory.mktemp("celery-stack"), database_url=database_url, redis_url=redis_url()) as stack:
        yield stack


@pytest.fixture(scope="module")
def driver(stack):
    return Driver(stack)


def test_loop_runs_through_celery_workers(driver):
    assert driver.health()["queue"] == "celery"
    post = driver.post("@brand checkout fails with error 500", handle="frank")
    ticket = driver.ticket_containing("checkout fails with error 500")
    driver.agent_reply(ticket["id"], "Fixed now, Frank. Sorry for the trouble!")
    replies = wait_for(lambda: driver.brand_replies_to(post["id"]), what="the reply delivered by a Celery worker")
    assert [r["text"] for r in replies] == ["Fixed now, Frank. Sorry for the trouble!"]


def test_posts_made_while_no_worker_runs_are_processed_when_one_starts(driver, stack):
    stack.processes.pop("worker").stop()
    texts = [f"queued while the worker was down #{n}" for n in range(3)]
    for n, text in enumerate(texts):
        driver.post(text, handle=f"queued{n}")
    backlog = driver.health()["backlog"]["inbound_events"]
    assert backlog["pending"]["count"] == 3
    stack.start_process("worker", ["worker", "--concurrency", "2"], stack.data_dir / "logs" / "worker2.log")
    for text in texts:
        driver.ticket_containing(text, timeout=60)
    assert all(sum(text in t["description"] for t in driver.tickets()) == 1 for text in texts)
