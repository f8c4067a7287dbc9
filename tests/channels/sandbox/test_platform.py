"""The sandbox platform's own API and page (its replies reaching the bridge is covered end to end)."""
import json

import pytest
from sqlalchemy import select

from bridge.channels.sandbox.channel import sign
from bridge.store.tables import InboundEvent


def customer_post(client, **overrides):
    body = {"author": {"handle": "alice", "name": "Alice", "followers": 5}, "text": "hello", "kind": "public"}
    body.update(overrides)
    return client.post("/sandbox/api/posts", json=body)


def test_page_renders_with_the_accounts(client):
    page = client.get("/sandbox/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<option>demo</option>" in html and 'id="compose"' in html


def test_post_is_stored_and_delivered_as_a_signed_event(client, store):
    answer = customer_post(client)
    assert answer.status_code == 201
    post = answer.get_json()
    assert post["delivery"]["status"] == "accepted"
    assert {k: post[k] for k in ("kind", "text", "in_reply_to")} == {"kind": "public", "text": "hello", "in_reply_to": None}
    with store.session() as s:
        event = s.scalar(select(InboundEvent))
    assert (event.channel, event.account, event.event_id) == ("sandbox", "demo", f"sandbox:{post['id']}")
    assert json.loads(event.body)["post"]["id"] == post["id"]


def test_timeline_lists_every_post(client):
    first = customer_post(client).get_json()
    customer_post(client, text="more", in_reply_to=first["id"])
    timeline = client.get("/sandbox/api/posts").get_json()
    assert [(p["id"], p["in_reply_to"], p["text"]) for p in timeline] == [
        (first["id"], None, "hello"), (first["id"] + 1, first["id"], "more")]
    assert set(timeline[0]) >= {"id", "kind", "author", "text", "in_reply_to"}


@pytest.mark.parametrize("overrides, message", [
    ({"text": ""}, "text:"),
    ({"kind": "story"}, "kind:"),
    ({"author": {"name": "no handle"}}, "author.handle:"),
    ({"in_reply_to": 999}, "no post 999"),
    ({"account": "other"}, "unknown sandbox account"),
])
def test_bad_posts_get_a_clear_error_and_leave_nothing(client, store, overrides, message):
    answer = customer_post(client, **overrides)
    assert answer.status_code in (400, 404)
    assert message in answer.get_json()["error"]
    assert client.get("/sandbox/api/posts").get_json() == []


def test_a_dm_cannot_answer_a_public_post(client):
    first = customer_post(client).get_json()
    answer = customer_post(client, kind="dm", in_reply_to=first["id"])
    assert answer.status_code == 400


def test_brand_replies_need_the_account_secret(client):
    first = customer_post(client).get_json()
    url = "/sandbox/api/accounts/demo/replies"
    assert client.post(url, json={"text": "hi", "in_reply_to": first["id"]}).status_code == 401
    answer = client.post(url, json={"text": "hi", "in_reply_to": first["id"], "private": True},
                         headers={"Authorization": "Bearer sandbox-secret"})
    assert answer.status_code == 201
    reply = answer.get_json()
    assert (reply["from_brand"], reply["kind"], reply["in_reply_to"]) == (True, "dm", first["id"])


def test_forged_sandbox_delivery_is_refused(client):
    body = json.dumps({"post": {"id": 1}}).encode()
    assert client.post("/webhooks/sandbox/demo", data=body, headers={"X-Sandbox-Signature": sign("wrong", body)}).status_code == 401
