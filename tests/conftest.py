"""Shared fixtures. Real services (Redis, PostgreSQL, django-helpdesk) are required when CI is set;
elsewhere a test that needs an unreachable one is skipped with the reason."""
from __future__ import annotations

import os
import socket
import textwrap
from contextlib import contextmanager
from pathlib import Path

import pytest

from bridge.config import load_settings
from bridge.store import Store

# The session-scoped `atproto_net` fixture: a real atproto network (PLC, PDS, Bluesky AppView) on loopback.
pytest_plugins = ["tests.realnet.atproto_network"]

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def need_service(name: str, reachable: bool, hint: str) -> None:
    """Skip locally when a real service is missing; in CI a missing service is a failure."""
    if reachable:
        return
    message = f"{name} is not reachable ({hint})"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must run this test")
    pytest.skip(message)


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


X_ACCOUNT = {
    "channel": "x", "name": "acme", "consumer_secret": "x-consumer-secret", "access_token": "x-user-token",
    "user_id": "1111111111111111111", "handle": "AcmeSupport", "api_base": "https://api.x.test",
}
ZAMMAD = {
    "kind": "zammad", "url": "https://zammad.test", "token": "zammad-token", "webhook_secret": "zammad-webhook-secret",
    "bridge_login": "bridge@acme.test",
}


def write_config(directory: Path, *, helpdesk: dict, accounts: list[dict], extra: str = "") -> Path:
    import yaml

    path = directory / "bridge.yaml"
    path.write_text(yaml.safe_dump({"helpdesk": helpdesk, "accounts": accounts}) + textwrap.dedent(extra))
    return path


@pytest.fixture
def config_env(tmp_path):
    """An environment for load_settings: X + sandbox accounts, Zammad helpdesk, SQLite in tmp_path."""
    path = write_config(tmp_path, helpdesk=ZAMMAD, accounts=[
        X_ACCOUNT, {"channel": "sandbox", "name": "demo", "secret": "sandbox-secret", "base_url": "http://sandbox.test"}])
    return {"BRIDGE_CONFIG": str(path), "DATABASE_URL": f"sqlite:///{tmp_path / 'bridge.db'}",
            "BRIDGE_MAPPINGS_DIR": str(REPO / "mappings")}


@pytest.fixture
def settings(config_env):
    return load_settings(config_env)


@pytest.fixture
def store(settings):
    store = Store(settings.database_url)
    store.migrate()
    return store


@pytest.fixture
def rt(settings, store):
    from bridge.runtime import Runtime

    return Runtime(settings, store)


@pytest.fixture
def app(rt):
    """The bridge's Flask app with its embedded queue not running: tests run the work with `work()`."""
    from bridge.app import create_app

    return create_app(rt, start_queue=False)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def work(app):
    """Run whatever the embedded queue would run now."""
    return app.extensions["bridge_queue"].run_due


PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@contextmanager
def postgres_schema():
    """A throwaway schema on the test PostgreSQL; yields a URL whose search_path points at it."""
    from bridge.devstack import throwaway_schema

    need_service("PostgreSQL", "TEST_DATABASE_URL" in os.environ or port_open("127.0.0.1", 5432),
                 "start it or set TEST_DATABASE_URL")
    with throwaway_schema(PG_URL, "bridge_test") as url:
        yield url


def redis_url() -> str:
    """The test Redis (database 15, emptied first so no earlier run's messages linger)."""
    import redis

    try:
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
        client.flushdb()
        reachable = True
    except redis.RedisError:
        reachable = False
    need_service("Redis", reachable, f"tried {REDIS_URL}; start it or set TEST_REDIS_URL")
    return REDIS_URL


def wait_for(check, *, timeout: float = 30.0, interval: float = 0.2, what: str = "condition"):
    """Poll until check() returns something truthy; fail with `what` if it never does."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}")


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # Debian's chromium; `make test` installs it
# Without the background-networking flags Chromium keeps dialling out, and this network refuses it.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """A real browser: Debian's chromium driven by Playwright (no browser download)."""
    need_service("chromium", os.access(CHROMIUM, os.X_OK), f"{CHROMIUM}; `apt-get install chromium` or run `make test`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
