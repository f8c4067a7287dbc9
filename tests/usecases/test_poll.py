"""Polling as a way in, with a channel that only polls, registered the way a third-party package would
(an entry point): cursors, no duplicate and no gap across a crash, rate limits, backfill, health."""
from __future__ import annotations

import json
import re
import shutil
from datetime import datetime, timedelta, timezone
from importlib.metadata import EntryPoint

import pytest
import responses
from marshmallow import fields

from bridge import registry
from bridge.channels.base import Channel, PollingAccountSchema
from bridge.errors import AuthError, TransientError
from bridge.metrics import REGISTRY
from bridge.model import Author, Delivered, PolledItem, PollResult, Post, PostKind, Target
from bridge.store.tables import PollerState
from tests.conftest import REPO, ZAMMAD, write_config

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)


class FeedAccountSchema(PollingAccountSchema):
    token = fields.String(required=True)


class FeedChannel(Channel):
    """A platform reached only by polling: FEED holds its posts (ids ascending), three per page."""

    name = "feedtest"
    label = "Feed test"
    account_schema = FeedAccountSchema
    public_limit = 280
    private_limit = 1000
    poll_interval = timedelta(seconds=30)
    FEED: list[dict] = []
    FAIL: list[Exception] = []  # raised by the next polls, one each
    POLLS: list[tuple[str | None, datetime]] = []

    def verify(self, headers, body) -> bool:
        return False  # nothing is pushed

    BUDGET = 2  # polls a day, for the health hook's test

    def poll(self, cursor: str | None, since: datetime) -> PollResult:
        self.POLLS.append((cursor, since))
        self.usage.add("2026-11-26", 1)
        if self.FAIL:
            raise self.FAIL.pop(0)
        after = int(cursor or 0)
        new = [p for p in self.FEED if p["id"] > after and datetime.fromisoformat(p["at"]) >= since]
        page = new[:3]
        return PollResult(items=[PolledItem(f"feed:{p['id']}", {"post": p}) for p in page],
                          cursor=str(page[-1]["id"]) if page else cursor, more=len(new) > 3)

    WITHDRAWN: list[str] = []  # posts taken out of view because they exposed sensitive data
    WITHDRAW_FAILS = False
    can_hide = True

    def hide(self, target: Target) -> str:
        if self.WITHDRAW_FAILS:
            raise TransientError("feedtest: HTTP 503")
        self.WITHDRAWN.append(target.post_id)
        return "the bridge held it for review"

    def health(self, now: datetime) -> dict:
        used = self.usage.used("2026-11-26")
        return {"polls_today": used, **({"problem": "daily budget spent"} if used >= self.BUDGET else {})}

    def parse(self, payload) -> list[Post]:
        post = payload["post"]
        return [Post(platform=self.name, account=self.account_name, post_id=str(post["id"]),
                     conversation_id=str(post["id"]), in_reply_to_id=None, kind=PostKind.PUBLIC_POST,
                     author=Author(platform_id=post["author"], handle=post["author"]), text=post["text"], url=None,
                     created_at=datetime.fromisoformat(post["at"]))]

    def send_public(self, text: str, target: Target) -> Delivered:
        return Delivered(external_id="r1", url=None)

    def send_private(self, text: str, target: Target) -> Delivered:
        return Delivered(external_id="d1", url=None)


def feed_post(number: int, minutes: float = 0) -> dict:
    return {"id": number, "text": f"@brand problem number {number}", "author": f"user{number}",
            "at": (T0 + timedelta(minutes=minutes)).isoformat()}


@pytest.fixture
def feed_registered(monkeypatch):
    """FeedChannel found through an entry point, as a package installed beside the bridge would be."""
    point = EntryPoint(name="feedtest", value=f"{__name__}:FeedChannel", group=registry.CHANNEL_GROUP)
    real = registry.entry_points
    monkeypatch.setattr(registry, "entry_points",
                        lambda group: [point] if group == registry.CHANNEL_GROUP else real(group=group))
    registry.channels.cache_clear()
    FeedChannel.FEED, FeedChannel.FAIL, FeedChannel.POLLS, FeedChannel.WITHDRAWN = [], [], [], []
    FeedChannel.WITHDRAW_FAILS = False
    yield FeedChannel
    registry.channels.cache_clear()


@pytest.fixture
def config_env(tmp_path, feed_registered):
    mappings = tmp_path / "mappings"
    mappings.mkdir()
    shutil.copy(REPO / "mappings" / "sandbox.yaml", mappings / "sandbox.yaml")
    text = (REPO / "mappings" / "sandbox.yaml").read_text().replace("channel: sandbox", "channel: feedtest")
    (mappings / "feedtest.yaml").write_text(text.replace("social_channel: sandbox", "social_channel: feedtest"))
    path = write_config(tmp_path, helpdesk=ZAMMAD, accounts=[{"channel": "feedtest", "name": "brand", "token": "t"}])
    return {"BRIDGE_CONFIG": str(path), "DATABASE_URL": f"sqlite:///{tmp_path / 'bridge.db'}",
            "BRIDGE_MAPPINGS_DIR": str(mappings)}


@pytest.fixture
def zammad():
    tickets = []

    def create(request):
        tickets.append(json.loads(request.body))
        number = len(tickets)
        return 201, {}, json.dumps({"id": number, "number": str(10000 + number), "article_ids": [500 + number]})

    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(re.compile(rf"{ZAMMAD['url']}/api/v1/users/search.*"), json=[])
        mock.post(f"{ZAMMAD['url']}/api/v1/users", json={"id": 42}, status=201)
        mock.add_callback("POST", f"{ZAMMAD['url']}/api/v1/tickets", callback=create)
        mock.post(f"{ZAMMAD['url']}/api/v1/ticket_articles", json={"id": 777}, status=201)
        yield tickets


@pytest.fixture
def queue(app):
    return app.extensions["bridge_queue"]


def make_due(rt) -> None:
    with rt.store.session() as s:
        s.query(PollerState).update({"next_poll_at": datetime(2000, 1, 1)})


def poll_until_quiet(rt, queue, rounds: int = 10) -> None:
    for _ in range(rounds):
        make_due(rt)
        if not queue.run_polls():
            break
        queue.run_due()


def ticket_texts(tickets) -> list[str]:
    return sorted(t["article"]["body"].split("\n")[0] for t in tickets)


def test_a_channel_from_an_entry_point_is_a_channel_like_any_other(feed_registered):
    assert registry.channels()["feedtest"] is FeedChannel
    assert registry.channel_labels()["feedtest"] == "Feed test"
    assert registry.sla_defaults()["feedtest"] == ("1h", "24h")  # the base class's, as it declares none


def test_polled_posts_become_tickets_through_the_same_ingest(rt, queue, zammad, monkeypatch):
    monkeypatch.setattr("bridge.usecases.poll.datetime", FrozenNow(T0 + timedelta(minutes=10)))
    FeedChannel.FEED = [feed_post(i, minutes=i) for i in range(1, 8)]
    poll_until_quiet(rt, queue)
    assert ticket_texts(zammad) == sorted(f"@brand problem number {i}" for i in range(1, 8))
    events = rt.store.backlog()["inbound_events"]
    assert [(b.state, b.count) for b in events] == [("done", 7)]
    state = rt.store.pollers.all()[0]
    assert (state.cursor, state.items_seen, state.errors_in_a_row) == ("7", 7, 0)
    # three per page: the first poll starts from nothing, the next ones from each page's last id
    assert [cursor for cursor, _ in FeedChannel.POLLS[:3]] == [None, "3", "6"]


def test_a_crash_after_storing_before_the_cursor_moves_repeats_without_duplicates(rt, queue, zammad, monkeypatch):
    monkeypatch.setattr("bridge.usecases.poll.datetime", FrozenNow(T0 + timedelta(minutes=10)))
    FeedChannel.FEED = [feed_post(i, minutes=i) for i in range(1, 6)]
    real_succeeded = rt.store.pollers.succeeded
    crashes = []

    def crash_once(*args, **kwargs):
        if not crashes:
            crashes.append(1)
            raise RuntimeError("worker killed after the items were stored")
        return real_succeeded(*args, **kwargs)

    monkeypatch.setattr(rt.store.pollers, "succeeded", crash_once)
    assert queue.run_polls() == 1  # the crash is logged; the queue goes on
    assert crashes and rt.store.pollers.all()[0].cursor is None  # the items were stored, the cursor did not move
    assert rt.store.backlog()["inbound_events"][0].count == 3
    with rt.store.session() as s:  # the lease of the dead poll runs out
        s.query(PollerState).update({"lease_until": None})
    FeedChannel.FEED.append(feed_post(6, minutes=6))  # and the platform moves on meanwhile
    poll_until_quiet(rt, queue)
    queue.run_due()
    assert ticket_texts(zammad) == sorted(f"@brand problem number {i}" for i in range(1, 7))  # no gap, no duplicate


def test_a_rate_limit_waits_as_long_as_the_platform_says(rt, queue, zammad):
    FeedChannel.FAIL = [TransientError("feedtest: HTTP 429", status=429, retry_after=600)]
    make_due(rt)
    assert queue.run_polls() == 1
    state = rt.store.pollers.all()[0]
    wait = (state.next_poll_at - state.last_error_at).total_seconds()
    assert 590 <= wait <= 610 and state.errors_in_a_row == 1 and "429" in state.last_error
    assert queue.run_polls() == 0  # not due again before then


def test_refused_credentials_mark_the_account_broken_until_a_poll_works(rt, queue, zammad, client):
    FeedChannel.FAIL = [AuthError("feedtest: HTTP 401 credentials rejected", status=401)]
    make_due(rt)
    queue.run_polls()
    health = client.get("/healthz").get_json()
    assert health["status"] == "degraded"
    assert [a["account"] for a in health["broken_accounts"]] == ["feedtest/brand"]
    make_due(rt)
    queue.run_polls()
    assert client.get("/healthz").get_json()["broken_accounts"] == []


def test_health_and_metrics_show_each_poller(rt, queue, zammad, client):
    retries = REGISTRY.get_sample_value("bridge_polls_total", {"channel": "feedtest", "outcome": "retry"}) or 0
    FeedChannel.FAIL = [TransientError("feedtest: HTTP 503")] * 3
    for _ in range(3):
        make_due(rt)
        queue.run_polls()
    health = client.get("/healthz").get_json()
    assert health["failing_pollers"] == ["feedtest/brand"] and health["status"] == "degraded"
    assert health["pollers"][0]["errors_in_a_row"] == 3 and health["pollers"][0]["last_success_at"] is None
    make_due(rt)
    queue.run_polls()
    health = client.get("/healthz").get_json()
    assert health["failing_pollers"] == [] and health["pollers"][0]["lag_seconds"] < 60
    metrics = client.get("/metrics").get_data(as_text=True)
    assert 'bridge_poller_errors_in_a_row{account="brand",channel="feedtest"} 0.0' in metrics
    assert 'bridge_poller_lag_seconds{account="brand",channel="feedtest"}' in metrics
    assert REGISTRY.get_sample_value("bridge_polls_total", {"channel": "feedtest", "outcome": "retry"}) == retries + 3


def test_the_first_poll_reaches_back_only_as_far_as_the_backfill(rt, queue, zammad, monkeypatch):
    now = T0 + timedelta(days=3)
    monkeypatch.setattr("bridge.usecases.poll.datetime", FrozenNow(now))
    FeedChannel.FEED = [feed_post(1, minutes=0), feed_post(2, minutes=3 * 24 * 60 - 30)]  # 3 days and 30 min old
    poll_until_quiet(rt, queue)
    assert FeedChannel.POLLS[0][1] == now - timedelta(hours=24)  # the default backfill
    assert ticket_texts(zammad) == ["@brand problem number 2"]


class FrozenNow:
    """Stands in for the datetime class in a module under test: now() is fixed, the rest is datetime's."""

    def __init__(self, moment: datetime):
        self.moment = moment

    def now(self, tz=None):
        return self.moment if tz is None else self.moment.astimezone(tz)

    def __getattr__(self, name):
        return getattr(datetime, name)


def test_a_channel_reports_its_own_facts_counted_across_processes(rt, queue, zammad, client, config_env):
    from bridge.config import load_settings
    from bridge.runtime import Runtime

    make_due(rt)
    queue.run_polls()
    health = client.get("/healthz").get_json()
    assert health["channels"] == {"feedtest/brand": {"polls_today": 1}} and health["status"] == "ok"
    # another process (its own Runtime on the same database) counts into the same total
    other = Runtime(load_settings(config_env), store=None)
    other.channel("feedtest", "brand").usage.add("2026-11-26", 1)
    health = client.get("/healthz").get_json()
    assert health["channels"]["feedtest/brand"] == {"polls_today": 2, "problem": "daily budget spent"}
    assert health["channel_problems"] == {"feedtest/brand": "daily budget spent"} and health["status"] == "degraded"


@pytest.mark.parametrize("fails", [False, True], ids=["withdrawn", "refused"])
def test_a_public_post_exposing_a_card_is_withdrawn_by_its_channel_and_the_agents_told(rt, queue, zammad, monkeypatch,
                                                                                      fails):
    monkeypatch.setattr("bridge.usecases.poll.datetime", FrozenNow(T0 + timedelta(minutes=10)))
    FeedChannel.WITHDRAW_FAILS = fails
    FeedChannel.FEED = [dict(feed_post(1), text="@brand my card 4111 1111 1111 1111 was charged twice"), feed_post(2)]
    notes = []
    original = rt.helpdesk.add_note
    monkeypatch.setattr(rt.helpdesk, "add_note", lambda ticket, text: notes.append(text) or original(ticket, text))
    poll_until_quiet(rt, queue)
    assert len(zammad) == 2 and [(b.state, b.count) for b in rt.store.backlog()["inbound_events"]] == [("done", 2)]
    exposed = [n for n in notes if "publicly" in n]
    assert len(exposed) == 1 and "4111" not in exposed[0]
    if fails:
        assert FeedChannel.WITHDRAWN == [] and "could not hide it" in exposed[0]
    else:
        assert FeedChannel.WITHDRAWN == ["1"]
        assert exposed[0].startswith("The customer's feedtest post showed a card number publicly: the bridge held it "
                                     "for review. The values are masked on this ticket.")
