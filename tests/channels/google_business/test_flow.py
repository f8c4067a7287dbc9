"""Google reviews through the core: polled by the embedded queue → tickets whose priority follows the stars
(2 stars: high, with the reason noted); the agent's answer → the review's reply. Zammad, Google's token
endpoint and the Business Profile API answered by `responses`."""
import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
import responses
import time_machine

from bridge.store.tables import PollerState
from tests.conftest import REPO, ZAMMAD, write_config
from tests.test_flow import agent_reply, calls, post_zammad

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "google_business"
API = "https://gbp.test/v4"
TOKEN_URL = "https://oauth.test/token"
LOCATION = "accounts/106/locations/123"
ACCOUNT = {"channel": "google_business", "name": "acme-berlin", "location": LOCATION, "client_id": "cid",
           "client_secret": "cs", "refresh_token": "1//r", "token_url": TOKEN_URL, "api_base": API, "backfill": "60d"}


@pytest.fixture
def config_env(tmp_path):
    path = write_config(tmp_path, helpdesk=ZAMMAD, accounts=[ACCOUNT])
    return {"BRIDGE_CONFIG": str(path), "DATABASE_URL": f"sqlite:///{tmp_path / 'bridge.db'}",
            "BRIDGE_MAPPINGS_DIR": str(REPO / "mappings")}


@pytest.fixture
def mock():
    url = ZAMMAD["url"]
    reviews = json.loads((FIXTURES / "reviews.json").read_text())
    del reviews["nextPageToken"]
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(re.compile(rf"{url}/api/v1/users/search.*"), json=[])
        mock.post(f"{url}/api/v1/users", json={"id": 42}, status=201)
        created = []

        def create(request):
            created.append(request)
            number = 80 + len(created)
            return 201, {}, json.dumps({"id": number, "number": str(10000 + number), "article_ids": [500 + number]})

        mock.add_callback("POST", f"{url}/api/v1/tickets", callback=create)
        mock.get(re.compile(rf"{url}/api/v1/tickets/8\d.*"), json={"id": 81, "state": "open", "state_id": 2})
        mock.post(f"{url}/api/v1/ticket_articles", json={"id": 777, "ticket_id": 81}, status=201)
        mock.post(TOKEN_URL, json=json.loads((FIXTURES / "token.json").read_text()))
        mock.get(f"{API}/{LOCATION}/reviews", json=reviews)
        mock.put(re.compile(rf"{API}/{LOCATION}/reviews/[\w]+/reply"), json=json.loads((FIXTURES / "reply.json").read_text()))
        yield mock


# (pinned just after the captured payloads of 26 November: the first poll reaches back only so far)
@time_machine.travel(datetime(2026, 11, 26, 10, 30, tzinfo=timezone.utc), tick=True)
def test_reviews_become_tickets_prioritised_by_their_stars_and_answers_their_replies(rt, app, mock, client):
    queue = app.extensions["bridge_queue"]
    with rt.store.session() as s:
        s.query(PollerState).update({"next_poll_at": datetime(2000, 1, 1)})
    assert queue.run_polls() == 1
    queue.run_due()
    tickets = [json.loads(c.request.body) for c in calls(mock, "POST", "/api/v1/tickets")]
    # the FIVE whose last change is the business's reply is no event; the others are tickets
    assert [t["title"] for t in tickets] == [
        "2★ Google review from A. Traveller: Pickup was late and nobody answered the phone.",
        "3★ Google review from Anonymous reviewer", "4★ Google review from S. Das: Good value."]
    assert [t["priority"] for t in tickets] == ["3 high", "2 normal", "2 normal"]
    # why it is high: written with the ticket, in its first article
    assert "[Social bridge] Priority raised to 3 high: negative review (2 stars)." in tickets[0]["article"]["body"]

    post_zammad(client, agent_reply(ticket_id=81, body="<p>We're sorry about the wait.</p>"))
    queue.run_due()
    [reply] = calls(mock, "PUT", "/reply")
    assert reply.request.url == f"{API}/{LOCATION}/reviews/AbFvOqn1bX2y/reply"
    assert json.loads(reply.request.body) == {"comment": "We're sorry about the wait."}
