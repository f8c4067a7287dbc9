"""Threads through the core: a signed webhook into the Flask app → ticket; the agent's answer → a published
reply; an answer with sensitive data → the phone handoff, only the acknowledgement posted. Zammad and the Threads API answered
by `responses`."""
import hashlib
import hmac
import json
import re
from pathlib import Path

import pytest
import responses

from tests.conftest import REPO, ZAMMAD, write_config
from tests.test_flow import agent_reply, calls, post_zammad

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "threads"
API = "https://graph.threads.test/v1.0"
USER_ID = "17841400000000001"
SECRET = "threads-app-secret-for-tests"
THREADS = {"channel": "threads", "name": "acme", "threads_user_id": USER_ID, "username": "acme.store",
           "access_token": "THQ-token", "app_secret": SECRET, "verify_token": "th-verify",
           "graph_base": "https://graph.threads.test"}


@pytest.fixture
def config_env(tmp_path):
    path = write_config(tmp_path, helpdesk=ZAMMAD, accounts=[THREADS])
    return {"BRIDGE_CONFIG": str(path), "DATABASE_URL": f"sqlite:///{tmp_path / 'bridge.db'}",
            "BRIDGE_MAPPINGS_DIR": str(REPO / "mappings")}


@pytest.fixture
def mock():
    url = ZAMMAD["url"]
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(re.compile(rf"{url}/api/v1/users/search.*"), json=[])
        mock.post(f"{url}/api/v1/users", json={"id": 42}, status=201)
        mock.post(f"{url}/api/v1/tickets", json={"id": 82, "number": "10082", "article_ids": [501]}, status=201)
        mock.get(re.compile(rf"{url}/api/v1/tickets/82.*"), json={"id": 82, "state": "open", "state_id": 2})
        mock.post(f"{url}/api/v1/ticket_articles", json={"id": 777, "ticket_id": 82}, status=201)
        mock.post(f"{API}/{USER_ID}/threads", json={"id": "17889615691921648"})
        mock.post(f"{API}/{USER_ID}/threads_publish", json={"id": "18063336622123789"})
        yield mock


def deliver(client, name: str, secret: str = SECRET):
    body = (FIXTURES / f"{name}.json").read_bytes()
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return client.post("/webhooks/threads/acme", data=body,
                       headers={"X-Hub-Signature-256": signature, "Content-Type": "application/json"})


def test_a_reply_becomes_a_ticket_and_the_answer_a_threads_reply(client, work, mock):
    assert deliver(client, "reply", secret="forged").status_code == 401
    assert deliver(client, "reply").status_code == 200
    work()
    [ticket] = [json.loads(c.request.body) for c in calls(mock, "POST", "/api/v1/tickets")]
    assert ticket["title"].startswith("Threads reply from @carla.runs: @acme.store my order #5521")
    post_zammad(client, agent_reply(body="<p>So sorry! A new parcel leaves today.</p>"))
    work()
    [container] = [c for c in calls(mock, "POST", API) if c.request.url.endswith(f"/{USER_ID}/threads")]
    assert "reply_to_id=18061728905123456" in container.request.body
    assert len(calls(mock, "POST", "/threads_publish")) == 1


def test_a_sensitive_answer_is_never_posted_on_threads(client, work, mock):
    deliver(client, "reply")
    work()
    post_zammad(client, agent_reply(body="<p>Your card 4111 1111 1111 1111 was refunded.</p>"))
    work()
    # the thread hears only the phone acknowledgement; the answer itself goes nowhere public
    [container] = [c for c in calls(mock, "POST", API) if c.request.url.endswith(f"/{USER_ID}/threads")]
    assert "4111" not in container.request.body and "call+you" in container.request.body
