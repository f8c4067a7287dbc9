"""The admin API: held replies are approved, edited or rejected; nothing held ever leaks out."""
import json
import re

import pytest
import responses
from sqlalchemy import select

from bridge.store.tables import AuditEntry, Delivery, InboundEvent
from tests.conftest import REPO, X_ACCOUNT, ZAMMAD, write_config
from tests.test_flow import MENTION, X, agent_reply, calls, post_x, post_zammad, zammad  # noqa: F401 (fixture)

ADMIN = {"Authorization": "Bearer admin-token-0123456789"}


@pytest.fixture
def config_env(tmp_path):
    """Overrides conftest's: the same accounts, with the admin API and more turned on."""
    path = write_config(tmp_path, helpdesk=ZAMMAD, accounts=[X_ACCOUNT], extra="""
        admin_token: admin-token-0123456789
        review:
          - {agents: [agent.smith@acme.test], mode: before}
          - {agents: [senior@acme.test], mode: after}
        """)
    return {"BRIDGE_CONFIG": str(path), "DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}",
            "BRIDGE_MAPPINGS_DIR": str(REPO / "mappings")}


def held(client, work, zammad):
    post_x(client, MENTION)
    work()
    zammad.post(f"{X}/2/tweets", json={"data": {"id": "3000000000000000077"}}, status=201)
    post_zammad(client, agent_reply())
    work()
    return client.get("/admin/api/deliveries?state=awaiting_approval", headers=ADMIN).get_json()


def test_admin_api_needs_the_token(client):
    assert client.get("/admin/api/deliveries").status_code == 401
    assert client.get("/admin/api/deliveries", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_reply_of_a_reviewed_agent_is_held_and_never_sent_by_retries(client, work, zammad):
    listed = held(client, work, zammad)
    assert [(d["state"], d["agent"], d["text"]) for d in listed] == [
        ("awaiting_approval", "agent.smith@acme.test", "Sorry about that! We'll send a new one today.")]
    for _ in range(3):
        work()
    assert calls(zammad, "POST", "/2/tweets") == []
    notes = [json.loads(c.request.body)["body"] for c in calls(zammad, "POST", "/api/v1/ticket_articles")]
    assert notes == ["Reply held for review: a supervisor approves it before it is published."]


def test_approved_reply_with_an_edit_goes_out_once(client, work, zammad, rt):
    delivery_id = held(client, work, zammad)[0]["id"]
    answer = client.post(f"/admin/api/deliveries/{delivery_id}/approve", headers=ADMIN,
                         json={"reviewer": "sup@acme.test", "text": "Sorry! A new one ships today."})
    assert answer.status_code == 200
    assert client.post(f"/admin/api/deliveries/{delivery_id}/approve", headers=ADMIN,
                       json={"reviewer": "sup@acme.test"}).status_code == 409
    work()
    tweets = calls(zammad, "POST", "/2/tweets")
    assert [json.loads(t.request.body)["text"] for t in tweets] == ["Sorry! A new one ships today."]
    with rt.store.session() as s:
        delivery = s.get(Delivery, delivery_id)
        audit = s.scalars(select(AuditEntry)).all()
    assert (delivery.state, delivery.reviewed_by) == ("sent", "sup@acme.test")
    assert [(a.action, a.reviewer) for a in audit] == [("posted_public", "sup@acme.test")]


def test_rejected_reply_is_not_sent_and_the_agent_is_told(client, work, zammad, rt):
    delivery_id = held(client, work, zammad)[0]["id"]
    answer = client.post(f"/admin/api/deliveries/{delivery_id}/reject", headers=ADMIN,
                         json={"reviewer": "sup@acme.test", "reason": "tone"})
    assert answer.status_code == 200 and answer.get_json()["state"] == "rejected"
    work()
    assert calls(zammad, "POST", "/2/tweets") == []
    last_note = json.loads(calls(zammad, "POST", "/api/v1/ticket_articles")[-1].request.body)["body"]
    assert last_note == "Reply rejected by sup@acme.test and not published. Reason: tone"


def test_review_after_publishes_at_once_and_queues_for_review(client, work, zammad, rt):
    post_x(client, MENTION)
    work()
    zammad.post(f"{X}/2/tweets", json={"data": {"id": "3000000000000000078"}}, status=201)
    body = json.loads(agent_reply())
    body["article"]["created_by"]["login"] = "senior@acme.test"
    post_zammad(client, json.dumps(body).encode())
    work()
    assert len(calls(zammad, "POST", "/2/tweets")) == 1
    queued = client.get("/admin/api/deliveries?review=after", headers=ADMIN).get_json()
    assert [(d["state"], d["review"]) for d in queued] == [("sent", "after")]
    assert client.post(f"/admin/api/deliveries/{queued[0]['id']}/reviewed", headers=ADMIN,
                       json={"reviewer": "sup"}).status_code == 200
    assert client.get("/admin/api/deliveries?review=after", headers=ADMIN).get_json() == []


def test_bad_review_request_is_a_clear_400(client, work, zammad):
    delivery_id = held(client, work, zammad)[0]["id"]
    answer = client.post(f"/admin/api/deliveries/{delivery_id}/approve", headers=ADMIN, json={})
    assert answer.status_code == 400 and "reviewer" in answer.get_json()["error"]


def test_failed_event_can_be_offered_again(client, work, rt):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(re.compile(r"https://zammad.test/api/v1/users/search.*"), json=[])
        mock.post("https://zammad.test/api/v1/users", json={"id": 42}, status=201)
        mock.post("https://zammad.test/api/v1/tickets", json={"error": "No such group"}, status=422)
        post_x(client, MENTION)
        work()
        with rt.store.session() as s:
            event_id = s.scalar(select(InboundEvent.id))
        assert client.post(f"/admin/api/events/{event_id}/retry", headers=ADMIN).status_code == 200
        assert client.post(f"/admin/api/events/{event_id}/retry", headers=ADMIN).status_code == 409
        mock.replace("POST", "https://zammad.test/api/v1/tickets", json={"id": 5, "article_ids": [9]}, status=201)
        work()
    assert rt.store.events.get(event_id).state == "done"


def test_an_agent_cannot_approve_their_own_held_reply(client, work, zammad):
    delivery_id = held(client, work, zammad)[0]["id"]
    answer = client.post(f"/admin/api/deliveries/{delivery_id}/approve", headers=ADMIN,
                         json={"reviewer": "Agent.Smith@acme.test"})
    assert answer.status_code == 403 and "their own reply" in answer.get_json()["error"]
    work()
    assert calls(zammad, "POST", "/2/tweets") == []
