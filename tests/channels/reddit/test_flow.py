"""Reddit through the core: the poller reads the brand's inbox, the real ingest makes tickets in Zammad,
agents' answers go back by the real deliver task (Zammad and Reddit answered by `responses`)."""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from urllib.parse import parse_qs

import pytest
import responses
import time_machine

from bridge.store.tables import PollerState
from tests.channels.reddit.test_channel import API, TOKEN_URL, account, fixture
from tests.conftest import REPO, ZAMMAD, write_config
from tests.test_flow import agent_reply, calls, post_zammad


@pytest.fixture
def config_env(tmp_path):
    path = write_config(tmp_path, helpdesk=ZAMMAD, accounts=[{"channel": "reddit", "name": "acme", **account()}])
    return {"BRIDGE_CONFIG": str(path), "DATABASE_URL": f"sqlite:///{tmp_path / 'bridge.db'}",
            "BRIDGE_MAPPINGS_DIR": str(REPO / "mappings")}


@pytest.fixture(autouse=True)
def in_june_2025():
    """The captured comment reply is of 19 June 2025 15:57 UTC; the first poll reaches back a day."""
    with time_machine.travel(datetime(2025, 6, 19, 16, 30, tzinfo=timezone.utc), tick=True):
        yield


@pytest.fixture
def mock():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(re.compile(rf"{ZAMMAD['url']}/api/v1/users/search.*"), json=[])
        mock.post(f"{ZAMMAD['url']}/api/v1/users", json={"id": 42}, status=201)
        mock.post(f"{ZAMMAD['url']}/api/v1/tickets", json={"id": 82, "number": "10082", "article_ids": [501]}, status=201)
        mock.get(re.compile(rf"{ZAMMAD['url']}/api/v1/tickets/82.*"), json={"id": 82, "state": "open", "state_id": 2})
        mock.post(f"{ZAMMAD['url']}/api/v1/ticket_articles", json={"id": 777, "ticket_id": 82}, status=201)
        mock.post(TOKEN_URL, json=fixture("access_token"))
        mock.get(f"{API}/message/inbox", json=fixture("inbox"))
        yield mock


def poll(rt, app) -> None:
    with rt.store.session() as s:
        s.query(PollerState).update({"next_poll_at": datetime(2000, 1, 1)})
    queue = app.extensions["bridge_queue"]
    queue.run_polls()
    queue.run_due()


def test_a_comment_reply_becomes_a_ticket_and_the_answer_a_comment(rt, app, client, mock):
    poll(rt, app)
    tickets = [json.loads(c.request.body) for c in calls(mock, "POST", "/api/v1/tickets")]
    assert [t["title"] for t in tickets] == ["Comment from u/Lil_SpazTest: Reply"]  # older ones are past the backfill
    mock.post(f"{API}/api/comment", json=fixture("comment_created"))
    post_zammad(client, agent_reply(body="<p>Thanks for the reply!</p>"))
    app.extensions["bridge_queue"].run_due()
    sent = parse_qs(calls(mock, "POST", f"{API}/api/comment")[0].request.body)
    assert sent == {"thing_id": ["t1_myngt77"], "text": ["Thanks for the reply!"], "api_type": ["json"]}
    notes = [json.loads(c.request.body)["body"] for c in calls(mock, "POST", "/api/v1/ticket_articles")]
    assert any("Posted publicly on reddit: https://www.reddit.com/comments/4b1tfm/_/d1680wu/" in n for n in notes)


def test_sensitive_data_goes_as_a_message_with_a_public_note(rt, app, client, mock):
    poll(rt, app)
    mock.post(f"{API}/api/compose", json=fixture("compose"))
    mock.post(f"{API}/api/comment", json=fixture("comment_created"))
    post_zammad(client, agent_reply(body="<p>Call us on +44 20 7946 0958 with card 4111 1111 1111 1111.</p>"))
    app.extensions["bridge_queue"].run_due()
    message = parse_qs(calls(mock, "POST", f"{API}/api/compose")[0].request.body)
    assert message["to"] == ["Lil_SpazTest"] and "4111 1111 1111 1111" in message["text"][0]
    public = parse_qs(calls(mock, "POST", f"{API}/api/comment")[0].request.body)
    assert public["text"] == ["We've sent you a private message."]
