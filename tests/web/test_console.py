"""The admin console (Flask test client): sign-in, CSRF, the mapping editor and its live preview, the
outbox's approval path, failed events, KPIs, audit log, and the routing simulator."""
import re
import shutil

import pytest
from sqlalchemy import select

from bridge.store.tables import InboundEvent
from tests.conftest import REPO, X_ACCOUNT, ZAMMAD, write_config
from tests.test_flow import MENTION, X, calls, post_x
from tests.test_flow import zammad as zammad_api
from tests.web.test_admin import held

zammad = zammad_api
PASSWORD = "correct horse battery"


@pytest.fixture
def config_env(tmp_path):
    mappings = tmp_path / "mappings"
    shutil.copytree(REPO / "mappings", mappings)
    path = write_config(tmp_path, helpdesk=ZAMMAD, accounts=[X_ACCOUNT], extra="""
        admin_token: admin-token-0123456789
        review:
          - {agents: [agent.smith@acme.test], mode: before}
        """)
    return {"BRIDGE_CONFIG": str(path), "DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}",
            "BRIDGE_MAPPINGS_DIR": str(mappings)}


@pytest.fixture
def admin(client, rt):
    rt.store.admins.set_password("sup@acme.test", PASSWORD)
    page = client.get("/admin/login")
    token = csrf(page.get_data(as_text=True))
    answer = client.post("/admin/login", data={"username": "sup@acme.test", "password": PASSWORD, "csrf_token": token})
    assert answer.status_code == 302
    return csrf(client.get("/admin/").get_data(as_text=True))  # a new token comes with the signed-in session


def csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_console_pages_need_a_sign_in(client):
    answer = client.get("/admin/outbox")
    assert answer.status_code == 302 and "/admin/login" in answer.headers["Location"]
    assert client.post("/admin/events/1/retry").status_code == 400  # no CSRF token, no session


def test_wrong_password_is_refused_and_the_password_is_stored_hashed(client, rt):
    rt.store.admins.set_password("sup@acme.test", PASSWORD)
    token = csrf(client.get("/admin/login").get_data(as_text=True))
    answer = client.post("/admin/login", data={"username": "sup@acme.test", "password": "wrong one!!", "csrf_token": token})
    assert answer.status_code == 401 and "wrong password" in answer.get_data(as_text=True)
    from bridge.store.tables import AdminUser

    with rt.store.session() as s:
        stored = s.scalar(select(AdminUser.password_hash))
    assert PASSWORD not in stored and stored.startswith(("scrypt:", "pbkdf2:"))


def test_every_form_needs_the_csrf_token(client, admin):
    assert client.post("/admin/events/1/retry").status_code == 400
    assert client.post("/admin/events/1/retry", data={"csrf_token": "forged"}).status_code == 400
    assert client.post("/admin/events/1/retry", data={"csrf_token": admin}).status_code == 302


@pytest.mark.parametrize("path", ["/admin/", "/admin/mappings/", "/admin/mappings/x", "/admin/routing", "/admin/outbox",
                                  "/admin/events", "/admin/kpis", "/admin/audit", "/admin/api/docs"])
def test_every_page_answers(client, admin, path):
    assert client.get(path).status_code == 200


def test_bad_input_is_a_clear_4xx(client, admin):
    assert client.get("/admin/kpis?days=0").status_code == 400
    assert client.get("/admin/outbox?state=nope").status_code == 400
    assert client.get("/admin/audit?since=yesterday").status_code == 400
    assert client.get("/admin/mappings/nope").status_code == 404
    assert client.post("/admin/mappings/x/check", data="not json", headers={"X-CSRF-Token": admin}).status_code == 400
    assert client.post("/admin/routing", data={"csrf_token": admin, "conversation": "x", "text": "hi"}).status_code == 400


def _x_mention(text: str, followers: int = 97) -> str:
    import json

    payload = json.loads(MENTION)
    payload["data"]["payload"]["text"] = text
    payload["data"]["includes"]["users"][0]["public_metrics"]["followers_count"] = followers
    return json.dumps(payload)


def test_live_preview_is_what_ingest_would_create_masked(client, admin):
    mapping = (REPO / "mappings" / "x.yaml").read_text()
    answer = client.post("/admin/mappings/x/check", headers={"X-CSRF-Token": admin}, json={
        "yaml": mapping, "payload": _x_mention("@ExampleUser card 4111 1111 1111 1111 charged twice", 150_000)})
    body = answer.get_json()
    assert body["ok"] and body["errors"] == []
    assert "4111 1111 1111 1111" not in answer.get_data(as_text=True)
    (preview,) = body["previews"]
    assert preview["sensitive_kinds"] == ["card"]
    assert preview["ticket"]["priority"] == "high" and preview["priority"]["reasons"]
    assert preview["sla"]["first_response_due_at"]
    edited = mapping.replace("queue: Social", "queue: Escalations")
    changed = client.post("/admin/mappings/x/check", headers={"X-CSRF-Token": admin},
                          json={"yaml": edited, "payload": _x_mention("hello")}).get_json()
    assert changed["previews"][0]["ticket"]["queue"] == "Escalations"


def test_preview_of_a_recent_real_post(client, admin, work, zammad):
    post_x(client, MENTION)
    work()
    page = client.get("/admin/mappings/x").get_data(as_text=True)
    sample = re.search(r'<option value="(\d+)">#', page).group(1)
    body = client.post("/admin/mappings/x/check", headers={"X-CSRF-Token": admin},
                       json={"yaml": (REPO / "mappings" / "x.yaml").read_text(), "sample": sample}).get_json()
    assert body["previews"][0]["post"]["post_id"] == __import__("json").loads(MENTION)["data"]["payload"]["id"]


def test_an_invalid_mapping_is_never_saved(client, admin, settings, rt):
    path = settings.mappings_dir / "x.yaml"
    before = path.read_text()
    broken = before.replace("{{ text", "{{ txet")
    check = client.post("/admin/mappings/x/check", headers={"X-CSRF-Token": admin}, json={"yaml": broken}).get_json()
    assert not check["ok"] and any(f"{path}: title: 'txet' is undefined" in e for e in check["errors"])
    answer = client.post("/admin/mappings/x", data={"csrf_token": admin, "yaml": broken})
    assert answer.status_code == 422 and "is undefined" in answer.get_data(as_text=True)
    assert path.read_text() == before and not list(path.parent.glob("*.bak"))
    assert client.post("/admin/mappings/x", data={"csrf_token": admin, "yaml": "channel: [\n"}).status_code == 422


def test_saving_keeps_comments_backs_up_and_applies_without_a_restart(client, admin, settings, rt, zammad):
    zammad.get("https://zammad.test/api/v1/groups", json=[{"id": 1, "name": "Users"}, {"id": 2, "name": "Escalations"}])
    path = settings.mappings_dir / "x.yaml"
    before = path.read_text()
    edited = "# edited in the console\n" + before.replace("queue: Social", "queue: Escalations")
    answer = client.post("/admin/mappings/x", data={"csrf_token": admin, "yaml": edited})
    assert answer.status_code == 302
    assert path.read_text() == edited
    (backup,) = path.parent.glob("x.yaml.*.bak")
    assert backup.read_text() == before
    assert rt.mappings["x"].render("queue", __import__("bridge.pipeline.mapping", fromlist=["SAMPLE_POST"]).SAMPLE_POST) \
        == "Escalations"


def test_a_queue_the_helpdesk_does_not_have_is_not_saved(client, admin, settings, zammad):
    zammad.get("https://zammad.test/api/v1/groups", json=[{"id": 1, "name": "Users"}, {"id": 2, "name": "Social"}])
    path = settings.mappings_dir / "x.yaml"
    before = path.read_text()
    answer = client.post("/admin/mappings/x", data={"csrf_token": admin,
                                                    "yaml": before.replace("queue: Social", "queue: Nowhere")})
    assert answer.status_code == 422 and "zammad has no queue &#39;Nowhere&#39;" in answer.get_data(as_text=True)
    assert path.read_text() == before


def test_a_held_reply_is_approved_from_the_outbox_through_the_approval_path(client, admin, work, zammad, rt):
    delivery_id = held(client, work, zammad)[0]["id"]
    page = client.get("/admin/outbox?state=awaiting_approval").get_data(as_text=True)
    assert "We&#39;ll send a new one today" in page
    answer = client.post(f"/admin/outbox/{delivery_id}/approve", data={"csrf_token": admin, "text": ""})
    assert answer.status_code == 302
    work()
    assert len(calls(zammad, "POST", "/2/tweets")) == 1
    delivery = rt.store.outbox.get(delivery_id)
    assert (delivery.state, delivery.reviewed_by) == ("sent", "sup@acme.test")
    audit = client.get("/admin/audit?reviewer=sup@acme.test").get_data(as_text=True)
    assert "posted_public" in audit and "new one today" not in audit


def test_the_author_cannot_approve_their_own_reply_from_the_console(client, rt, work, zammad):
    delivery_id = held(client, work, zammad)[0]["id"]
    rt.store.admins.set_password("agent.smith@acme.test", PASSWORD)
    token = csrf(client.get("/admin/login").get_data(as_text=True))
    client.post("/admin/login", data={"username": "agent.smith@acme.test", "password": PASSWORD, "csrf_token": token})
    token = csrf(client.get("/admin/").get_data(as_text=True))
    answer = client.post(f"/admin/outbox/{delivery_id}/approve", data={"csrf_token": token}, follow_redirects=True)
    assert "cannot approve their own reply" in answer.get_data(as_text=True)
    assert rt.store.outbox.get(delivery_id).state == "awaiting_approval"


def test_failed_event_is_listed_masked_and_retried_or_dismissed(client, admin, rt, work, zammad):
    import json

    body = _x_mention("@ExampleUser my card 4111 1111 1111 1111")
    first, _ = rt.store.events.add("x", "acme", "e1", body)
    second, _ = rt.store.events.add("x", "acme", "e2", json.dumps({"unknown": True}))
    rt.store.events.fail(first, "helpdesk x: 422 group Social unknown")
    rt.store.events.fail(second, "malformed")
    page = client.get("/admin/events").get_data(as_text=True)
    assert "group Social unknown" in page and "4111 1111 1111 1111" not in page and "•••• 1111" in page
    assert client.post(f"/admin/events/{first}/retry", data={"csrf_token": admin}).status_code == 302
    assert client.post(f"/admin/events/{second}/dismiss", data={"csrf_token": admin}).status_code == 302
    with rt.store.session() as s:
        states = dict(s.execute(select(InboundEvent.id, InboundEvent.state)).all())
    assert states == {first: "pending", second: "dismissed"}
    work()
    assert rt.store.events.get(first).state == "done"
    assert client.post(f"/admin/events/{first}/retry", data={"csrf_token": admin}).status_code == 302
    assert "has not failed" in client.get("/admin/events").get_data(as_text=True)


def test_routing_simulator_explains_where_a_reply_would_go(client, admin, rt, work, zammad):
    post_x(client, MENTION)
    work()
    (conversation,) = rt.store.conversations.recent()
    page = client.post("/admin/routing", data={"csrf_token": admin, "conversation": conversation.id, "mode": "public",
                                               "text": "Your card 4111 1111 1111 1111 is refunded"})
    html = page.get_data(as_text=True)
    assert "sensitive data (card)" in html and "4111" not in html.split("Outcome")[1]
    assert 'class="badge private"' in html or 'class="badge phone"' in html
    long = client.post("/admin/routing", data={"csrf_token": admin, "conversation": conversation.id, "mode": "public",
                                               "text": "x" * 300}).get_data(as_text=True)
    assert "300 of 280" in long and "too long" in long
    held_page = client.post("/admin/routing", data={"csrf_token": admin, "conversation": conversation.id,
                                                    "mode": "public", "agent": "agent.smith@acme.test",
                                                    "text": "hello"}).get_data(as_text=True)
    assert 'class="badge held"' in held_page


def test_kpi_page_draws_the_same_figures_as_the_api(client, admin, rt, work, zammad):
    post_x(client, MENTION)
    work()
    api = client.get("/admin/api/kpis?days=366", headers={"Authorization": "Bearer admin-token-0123456789"}).get_json()
    html = client.get("/admin/kpis?days=366").get_data(as_text=True)
    assert api["total"]["volume"] == 1
    assert html.count("<svg") == 3
    assert re.search(r"<td>x</td><td>1</td><td>0</td>", html)


def test_overview_shows_account_health_backlog_and_attention(client, admin, rt):
    rt.store.accounts.set_status("x", "acme", broken=True, reason="token expired")
    event, _ = rt.store.events.add("x", "acme", "e1", "{}")
    rt.store.events.fail(event, "malformed")
    html = client.get("/admin/").get_data(as_text=True)
    assert "token expired" in html and "Renew the x credentials" in html
    assert "1 inbound event(s) failed" in html
    assert "inbound_events" in html


def test_admin_create_command_stores_a_hash(monkeypatch, config_env, capsys):
    import io

    from bridge.cli import main

    for key, value in config_env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    assert main(["admin", "create", "root", "--password-stdin"]) == 0
    assert "created" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["admin", "create", "root", "--password-stdin"]) == 2


def test_a_template_that_fails_for_one_post_fails_its_event_and_a_retry_after_the_fix_makes_the_ticket(
        client, admin, rt, work, zammad):
    zammad.get("https://zammad.test/api/v1/groups", json=[{"id": 1, "name": "Social"}])
    path = rt.settings.mappings_dir / "x.yaml"
    good = path.read_text()
    typo = good.replace("priority: normal",
                        'priority: "{% if author.followers > 100000 %}hihg{% else %}normal{% endif %}"')
    assert client.post("/admin/mappings/x", data={"csrf_token": admin, "yaml": typo}).status_code == 302
    post_x(client, _x_mention("@ExampleUser where is my parcel?", 200_000).encode())
    work()
    (failed,) = rt.store.events.failed()
    assert "'hihg' is not one of" in failed.last_error
    assert client.post("/admin/mappings/x", data={"csrf_token": admin, "yaml": good}).status_code == 302
    assert client.post(f"/admin/events/{failed.id}/retry", data={"csrf_token": admin}).status_code == 302
    work()
    assert rt.store.events.get(failed.id).state == "done"  # not stuck behind a ticket claim the failure left
    assert len(calls(zammad, "POST", "/api/v1/tickets")) == 1


def test_a_reply_the_platform_refused_is_resent_and_one_that_timed_out_is_not(client, admin, rt, work, zammad):
    import requests
    import responses as responses_lib

    from tests.test_flow import agent_reply, post_zammad

    delivery_id = held(client, work, zammad)[0]["id"]
    zammad.replace(responses_lib.POST, f"{X}/2/tweets", status=403,
                   json={"title": "Forbidden", "detail": "You are not permitted to perform this action.", "status": 403})
    client.post(f"/admin/outbox/{delivery_id}/approve", data={"csrf_token": admin})
    work()
    failed = rt.store.outbox.get(delivery_id)
    assert failed.state == "failed" and failed.note.startswith("Reply not sent")
    assert "button type=\"submit\" class=\"resend\"" in client.get("/admin/outbox?state=failed").get_data(as_text=True)
    zammad.replace(responses_lib.POST, f"{X}/2/tweets", status=201, json={"data": {"id": "3000000000000000078"}})
    answer = client.post(f"/admin/outbox/{delivery_id}/resend", data={"csrf_token": admin}, follow_redirects=True)
    assert "is being sent again" in answer.get_data(as_text=True)
    work()
    (resent,) = [d for d in rt.store.outbox.recent() if d.id != delivery_id]
    assert (resent.state, resent.text) == ("sent", failed.text)
    assert rt.store.outbox.get(delivery_id).state == "failed"  # the failed one stays as it was
    again = client.post(f"/admin/outbox/{delivery_id}/resend", data={"csrf_token": admin}, follow_redirects=True)
    assert f"already resent as reply {resent.id}" in again.get_data(as_text=True)
    assert len(calls(zammad, "POST", "/2/tweets")) == 2

    zammad.replace(responses_lib.POST, f"{X}/2/tweets", body=requests.ReadTimeout("slow"))
    post_zammad(client, agent_reply(article_id=9002, body="<p>One more thing.</p>"))
    work()
    (timed_out,) = [d for d in rt.store.outbox.recent(state="awaiting_approval")]
    client.post(f"/admin/outbox/{timed_out.id}/approve", data={"csrf_token": admin})
    work()
    assert rt.store.outbox.get(timed_out.id).note.startswith("Reply status unknown")
    refused = client.post(f"/admin/outbox/{timed_out.id}/resend", data={"csrf_token": admin}, follow_redirects=True)
    assert "the platform may have taken it" in refused.get_data(as_text=True)
    assert len(rt.store.outbox.recent()) == 3


def test_a_mapping_directory_that_cannot_be_written_is_a_clear_error(client, admin, settings, zammad, monkeypatch):
    import errno

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    zammad.get("https://zammad.test/api/v1/groups", json=[{"id": 1, "name": "Social"}])
    monkeypatch.setattr("bridge.usecases.mappings.tempfile.mkstemp", read_only)  # a read-only mount
    path = settings.mappings_dir / "x.yaml"
    before = path.read_text()
    answer = client.post("/admin/mappings/x", data={"csrf_token": admin, "yaml": "# note\n" + before})
    assert answer.status_code == 422 and "cannot write it here (Read-only file system)" in answer.get_data(as_text=True)
    assert path.read_text() == before and not list(path.parent.glob("*.bak"))
