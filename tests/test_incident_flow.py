"""An outage storm handled as one incident: posts past `incident_after` join one incident ticket, an
agent's update there goes to every affected customer in their own thread (paced per platform account),
each customer's answer lands back on the incident, and each clock stops when the update reaches it."""
import json
import re
from datetime import timedelta

import time_machine
from sqlalchemy import select

from bridge.store.tables import Conversation, Delivery
from tests.test_flow import agent_reply, calls, post_zammad
from tests.test_sla_flow import (  # noqa: F401 (zammad: the fixture)
    POSTED,
    STORM_TEXTS,
    ZAMMAD_URL,
    post_mention,
    storm_app,
    sweep_at,
    zammad,
)

X_API = "https://api.x.test"


def helpdesk_writes(zammad):
    return [c for c in zammad.calls if c.request.method in ("POST", "PUT") and "/users" not in c.request.url
            and "/tweets" not in c.request.url]


def test_storm_posts_past_the_limit_join_one_incident_and_its_update_reaches_each_customer(tmp_path, zammad):
    app, store = storm_app(tmp_path, zammad, "{min_posts: 3, window: 30m, incident_after: 2}")
    zammad.get(re.compile(rf"{ZAMMAD_URL}/api/v1/tickets/\d+.*"), json={"id": 102, "state": "open"})
    with time_machine.travel(POSTED + timedelta(minutes=1), tick=False):
        for n, text in enumerate(STORM_TEXTS):
            post_mention(app, n, text, minutes=n * 0.1, author=f"77{n}")
    created = [json.loads(c.request.body) for c in calls(zammad, "POST", "/api/v1/tickets")]
    # two ordinary tickets before the storm, then the third post (the storm's third) opens the incident
    assert len(created) == 3
    assert created[2]["title"].startswith("Incident: many posts about") and "social-incident" in created[2]["tags"]
    articles = [json.loads(c.request.body) for c in calls(zammad, "POST", "/api/v1/ticket_articles")]
    assert [a["ticket_id"] for a in articles] == [102, 102] and not any(a.get("internal") for a in articles)
    # one helpdesk write per post (reads to reopen a closed ticket and customer look-ups apart)
    assert len(helpdesk_writes(zammad)) == 5
    with store.session() as s:
        members = list(s.scalars(select(Conversation).where(Conversation.ticket_id == "102").order_by(Conversation.id)))
    assert len(members) == 3 and all(m.first_response_due_at is not None for m in members)

    # the agent's update on the incident: one delivery per customer, paced one a minute on one X account
    zammad.post(f"{X_API}/2/tweets", json={"data": {"id": "3000000000000000009", "text": "…"}}, status=201)
    update = agent_reply(ticket_id=102, article_id=9100, body="<p>Login is back; sorry for the trouble.</p>")
    with time_machine.travel(POSTED + timedelta(minutes=2), tick=False):
        answer = post_zammad(app.test_client(), update).get_json()
        again = post_zammad(app.test_client(), update).get_json()
        assert [r["status"] for r in answer["replies"]] == ["queued"] * 3
        assert [r["status"] for r in again["replies"]] == ["duplicate"] * 3
        app.extensions["bridge_queue"].run_due()
    with store.session() as s:
        deliveries = list(s.scalars(select(Delivery).order_by(Delivery.id)))
    gaps = [(b.next_attempt_at - a.next_attempt_at) for a, b in zip(deliveries, deliveries[1:])]
    assert gaps == [timedelta(seconds=60)] * 2
    tweets = [json.loads(c.request.body) for c in calls(zammad, "POST", "/2/tweets")]
    assert len(tweets) == 1  # the first now, the others when their turn comes
    with time_machine.travel(POSTED + timedelta(minutes=4, seconds=1), tick=False):
        app.extensions["bridge_queue"].run_due()
    tweets = [json.loads(c.request.body) for c in calls(zammad, "POST", "/2/tweets")]
    assert sorted(t["reply"]["in_reply_to_tweet_id"] for t in tweets) == [f"20807658135781913{n:02d}" for n in (2, 3, 4)]
    with store.session() as s:
        members = list(s.scalars(select(Conversation).where(Conversation.ticket_id == "102")))
    assert all(m.first_responded_at is not None for m in members)  # each clock stopped by its own copy

    # a customer answers in their own thread: the answer lands on the incident ticket, not a new one
    before = len(calls(zammad, "POST", "/api/v1/ticket_articles"))
    with time_machine.travel(POSTED + timedelta(minutes=5), tick=False):
        post_mention(app, 40, "@ExampleUser works again, thanks", minutes=5, author="773",
                     conversation="2080765813578191303")
    articles = [json.loads(c.request.body) for c in calls(zammad, "POST", "/api/v1/ticket_articles")][before:]
    assert [a["ticket_id"] for a in articles] == [102] and "works again" in articles[0]["body"]
    assert len(calls(zammad, "POST", "/api/v1/tickets")) == 3


def test_an_incident_ticket_is_warned_and_escalated_once_a_sweep_not_once_per_customer(tmp_path, zammad):
    app, store = storm_app(tmp_path, zammad, "{min_posts: 3, window: 30m, incident_after: 2}")
    zammad.get(re.compile(rf"{ZAMMAD_URL}/api/v1/tickets/\d+.*"), json={"id": 102, "state": "open"})
    zammad.put(re.compile(rf"{ZAMMAD_URL}/api/v1/tickets/\d+"), json={"id": 102}, status=200)
    zammad.post(f"{ZAMMAD_URL}/api/v1/tags/add", json=True, status=201)
    with time_machine.travel(POSTED + timedelta(minutes=1), tick=False):
        for n, text in enumerate(STORM_TEXTS):
            post_mention(app, n, text, minutes=n * 0.1, author=f"77{n}")
    rt = app.extensions["bridge"]
    before = len(calls(zammad, "POST", "/api/v1/ticket_articles"))
    sweep_at(rt, POSTED + timedelta(days=3))  # every clock past its maximum
    notes = [json.loads(c.request.body) for c in calls(zammad, "POST", "/api/v1/ticket_articles")][before:]
    breaches = [n["ticket_id"] for n in notes if "SLA breached" in n["body"]]
    assert sorted(breaches) == [100, 101, 102]  # the incident's three customers: one escalation
    with store.session() as s:
        members = list(s.scalars(select(Conversation).where(Conversation.ticket_id == "102")))
    assert all(m.breached_at is not None and m.warned_at is not None for m in members)
    sweep_at(rt, POSTED + timedelta(days=3, minutes=1))
    assert len(calls(zammad, "POST", "/api/v1/ticket_articles")) == before + len(notes)  # nothing more
