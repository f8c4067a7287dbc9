"""Start-up validation: every problem at once, URLs that are not URLs, mapping queues the helpdesk does not
have, and a bad or busy port, each as one clear line (no traceback)."""
import socket

import pytest
import responses

from bridge.cli import main
from bridge.startup import serve_threads
from tests.conftest import REPO, X_ACCOUNT, ZAMMAD, write_config


@pytest.fixture
def env(monkeypatch, config_env, tmp_path):
    for key, value in config_env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("BRIDGE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("BRIDGE_PORT", raising=False)
    return config_env


def test_every_config_error_is_reported_at_once(monkeypatch, tmp_path, capsys):
    path = write_config(tmp_path, helpdesk={**ZAMMAD, "url": "not-a-url"}, extra="public_url: not-a-url\n",
                        accounts=[{**X_ACCOUNT, "api_base": "also not a url"},
                                  {"channel": "sandbox", "name": "demo", "secret": "s", "base_url": "sandbox"},
                                  {"channel": "nope", "name": "n"}])
    monkeypatch.setenv("BRIDGE_CONFIG", str(path))
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for expected in ("public_url", "helpdesk: url", "accounts[0] (x/acme): api_base", "accounts[1] (sandbox/demo): base_url",
                     "accounts[2].channel: unknown 'nope'"):
        assert expected in err, expected


def test_every_broken_mapping_file_is_reported_at_once(env, monkeypatch, tmp_path, capsys):
    mappings = tmp_path / "mappings"
    mappings.mkdir()
    for name in ("x", "sandbox"):
        (mappings / f"{name}.yaml").write_text((REPO / "mappings" / f"{name}.yaml").read_text().replace("{{ text", "{{ txet"))
    monkeypatch.setenv("BRIDGE_MAPPINGS_DIR", str(mappings))
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert f"{mappings / 'x.yaml'}: title" in err and f"{mappings / 'sandbox.yaml'}: title" in err


def test_a_mapping_queue_the_helpdesk_does_not_have_stops_start_up(env, capsys):
    with responses.RequestsMock() as mock:
        mock.get("https://zammad.test/api/v1/groups", json=[{"id": 1, "name": "Users"}, {"id": 2, "name": "Sales"}])
        assert main(["serve", "--port", "1"]) == 2
    err = capsys.readouterr().err
    assert "x.yaml: queue: zammad has no queue 'Social'" in err


def test_an_unreachable_helpdesk_does_not_stop_start_up_but_a_bad_port_does(env, capsys):
    with responses.RequestsMock() as mock:
        mock.get("https://zammad.test/api/v1/groups", status=503)
        assert main(["serve", "--port", "70000"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["social-bridge: --port: 70000 is not a port number (1–65535)"]


def test_a_bad_bridge_port_is_one_clear_line(env, monkeypatch, capsys):
    monkeypatch.setenv("BRIDGE_PORT", "eighty")
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "BRIDGE_PORT: 'eighty' is not a port number" in err and "Traceback" not in err


def test_a_busy_port_is_one_clear_line(env, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with responses.RequestsMock() as mock:
            mock.get("https://zammad.test/api/v1/groups", json=[{"id": 1, "name": "Social"}])
            assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"cannot listen on 127.0.0.1:{port}" in err[0] and "in use" in err[0]


def test_a_bad_thread_count_is_one_clear_line(env, monkeypatch, capsys):
    monkeypatch.setenv("BRIDGE_THREADS", "many")
    assert main(["serve"]) == 2
    assert "BRIDGE_THREADS: 'many' is not a number of threads" in capsys.readouterr().err
    assert main(["serve", "--threads", "0"]) == 2
    err = capsys.readouterr().err
    assert "--threads: 0 is not a number of threads" in err and "Traceback" not in err


@pytest.mark.parametrize("value, expected", [(None, 8), ("", 8), ("4", 4), ("32", 32)])
def test_serve_threads_are_eight_unless_given(value, expected):
    assert serve_threads(value, "BRIDGE_THREADS") == expected
