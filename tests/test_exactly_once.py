"""The promises under faults: a call whose answer was lost is never repeated blindly, a worker killed between
steps leaves nothing doubled, a poison event stops after a few attempts and shows where an admin looks, and a
bad body gets a 4xx that leaves nothing stored."""
import json
import re

import pytest
import requests
import responses
from sqlalchemy import func, select

from bridge.config import load_settings
from bridge.errors import ConfigError
from bridge.model import ReplyMode
from bridge.pipeline.routing import Route
from bridge.store.tables import Conversation, Delivery, InboundEvent, PostRecord
from bridge.usecases import deliver as deliver_module
from bridge.usecases import ingest
from tests.conftest import FIXTURES
from tests.faults import dropped
from tests.test_flow import MENTION, ZAMMAD, X, agent_reply, calls, post_x, post_zammad
from tests.test_flow import zammad as zammad_api
from tests.web.test_webhooks import x_signature, zammad_signature

zammad = zammad_api
ADMIN_TOKEN = "admin-token-0123456789"
CARD = "4111 1111 1111 1111"


@pytest.fixture
def config_env(config_env):
    return {**config_env, "BRIDGE_ADMIN_TOKEN": ADMIN_TOKEN}


ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def events(store):
    with store.session() as s:
        return list(s.scalars(select(InboundEvent).order_by(InboundEvent.id)))


def due_now(store):
    """Skip the backoff and any lease: what the next sweep would find after waiting."""
    with store.session() as s:
        for table in (InboundEvent, Delivery):
            for row in s.scalars(select(table)):
                row.next_attempt_at = row.next_attempt_at.replace(year=2000)
                row.lease_until = None
        for conversation in s.scalars(select(Conversation)):
            conversation.creating_until = None


# -- 1. a non-idempotent call whose connection dropped ------------------------------------------
def test_a_ticket_made_before_the_connection_dropped_is_found_not_made_twice(client, work, zammad, store):
    made = {}

    def create_then_drop(request):
        made["message_id"] = json.loads(request.body)["article"]["message_id"]
        raise dropped()  # Zammad made ticket 82, and the answer never arrived

    zammad.replace("POST", f"{ZAMMAD}/api/v1/tickets", body=None)
    zammad.remove("POST", f"{ZAMMAD}/api/v1/tickets")
    zammad.add_callback("POST", f"{ZAMMAD}/api/v1/tickets", callback=create_then_drop)
    zammad.replace("GET", re.compile(rf"{ZAMMAD}/api/v1/users/search.*"),  # the first attempt made the customer
                   json=[{"id": 42, "login": "x:2222222222222222222"}])
    zammad.get(re.compile(rf"{ZAMMAD}/api/v1/tickets/search.*"), json=[{"id": 82, "customer_id": 42}])
    zammad.add_callback("GET", f"{ZAMMAD}/api/v1/ticket_articles/by_ticket/82", callback=lambda _: (
        200, {}, json.dumps([{"id": 501, "ticket_id": 82, "message_id": made["message_id"]}])))
    post_x(client, MENTION)
    work()
    assert events(store)[0].state == "pending"  # ambiguous: retried, but only after looking
    due_now(store)
    work()
    assert len(calls(zammad, "POST", "/api/v1/tickets")) == 1
    [event] = events(store)
    assert event.state == "done"
    with store.session() as s:
        conversation = s.scalar(select(Conversation))
        assert (conversation.ticket_id, conversation.first_response_due_at is not None) == ("82", True)
        assert s.scalar(select(PostRecord.article_id)) == "501"
    search = calls(zammad, "GET", "/api/v1/tickets/search")[0].request
    assert "customer_id" in requests.utils.unquote(search.url)


def test_an_article_made_before_the_connection_dropped_is_not_added_twice(client, work, zammad, store):
    post_x(client, MENTION)
    work()
    made = {}

    def add_then_drop(request):
        made["message_id"] = json.loads(request.body)["message_id"]
        raise dropped()

    zammad.remove("POST", f"{ZAMMAD}/api/v1/ticket_articles")
    zammad.add_callback("POST", f"{ZAMMAD}/api/v1/ticket_articles", callback=add_then_drop)
    zammad.add_callback("GET", f"{ZAMMAD}/api/v1/ticket_articles/by_ticket/82", callback=lambda _: (
        200, {}, json.dumps([{"id": 501}, {"id": 610, "message_id": made["message_id"]}])))
    post_x(client, (FIXTURES / "x" / "xaa_post_reply_create.json").read_bytes())
    work()
    due_now(store)
    work()
    assert len(calls(zammad, "POST", "/api/v1/ticket_articles")) == 1
    assert [e.state for e in events(store)] == ["done", "done"]
    with store.session() as s:
        assert sorted(s.scalars(select(PostRecord.article_id))) == ["501", "610"]


def test_a_public_post_whose_connection_dropped_is_not_resent_and_the_agent_is_told(client, work, zammad, store):
    post_x(client, MENTION)
    work()
    zammad.post(f"{X}/2/tweets", body=dropped())
    post_zammad(client, agent_reply())
    work()
    due_now(store)
    work()
    assert len(calls(zammad, "POST", "/2/tweets")) == 1
    assert store.outbox.get(1).state == "failed"
    note = json.loads(calls(zammad, "POST", "/api/v1/ticket_articles")[-1].request.body)
    assert "may or may not be online" in note["body"]


# -- 2. a worker killed between the helpdesk's answer and the bridge's record ---------------------
class Killed(BaseException):
    """Stands for SIGKILL: nothing in the bridge catches it."""


def test_a_worker_killed_after_the_ticket_was_made_leaves_one_ticket_with_its_clock(
        client, work, zammad, store, monkeypatch):
    zammad.get(re.compile(rf"{ZAMMAD}/api/v1/tickets/search.*"), json=[{"id": 82}])
    post_x(client, MENTION)
    real = store.conversations.record_ticket
    made = {}

    def killed(*args, **kwargs):
        raise Killed()

    monkeypatch.setattr(store.conversations, "record_ticket", killed)
    with pytest.raises(Killed):
        ingest.ingest(client.application.extensions["bridge"], events(store)[0].id)
    made["message_id"] = json.loads(calls(zammad, "POST", "/api/v1/tickets")[0].request.body)["article"]["message_id"]
    zammad.replace("GET", re.compile(rf"{ZAMMAD}/api/v1/users/search.*"),  # the first attempt made the customer
                   json=[{"id": 42, "login": "x:2222222222222222222"}])
    zammad.add_callback("GET", f"{ZAMMAD}/api/v1/ticket_articles/by_ticket/82", callback=lambda _: (
        200, {}, json.dumps([{"id": 501, "message_id": made["message_id"]}])))
    monkeypatch.setattr(store.conversations, "record_ticket", real)
    with store.session() as s:
        assert s.scalar(select(Conversation.ticket_id)) is None  # nothing half-recorded
    due_now(store)  # the lease ran out
    work()
    assert len(calls(zammad, "POST", "/api/v1/tickets")) == 1
    with store.session() as s:
        conversation = s.scalar(select(Conversation))
        assert conversation.ticket_id == "82" and conversation.first_response_due_at is not None
        assert s.scalar(select(func.count()).select_from(PostRecord)) == 1


# -- 3. poison events ---------------------------------------------------------------------------
def test_a_poison_event_fails_after_a_few_attempts_and_shows_where_an_admin_looks(
        client, work, zammad, store, rt, monkeypatch, caplog):
    def broken(self, payload):
        raise TypeError(f"unsupported operand type(s) for +: 'int' and 'str' near {CARD!r}")

    monkeypatch.setattr(type(rt.channel("x", "acme")), "read", broken)
    post_x(client, MENTION)
    for _ in range(ingest.MAX_UNEXPECTED_ATTEMPTS + 2):
        work()
        due_now(store)
    [event] = events(store)
    assert (event.state, event.attempts) == ("failed", ingest.MAX_UNEXPECTED_ATTEMPTS)
    assert "unexpected TypeError" in event.last_error
    assert client.get("/healthz").get_json()["needs_attention"] == 1
    assert "bridge_needs_attention 1.0" in client.get("/metrics").get_data(as_text=True)
    listed = client.get("/admin/api/events?state=failed", headers=ADMIN)
    assert listed.status_code == 200
    [row] = listed.get_json()
    assert row["id"] == event.id and "TypeError" in row["reason"] and "body" not in row
    assert CARD not in row["reason"] and CARD not in event.last_error  # an error's message may quote the payload
    assert "TypeError" in caplog.text and "operand" not in caplog.text  # …so the log has its type only
    assert client.get("/admin/api/events?state=failed").status_code == 401
    assert client.get("/admin/api/events?state=done", headers=ADMIN).status_code == 400

    monkeypatch.undo()  # fixed; the admin offers it again, with a fresh count of attempts
    assert client.post(f"/admin/api/events/{event.id}/retry", headers=ADMIN).status_code == 200
    work()
    assert events(store)[0].state == "done"
    assert client.get("/healthz").get_json()["needs_attention"] == 0


def test_an_event_whose_every_attempt_killed_its_worker_fails_instead_of_looping(client, work, store):
    post_x(client, MENTION)
    [event] = events(store)
    for _ in range(ingest.MAX_INTERRUPTED):
        assert store.events.claim(event.id) is not None  # a worker takes it, and dies without a word
        with store.session() as s:
            s.get(InboundEvent, event.id).lease_until = event.received_at  # its lease runs out
    work()
    [event] = events(store)
    assert (event.state, event.interrupted) == ("failed", ingest.MAX_INTERRUPTED)
    assert "worker stopped during 3 attempts" in event.last_error


def test_waiting_for_another_worker_never_fails_an_event(client, work, zammad, store, rt):
    """Only interrupted or unexpectedly failing attempts count: a post whose thread's ticket another worker
    is creating waits (a transient), however often it is offered."""
    post_x(client, MENTION)
    conversation_id = store.conversations.open("x", "acme", "public:2080765813578191303", "zammad").id
    assert store.conversations.claim_ticket_creation(conversation_id)  # held by a live worker
    for _ in range(ingest.MAX_UNEXPECTED_ATTEMPTS + ingest.MAX_INTERRUPTED + 2):
        work()
        with store.session() as s:
            row = s.scalar(select(InboundEvent))
            row.next_attempt_at = row.received_at
    [event] = events(store)
    assert event.state == "pending" and "being created" in event.last_error and event.interrupted == 0


def test_a_failed_event_keeps_no_card_number(client, work, store):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(re.compile(rf"{ZAMMAD}/api/v1/users/search.*"), json=[])
        mock.post(f"{ZAMMAD}/api/v1/users", json={"id": 42}, status=201)
        mock.post(f"{ZAMMAD}/api/v1/tickets", json={"error": "No such group"}, status=422)
        body = MENTION.replace(b"arrived broken", f"arrived broken, card {CARD}".encode())
        post_x(client, body)
        assert CARD in events(store)[0].body  # raw while it waits
        work()
    [event] = events(store)
    assert event.state == "failed"
    assert CARD not in event.body and "1111" in event.body  # masked, structure kept
    json.loads(event.body)


# -- 4. bad bodies with valid signatures --------------------------------------------------------
def test_a_utf16_body_is_a_400_and_stores_nothing(client, store):
    body = MENTION.decode().encode("utf-16")
    answer = post_x(client, body)
    assert answer.status_code == 400 and "UTF-8" in answer.get_json()["error"]
    assert events(store) == []


def test_json_nested_100000_deep_is_a_400(client, store):
    body = b"[" * 100_000 + b"]" * 100_000
    answer = post_x(client, body)
    assert answer.status_code == 400 and "too deep" in answer.get_json()["error"]
    answer = post_zammad(client, body)
    assert answer.status_code == 400 and "too deep" in answer.get_json()["error"]
    assert events(store) == []


def test_an_over_long_id_on_the_helpdesk_route_is_a_400_and_stores_nothing(client, work, zammad, store):
    post_x(client, MENTION)
    work()
    answer = post_zammad(client, agent_reply(article_id="9" * 300))
    assert answer.status_code == 400 and "article id" in answer.get_json()["error"]
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Delivery)) == 0


def test_a_body_over_the_limit_is_a_413(client, store):
    body = b'{"pad": "' + b"a" * (1024 * 1024) + b'"}'
    answer = client.post("/webhooks/x/acme", data=body, headers={"x-twitter-webhooks-signature": x_signature(body)})
    assert answer.status_code == 413 and "limit" in answer.get_json()["error"]
    answer = client.post("/webhooks/helpdesk/zammad", data=body, headers={"X-Hub-Signature": zammad_signature(body)})
    assert answer.status_code == 413
    assert events(store) == []


# -- 6. an answer to the brand's own reply ------------------------------------------------------
def test_a_customers_answer_to_the_brands_reply_joins_its_ticket(client, work, zammad, store):
    """X Account Activity deliveries name only the replied-to post: the bridge's delivered reply."""
    post_x(client, MENTION)
    work()
    zammad.post(f"{X}/2/tweets", json={"data": {"id": "3000000000000000077"}}, status=201)
    post_zammad(client, agent_reply())
    work()
    answer = json.loads((FIXTURES / "x" / "aaa_tweet_create_reply_extended.json").read_text())
    answer["tweet_create_events"][0]["in_reply_to_status_id_str"] = "3000000000000000077"
    answer["tweet_create_events"][0]["in_reply_to_status_id"] = 3000000000000000077
    post_x(client, json.dumps(answer).encode())
    work()
    assert len(calls(zammad, "POST", "/api/v1/tickets")) == 1
    customer = [json.loads(c.request.body) for c in calls(zammad, "POST", "/api/v1/ticket_articles")
                if not json.loads(c.request.body).get("internal")]
    assert [a["ticket_id"] for a in customer] == [82]


# -- 7. smaller holes ---------------------------------------------------------------------------
def test_a_short_admin_token_from_the_environment_is_refused(config_env):
    with pytest.raises(ConfigError, match="BRIDGE_ADMIN_TOKEN: at least 16") as caught:
        load_settings({**config_env, "BRIDGE_ADMIN_TOKEN": "short"})
    assert "short" not in str(caught.value).replace("BRIDGE_ADMIN_TOKEN", "")


def test_sandbox_dms_are_listed_only_locally_or_with_the_admin_token(client, work, zammad):
    for kind, handle in (("public", "ann"), ("dm", "bob")):
        client.post("/sandbox/api/posts", json={"author": {"handle": handle}, "text": f"{kind} hello", "kind": kind})
    local = client.get("/sandbox/api/posts").get_json()
    remote = client.get("/sandbox/api/posts", environ_base={"REMOTE_ADDR": "203.0.113.7"}).get_json()
    admin = client.get("/sandbox/api/posts", environ_base={"REMOTE_ADDR": "203.0.113.7"}, headers=ADMIN).get_json()
    assert sorted(p["kind"] for p in local) == ["dm", "public"]
    assert [p["kind"] for p in remote] == ["public"]
    assert sorted(p["kind"] for p in admin) == ["dm", "public"]


def test_needs_attention_clears_once_the_agent_has_sent_the_reply_again(client, work, zammad, store):
    post_x(client, MENTION)
    work()
    zammad.post(f"{X}/2/tweets", json={"errors": [{"message": "duplicate"}]}, status=403)
    post_zammad(client, agent_reply(article_id=9001))
    work()
    assert client.get("/healthz").get_json()["needs_attention"] == 1
    zammad.replace("POST", f"{X}/2/tweets", json={"data": {"id": "3000000000000000078"}}, status=201)
    post_zammad(client, agent_reply(article_id=9002, body="<p>Sorry, here it is again.</p>"))
    work()
    assert [d.state for d in store.outbox.recent()] == ["sent", "failed"]
    assert client.get("/healthz").get_json()["needs_attention"] == 0


# -- the last check before anything public ------------------------------------------------------
def test_the_last_check_stops_sensitive_text_even_when_routing_says_public(client, work, zammad, store, monkeypatch):
    """Routing keeps sensitive replies private; publish() checks again. This fails if that check goes."""
    monkeypatch.setattr(deliver_module, "decide_route",
                        lambda *args, **kwargs: Route(ReplyMode.PUBLIC, "forced public for the test"))
    post_x(client, MENTION)
    work()
    zammad.post(f"{X}/2/tweets", json={"data": {"id": "3000000000000000079"}}, status=201)
    post_zammad(client, agent_reply(body=f"<p>Your card {CARD} was refunded.</p>"))
    work()
    assert calls(zammad, "POST", "/2/tweets") == []
    delivery = store.outbox.get(1)
    assert delivery.state == "failed" and "refused to post publicly" in delivery.last_error
    assert CARD not in delivery.text
