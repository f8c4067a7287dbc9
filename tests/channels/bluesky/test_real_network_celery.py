"""Bluesky polled in the production shape: Celery beat schedules the polls, workers run them (real
Redis, real PostgreSQL), against the real local atproto network and a real django-helpdesk."""
from __future__ import annotations

import pytest

from tests.channels.bluesky.test_real_network import mention_facet, write_post
from tests.conftest import postgres_schema, redis_url
from tests.e2e.harness import Driver, running_stack

pytestmark = [pytest.mark.atproto, pytest.mark.helpdesk, pytest.mark.redis, pytest.mark.postgres]


@pytest.fixture(scope="module")
def brand(atproto_net):
    return atproto_net.create_account("brandc")


@pytest.fixture(scope="module")
def driver(tmp_path_factory, atproto_net, brand):
    account = {"channel": "bluesky", "name": "acme", "handle": brand.handle, "app_password": brand.app_password,
               "pds_url": atproto_net.pds_url, "poll_every": "1s"}
    with postgres_schema() as database_url, running_stack(
            tmp_path_factory.mktemp("bluesky-celery"), database_url=database_url, redis_url=redis_url(),
            extra_accounts=[account]) as stack:
        yield Driver(stack)


def test_beat_schedules_the_polls_and_a_worker_makes_the_ticket(atproto_net, brand, driver):
    assert driver.health()["queue"] == "celery"
    customer = atproto_net.create_account("erin")
    text = f"@{brand.handle} my invoice 4410 is charged twice"
    write_post(customer, text, facets=[mention_facet(text, brand.handle, brand.did)])
    ticket = driver.ticket_containing("my invoice 4410 is charged twice", timeout=120)
    assert ticket["title"] == f"Post from @{customer.handle}: {text}"
    pollers = [p for p in driver.health()["pollers"] if p["account"] == "bluesky/acme"]
    assert pollers and pollers[0]["last_success_at"] and pollers[0]["errors_in_a_row"] == 0
