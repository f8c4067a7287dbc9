"""Bluesky polled in the production shape: Celery beat schedules the polls, workers run them (real
Redis, real PostgreSQL), against the real local atproto network and a real django-helpdesk."""
from __future__ import annotations

from pathlib import Path

import pytest

from bridge.devstack import LocalStack, StartError, default_helpdesk_python
from tests.channels.bluesky.test_real_network import mention_facet, write_post
from tests.conftest import free_port, need_service, postgres_schema, redis_url
from tests.e2e.harness import Driver

pytestmark = [pytest.mark.atproto, pytest.mark.helpdesk, pytest.mark.redis, pytest.mark.postgres]


@pytest.fixture(scope="module")
def brand(atproto_net):
    return atproto_net.create_account("brandc")


@pytest.fixture(scope="module")
def driver(tmp_path_factory, atproto_net, brand):
    python = default_helpdesk_python()
    need_service("django-helpdesk", Path(python).is_file(), f"no helpdesk python at {python}; run `make helpdesk-env`")
    account = {"channel": "bluesky", "name": "acme", "handle": brand.handle, "app_password": brand.app_password,
               "pds_url": atproto_net.pds_url, "poll_every": "1s"}
    broker = redis_url()
    with postgres_schema() as database_url:
        stack = LocalStack(tmp_path_factory.mktemp("bluesky-celery"), bridge_port=free_port(), helpdesk_port=free_port(),
                           database_url=database_url, redis_url=broker, extra_accounts=[account])
        try:
            stack.start()
        except StartError as exc:
            stack.stop()
            pytest.fail(f"the stack did not start: {exc}")
        yield Driver(stack)
        stack.stop()


def test_beat_schedules_the_polls_and_a_worker_makes_the_ticket(atproto_net, brand, driver):
    assert driver.health()["queue"] == "celery"
    customer = atproto_net.create_account("erin")
    text = f"@{brand.handle} my invoice 4410 is charged twice"
    write_post(customer, text, facets=[mention_facet(text, brand.handle, brand.did)])
    ticket = driver.ticket_containing("my invoice 4410 is charged twice", timeout=60)
    assert ticket["title"] == f"Post from @{customer.handle}: {text}"
    pollers = [p for p in driver.health()["pollers"] if p["account"] == "bluesky/acme"]
    assert pollers and pollers[0]["last_success_at"] and pollers[0]["errors_in_a_row"] == 0
