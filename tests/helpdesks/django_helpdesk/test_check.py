"""`social-bridge plugin install django-helpdesk [--dry-run]`: contract tests with answers recorded from
django-helpdesk 2.6.1 (tests/fixtures/django_helpdesk_plugin), then the same check against a real one.
The probe that reaches a running bridge end to end is in tests/e2e/test_agent_day.py."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import responses

from bridge.cli import main
from bridge.config import load_settings
from bridge.devstack import LocalHelpdesk, StartError, default_helpdesk_python
from bridge.helpdesks.django_helpdesk.check import BY_HAND, FAIL, OK, WARN, check_django_helpdesk
from tests.conftest import REPO, X_ACCOUNT, free_port, need_service, write_config

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "django_helpdesk_plugin"
HD = "http://helpdesk.test/helpdesk"
PUBLIC_URL = "https://bridge.example.com"
TOKEN = "0f1e2d3c4b5a69788796a5b4c3d2e1f0a1b2c3d4"
WEBHOOK_TOKEN = "hook-token-5b8e1f0c9a7d"
HELPDESK = {"kind": "django-helpdesk", "url": HD, "token": TOKEN, "bridge_user_id": 2,
            "webhook_token": WEBHOOK_TOKEN, "queues": {"Social": 1}}


def fixture(name: str):
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def settings_for(tmp_path, helpdesk=HELPDESK, public_url=PUBLIC_URL):
    path = write_config(tmp_path, helpdesk=helpdesk, accounts=[X_ACCOUNT], extra=f"public_url: {public_url}\n")
    return load_settings({"BRIDGE_CONFIG": str(path)})


@pytest.fixture
def mock():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


STATUS_URL = "http://helpdesk.test/social-bridge/status.json"


def healthy(mock, queue_answer="queue_probe_known", app_status="app_status"):
    mock.get(f"{HD}/api/tickets/", json=fixture("tickets_page_empty"))
    mock.post(f"{HD}/api/tickets/", json=fixture(queue_answer), status=400)
    mock.get(f"{PUBLIC_URL}/livez", body="ok")
    if app_status:
        mock.get(STATUS_URL, json=fixture(app_status))


def by_subject(findings) -> dict[str, tuple[str, str]]:
    return {f.subject: (f.status, f.detail) for f in findings}


def test_a_working_setup_passes_and_lists_what_to_configure_by_hand(mock, tmp_path):
    healthy(mock)
    findings = by_subject(check_django_helpdesk(settings_for(tmp_path), {"x": "Social"}))

    assert findings["API"][0] == OK
    assert findings["queue Social"] == (OK, "id 1 exists and the bridge's user may use it")
    assert findings["mapping x"][0] == OK
    assert findings["bridge"] == (OK, f"{PUBLIC_URL} answers")
    assert findings["helpdesk app"][0] == OK and "internal notes unless" in findings["helpdesk app"][1]
    status, detail = findings["follow-up webhook"]
    assert status == BY_HAND
    assert "HELPDESK_GET_FOLLOWUP_WEBHOOK_URLS = followup_webhook_urls" in detail
    assert f'SOCIAL_BRIDGE_WEBHOOK_URL = "{PUBLIC_URL}/webhooks/helpdesk/django-helpdesk?token=****"' in detail
    assert "a setting named HELPDESK_FOLLOWUP_WEBHOOK_URLS does nothing" in detail
    assert findings["bridge user id"][0] == BY_HAND and "bridge_user_id is 2" in findings["bridge user id"][1]
    probe = json.loads(next(c for c in mock.calls if c.request.method == "POST").request.body)
    assert probe["queue"] == 1 and probe["title"] == ""  # a blank title: django-helpdesk stores nothing
    assert [c.request.method for c in mock.calls].count("POST") == 1  # a dry run writes nothing


def test_a_site_without_the_bridges_app_fails_because_follow_ups_would_be_public(mock, tmp_path):
    healthy(mock, app_status=None)
    mock.get(STATUS_URL, status=404, body="<h1>Not Found</h1>")
    findings = by_subject(check_django_helpdesk(settings_for(tmp_path), {}))
    status, detail = findings["helpdesk app"]
    assert status == FAIL and "follow-ups would be PUBLIC by default" in detail


def test_a_site_that_makes_every_follow_up_public_fails(mock, tmp_path):
    healthy(mock, app_status="app_status_public_default")
    findings = by_subject(check_django_helpdesk(settings_for(tmp_path), {}))
    assert findings["helpdesk app"] == (FAIL, "HELPDESK_UPDATE_PUBLIC_DEFAULT is on in the site's settings: every "
                                              "follow-up would be public. Remove it.")


class ProbeStore:
    """The bridge's store as the probe reads it: the probe arrives (or not) when the helpdesk writes it."""

    def __init__(self, arrives: bool):
        self.arrives = arrives
        self.audit = self
        self.asked: list[tuple[str, str]] = []

    def find(self, action, external_id):
        self.asked.append((action, external_id))
        return object() if self.arrives else None


def probing(mock, followup_status=201, followup_user=2):
    healthy(mock)
    mock.post(f"{HD}/api/tickets/", json=fixture("probe_ticket_created"), status=201)  # after the queue check
    mock.post(f"{HD}/api/followups/", status=followup_status,
              json={**fixture("probe_followup_created"), "user": followup_user} if followup_status == 201
              else None, body=None if followup_status == 201 else "<h1>Server Error (500)</h1>")
    mock.delete(f"{HD}/api/tickets/41/", status=204)


def test_the_probe_proves_the_webhook_and_the_bridge_user_then_deletes_its_ticket(mock, tmp_path):
    probing(mock)
    store = ProbeStore(arrives=True)
    findings = by_subject(check_django_helpdesk(settings_for(tmp_path), {}, open_store=lambda: store))

    assert findings["bridge user id"] == (OK, "2 is the token's user")
    assert findings["follow-up webhook"][0] == OK and "reached the bridge" in findings["follow-up webhook"][1]
    followup = json.loads(next(c for c in mock.calls if c.request.url.endswith("/followups/")).request.body)
    assert followup["public"] is False and followup["new_status"] == 4  # an internal note on a closed ticket
    [(action, probe)] = store.asked
    assert action == "wiring_probe" and f"wiring check {probe}:" in followup["comment"]
    assert any(c.request.method == "DELETE" and c.request.url.endswith("/tickets/41/") for c in mock.calls)


def test_a_probe_that_never_arrives_fails_and_says_where_the_webhook_must_point(mock, tmp_path):
    probing(mock)
    findings = by_subject(check_django_helpdesk(settings_for(tmp_path), {}, open_store=lambda: ProbeStore(False),
                                                probe_wait=0.3))
    status, detail = findings["follow-up webhook"]
    assert status == FAIL and "did not reach the bridge" in detail
    assert f"{PUBLIC_URL}/webhooks/helpdesk/django-helpdesk?token=<webhook_token>" in detail
    assert any(c.request.method == "DELETE" for c in mock.calls)  # cleaned up all the same


def test_a_wrong_bridge_user_id_fails_with_the_right_one(mock, tmp_path):
    probing(mock, followup_user=7)
    findings = by_subject(check_django_helpdesk(settings_for(tmp_path), {}, open_store=lambda: ProbeStore(True)))
    assert findings["bridge user id"] == (FAIL, "bridge_user_id is 2 but the token's user is 7: set bridge_user_id: 7")


def test_a_helpdesk_that_cannot_reach_the_bridge_fails_the_probe(mock, tmp_path):
    probing(mock, followup_status=500)  # django-helpdesk sends the webhook inside the request
    findings = by_subject(check_django_helpdesk(settings_for(tmp_path), {}, open_store=lambda: ProbeStore(True)))
    status, detail = findings["follow-up webhook"]
    assert status == FAIL and "could not reach the bridge" in detail


def test_an_unknown_queue_fails(mock, tmp_path):
    healthy(mock, queue_answer="queue_probe_unknown")
    findings = by_subject(check_django_helpdesk(settings_for(tmp_path), {}))
    assert findings["queue Social"] == (FAIL, "id 1 does not exist or the bridge's user may not use it")


def test_a_mapping_queue_missing_from_the_config_fails(mock, tmp_path):
    healthy(mock)
    findings = by_subject(check_django_helpdesk(settings_for(tmp_path), {"x": "Social", "sandbox": "Support"}))
    assert findings["mapping sandbox"] == (FAIL, "queue 'Support' is not in the config's `queues` (name → id)")
    assert findings["mapping x"][0] == OK


@pytest.mark.parametrize("status, name, message", [
    (401, "error_401", "the token is refused (HTTP 401): check helpdesk.token"),
    (403, "error_403_not_staff", "the token's user is not staff (HTTP 403): django-helpdesk's API needs is_staff"),
])
def test_a_refused_token_stops_the_check(mock, tmp_path, status, name, message):
    mock.get(f"{HD}/api/tickets/", json=fixture(name), status=status)
    findings = check_django_helpdesk(settings_for(tmp_path), {"x": "Social"})
    assert [(f.status, f.subject, f.detail) for f in findings] == [(FAIL, "API", message)]
    assert not [c for c in mock.calls if c.request.method == "POST"]


def test_an_unreachable_bridge_is_a_warning(mock, tmp_path):
    mock.get(f"{HD}/api/tickets/", json=fixture("tickets_page_empty"))
    mock.post(f"{HD}/api/tickets/", json=fixture("queue_probe_known"), status=400)
    findings = by_subject(check_django_helpdesk(settings_for(tmp_path), {}))  # no answer at /livez
    assert findings["bridge"][0] == WARN and "their follow-ups fail" in findings["bridge"][1]


def test_the_command_prints_the_report_without_secrets_and_fails_on_problems(mock, tmp_path, monkeypatch, capsys):
    path = write_config(tmp_path, helpdesk=HELPDESK, accounts=[X_ACCOUNT], extra=f"public_url: {PUBLIC_URL}\n")
    monkeypatch.setenv("BRIDGE_CONFIG", str(path))
    monkeypatch.setenv("BRIDGE_MAPPINGS_DIR", str(REPO / "mappings"))
    healthy(mock, queue_answer="queue_probe_unknown")

    assert main(["plugin", "install", "django-helpdesk", "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "FAIL     queue Social" in out and "ok       API" in out
    assert "mapping x" in out and "mapping sandbox" in out  # the shipped mappings were read
    assert TOKEN not in out and WEBHOOK_TOKEN not in out


# -- against a real django-helpdesk -----------------------------------------------------------
BRIDGE_TOKEN = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b"


@pytest.fixture(scope="module")
def local_helpdesk(tmp_path_factory):
    python = default_helpdesk_python()
    need_service("django-helpdesk", Path(python).is_file(), f"no python at {python}; run `make helpdesk-env`")
    helpdesk = LocalHelpdesk(python=python, port=free_port(), data_dir=tmp_path_factory.mktemp("django-helpdesk"),
                             followup_webhook_url=f"{PUBLIC_URL}/webhooks/helpdesk/django-helpdesk?token={WEBHOOK_TOKEN}",
                             bridge_token=BRIDGE_TOKEN, agent_password="agent-pass")
    try:
        helpdesk.start()
    except StartError as exc:
        need_service("django-helpdesk", False, str(exc))
    yield helpdesk
    helpdesk.stop()


@pytest.mark.helpdesk
def test_the_check_against_a_real_django_helpdesk(local_helpdesk, tmp_path):
    helpdesk = {**HELPDESK, "url": local_helpdesk.url, "token": BRIDGE_TOKEN,
                "bridge_user_id": local_helpdesk.seed.bridge_user_id,
                "queues": {"Social": local_helpdesk.seed.queue_id, "Gone": 999}}
    findings = by_subject(check_django_helpdesk(settings_for(tmp_path, helpdesk, public_url=local_helpdesk.url.rsplit("/", 1)[0]),
                                                {"x": "Social"}))

    assert findings["API"][0] == OK
    assert findings["queue Social"][0] == OK
    assert findings["queue Gone"] == (FAIL, "id 999 does not exist or the bridge's user may not use it")
    tickets = local_helpdesk_tickets(local_helpdesk)
    assert tickets["count"] == 0, "the queue check must not create tickets"

    refused = check_django_helpdesk(settings_for(tmp_path, {**helpdesk, "token": "not-the-token"}), {})
    assert [(f.status, f.detail) for f in refused] == [(FAIL, "the token is refused (HTTP 401): check helpdesk.token")]


def local_helpdesk_tickets(helpdesk: LocalHelpdesk) -> dict:
    import requests

    response = requests.get(f"{helpdesk.url}/api/tickets/", headers={"Authorization": f"Token {BRIDGE_TOKEN}"}, timeout=5)
    response.raise_for_status()
    return response.json()


def test_the_bridge_records_a_probe_that_reaches_its_webhook_and_delivers_nothing(tmp_path):
    from bridge.runtime import Runtime
    from bridge.store import Store
    from bridge.usecases.receive import PROBE_ACTION, receive_helpdesk

    path = write_config(tmp_path, helpdesk=HELPDESK, accounts=[X_ACCOUNT])
    settings = load_settings({"BRIDGE_CONFIG": str(path), "DATABASE_URL": f"sqlite:///{tmp_path / 'bridge.db'}",
                              "BRIDGE_MAPPINGS_DIR": str(REPO / "mappings")})
    store = Store(settings.database_url)
    store.migrate()
    rt = Runtime(settings, store)
    probe = "fedcba9876543210fedcba9876543210"
    payload = json.loads((FIXTURES.parent / "django_helpdesk" / "webhook_bridge_note.json").read_text())
    followup = next(f for f in payload["ticket"]["followup_set"] if f["id"] == payload["followup_id"])
    followup["comment"] = f"Social bridge wiring check {probe}: this internal note proves that follow-ups reach the bridge."
    body = json.dumps(payload).encode()

    refused = receive_helpdesk(rt, "django-helpdesk", {}, {"token": "wrong"}, body)
    assert refused.status == 401 and store.audit.find(PROBE_ACTION, probe) is None

    for _ in range(2):  # django-helpdesk may send it twice: one record
        answer = receive_helpdesk(rt, "django-helpdesk", {}, {"token": WEBHOOK_TOKEN}, body)
        assert (answer.status, answer.body) == (200, {"probe": "received"})
    entry = store.audit.find(PROBE_ACTION, probe)
    assert entry is not None and entry.account == "django-helpdesk"
