"""Meta delivery shapes seen in the field: a batch with an unreadable part, the dashboard's Test button, the
pre-2021 Instagram comment, standby and unsupported messages. Through the webhook, the real ingest and Zammad
answered by `responses` (the set-up of tests/test_flow_meta.py)."""
import hashlib
import hmac
import json

from sqlalchemy import select

from bridge.store.tables import InboundEvent
from tests.conftest import FIXTURES
from tests.test_flow_meta import APP_SECRET, calls, customer_articles, deliver, json_bodies
from tests.test_flow_meta import config_env as meta_config_env
from tests.test_flow_meta import mock as meta_mock

config_env, mock = meta_config_env, meta_mock  # the Facebook + Instagram set-up, under the names tests ask for


def only_event(store):
    with store.session() as s:
        [event] = s.scalars(select(InboundEvent))
    return event


def test_one_unreadable_change_in_a_batch_loses_nothing_else(client, work, mock, store):
    assert deliver(client, "facebook", "facebook/batch_with_unreadable_change").status_code == 200
    work()
    [ticket] = json_bodies(mock, "POST", "/api/v1/tickets")
    assert "Same problem here" in ticket["article"]["body"]
    event = only_event(store)
    assert event.state == "done"
    assert "unreadable" in event.last_error and "changes[0].value" in event.last_error
    assert "messaging[0].sender" in event.last_error
    assert client.get("/healthz").get_json()["needs_attention"] == 0


def test_a_dashboard_test_delivery_is_ignored_quietly(client, work, mock, store):
    for channel, name in (("facebook", "facebook/dashboard_test_feed"), ("instagram", "instagram/dashboard_test_comments")):
        assert deliver(client, channel, name).status_code == 200
    work()
    assert calls(mock, "POST", "/api/v1/tickets") == []
    with store.session() as s:
        events = list(s.scalars(select(InboundEvent)))
    assert [e.state for e in events] == ["done", "done"]
    assert all("test delivery" in e.last_error for e in events)
    assert client.get("/healthz").get_json()["needs_attention"] == 0
    assert 'bridge_inbound_parts_total{channel="instagram",outcome="ignored"}' in client.get("/metrics").get_data(
        as_text=True)


def test_the_pre_2021_instagram_comment_is_ignored_quietly(client, work, mock, store):
    deliver(client, "instagram", "instagram/comment_pre_2021")
    work()
    assert calls(mock, "POST", "/api/v1/tickets") == []
    event = only_event(store)
    assert event.state == "done" and "pre-2021" in event.last_error
    assert client.get("/healthz").get_json()["needs_attention"] == 0


def test_an_unsupported_message_says_what_it_was(client, work, mock, store):
    deliver(client, "facebook", "facebook/messenger_unsupported")
    work()
    [ticket] = json_bodies(mock, "POST", "/api/v1/tickets")
    assert "message type the bridge cannot show" in ticket["article"]["body"]
    assert "open the conversation on Facebook" in ticket["article"]["body"]
    assert only_event(store).state == "done"


def test_a_standby_message_becomes_a_ticket(client, work, mock, store):
    """Another app holds the thread (Messenger's handover protocol): the customer's message still counts."""
    delivery = json.loads((FIXTURES / "facebook" / "messenger_message.json").read_text())
    for entry in delivery["entry"]:
        entry["standby"] = entry.pop("messaging")
    body = json.dumps(delivery).encode()
    signature = "sha256=" + hmac.new(APP_SECRET.encode(), body, hashlib.sha256).hexdigest()
    client.post("/webhooks/facebook/acme", data=body, headers={"X-Hub-Signature-256": signature})
    work()
    assert len(calls(mock, "POST", "/api/v1/tickets")) == 1
    assert customer_articles(mock) == []
