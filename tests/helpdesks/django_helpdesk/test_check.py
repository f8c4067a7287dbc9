"""`social-bridge plugin install django-helpdesk --dry-run`: contract tests with answers recorded from
django-helpdesk 2.6.1 (tests/fixtures/django_helpdesk_plugin), then the same check against a real one."""
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


def healthy(mock, queue_answer="queue_probe_known"):
    mock.get(f"{HD}/api/tickets/", json=fixture("tickets_page_empty"))
    mock.post(f"{HD}/api/tickets/", json=fixture(queue_answer), status=400)
    mock.get(f"{PUBLIC_URL}/livez", body="ok")


def by_subject(findings) -> dict[str, tuple[str, str]]:
    return {f.subject: (f.status, f.detail) for f in findings}


def test_a_working_setup_passes_and_lists_what_to_configure_by_hand(mock, tmp_path):
    healthy(mock)
    findings = by_subject(check_django_helpdesk(settings_for(tmp_path), {"x": "Social"}))

    assert findings["API"][0] == OK
    assert findings["queue Social"] == (OK, "id 1 exists and the bridge's user may use it")
    assert findings["mapping x"][0] == OK
    assert findings["bridge"] == (OK, f"{PUBLIC_URL} answers")
    status, detail = findings["follow-up webhook"]
    assert status == BY_HAND
    assert f'HELPDESK_FOLLOWUP_WEBHOOK_URLS = "{PUBLIC_URL}/webhooks/helpdesk/django-helpdesk?token=****"' in detail
    assert findings["bridge user id"][0] == BY_HAND and "bridge_user_id is 2" in findings["bridge user id"][1]
    probe = json.loads(next(c for c in mock.calls if c.request.method == "POST").request.body)
    assert probe["queue"] == 1 and probe["title"] == ""  # a blank title: django-helpdesk stores nothing


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


def test_the_command_without_dry_run_explains(tmp_path, monkeypatch, capsys):
    path = write_config(tmp_path, helpdesk=HELPDESK, accounts=[X_ACCOUNT])
    monkeypatch.setenv("BRIDGE_CONFIG", str(path))
    assert main(["plugin", "install", "django-helpdesk"]) == 2
    assert "run `social-bridge plugin install django-helpdesk --dry-run` to check it" in capsys.readouterr().err


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
