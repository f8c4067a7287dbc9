"""Virality after ingest: a post already on a ticket that takes off is escalated once, from re-read
engagement, on a schedule that backs off with age."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from bridge.pipeline.priority import ENGAGEMENT_WATCHED_FOR, ViralityRule, next_engagement_check, viral_growth
from bridge.store.tables import Conversation
from bridge.usecases.engagement import reread_engagement
from tests.test_flow import MENTION, calls, post_x, zammad  # noqa: F401 (fixture)

X_API = "https://api.x.test"


def metrics(post_id: str, likes: int, reposts: int = 0, replies: int = 0) -> dict:
    return {"data": [{"id": post_id, "text": "t", "public_metrics": {
        "like_count": likes, "retweet_count": reposts, "quote_count": 0, "reply_count": replies}}]}


def test_checks_back_off_with_age_and_stop_after_two_days():
    assert next_engagement_check(timedelta(minutes=1)) == timedelta(minutes=5)
    assert next_engagement_check(timedelta(hours=3)) == timedelta(hours=1)
    assert next_engagement_check(timedelta(hours=30)) == timedelta(hours=10)
    assert next_engagement_check(ENGAGEMENT_WATCHED_FOR) is None


def test_viral_growth_needs_both_the_rate_and_the_volume():
    rule = ViralityRule(per_minute=5, min_engagements=50)
    t0 = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)
    assert viral_growth(rule, 10, t0, 160, t0 + timedelta(minutes=10)) is not None  # 15/min, 160 in all
    assert viral_growth(rule, 10, t0, 40, t0 + timedelta(minutes=5)) is None  # 6/min but only 40 in all
    assert viral_growth(rule, 100, t0, 140, t0 + timedelta(minutes=10)) is None  # 4/min
    assert "grew by 150" in viral_growth(rule, 10, t0, 160, t0 + timedelta(minutes=10))


def watched(rt) -> Conversation:
    with rt.store.session() as s:
        return s.query(Conversation).one()


def fresh_mention(minutes_ago: int = 20) -> bytes:
    """The captured mention, as if it had been written a little while ago."""
    written = (datetime.now(timezone.utc) - timedelta(minutes=minutes_ago)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return MENTION.replace(b'"created_at": "2026-07-24T21:23:23.000Z"', f'"created_at": "{written}"'.encode())


def due_now(rt) -> None:
    with rt.store.session() as s:
        s.query(Conversation).update({"engagement_next_at": datetime(2000, 1, 1)})


def test_a_post_too_old_to_go_viral_is_not_watched(client, work, zammad, rt):
    post_x(client, MENTION)  # the fixture's post was written long ago
    work()
    assert watched(rt).engagement_next_at is None


def test_a_post_that_takes_off_after_its_ticket_is_escalated_once(client, work, zammad, rt):
    post_x(client, fresh_mention())
    work()
    post_id = "2080765813578191303"  # the fixture's post
    assert watched(rt).engagement_post_id == post_id
    now = datetime.now(timezone.utc)
    zammad.get(f"{X_API}/2/tweets", json=metrics(post_id, likes=900, reposts=300, replies=40))
    zammad.put(f"{'https://zammad.test'}/api/v1/tickets/82", json={"id": 82})
    zammad.post("https://zammad.test/api/v1/tags/add", json=True)
    due_now(rt)
    assert reread_engagement(rt, now) == 1
    read = calls(zammad, "GET", "/2/tweets")[0].request
    assert post_id in read.url and "public_metrics" in read.url
    notes = [json.loads(c.request.body) for c in calls(zammad, "POST", "/api/v1/ticket_articles")]
    assert any("At risk of going viral: engagement grew by" in n["body"] for n in notes)
    assert json.loads(calls(zammad, "PUT", "/api/v1/tickets/82")[0].request.body) == {"priority": "3 high"}
    conversation = watched(rt)
    assert conversation.engagement_total == 1240 and conversation.viral_escalated_at is not None
    due_now(rt)
    assert reread_engagement(rt, now + timedelta(minutes=10)) == 0  # once
    assert len(calls(zammad, "PUT", "/api/v1/tickets/82")) == 1


def test_a_quiet_post_is_read_again_later_and_not_escalated(client, work, zammad, rt):
    post_x(client, fresh_mention())
    work()
    post_id = "2080765813578191303"
    zammad.get(f"{X_API}/2/tweets", json=metrics(post_id, likes=3))
    due_now(rt)
    now = datetime.now(timezone.utc)
    assert reread_engagement(rt, now) == 0
    conversation = watched(rt)
    assert conversation.engagement_total == 3 and conversation.viral_escalated_at is None
    assert conversation.engagement_next_at > now.replace(tzinfo=None)
    assert not calls(zammad, "PUT", "/api/v1/tickets/82")


def test_a_platform_error_only_postpones_the_read(client, work, zammad, rt):
    post_x(client, fresh_mention())
    work()
    zammad.get(f"{X_API}/2/tweets", status=503)
    due_now(rt)
    assert reread_engagement(rt, datetime.now(timezone.utc)) == 0
    conversation = watched(rt)
    assert conversation.engagement_total == 0  # what came with the post; nothing new was read
    assert conversation.engagement_next_at > datetime(2000, 1, 1)  # tried again later
