"""Mastodon through the core: the poller reads the brand's mentions, the real ingest makes tickets in
Zammad, an agent's answers go back by the real deliver task (Zammad and the instance answered by
`responses` with captured answers)."""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import pytest
import responses
import time_machine

from bridge.store.tables import PollerState
from tests.channels.mastodon.test_channel import INSTANCE, api, fixture
from tests.conftest import REPO, ZAMMAD, write_config
from tests.test_flow import agent_reply, calls, post_zammad

ACCOUNT = {"channel": "mastodon", "name": "acme", "instance_url": INSTANCE, "access_token": "brand-token"}


@pytest.fixture
def config_env(tmp_path):
    path = write_config(tmp_path, helpdesk=ZAMMAD, accounts=[ACCOUNT])
    return {"BRIDGE_CONFIG": str(path), "DATABASE_URL": f"sqlite:///{tmp_path / 'bridge.db'}",
            "BRIDGE_MAPPINGS_DIR": str(REPO / "mappings")}


@pytest.fixture(autouse=True)
def in_august():
    """The captured mentions are of 2 August 2026: the first poll reaches back a day from "now"."""
    with time_machine.travel(datetime(2026, 8, 2, 6, 0, tzinfo=timezone.utc), tick=True):
        yield


@pytest.fixture
def mock():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(re.compile(rf"{ZAMMAD['url']}/api/v1/users/search.*"), json=[])
        mock.post(f"{ZAMMAD['url']}/api/v1/users", json={"id": 42}, status=201)
        mock.post(f"{ZAMMAD['url']}/api/v1/tickets", json={"id": 82, "number": "10082", "article_ids": [501]}, status=201)
        mock.get(re.compile(rf"{ZAMMAD['url']}/api/v1/tickets/82.*"), json={"id": 82, "state": "open", "state_id": 2})
        mock.post(f"{ZAMMAD['url']}/api/v1/ticket_articles", json={"id": 777, "ticket_id": 82}, status=201)
        mock.get(api("v2/instance"), json=fixture("instance_v2"))
        yield mock


def poll(rt, app) -> None:
    with rt.store.session() as s:
        s.query(PollerState).update({"next_poll_at": datetime(2000, 1, 1)})
    queue = app.extensions["bridge_queue"]
    queue.run_polls()
    queue.run_due()


def test_a_direct_mention_becomes_a_ticket_and_the_answer_stays_direct(rt, app, client, mock):
    direct = fixture("stream_notifications")[0]
    mock.get(api("v1/notifications"), json=[direct])
    mock.get(api("v1/statuses/117024236635443611/context"), json=fixture("status_context"))
    poll(rt, app)
    ticket = json.loads(calls(mock, "POST", "/api/v1/tickets")[0].request.body)
    assert ticket["title"] == "Direct mention from @mastodonpy_test_2: @mastodonpy_test pssssst!"
    assert ticket["customer"]["login"] == "mastodon:mastodonpy_test_2"

    mock.post(api("v1/statuses"), json=fixture("status_direct"))
    post_zammad(client, agent_reply(body="<p>Your order 4471 ships Monday.</p>"))
    app.extensions["bridge_queue"].run_due()
    sent = json.loads(calls(mock, "POST", f"{INSTANCE}/api/v1/statuses")[0].request.body)
    assert sent == {"status": "@mastodonpy_test_2 Your order 4471 ships Monday.", "in_reply_to_id": "117024236635443611",
                    "visibility": "direct"}
    notes = [json.loads(c.request.body)["body"] for c in calls(mock, "POST", "/api/v1/ticket_articles")]
    assert any("Sent as a private message to mastodonpy_test_2 on mastodon" in n for n in notes), notes


def test_a_public_mention_is_answered_in_public_as_visible_as_it_was(rt, app, client, mock):
    mock.get(api("v1/notifications"), json=fixture("notifications_mentions"))
    poll(rt, app)
    assert len(calls(mock, "POST", "/api/v1/tickets")) == 1
    mock.get(api("v1/statuses/117020577157693549"), json=fixture("notifications_mentions")[0]["status"])
    mock.post(api("v1/statuses"), json=fixture("status_reply"))
    post_zammad(client, agent_reply(body="<p>Hello to you too!</p>"))
    app.extensions["bridge_queue"].run_due()
    sent = json.loads(calls(mock, "POST", f"{INSTANCE}/api/v1/statuses")[0].request.body)
    assert sent == {"status": "@admin Hello to you too!", "in_reply_to_id": "117020577157693549", "visibility": "public"}
    notes = [json.loads(c.request.body)["body"] for c in calls(mock, "POST", "/api/v1/ticket_articles")]
    assert any("Posted publicly on mastodon: http://localhost:3000/@admin/117020583258292382" in n for n in notes)


def test_a_reply_with_a_card_number_never_goes_public(rt, app, client, mock):
    mock.get(api("v1/notifications"), json=fixture("notifications_mentions"))
    poll(rt, app)
    mock.get(api("v1/statuses/117020577157693549"), json=fixture("notifications_mentions")[0]["status"])
    mock.post(api("v1/statuses"), json=fixture("status_direct"))
    post_zammad(client, agent_reply(body="<p>We refunded card 4111 1111 1111 1111.</p>"))
    app.extensions["bridge_queue"].run_due()
    posted = [json.loads(c.request.body) for c in calls(mock, "POST", f"{INSTANCE}/api/v1/statuses")]
    assert [p["visibility"] for p in posted] == ["direct", "public"]  # the answer direct, a short note in public
    assert "4111" in posted[0]["status"] and posted[1]["status"] == "@admin We've sent you a private message."
