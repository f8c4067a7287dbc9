"""SLA clocks through the real tasks: due times at ingest, a warning and a breach escalation exactly once,
the clock stopped by the first delivered reply, priority reasons, storms and KPIs — with a frozen clock."""
import json
import re
from datetime import datetime, timedelta, timezone

import pytest
import responses
import time_machine
from sqlalchemy import select

from bridge.app import create_app
from bridge.config import load_settings
from bridge.runtime import Runtime
from bridge.store import Store
from bridge.store.tables import Conversation
from bridge.usecases import sweep
from tests.conftest import REPO, X_ACCOUNT, ZAMMAD, write_config
from tests.test_flow import MENTION, X, agent_reply, calls, post_x, post_zammad
from tests.web.test_webhooks import x_signature

POSTED = datetime(2026, 7, 24, 21, 23, 23, tzinfo=timezone.utc)  # the mention fixture's created_at
ZAMMAD_URL = "https://zammad.test"
ADMIN = {"Authorization": "Bearer admin-token-0123456789"}


@pytest.fixture
def config_env(tmp_path):
    """Overrides conftest's: the same accounts, with the admin API and more turned on."""
    path = write_config(tmp_path, helpdesk=ZAMMAD, accounts=[X_ACCOUNT], extra="""
        admin_token: admin-token-0123456789
        escalation_url: https://chat.test/hooks/escalations
        """)
    return {"BRIDGE_CONFIG": str(path), "DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}",
            "BRIDGE_MAPPINGS_DIR": str(REPO / "mappings")}


@pytest.fixture
def zammad():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(re.compile(rf"{ZAMMAD_URL}/api/v1/users/search.*"), json=[])
        mock.post(f"{ZAMMAD_URL}/api/v1/users", json={"id": 42, "login": "x:2222222222222222222"}, status=201)
        mock.post(f"{ZAMMAD_URL}/api/v1/tickets", json={"id": 82, "article_ids": [501]}, status=201)
        mock.post(f"{ZAMMAD_URL}/api/v1/ticket_articles", json={"id": 777}, status=201)
        mock.put(f"{ZAMMAD_URL}/api/v1/tickets/82", json={"id": 82}, status=200)
        mock.post(f"{ZAMMAD_URL}/api/v1/tags/add", json=True, status=201)
        mock.post("https://chat.test/hooks/escalations", status=200)
        yield mock


def notes(mock):
    return [json.loads(c.request.body)["body"] for c in calls(mock, "POST", "/api/v1/ticket_articles")]


def conversation(rt):
    with rt.store.session() as s:
        return s.scalar(select(Conversation))


def sweep_at(rt, moment):
    with time_machine.travel(moment, tick=False):
        return sweep.sweep_clocks(rt, datetime.now(timezone.utc))


def test_ticket_carries_the_channels_due_time(client, work, zammad, rt):
    with time_machine.travel(POSTED + timedelta(minutes=1), tick=False):
        post_x(client, MENTION)
        work()
    row = conversation(rt)
    # X defaults: target 15 min, maximum 30 min, warning at 80 % of the target
    assert row.first_response_target_at == (POSTED + timedelta(minutes=15)).replace(tzinfo=None)
    assert row.first_response_due_at == (POSTED + timedelta(minutes=30)).replace(tzinfo=None)
    assert row.first_response_warning_at == (POSTED + timedelta(minutes=12)).replace(tzinfo=None)
    assert row.opened_at == POSTED.replace(tzinfo=None)


def test_sweep_warns_once_and_escalates_once(client, work, zammad, rt):
    with time_machine.travel(POSTED + timedelta(minutes=1), tick=False):
        post_x(client, MENTION)
        work()
    assert sweep_at(rt, POSTED + timedelta(minutes=11)) == 0
    assert notes(zammad) == []
    for minute in (13, 14, 20):
        sweep_at(rt, POSTED + timedelta(minutes=minute))
    assert [n for n in notes(zammad) if n.startswith("SLA warning")] == [
        "SLA warning: first response due by 21:53 UTC (17 min left)."]
    for minute in (31, 32, 45, 120):
        sweep_at(rt, POSTED + timedelta(minutes=minute))
    assert [json.loads(c.request.body) for c in calls(zammad, "PUT", "/api/v1/tickets/82")] == [{"priority": "3 high"}]
    assert [json.loads(c.request.body)["item"] for c in calls(zammad, "POST", "/tags/add")] == ["sla-breached"]
    breach_notes = [n for n in notes(zammad) if n.startswith("SLA breached")]
    assert len(breach_notes) == 1 and "due by 2026-07-24 21:53 UTC" in breach_notes[0]
    pings = [json.loads(c.request.body) for c in calls(zammad, "POST", "chat.test")]
    assert pings == [{"ticket_id": "82", "escalation": "sla-breached", "priority": "high"}]
    assert conversation(rt).priority == "high"


def test_failed_escalation_is_tried_again_by_the_next_sweep(client, work, zammad, rt):
    with time_machine.travel(POSTED + timedelta(minutes=1), tick=False):
        post_x(client, MENTION)
        work()
    zammad.replace("PUT", f"{ZAMMAD_URL}/api/v1/tickets/82", json={"error": "busy"}, status=503)
    sweep_at(rt, POSTED + timedelta(minutes=31))
    assert conversation(rt).breached_at is None
    zammad.replace("PUT", f"{ZAMMAD_URL}/api/v1/tickets/82", json={"id": 82}, status=200)
    sweep_at(rt, POSTED + timedelta(minutes=32))
    assert conversation(rt).breached_at is not None
    assert len([n for n in notes(zammad) if n.startswith("SLA breached")]) == 1


def test_first_delivered_reply_stops_the_clock(client, work, zammad, rt):
    with time_machine.travel(POSTED + timedelta(minutes=1), tick=False):
        post_x(client, MENTION)
        work()
    zammad.post(f"{X}/2/tweets", json={"data": {"id": "3000000000000000100"}}, status=201)
    with time_machine.travel(POSTED + timedelta(minutes=5), tick=False):
        post_zammad(client, agent_reply())
        work()
    for minute in (13, 31, 60):
        sweep_at(rt, POSTED + timedelta(minutes=minute))
    assert not [n for n in notes(zammad) if n.startswith("SLA")]
    assert conversation(rt).first_responded_at == (POSTED + timedelta(minutes=5)).replace(tzinfo=None)
    with time_machine.travel(POSTED + timedelta(minutes=6), tick=False):
        kpis = client.get("/admin/api/kpis?days=366", headers=ADMIN).get_json()
    assert kpis["total"]["volume"] == 1 and kpis["total"]["sla_met"] == 1
    assert kpis["by_channel"][0]["channel"] == "x"
    assert kpis["by_channel"][0]["first_response_p50_minutes"] == pytest.approx(5.0)


def test_influential_negative_author_gets_priority_and_reasons(client, work, zammad, rt):
    payload = json.loads(MENTION)
    payload["data"]["payload"]["text"] = "@ExampleUser you charged me twice and support is useless. I want a refund!"
    payload["data"]["includes"]["users"][0]["public_metrics"]["followers_count"] = 120_000
    body = json.dumps(payload).encode()
    with time_machine.travel(POSTED + timedelta(minutes=1), tick=False):
        client.post("/webhooks/x/acme", data=body, headers={"x-twitter-webhooks-signature": x_signature(body)})
        work()
    created = json.loads(calls(zammad, "POST", "/api/v1/tickets")[0].request.body)
    assert created["priority"] == "3 high"
    assert notes(zammad) == []  # the reasons come with the ticket, not as a second call
    reason = created["article"]["body"].split("[Social bridge]")[1]
    assert "120k followers" in reason and "refund" in reason and "First response due by 2026-07-24 21:53 UTC" in reason


def test_kpi_endpoint_checks_its_input(client):
    assert client.get("/admin/api/kpis?days=0", headers=ADMIN).status_code == 400
    assert client.get("/admin/api/kpis?tz=Mars/Olympus", headers=ADMIN).status_code == 400
    assert client.get("/admin/api/kpis").status_code == 401
    metrics = client.get("/metrics").get_data(as_text=True)
    assert "bridge_kpi_conversations" in metrics


def storm_app(tmp_path, zammad, storms: str):
    mappings = tmp_path / "mappings"
    mappings.mkdir()
    (mappings / "x.yaml").write_text((REPO / "mappings" / "x.yaml").read_text()
                                     + f"\npriority_rules:\n  storms: {storms}\n")
    path = write_config(tmp_path, helpdesk=ZAMMAD, accounts=[X_ACCOUNT])
    settings = load_settings({"BRIDGE_CONFIG": str(path), "DATABASE_URL": f"sqlite:///{tmp_path / 's.db'}",
                              "BRIDGE_MAPPINGS_DIR": str(mappings)})
    store = Store(settings.database_url)
    store.migrate()
    app = create_app(Runtime(settings, store), start_queue=False)
    ticket_ids = iter(range(100, 200))
    zammad.remove("POST", f"{ZAMMAD_URL}/api/v1/tickets")
    zammad.add_callback("POST", f"{ZAMMAD_URL}/api/v1/tickets",
                        callback=lambda request: (201, {}, json.dumps({"id": next(ticket_ids), "article_ids": [1]})))
    return app, store


def post_mention(app, n: int, text: str, minutes: float = 0, author: str | None = None,
                 conversation: str | None = None):
    """Post n (a new thread, or a reply in `conversation`'s) arrives and is ingested."""
    payload = json.loads(MENTION)
    payload["data"]["event_uuid"] = payload["data"]["payload"]["id"] = f"20807658135781913{n:02d}"
    payload["data"]["payload"]["conversation_id"] = conversation or payload["data"]["payload"]["id"]
    payload["data"]["payload"]["text"] = text
    payload["data"]["payload"]["created_at"] = (POSTED + timedelta(minutes=minutes)).isoformat().replace("+00:00", "Z")
    if author:
        payload["data"]["payload"]["author_id"] = author
        payload["data"]["includes"]["users"][0].update(id=author, username=f"customer{author}")
    body = json.dumps(payload).encode()
    app.test_client().post("/webhooks/x/acme", data=body, headers={"x-twitter-webhooks-signature": x_signature(body)})
    app.extensions["bridge_queue"].run_due()


STORM_TEXTS = ["@ExampleUser the app login is broken again, cannot login since the update",
               "@ExampleUser login broken after the update?? app useless",
               "@ExampleUser is the app login broken for everyone after this update",
               "@ExampleUser app login broken, update please",
               "@ExampleUser since the update the app login is broken"]


def test_storm_reason_comes_with_each_ticket_and_costs_no_extra_call(tmp_path, zammad):
    app, store = storm_app(tmp_path, zammad, "{min_posts: 3, window: 30m}")
    for n, text in enumerate(STORM_TEXTS):
        post_mention(app, n, text, minutes=n)
    created = [json.loads(c.request.body) for c in calls(zammad, "POST", "/api/v1/tickets")]
    assert len(created) == 5
    # helpdesk calls per post: one ticket each, no storm note (customers are looked up once: cached)
    assert notes(zammad) == []
    bodies = [t["article"]["body"] for t in created]
    assert ["storm" in body for body in bodies] == [False, False, True, True, True]
    assert "3 posts within 30 min about" in bodies[2] and "4 posts" in bodies[3] and "5 posts" in bodies[4]
    assert all("social-storm" in t["tags"] for t in created[2:])
    with store.session() as s:
        keys = [c.storm_key for c in s.scalars(select(Conversation).order_by(Conversation.id))]
    # only the new post's conversation is written: the two before the storm formed keep no key
    assert keys[:2] == [None, None] and len(set(keys[2:])) == 1 and keys[2].startswith("storm-")
    assert str(keys[2]) in bodies[2]


def test_storm_membership_is_incremental(tmp_path, zammad):
    """Joining a storm reads the active storms, not the earlier posts: the statements a post's ingest runs
    are the same for the 10th member as for the 40th."""
    from sqlalchemy import event

    app, store = storm_app(tmp_path, zammad, "{min_posts: 3, window: 30m}")
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    for n in range(40):
        if n in (10, 39):
            statements.clear()
            event.listen(store.engine, "before_cursor_execute", count)
        post_mention(app, n, STORM_TEXTS[n % 5], minutes=n * 0.5)
        if n in (10, 39):
            event.remove(store.engine, "before_cursor_execute", count)
            if n == 10:
                tenth = list(statements)
    assert len(statements) == len(tenth)
    assert not any("posts.posted_at >=" in s for s in statements)  # no scan of the recent posts
    from bridge.store.tables import Storm
    with store.session() as s:
        storms = s.scalars(select(Storm)).all()
    assert len(storms) == 1 and storms[0].posts == 40  # the two before it formed are counted in it


def test_outside_the_window_a_storm_ends(tmp_path, zammad):
    app, store = storm_app(tmp_path, zammad, "{min_posts: 3, window: 30m}")
    for n, text in enumerate(STORM_TEXTS[:3]):
        post_mention(app, n, text, minutes=n)
    post_mention(app, 3, STORM_TEXTS[3], minutes=2 + 31)  # 31 min after the storm's last post
    bodies = [json.loads(c.request.body)["article"]["body"] for c in calls(zammad, "POST", "/api/v1/tickets")]
    assert ["storm" in b for b in bodies] == [False, False, True, False]


def test_post_going_viral_is_escalated_once_at_ingest(client, work, zammad, rt):
    payload = json.loads(MENTION)
    payload["data"]["payload"]["public_metrics"].update(like_count=400, retweet_count=150, reply_count=90)
    body = json.dumps(payload).encode()
    with time_machine.travel(POSTED + timedelta(minutes=10), tick=False):
        client.post("/webhooks/x/acme", data=body, headers={"x-twitter-webhooks-signature": x_signature(body)})
        work()
        work()
    assert [json.loads(c.request.body)["item"] for c in calls(zammad, "POST", "/tags/add")] == ["social-viral-risk"]
    assert [json.loads(c.request.body) for c in calls(zammad, "PUT", "/api/v1/tickets/82")] == [{"priority": "3 high"}]
    pings = [json.loads(c.request.body) for c in calls(zammad, "POST", "chat.test")]
    assert pings == [{"ticket_id": "82", "escalation": "social-viral-risk", "priority": "urgent"}]
    assert any("At risk of going viral" in n for n in notes(zammad))
    assert conversation(rt).viral_escalated_at is not None
