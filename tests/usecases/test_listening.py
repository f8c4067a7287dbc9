"""Listening beyond @mentions, through the poll use case with the Bluesky channel against its documented
searchPosts answers: only relevant posts become tickets, explained on the ticket, never auto-acknowledged,
and never more than a rule's hourly cap, whatever floods in; the rest is counted."""
from __future__ import annotations

import json
import re
import shutil
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlparse

import pytest
import responses

from bridge.store.tables import InboundEvent, ListenerState, PollerState
from tests.conftest import REPO, ZAMMAD, write_config

PDS = "https://pds.example"
BRAND = "did:plc:brand7x2k4m5n6p7q8r9s0t1"
LISTENING = """
auto_acknowledge:
  public: "Thanks, we're on it."
listening:
  brand_terms: [acme]
  rules:
    - {name: acme-words, query: acme, max_per_hour: 5}
"""


@pytest.fixture
def config_env(tmp_path):
    mappings = tmp_path / "mappings"
    mappings.mkdir()
    shutil.copy(REPO / "mappings" / "sandbox.yaml", mappings / "sandbox.yaml")
    (mappings / "bluesky.yaml").write_text((REPO / "mappings" / "bluesky.yaml").read_text() + LISTENING)
    path = write_config(tmp_path, helpdesk=ZAMMAD, accounts=[
        {"channel": "bluesky", "name": "acme", "handle": "acme.test", "app_password": "p", "pds_url": PDS}])
    return {"BRIDGE_CONFIG": str(path), "DATABASE_URL": f"sqlite:///{tmp_path / 'bridge.db'}",
            "BRIDGE_MAPPINGS_DIR": str(mappings)}


class Search:
    """The AppView's searchPosts over a growing pile of posts, newest first, 100 a page."""

    def __init__(self):
        self.posts: list[dict] = []
        self.calls = 0
        self.refuse: tuple[int, dict, str] | None = None  # an error answer instead

    def add(self, count: int, text: str) -> None:
        base = datetime.now(timezone.utc) - timedelta(minutes=30)
        for _ in range(count):
            n = len(self.posts)
            moment = (base + timedelta(seconds=n)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
            did = f"did:plc:fan{n:05d}"
            self.posts.append({
                "uri": f"at://{did}/app.bsky.feed.post/3lbs{n:09d}", "cid": f"bafyreifound{n:05d}",
                "author": {"did": did, "handle": f"fan{n}.bsky.social", "displayName": ""},
                "record": {"$type": "app.bsky.feed.post", "text": text.format(n=n), "createdAt": moment},
                "indexedAt": moment})

    def __call__(self, request):
        self.calls += 1
        if self.refuse:
            return self.refuse
        query = parse_qs(urlparse(request.url).query)
        start = int(query.get("cursor", ["0"])[0])
        newest_first = self.posts[::-1]
        page = newest_first[start:start + 100]
        body = {"posts": page}
        if start + 100 < len(newest_first):
            body["cursor"] = str(start + 100)
        return 200, {}, json.dumps(body)


@pytest.fixture
def platform():
    search = Search()
    tickets, articles = [], []

    def create(request):
        tickets.append(json.loads(request.body))
        return 201, {}, json.dumps({"id": len(tickets), "number": str(10000 + len(tickets)), "article_ids": [1]})

    def article(request):
        articles.append(json.loads(request.body))
        return 201, {}, json.dumps({"id": 700 + len(articles)})

    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(f"{PDS}/xrpc/com.atproto.server.createSession",
                  json={"did": BRAND, "handle": "acme.test", "accessJwt": "a", "refreshJwt": "r"})
        mock.get(f"{PDS}/xrpc/app.bsky.notification.listNotifications", json={"notifications": []})
        mock.get(f"{PDS}/xrpc/app.bsky.actor.getProfiles", json={"profiles": []})
        mock.add_callback("GET", f"{PDS}/xrpc/app.bsky.feed.searchPosts", callback=search)
        mock.get(re.compile(rf"{ZAMMAD['url']}/api/v1/users/search.*"), json=[])
        mock.post(f"{ZAMMAD['url']}/api/v1/users", json={"id": 42}, status=201)
        mock.add_callback("POST", f"{ZAMMAD['url']}/api/v1/tickets", callback=create)
        mock.add_callback("POST", f"{ZAMMAD['url']}/api/v1/ticket_articles", callback=article)
        yield search, tickets, articles


def search_round(rt, queue) -> None:
    with rt.store.session() as s:
        s.query(PollerState).update({"next_poll_at": datetime(2000, 1, 1)})
        s.query(ListenerState).update({"next_search_at": datetime(2000, 1, 1)})
    queue.run_polls()
    queue.run_due()


def counts(rt) -> tuple[int, int, int]:
    state = rt.store.listeners.all()[0]
    return state.ticketed, state.irrelevant, state.capped


def test_a_flood_of_matches_makes_no_more_tickets_than_the_cap(rt, app, platform):
    search, tickets, articles = platform
    queue = app.extensions["bridge_queue"]
    search.add(200, "Acme router arrived today, setting it up tonight")  # the brand, nothing to answer
    search.add(300, "why does my Acme router {n} keep dropping wifi?")  # relevant, far over the cap
    search_round(rt, queue)
    assert len(tickets) == 5
    assert counts(rt) == (5, 200, 295)
    # the newest relevant posts are the ones taken, and each ticket says why it exists (in its first article,
    # written with the ticket)
    assert all("keep dropping wifi?" in t["article"]["body"] for t in tickets)
    assert all("[Social bridge] Found by listening rule 'acme-words' (acme): names \"acme\" and asks a question."
               in t["article"]["body"] for t in tickets)
    # the public auto-acknowledgement is on in the mapping, but never for someone who did not write to the brand
    assert rt.store.backlog()["deliveries"] == []

    # a search that repeats (a crash before its cursor moved): the five taken are not counted again
    with rt.store.session() as s:
        s.query(ListenerState).update({"cursor": None})
    search_round(rt, queue)
    assert len(tickets) == 5 and counts(rt) == (5, 400, 590)  # the others are counted again: read again

    # more keeps coming within the hour: counted, not ticketed; the cursor moved, so nothing is read twice
    search.add(50, "is Acme down again? post {n}")
    search_round(rt, queue)
    assert len(tickets) == 5 and counts(rt) == (5, 400, 640)

    # an hour later (the cap counts stored posts, durably, over the last hour) there is room again
    with rt.store.session() as s:
        s.query(InboundEvent).update({"received_at": InboundEvent.received_at - timedelta(minutes=61)})
    search.add(8, "Acme support, why is my bill double? #{n}")
    search_round(rt, queue)
    assert len(tickets) == 10 and counts(rt) == (10, 400, 643)


def test_a_failing_search_does_not_hold_up_the_mentions(rt, app, platform):
    search, tickets, _ = platform
    queue = app.extensions["bridge_queue"]
    search.refuse = (429, {"ratelimit-reset": str(int(datetime.now(timezone.utc).timestamp()) + 900)},
                     json.dumps({"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"}))
    search_round(rt, queue)
    state = rt.store.listeners.all()[0]
    assert state.errors_in_a_row == 1 and "429" in state.last_error
    assert 880 <= (state.next_search_at - datetime.now(timezone.utc).replace(tzinfo=None)).total_seconds() <= 910
    poller = rt.store.pollers.all()[0]
    assert poller.errors_in_a_row == 0 and poller.last_success_at is not None
