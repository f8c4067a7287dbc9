"""Payloads other projects captured from X, Facebook and Instagram (tests/fixtures/*/captured, sources in the
README beside them), replayed signed through the real webhook routes: each is accepted, and each stored event
ends processed or failed with its reason, never left looping. Zammad is answered by `responses`."""
from __future__ import annotations

import hashlib
import hmac
import json
import re

import pytest
import responses
from sqlalchemy import select

from bridge.store.tables import Conversation, InboundEvent
from tests.conftest import FIXTURES, REPO, ZAMMAD, write_config
from tests.web.test_webhooks import x_signature

APP_SECRET = "meta-app-secret-for-captured"
X_SECRET = "x-consumer-secret-for-captured"
ACCOUNTS = [
    {"channel": "facebook", "name": "vlix", "page_id": "234554838031189", "page_access_token": "EAAG-token",
     "app_secret": APP_SECRET, "verify_token": "v", "graph_base": "https://graph.facebook.test"},
    {"channel": "instagram", "name": "courier", "ig_user_id": "1234567890", "access_token": "IGQ-token",
     "app_secret": APP_SECRET, "verify_token": "v", "graph_base": "https://graph.facebook.test"},
    {"channel": "x", "name": "zammadhq", "consumer_secret": X_SECRET, "access_token": "t", "user_id": "123",
     "handle": "zammadhq", "api_base": "https://api.x.test"},
    {"channel": "x", "name": "scruffy", "consumer_secret": X_SECRET, "access_token": "t", "user_id": "2975699229",
     "handle": "ScruffyMcG", "api_base": "https://api.x.test"},
]
X_ACCOUNT_BY_USER = {"123": "zammadhq", "2975699229": "scruffy"}
CAPTURED = sorted(path for platform in ("facebook", "instagram", "x")
                  for path in (FIXTURES / platform / "captured").glob("*.json"))
ZAMMAD_URL = ZAMMAD["url"]


@pytest.fixture
def config_env(tmp_path):
    path = write_config(tmp_path, helpdesk=ZAMMAD, accounts=ACCOUNTS)
    return {"BRIDGE_CONFIG": str(path), "DATABASE_URL": f"sqlite:///{tmp_path / 'bridge.db'}",
            "BRIDGE_MAPPINGS_DIR": str(REPO / "mappings")}


@pytest.fixture
def zammad():
    tickets = iter(range(100, 1000))
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(re.compile(rf"{ZAMMAD_URL}/api/v1/users/search.*"), json=[])
        mock.post(f"{ZAMMAD_URL}/api/v1/users", json={"id": 42}, status=201)
        mock.add_callback("POST", f"{ZAMMAD_URL}/api/v1/tickets", callback=lambda _: (
            201, {}, json.dumps({"id": (n := next(tickets)), "article_ids": [n * 10]})))
        mock.get(re.compile(rf"{ZAMMAD_URL}/api/v1/tickets/\d+.*"), json={"id": 1, "state": "open"})
        mock.post(f"{ZAMMAD_URL}/api/v1/ticket_articles", json={"id": 777}, status=201)
        yield mock


# What each kind of delivery should become: a ticket (a customer wrote), or nothing (the brand's own echoes,
# receipts, postbacks, referrals, thread-control handovers, deleted messages the bridge never saw).
MAKES_A_TICKET = {
    "vlix_regular_text_callback", "vlix_standby_callback", "vlix_text_qr_callback", "vlix_text_callback_prior_message",
    "vlix_attachment_callback_image", "vlix_attachment_callback_audio", "vlix_attachment_callback_video",
    "vlix_attachment_callback_location", "vlix_attachment_callback_sticker", "vlix_attachment_callback_fallback",
    "vlix_attachment_callback_template", "courier_hello_msg", "courier_attachment", "courier_story_mention",
    "courier_like_heart", "courier_invalid_urn", "zammad_webhook3_direct_message", "zammad_webhook2_tweet",
    "zammad_tweet_create-user_mention_extended",
}


def replay(client, path):
    """POST the file's bytes, signed as its platform signs them, to the account its ids belong to."""
    body = path.read_bytes()
    platform = path.parent.parent.name
    if platform == "x":
        account = X_ACCOUNT_BY_USER[json.loads(body)["for_user_id"]]
        headers = {"x-twitter-webhooks-signature": x_signature(body, X_SECRET)}
    else:
        account = "vlix" if platform == "facebook" else "courier"
        headers = {"X-Hub-Signature-256": "sha256=" + hmac.new(APP_SECRET.encode(), body, hashlib.sha256).hexdigest()}
    return client.post(f"/webhooks/{platform}/{account}", data=body, headers=headers)


def test_there_are_at_least_30_captured_payloads_each_named_in_a_readme():
    assert len(CAPTURED) >= 30
    for path in CAPTURED:
        assert path.name in (path.parent / "README.md").read_text(), f"{path} has no source in its README"


@pytest.mark.parametrize("path", CAPTURED, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_each_captured_payload_is_accepted_and_settles(client, work, zammad, store, path):
    answer = replay(client, path)
    assert answer.status_code == 200, answer.get_json()
    work()
    with store.session() as s:
        [event] = s.scalars(select(InboundEvent))
    assert event.state in ("done", "failed")
    if event.state == "failed":
        assert event.last_error  # with its reason, for an admin
    tickets = [c for c in zammad.calls if c.request.method == "POST" and c.request.url.endswith("/api/v1/tickets")]
    assert len(tickets) == (1 if path.stem in MAKES_A_TICKET else 0)


def test_all_captured_payloads_together(client, work, zammad, store):
    for path in CAPTURED:
        assert replay(client, path).status_code == 200
    work()
    with store.session() as s:
        events = {e.id: e for e in s.scalars(select(InboundEvent))}
        threads = sorted(c.thread_key for c in s.scalars(select(Conversation)))
    assert all(e.state == "done" for e in events.values()), {e.event_id: e.last_error for e in events.values()
                                                            if e.state != "done"}
    tickets = [json.loads(c.request.body) for c in zammad.calls
               if c.request.method == "POST" and c.request.url.endswith("/api/v1/tickets")]
    articles = [json.loads(c.request.body) for c in zammad.calls
                if c.request.method == "POST" and c.request.url.endswith("/api/v1/ticket_articles")]
    bodies = "\n".join([t["article"]["body"] for t in tickets] + [a["body"] for a in articles if not a["internal"]])
    # The customers' messages and posts (the standby copy of Vlix's text message is the same message);
    # echoes of the brand's own messages, reads, deliveries, postbacks and referrals make none.
    assert "This is a text message" in bodies
    assert "Hello again!" in bodies  # X DM from a customer; "Hey! Hello!" was the brand's own
    assert "Hey! Hello!" not in bodies
    assert "handling of extended tweets" in bodies and "\"extended_tweet\" property" in bodies  # the full text
    assert "test test" not in bodies  # an echo
    assert len(tickets) == len(threads)
