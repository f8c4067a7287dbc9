"""The core loop through the real tasks and adapters, with X and Zammad answered by `responses`:
post → ticket, more posts → articles, agent reply → one post on X → note on the ticket; and what
happens when either side fails."""
import json
import re
from datetime import timedelta

import pytest
import requests
import responses
from sqlalchemy import select

from bridge.app import create_app
from bridge.runtime import Runtime
from bridge.store.tables import AuditEntry, Conversation, Delivery, InboundEvent
from bridge.usecases import ingest, sweep
from tests.conftest import FIXTURES
from tests.faults import refused
from tests.web.test_webhooks import x_signature, zammad_signature

MENTION = (FIXTURES / "x" / "xaa_post_mention_create.json").read_bytes()
REPLY = (FIXTURES / "x" / "xaa_post_reply_create.json").read_bytes()
DM = (FIXTURES / "x" / "xaa_dm_received.json").read_bytes()
ZAMMAD = "https://zammad.test"
X = "https://api.x.test"


@pytest.fixture
def zammad():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(re.compile(rf"{ZAMMAD}/api/v1/users/search.*"), json=[])
        mock.post(f"{ZAMMAD}/api/v1/users", json={"id": 42, "login": "x:2222222222222222222"}, status=201)
        mock.post(f"{ZAMMAD}/api/v1/tickets", json={"id": 82, "number": "10082", "article_ids": [501]}, status=201)
        mock.get(re.compile(rf"{ZAMMAD}/api/v1/tickets/82.*"), json={"id": 82, "state": "open", "state_id": 2})
        mock.post(f"{ZAMMAD}/api/v1/ticket_articles", json={"id": 777, "ticket_id": 82}, status=201)
        yield mock


def post_x(client, body):
    return client.post("/webhooks/x/acme", data=body, headers={"x-twitter-webhooks-signature": x_signature(body)})


def calls(mock, method, url_part):
    return [c for c in mock.calls if c.request.method == method and url_part in c.request.url]


def agent_reply(ticket_id=82, article_id=9001, body="<p>Sorry about that! We'll send a new one today.</p>", **ticket_extra):
    payload = {
        "ticket": {"id": ticket_id, "title": "t", "state": "open", **ticket_extra},
        "article": {"id": article_id, "ticket_id": ticket_id, "sender": "Agent", "internal": False, "type": "social reply",
                    "content_type": "text/html", "body": body, "from": "Agent Smith",
                    "created_by": {"login": "agent.smith@acme.test"}},
    }
    return json.dumps(payload).encode()


def post_zammad(client, body):
    return client.post("/webhooks/helpdesk/zammad", data=body, headers={"X-Hub-Signature": zammad_signature(body)})


def test_post_becomes_one_ticket_even_when_delivered_twice(client, work, zammad, store):
    post_x(client, MENTION)
    post_x(client, MENTION)
    work()
    tickets = calls(zammad, "POST", "/api/v1/tickets")
    assert len(tickets) == 1
    sent = json.loads(tickets[0].request.body)
    assert sent["article"]["sender"] == "Customer"
    assert sent["group"] == "Social"
    assert "arrived broken" in sent["article"]["body"]
    assert sent["title"].startswith("Post from @OtherUser")
    with store.session() as s:
        assert [e.state for e in s.scalars(select(InboundEvent))] == ["done"]
    # the same post inside another delivery (e.g. a replay) is recognised too
    work()
    assert len(calls(zammad, "POST", "/api/v1/tickets")) == 1


def test_reply_in_the_thread_becomes_an_article_on_the_same_ticket(client, work, zammad):
    post_x(client, MENTION)
    work()
    post_x(client, REPLY)
    work()
    assert len(calls(zammad, "POST", "/api/v1/tickets")) == 1
    articles = calls(zammad, "POST", "/api/v1/ticket_articles")
    assert len(articles) == 1
    body = json.loads(articles[0].request.body)
    assert body["ticket_id"] == 82 or body["ticket_id"] == "82"
    assert body["sender"] == "Customer"


def test_helpdesk_down_then_back_loses_nothing(client, work, store, rt):
    with responses.RequestsMock() as down:
        down.post(f"{ZAMMAD}/api/v1/tickets", body=refused())  # nothing reached Zammad
        post_x(client, MENTION)
        work()
    with store.session() as s:
        event = s.scalar(select(InboundEvent))
        assert event.state == "pending" and event.attempts == 1
        assert "cannot connect" in event.last_error
        event.next_attempt_at = event.received_at  # don't wait for the backoff in a test
    with responses.RequestsMock(assert_all_requests_are_fired=False) as up:
        up.get(re.compile(rf"{ZAMMAD}/api/v1/users/search.*"), json=[])  # a retry looks for the ticket first
        up.post(f"{ZAMMAD}/api/v1/tickets", json={"id": 82, "article_ids": [501]}, status=201)
        work()
        assert len(calls(up, "POST", "/api/v1/tickets")) == 1
    assert store.events.get(event.id).state == "done"
    assert store.conversations.for_ticket("zammad", "82") is not None


def test_helpdesk_rejecting_the_ticket_fails_the_event_visibly(client, work, store):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(re.compile(rf"{ZAMMAD}/api/v1/users/search.*"), json=[])
        mock.post(f"{ZAMMAD}/api/v1/users", json={"id": 42}, status=201)
        mock.post(f"{ZAMMAD}/api/v1/tickets", json={"error": "No such group 'Social'"}, status=422)
        post_x(client, MENTION)
        work()
    with store.session() as s:
        event = s.scalar(select(InboundEvent))
    assert event.state == "failed"
    assert "422" in event.last_error
    assert client.get("/healthz").get_json()["needs_attention"] == 1


def test_agent_reply_is_posted_once_and_noted_on_the_ticket(client, work, zammad, store):
    post_x(client, MENTION)
    work()
    zammad.post(f"{X}/2/tweets", json={"data": {"id": "3000000000000000001", "text": "…"}}, status=201)
    first = post_zammad(client, agent_reply())
    second = post_zammad(client, agent_reply())  # Zammad retries, or the trigger fires twice
    assert first.get_json()["replies"][0]["status"] == "queued"
    assert second.get_json()["replies"][0]["status"] == "duplicate"
    work()
    work()
    tweets = calls(zammad, "POST", "/2/tweets")
    assert len(tweets) == 1
    assert json.loads(tweets[0].request.body) == {
        "text": "Sorry about that! We'll send a new one today.",
        "reply": {"in_reply_to_tweet_id": "2080765813578191303"}}
    notes = [json.loads(c.request.body) for c in calls(zammad, "POST", "/api/v1/ticket_articles")]
    assert len(notes) == 1 and notes[0]["internal"] is True
    assert "3000000000000000001" in notes[0]["body"]
    with store.session() as s:
        delivery = s.scalar(select(Delivery))
        audit = list(s.scalars(select(AuditEntry)))
    assert (delivery.state, delivery.route, delivery.external_id) == ("sent", "public", "3000000000000000001")
    assert delivery.noted_at is not None
    assert [(a.action, a.route) for a in audit] == [("posted_public", "public")]
    assert "Sorry" not in audit[0].reason  # the audit log keeps decisions, not message text


def test_dm_conversation_is_answered_by_dm(client, work, zammad):
    post_x(client, DM)
    work()
    zammad.post(re.compile(rf"{X}/2/dm_conversations/with/\d+/messages"),
                json={"data": {"dm_conversation_id": "1-2", "dm_event_id": "4000"}}, status=201)
    post_zammad(client, agent_reply())
    work()
    assert len(calls(zammad, "POST", "/2/dm_conversations/with/")) == 1
    assert calls(zammad, "POST", "/2/tweets") == []
    note = json.loads(calls(zammad, "POST", "/api/v1/ticket_articles")[-1].request.body)
    assert "private message" in note["body"]


def test_too_long_reply_is_not_cut_and_the_agent_is_told(client, work, zammad, store):
    post_x(client, MENTION)
    work()
    post_zammad(client, agent_reply(body="<p>" + "word " * 80 + "</p>"))
    work()
    assert calls(zammad, "POST", "/2/tweets") == []
    note = json.loads(calls(zammad, "POST", "/api/v1/ticket_articles")[-1].request.body)
    assert "399 characters" in note["body"] and "allows 280" in note["body"]
    with store.session() as s:
        assert s.scalar(select(Delivery.state)) == "rejected"


def test_rate_limited_reply_waits_and_goes_out_later(client, work, zammad, store):
    post_x(client, MENTION)
    work()
    zammad.post(f"{X}/2/tweets", json={"title": "Too Many Requests"}, status=429,
                headers={"x-rate-limit-reset": "9999999999"})
    post_zammad(client, agent_reply())
    work()
    with store.session() as s:
        delivery = s.scalar(select(Delivery))
        assert delivery.state == "pending" and "429" in delivery.last_error
        assert delivery.noted_at is None
        delivery.next_attempt_at = delivery.created_at
    zammad.replace("POST", f"{X}/2/tweets", json={"data": {"id": "3000000000000000002"}}, status=201)
    work()
    assert store.outbox.get(delivery.id).state == "sent"
    assert len(calls(zammad, "POST", "/2/tweets")) == 2  # the refused try and the one that went out


def test_timeout_while_posting_is_never_retried_blindly(client, work, zammad, store):
    post_x(client, MENTION)
    work()
    zammad.post(f"{X}/2/tweets", body=requests.ReadTimeout("slow"))
    post_zammad(client, agent_reply())
    work()
    work()
    assert len(calls(zammad, "POST", "/2/tweets")) == 1
    with store.session() as s:
        assert s.scalar(select(Delivery.state)) == "failed"
    note = json.loads(calls(zammad, "POST", "/api/v1/ticket_articles")[-1].request.body)
    assert "may or may not be online" in note["body"]


def test_worker_dying_mid_send_is_settled_not_resent(client, work, zammad, store, rt):
    post_x(client, MENTION)
    work()
    post_zammad(client, agent_reply())
    with store.session() as s:
        delivery = s.scalar(select(Delivery))
        delivery.state = "sending"  # as left by a worker killed inside send_public
        delivery.lease_until = delivery.created_at
    assert sweep.settle_interrupted(rt) == 1
    work()
    assert calls(zammad, "POST", "/2/tweets") == []
    assert store.outbox.get(delivery.id).state == "failed"
    note = json.loads(calls(zammad, "POST", "/api/v1/ticket_articles")[-1].request.body)
    assert "stopped while sending" in note["body"]


def test_note_failure_is_retried_without_resending(client, work, zammad, store):
    post_x(client, MENTION)
    work()
    zammad.post(f"{X}/2/tweets", json={"data": {"id": "3000000000000000003"}}, status=201)
    zammad.replace("POST", f"{ZAMMAD}/api/v1/ticket_articles", json={"error": "busy"}, status=503)
    post_zammad(client, agent_reply())
    work()
    with store.session() as s:
        delivery = s.scalar(select(Delivery))
        assert delivery.state == "sent" and delivery.noted_at is None
        delivery.next_attempt_at = delivery.created_at
    zammad.replace("POST", f"{ZAMMAD}/api/v1/ticket_articles", json={"id": 778}, status=201)
    work()
    assert store.outbox.get(delivery.id).noted_at is not None
    assert len(calls(zammad, "POST", "/2/tweets")) == 1


def test_revoked_token_holds_replies_and_shows_the_account_broken(client, work, zammad, store):
    post_x(client, MENTION)
    work()
    zammad.post(f"{X}/2/tweets", json={"title": "Unauthorized", "status": 401}, status=401)
    post_zammad(client, agent_reply())
    work()
    with store.session() as s:
        delivery = s.scalar(select(Delivery))
        assert (delivery.state, delivery.noted_at) == ("pending", None)  # waiting, not reported as sent or failed
    health = client.get("/healthz").get_json()
    assert health["status"] == "degraded"
    assert [b["account"] for b in health["broken_accounts"]] == ["x/acme"]
    assert 'bridge_account_broken{account="acme",channel="x"} 1.0' in client.get("/metrics").get_data(as_text=True)
    # the admin fixes the token; the held reply goes out and the account is healthy again
    zammad.replace("POST", f"{X}/2/tweets", json={"data": {"id": "3000000000000000009"}}, status=201)
    with store.session() as s:
        s.get(Delivery, delivery.id).next_attempt_at = delivery.created_at
    work()
    assert store.outbox.get(delivery.id).state == "sent"
    assert client.get("/healthz").get_json()["broken_accounts"] == []


def test_helpdesk_refusing_the_token_keeps_posts_waiting(client, work, store):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(f"{ZAMMAD}/api/v1/tickets", json={"error": "Not authorized"}, status=401)
        post_x(client, MENTION)
        work()
    with store.session() as s:
        event = s.scalar(select(InboundEvent))
    assert event.state == "pending"
    assert [b["account"] for b in client.get("/healthz").get_json()["broken_accounts"]] == ["helpdesk/zammad"]


def _x_post(change, text, created="2026-07-24T21:30:00+00:00"):
    from datetime import datetime

    from bridge.model import Author, Post, PostKind

    return Post(platform="x", account="acme", post_id="2080765813578191303", conversation_id="2080765813578191303",
                kind=PostKind.PUBLIC_POST, author=Author("2222222222222222222", "OtherUser"), text=text,
                created_at=datetime.fromisoformat(created), change=change)


def test_an_edit_becomes_one_article_and_a_deletion_a_note(client, work, zammad, store, rt):
    from bridge.model import PostChange

    post_x(client, MENTION)
    work()
    event_id = store.events.add("x", "acme", "test-edit", "{}")[0]
    edit = _x_post(PostChange.EDITED, "hey, my order #4521 arrived broken AND late")
    ingest._ingest_post(rt, edit, event_id)
    ingest._ingest_post(rt, edit, event_id)  # the same edit redelivered
    articles = [json.loads(c.request.body) for c in calls(zammad, "POST", "/api/v1/ticket_articles")]
    assert len(articles) == 1 and articles[0]["body"].startswith("(edited) hey, my order")
    ingest._ingest_post(rt, _x_post(PostChange.DELETED, ""), event_id)
    notes = [json.loads(c.request.body) for c in calls(zammad, "POST", "/api/v1/ticket_articles")][1:]
    assert len(notes) == 1 and notes[0]["internal"] is True and "deleted" in notes[0]["body"]
    # nothing is answered under a deleted post
    post_zammad(client, agent_reply())
    work()
    assert calls(zammad, "POST", "/2/tweets") == []
    with store.session() as s:
        assert s.scalar(select(Delivery.state)) == "failed"


def test_closed_private_path_becomes_a_phone_handoff(client, work, zammad, store, rt, monkeypatch):
    from bridge.channels.x.channel import XChannel

    monkeypatch.setattr(XChannel, "private_open", lambda self, target, now: False)
    post_x(client, DM)
    work()
    post_zammad(client, agent_reply())
    work()
    assert calls(zammad, "POST", "/2/dm_conversations/with/") == []
    assert calls(zammad, "POST", "/2/tweets") == []  # a DM conversation gets no public acknowledgement
    note = json.loads(calls(zammad, "POST", "/api/v1/ticket_articles")[-1].request.body)
    assert note["body"].startswith("Phone callback needed: the reply was NOT posted.")
    assert "messaging window is closed" in note["body"]


def test_auto_acknowledgement_is_off_by_default_and_goes_by_dm_when_turned_on(tmp_path, zammad):
    from bridge.config import load_settings
    from bridge.store import Store
    from tests.conftest import REPO, X_ACCOUNT, write_config
    from tests.conftest import ZAMMAD as ZAMMAD_SETTINGS

    mappings = tmp_path / "mappings"
    mappings.mkdir()
    (mappings / "x.yaml").write_text((REPO / "mappings" / "x.yaml").read_text()
                                     + '\nauto_acknowledge: {dm: "Thanks! A person will answer here shortly."}\n')
    path = write_config(tmp_path, helpdesk=ZAMMAD_SETTINGS, accounts=[X_ACCOUNT])
    settings = load_settings({"BRIDGE_CONFIG": str(path), "DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}",
                              "BRIDGE_MAPPINGS_DIR": str(mappings)})
    store = Store(settings.database_url)
    store.migrate()
    app = create_app(Runtime(settings, store), start_queue=False)
    client = app.test_client()
    zammad.post(re.compile(rf"{X}/2/dm_conversations/with/\d+/messages"), json={"data": {"dm_event_id": "1"}},
                status=201)
    post_x(client, MENTION)  # public: no automatic answer (not turned on)
    post_x(client, DM)
    app.extensions["bridge_queue"].run_due()
    app.extensions["bridge_queue"].run_due()
    assert calls(zammad, "POST", "/2/tweets") == []
    dms = [json.loads(c.request.body) for c in calls(zammad, "POST", "/2/dm_conversations/with/")]
    assert dms == [{"text": "Thanks! A person will answer here shortly."}]
    with store.session() as s:  # an automatic answer is not a first response
        assert [c.first_responded_at for c in s.scalars(select(Conversation))] == [None, None]


# -- review decisions made in Zammad (macros set social_review; a trigger sends the ticket) ---------
REVIEW_RULES = [{"agents": ["agent.smith@acme.test", "trainee@acme.test"], "mode": "before"}]


@pytest.fixture
def reviewed(settings, store):
    """The same bridge, with agent.smith's (and a trainee's) replies held for review."""
    import dataclasses

    app = create_app(Runtime(dataclasses.replace(settings, review_rules=REVIEW_RULES), store), start_queue=False)
    return app.test_client(), app.extensions["bridge_queue"].run_due


def review_decision(decision, reviewer, ticket_id=82):
    """What the review trigger sends: the ticket as the reviewer's macro left it, no article."""
    payload = {"ticket": {"id": ticket_id, "title": "t", "state": "open", "social_channel": "x",
                          "social_review": decision, "updated_by": {"login": reviewer}},
               "article": {}}
    return json.dumps(payload).encode()


def held_reply(client, work, zammad):
    post_x(client, MENTION)
    work()
    post_zammad(client, agent_reply())
    work()
    with_note = [json.loads(c.request.body)["body"] for c in calls(zammad, "POST", "/api/v1/ticket_articles")]
    assert with_note == ["Reply held for review: a supervisor approves it before it is published."]


def test_a_held_reply_approved_in_zammad_is_posted_exactly_once(reviewed, zammad, store):
    client, work = reviewed
    zammad.post(f"{X}/2/tweets", json={"data": {"id": "3000000000000000011"}}, status=201)
    clear = zammad.put(f"{ZAMMAD}/api/v1/tickets/82", json={"id": 82, "social_review": ""})
    held_reply(client, work, zammad)
    work()
    assert calls(zammad, "POST", "/2/tweets") == []

    first = post_zammad(client, review_decision("approve", "sup@acme.test"))
    again = post_zammad(client, review_decision("approve", "sup@acme.test"))  # the trigger fired twice (#5841)
    work()
    work()

    assert first.status_code == 200 and again.status_code == 200
    with store.session() as s:
        delivery = s.scalar(select(Delivery))
    assert first.get_json()["reviews"] == [{"delivery": delivery.id, "status": "approved"}]
    assert again.get_json()["reviews"] == []
    assert [json.loads(c.request.body) for c in clear.calls] == [{"social_review": ""}] * 2
    tweets = calls(zammad, "POST", "/2/tweets")
    assert [json.loads(t.request.body)["text"] for t in tweets] == ["Sorry about that! We'll send a new one today."]
    assert (delivery.state, delivery.reviewed_by) == ("sent", "sup@acme.test")
    assert "3000000000000000011" in json.loads(calls(zammad, "POST", "/api/v1/ticket_articles")[-1].request.body)["body"]


def test_a_held_reply_rejected_in_zammad_is_not_posted_and_the_agent_is_told(reviewed, zammad, store):
    client, work = reviewed
    zammad.put(f"{ZAMMAD}/api/v1/tickets/82", json={"id": 82})
    held_reply(client, work, zammad)

    answer = post_zammad(client, review_decision("reject", "sup@acme.test"))
    work()

    assert answer.get_json()["reviews"][0]["status"] == "rejected"
    assert calls(zammad, "POST", "/2/tweets") == []
    assert json.loads(calls(zammad, "POST", "/api/v1/ticket_articles")[-1].request.body)["body"] == \
        "Reply rejected by sup@acme.test and not published."


@pytest.mark.parametrize("reviewer, why", [
    ("Agent.Smith@acme.test", "their own reply"),
    ("trainee@acme.test", "replies while their own replies are held for review")])
def test_nobody_approves_their_own_reply_nor_does_a_held_agent(reviewed, zammad, store, reviewer, why):
    client, work = reviewed
    zammad.put(f"{ZAMMAD}/api/v1/tickets/82", json={"id": 82})
    held_reply(client, work, zammad)

    answer = post_zammad(client, review_decision("approve", reviewer))
    work()
    work()

    assert answer.get_json()["reviews"][0]["status"] == "refused"
    assert calls(zammad, "POST", "/2/tweets") == []
    with store.session() as s:
        assert s.scalar(select(Delivery.state)) == "awaiting_approval"
    last_note = json.loads(calls(zammad, "POST", "/api/v1/ticket_articles")[-1].request.body)["body"]
    assert last_note == f"Reply still held: {reviewer} cannot approve {why}; another reviewer must approve it."


def test_a_decision_that_cannot_be_cleared_approves_nothing_until_zammad_sends_it_again(reviewed, zammad, store):
    client, work = reviewed
    held_reply(client, work, zammad)
    zammad.put(f"{ZAMMAD}/api/v1/tickets/82", json={"error": "busy"}, status=503)

    refused = post_zammad(client, review_decision("approve", "sup@acme.test"))
    work()

    assert refused.status_code == 503  # Zammad retries the webhook
    with store.session() as s:
        assert s.scalar(select(Delivery.state)) == "awaiting_approval"
    zammad.replace("PUT", f"{ZAMMAD}/api/v1/tickets/82", json={"id": 82})
    zammad.post(f"{X}/2/tweets", json={"data": {"id": "3000000000000000012"}}, status=201)
    assert post_zammad(client, review_decision("approve", "sup@acme.test")).status_code == 200
    work()
    assert len(calls(zammad, "POST", "/2/tweets")) == 1


@pytest.fixture
def with_package(settings, store):
    """Zammad with the SocialBridge package installed and the bridge's delivery_article_types on."""
    import dataclasses

    helpdesk = {**settings.helpdesk_settings, "delivery_article_types": True}
    app = create_app(Runtime(dataclasses.replace(settings, helpdesk_settings=helpdesk), store), start_queue=False)
    return app.test_client(), app.extensions["bridge_queue"].run_due


def test_with_the_package_a_delivered_reply_is_recorded_as_zammads_first_response(with_package, zammad):
    client, work = with_package
    post_x(client, MENTION)
    work()
    zammad.post(f"{X}/2/tweets", json={"data": {"id": "3000000000000000021"}}, status=201)
    post_zammad(client, agent_reply())
    work()
    record = json.loads(calls(zammad, "POST", "/api/v1/ticket_articles")[-1].request.body)
    assert (record["type"], record["internal"], record["sender"]) == ("social public reply", False, "Agent")
    assert "3000000000000000021" in record["body"]


def test_with_the_package_a_reply_not_sent_stays_an_internal_note(with_package, zammad):
    client, work = with_package
    post_x(client, MENTION)
    work()
    post_zammad(client, agent_reply(body="<p>" + "word " * 80 + "</p>"))
    work()
    note = json.loads(calls(zammad, "POST", "/api/v1/ticket_articles")[-1].request.body)
    assert (note["type"], note["internal"]) == ("note", True) and "allows 280" in note["body"]


def test_a_reply_whose_webhook_was_lost_is_recovered_by_the_sweep_and_posted_once(client, work, zammad, rt,
                                                                                   monkeypatch):
    """A helpdesk that can list its recent replies (django-helpdesk drops a webhook on a timeout): the sweep
    queues what the outbox lacks, and nothing the webhook did bring goes twice."""
    from dataclasses import replace
    from datetime import datetime, timezone

    from bridge.errors import TransientError
    from bridge.model import Reply, ReplyMode
    from bridge.usecases.recover import recover_replies

    post_x(client, MENTION)
    work()
    zammad.post(f"{X}/2/tweets", json={"data": {"id": "3000000000000000001", "text": "…"}}, status=201)
    assert post_zammad(client, agent_reply(article_id=9001)).get_json()["replies"][0]["status"] == "queued"

    def reply(article_id: str, text: str, ticket_id: str = "82") -> Reply:
        return Reply(helpdesk="zammad", ticket_id=ticket_id, article_id=article_id, text=text,
                     requested_mode=ReplyMode.PUBLIC, agent="agent.smith@acme.test")

    listed = [reply("9001", "Sorry about that! We'll send a new one today."),  # brought by its webhook
              reply("9002", "It left the warehouse this morning."),  # its webhook was lost
              reply("9003", "not a social ticket", ticket_id="55"),
              replace(reply("9004", "an agent whose name does not fit"), agent="a" * 201)]  # left, as the webhook would
    asked = []
    monkeypatch.setattr(rt.helpdesk, "recent_replies", lambda since: asked.append(since) or listed)
    now = datetime.now(timezone.utc)
    assert recover_replies(rt, now) == 1
    assert recover_replies(rt, now) == 0  # the next sweep: already in the outbox
    assert asked[0] == now - timedelta(hours=6)
    work()
    work()
    tweets = [json.loads(c.request.body)["text"] for c in calls(zammad, "POST", "/2/tweets")]
    assert sorted(tweets) == ["It left the warehouse this morning.", "Sorry about that! We'll send a new one today."]

    def down(since):
        raise TransientError("zammad: cannot connect")

    monkeypatch.setattr(rt.helpdesk, "recent_replies", down)
    assert recover_replies(rt, now) == 0  # logged; the next sweep asks again
    monkeypatch.setattr(rt.helpdesk, "recent_replies", lambda since: None)  # a helpdesk that cannot list them
    assert recover_replies(rt, now) == 0
