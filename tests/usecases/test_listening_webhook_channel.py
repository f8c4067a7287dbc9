"""A channel that takes webhooks (X) and has listening rules: its account is polled for the rules
only, and what they find becomes tickets like any polled item."""
from __future__ import annotations

import json
import re
import shutil
from datetime import datetime

import pytest
import responses

from bridge.store.tables import ListenerState, PollerState
from tests.channels.x.test_channel import ACCOUNT_SETTINGS, fixture
from tests.conftest import REPO, ZAMMAD, write_config

SEARCH_URL = "https://api.x.com/2/tweets/search/recent"
LISTENING = """
listening:
  brand_terms: [acme]
  rules:
    - {name: app, query: "acme app", max_per_hour: 3}
"""


@pytest.fixture
def config_env(tmp_path):
    mappings = tmp_path / "mappings"
    mappings.mkdir()
    shutil.copy(REPO / "mappings" / "sandbox.yaml", mappings / "sandbox.yaml")
    (mappings / "x.yaml").write_text((REPO / "mappings" / "x.yaml").read_text() + LISTENING)
    path = write_config(tmp_path, helpdesk=ZAMMAD, accounts=[{"channel": "x", "name": "acme", **ACCOUNT_SETTINGS}])
    return {"BRIDGE_CONFIG": str(path), "DATABASE_URL": f"sqlite:///{tmp_path / 'bridge.db'}",
            "BRIDGE_MAPPINGS_DIR": str(mappings)}


def test_a_webhook_channel_is_polled_for_its_listening_rules(rt, app):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(SEARCH_URL, json=fixture("search_recent"))
        mock.get(re.compile(rf"{ZAMMAD['url']}/api/v1/users/search.*"), json=[])
        mock.post(f"{ZAMMAD['url']}/api/v1/users", json={"id": 42}, status=201)
        mock.post(f"{ZAMMAD['url']}/api/v1/tickets", json={"id": 82, "number": "10082", "article_ids": [1]}, status=201)
        mock.post(f"{ZAMMAD['url']}/api/v1/ticket_articles", json={"id": 777}, status=201)
        queue = app.extensions["bridge_queue"]
        assert queue.run_polls() == 1  # the X account, though X pushes its mentions
        queue.run_due()
        tickets = [json.loads(c.request.body) for c in mock.calls if c.request.url.endswith("/api/v1/tickets")]
        assert len(tickets) == 1 and "keeps logging me out" in tickets[0]["article"]["body"]
        poller = rt.store.pollers.all()[0]
        assert (poller.channel, poller.errors_in_a_row, poller.cursor) == ("x", 0, None)
        [listener] = rt.store.listeners.all()
        assert (listener.rule, listener.ticketed, json.loads(listener.cursor)) == (
            "app", 1, {"since_id": "2080791200000000002"})
        # the next turn, a minute later: X's search is asked for what is newer only
        with rt.store.session() as s:
            s.query(PollerState).update({"next_poll_at": datetime(2000, 1, 1)})
            s.query(ListenerState).update({"next_search_at": datetime(2000, 1, 1)})
        mock.replace(responses.GET, SEARCH_URL, json={"meta": {"result_count": 0}})
        queue.run_polls()
        assert "since_id=2080791200000000002" in mock.calls[-1].request.url
