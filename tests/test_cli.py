import json

import pytest
import responses

from bridge.cli import main
from tests.conftest import FIXTURES, REPO


@pytest.fixture
def env(monkeypatch, config_env):
    for key, value in config_env.items():
        monkeypatch.setenv(key, value)
    return config_env


def test_mappings_check_passes_on_the_shipped_files(env, capsys):
    assert main(["mappings", "check"]) == 0
    out = capsys.readouterr().out
    assert f"ok  {REPO / 'mappings' / 'x.yaml'}" in out
    assert "sandbox.yaml" in out


def test_mappings_check_names_file_and_key(env, tmp_path, capsys):
    mappings = tmp_path / "mappings"
    mappings.mkdir()
    (mappings / "x.yaml").write_text((REPO / "mappings" / "x.yaml").read_text().replace("{{ text", "{{ txet"))
    assert main(["mappings", "check", "--dir", str(mappings)]) == 2
    err = capsys.readouterr().err
    assert f"{mappings / 'x.yaml'}: title: 'txet' is undefined" in err


def test_replay_prints_the_ticket_and_sends_nothing(env, capsys):
    with responses.RequestsMock() as mock:  # any HTTP call would raise ConnectionError here
        code = main(["replay", str(FIXTURES / "x" / "xaa_post_mention_create.json"), "--channel", "x"])
        assert len(mock.calls) == 0
    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["post"]["post_id"] == "2080765813578191303"
    assert printed["post"]["kind"] == "public_post"
    assert printed["post"]["author"]["followers"] == 97
    assert printed["sla"]["first_response_due_at"]
    assert printed["ticket"]["customer"]["login"] == "x:2222222222222222222"
    assert printed["ticket"]["title"].startswith("Post from @OtherUser: hey @ExampleUser")
    assert printed["ticket"]["queue"] == "Social"


def _x_payload(tmp_path, text: str, followers: int):
    payload = json.loads((FIXTURES / "x" / "xaa_post_mention_create.json").read_text())
    payload["data"]["payload"]["text"] = text
    payload["data"]["includes"]["users"][0]["public_metrics"]["followers_count"] = followers
    path = tmp_path / "payload.json"
    path.write_text(json.dumps(payload))
    return path


def test_replay_shows_what_ingest_would_create_masked_with_priority_reasons_and_due_time(env, tmp_path, capsys):
    path = _x_payload(tmp_path, "hey @ExampleUser refund to card 4111 1111 1111 1111 please", 150_000)
    assert main(["replay", str(path), "--channel", "x"]) == 0
    out = capsys.readouterr().out
    assert "4111 1111 1111 1111" not in out
    printed = json.loads(out)
    assert printed["sensitive_kinds"] == ["card"]
    assert "•••• 1111" in printed["ticket"]["title"]
    assert "sensitive" in printed["ticket"]["tags"]
    assert printed["priority"]["final"] == "high" and printed["ticket"]["priority"] == "high"
    assert any("followers" in reason for reason in printed["priority"]["reasons"])
    # X's default first-response maximum, counted from the post's own time
    assert printed["sla"]["first_response_due_at"] > printed["post"]["created_at"]


def test_replay_with_the_default_config_reads_a_payload_of_a_channel_without_an_account(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("BRIDGE_CONFIG", raising=False)
    monkeypatch.setenv("BRIDGE_MAPPINGS_DIR", str(REPO / "mappings"))
    with responses.RequestsMock() as mock:
        assert main(["replay", str(FIXTURES / "x" / "xaa_post_mention_create.json"), "--channel", "x"]) == 0
        assert len(mock.calls) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["ticket"]["queue"] == "Social"
    assert "placeholder account" in captured.err


def test_replay_of_an_ignored_event(env, capsys):
    assert main(["replay", str(FIXTURES / "x" / "aaa_favorite_events.json"), "--channel", "x"]) == 0
    assert "no posts in this payload" in capsys.readouterr().out


def test_replay_without_an_account_is_a_clear_error(env, capsys):
    assert main(["replay", str(FIXTURES / "x" / "xaa_post_mention_create.json"), "--channel", "x", "--account", "other"]) == 2
    assert "no x account named other" in capsys.readouterr().err


def test_bad_config_is_reported_with_file_and_key(monkeypatch, tmp_path, capsys):
    path = tmp_path / "bridge.yaml"
    path.write_text("helpdesk: {kind: zammad, url: https://z.test, token: t, webhook_secret: s, bridge_login: b}\n"
                    "accounts:\n  - {channel: x, name: acme, consumer_secret: s, user_id: '12'}\n")
    monkeypatch.setenv("BRIDGE_CONFIG", str(path))
    assert main(["mappings", "check"]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "accounts[0] (x/acme)" in err and "access_token" in err


def test_missing_environment_variable_is_named(monkeypatch, tmp_path, capsys):
    path = tmp_path / "bridge.yaml"
    path.write_text("helpdesk: {kind: zammad, url: https://z.test, token: '${ZAMMAD_TOKEN}', webhook_secret: s, bridge_login: b}\n"
                    "accounts: []\n")
    monkeypatch.setenv("BRIDGE_CONFIG", str(path))
    monkeypatch.delenv("ZAMMAD_TOKEN", raising=False)
    assert main(["mappings", "check"]) == 2
    assert "helpdesk.token: environment variable ZAMMAD_TOKEN is not set" in capsys.readouterr().err


def test_worker_without_redis_explains(env, monkeypatch, capsys):
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert main(["worker"]) == 2
    assert "REDIS_URL is not set" in capsys.readouterr().err


def test_integrations_lists_every_channel_and_helpdesk_with_its_page(capsys):
    from bridge import registry
    from bridge.cli import main

    assert main(["integrations"]) == 0
    out = capsys.readouterr().out
    for name in [*registry.channels(), *registry.helpdesks()]:
        assert f"  {name} " in out
    assert "polls every 30s" in out and "bridge/channels/bluesky/README.md" in out
