"""A real atproto network (PLC directory, PDS, Bluesky AppView) on loopback for end-to-end tests.

    with atproto_network() as net:           # or the session-scoped pytest fixture `atproto_net`
        brand = net.create_account("brand")
        customer = net.create_account("customer")
        customer.post("com.atproto.repo.createRecord", {...})
        brand.get("app.bsky.notification.listNotifications", limit=20)

What it does: runs atproto/install.sh (instant once the cache outside the repository holds the
install), creates a throwaway PostgreSQL database (atp_<unix time>_<hex>) for the AppView, starts
atproto/network.mjs with the cached Node 22, waits for its one JSON "ready" line, and on exit
closes the network (stdin closed -> network.close()), then drops the database.

The PDS answers app.bsky.* requests by proxying them to the AppView with a service token, as
bsky.social does, so clients talk to `pds_url` only. The AppView indexes the PDS's firehose:
what a client writes shows up in AppView reads a moment later (poll for it).

The fixture skips with the reason when node/npm or PostgreSQL are unreachable (or the install
fails) and CI is unset; with CI set it fails instead. A network that does not start always fails.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

ATPROTO_DIR = Path(__file__).resolve().parent / "atproto"
INSTALL_SH = ATPROTO_DIR / "install.sh"
NETWORK_MJS = ATPROTO_DIR / "network.mjs"
# ATPROTO_NETWORK_LOG=<file>: append the network's output there (with LOG_ENABLED=true, its services' logs).
START_TIMEOUT = float(os.environ.get("ATPROTO_START_TIMEOUT", "120"))
INSTALL_TIMEOUT = float(os.environ.get("ATPROTO_INSTALL_TIMEOUT", "1800"))
STOP_TIMEOUT = 40.0
DB_PREFIX = "atp_"
STALE_DB_SECONDS = 12 * 3600
DEFAULT_PG_URL = "postgresql+psycopg2://postgres@127.0.0.1:5432/test"


class NetworkUnavailable(RuntimeError):
    """Something the network needs is missing here (node/npm, PostgreSQL) or could not be installed."""


class NetworkStartError(RuntimeError):
    """The network was installed and had a database but did not come up; the message has its stderr tail."""


class XrpcError(RuntimeError):
    def __init__(self, method: str, nsid: str, status: int, body: Any):
        self.status, self.body = status, body
        error = body.get("error") if isinstance(body, dict) else None
        message = body.get("message") if isinstance(body, dict) else body
        super().__init__(f"{method} {nsid} -> HTTP {status} {error or ''}: {message}")


def xrpc(base_url: str, method: str, nsid: str, *, token: str | None = None, params: dict | None = None,
         body: dict | None = None, headers: dict | None = None, timeout: float = 15.0) -> Any:
    """One XRPC call; returns the decoded JSON (None for an empty body), raises XrpcError on non-2xx."""
    all_headers = dict(headers or {})
    if token:
        all_headers["Authorization"] = f"Bearer {token}"
    response = requests.request(method, f"{base_url.rstrip('/')}/xrpc/{nsid}", params=params, json=body,
                                headers=all_headers, timeout=timeout)
    try:
        decoded = response.json() if response.content else None
    except ValueError:
        decoded = response.text
    if not response.ok:
        raise XrpcError(method, nsid, response.status_code, decoded)
    return decoded


@dataclass
class Account:
    """An account on the network's PDS. `password` is the account password; `app_password` one made
    with com.atproto.server.createAppPassword (what a deployment would configure), or None."""

    handle: str
    did: str
    password: str
    email: str
    pds_url: str
    access_jwt: str
    refresh_jwt: str
    app_password: str | None = None

    def get(self, nsid: str, *, headers: dict | None = None, **params: Any) -> Any:
        """An authenticated XRPC query on the PDS (app.bsky.* is proxied to the AppView)."""
        return xrpc(self.pds_url, "GET", nsid, token=self.access_jwt, params=params, headers=headers)

    def post(self, nsid: str, body: dict | None = None, *, headers: dict | None = None) -> Any:
        """An authenticated XRPC procedure on the PDS."""
        return xrpc(self.pds_url, "POST", nsid, token=self.access_jwt, body=body, headers=headers)


@dataclass
class AtprotoNetwork:
    """A running network. URLs are http://localhost:<port>; clients should use `pds_url`."""

    pds_url: str
    appview_url: str
    plc_url: str
    ozone_url: str
    pds_did: str
    appview_did: str
    ozone_did: str
    handle_domain: str  # ".test": handles are <name>.test
    admin_password: str  # HTTP basic auth "admin:<it>" on com.atproto.admin.* of the PDS
    database_url: str  # the throwaway PostgreSQL database the AppView uses
    install_dir: Path
    startup_seconds: float
    info: dict  # the whole ready line from network.mjs
    process: subprocess.Popen = field(repr=False)
    _stderr: deque = field(repr=False, default_factory=lambda: deque(maxlen=400))
    _names: set = field(repr=False, default_factory=set)

    def xrpc(self, method: str, nsid: str, **kwargs: Any) -> Any:
        """An unauthenticated (or token=...) XRPC call on the PDS."""
        return xrpc(self.pds_url, method, nsid, **kwargs)

    def create_account(self, name: str = "user", *, unique: bool = True, password: str | None = None,
                       app_password: bool = True, wait_indexed: bool = True) -> Account:
        """com.atproto.server.createAccount on the PDS. The handle is <name>-<4 hex>.test (exactly
        <name>.test with unique=False). With app_password, also an app password for it. With
        wait_indexed, returns once the AppView serves the account's profile (a client that reads
        its own profile right after logging in, like the atproto SDK's login, then finds it)."""
        base = "".join(c for c in name.lower() if c.isalnum() or c == "-").strip("-") or "user"
        while True:
            # The PDS takes 3 to 18 characters before the domain.
            front = f"{base[:13]}-{secrets.token_hex(2)}" if unique else base
            if front not in self._names:
                break
        self._names.add(front)
        handle = f"{front}{self.handle_domain}"
        password = password or secrets.token_urlsafe(12)
        email = f"{front}@example.com"
        session = self.xrpc("POST", "com.atproto.server.createAccount",
                            body={"handle": handle, "email": email, "password": password})
        account = Account(handle=session["handle"], did=session["did"], password=password, email=email,
                          pds_url=self.pds_url, access_jwt=session["accessJwt"], refresh_jwt=session["refreshJwt"])
        if app_password:
            made = account.post("com.atproto.server.createAppPassword", {"name": "social-bridge"})
            account.app_password = made["password"]
        if wait_indexed:
            self.wait_for(lambda: _profile_served(account), timeout=30, what=f"the AppView to index {handle}")
        return account

    def wait_for(self, check, *, timeout: float = 30.0, interval: float = 0.2, what: str = "condition"):
        """Poll check() until it returns something truthy (returned); TimeoutError naming `what` if never."""
        deadline = time.monotonic() + timeout
        while True:
            value = check()
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
            if self.process.poll() is not None:
                raise NetworkStartError(f"the atproto network exited (code {self.process.returncode}) while "
                                        f"waiting for {what}; its stderr:\n{self.stderr_tail()}")
            time.sleep(interval)

    def login(self, identifier: str, password: str) -> dict:
        """com.atproto.server.createSession (handle or DID, account or app password)."""
        return self.xrpc("POST", "com.atproto.server.createSession",
                         body={"identifier": identifier, "password": password})

    def stderr_tail(self, lines: int = 40) -> str:
        return "\n".join(list(self._stderr)[-lines:])


def _profile_served(account: Account) -> bool:
    try:
        account.get("app.bsky.actor.getProfile", actor=account.did)
        return True
    except XrpcError as exc:
        if exc.status == 400:  # "Profile not found" until the AppView has indexed the account
            return False
        raise


# --- installing -------------------------------------------------------------------------------------

def install() -> Path:
    """Run install.sh (instant when cached); return the install folder. NetworkUnavailable on failure."""
    if not shutil.which("bash"):
        raise NetworkUnavailable("bash is not on PATH")
    try:
        done = subprocess.run(["bash", str(INSTALL_SH)], capture_output=True, text=True, timeout=INSTALL_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        raise NetworkUnavailable(f"{INSTALL_SH} took over {INSTALL_TIMEOUT:.0f}s") from exc
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-25:])
        raise NetworkUnavailable(f"the atproto network software could not be installed ({INSTALL_SH}):\n{tail}")
    lines = done.stdout.strip().splitlines()
    install_dir = Path(lines[-1]) if lines else None
    if not install_dir or not (install_dir / ".installed").is_file():
        raise NetworkUnavailable(f"{INSTALL_SH} printed no install folder: {done.stdout!r}")
    return install_dir


def node_binary(install_dir: Path) -> Path:
    return install_dir / "node_modules" / "node" / "bin" / "node"


# --- PostgreSQL -------------------------------------------------------------------------------------

def _pg_server(pg_url: str | None) -> dict:
    """Connection keywords for the server of pg_url (default: TEST_DATABASE_URL), database left out."""
    from sqlalchemy.engine import make_url

    url = make_url(pg_url or os.environ.get("TEST_DATABASE_URL") or DEFAULT_PG_URL)
    return {k: v for k, v in {"host": url.host or "127.0.0.1", "port": url.port or 5432,
                               "user": url.username or "postgres", "password": url.password}.items() if v is not None}


def _pg_admin(server: dict):
    import psycopg2

    try:
        conn = psycopg2.connect(dbname="postgres", connect_timeout=3, **server)
    except psycopg2.Error as exc:
        where = f"{server.get('user')}@{server.get('host')}:{server.get('port')}"
        raise NetworkUnavailable(f"PostgreSQL is not reachable at {where} (set TEST_DATABASE_URL): {exc}".strip()) from exc
    conn.autocommit = True
    return conn


def _drop_stale_databases(cur) -> None:
    """Databases left by runs that were killed before their clean-up (name carries the creation time)."""
    cur.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", (DB_PREFIX + "%",))
    now = time.time()
    for (name,) in cur.fetchall():
        parts = name.split("_")
        if len(parts) == 3 and parts[1].isdigit() and now - int(parts[1]) > STALE_DB_SECONDS:
            try:
                cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
            except Exception:  # in use or already gone: leave it
                pass


@contextmanager
def throwaway_database(pg_url: str | None = None) -> Iterator[str]:
    """A new, empty PostgreSQL database; yields its postgresql:// URL and drops it afterwards."""
    server = _pg_server(pg_url)
    name = f"{DB_PREFIX}{int(time.time())}_{secrets.token_hex(4)}"
    conn = _pg_admin(server)
    try:
        with conn.cursor() as cur:
            _drop_stale_databases(cur)
            cur.execute(f'CREATE DATABASE "{name}"')
    finally:
        conn.close()
    auth = server["user"] + (f":{server['password']}" if "password" in server else "")
    try:
        yield f"postgresql://{auth}@{server['host']}:{server['port']}/{name}"
    finally:
        conn = _pg_admin(server)
        try:
            with conn.cursor() as cur:
                cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            conn.close()


# --- the network process ----------------------------------------------------------------------------

def _stop(process: subprocess.Popen) -> None:
    """Close stdin (network.mjs then runs network.close()); SIGTERM, then SIGKILL if it lingers."""
    if process.poll() is None:
        try:
            process.stdin.close()
        except OSError:
            pass
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)


@contextmanager
def atproto_network(*, pg_url: str | None = None, timeout: float = START_TIMEOUT) -> Iterator[AtprotoNetwork]:
    """Install (cached), start and yield an AtprotoNetwork; close it and drop its database afterwards.

    Raises NetworkUnavailable when node/npm or PostgreSQL are missing or the install fails, and
    NetworkStartError when the network itself does not come up within `timeout` seconds.
    """
    install_dir = install()
    node = node_binary(install_dir)
    with throwaway_database(pg_url) as database_url:
        env = {**os.environ, "ATPROTO_INSTALL_DIR": str(install_dir), "DB_POSTGRES_URL": database_url,
               "DB_POSTGRES_SCHEMA": "net"}
        env.pop("ATP_DATA_DIR", None)
        started = time.monotonic()
        process = subprocess.Popen([str(node), str(NETWORK_MJS)], cwd=ATPROTO_DIR, env=env, stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1,
                                   start_new_session=True)
        stderr: deque = deque(maxlen=400)
        ready: dict = {}
        got_ready = threading.Event()

        log_path = os.environ.get("ATPROTO_NETWORK_LOG")
        log = open(log_path, "a", buffering=1) if log_path else None

        def read_stderr():
            for line in process.stderr:
                stderr.append(line.rstrip("\n"))
                if log:
                    log.write(line)

        def read_stdout():
            # The ready line is the JSON object with "ready": true; anything else on stdout is a log line
            # (with LOG_ENABLED=true some services' pino loggers write to stdout whatever network.mjs does).
            for line in process.stdout:
                if not got_ready.is_set() and line.startswith('{"ready":true'):
                    try:
                        ready.update(json.loads(line))
                        got_ready.set()
                        continue
                    except ValueError:
                        pass
                stderr.append(line.rstrip("\n"))
                if log:
                    log.write(line)
            got_ready.set()  # stdout closed: the process is gone

        readers = [threading.Thread(target=read_stderr, daemon=True), threading.Thread(target=read_stdout, daemon=True)]
        for reader in readers:
            reader.start()
        try:
            got_ready.wait(timeout)
            if not ready:
                if got_ready.is_set():  # stdout closed without the ready line: the process is ending
                    try:
                        process.wait(5)
                    except subprocess.TimeoutExpired:
                        pass
                status = (f"exited with code {process.poll()}" if process.poll() is not None
                          else f"did not report ready within {timeout:.0f}s")
                if process.poll() is not None:
                    readers[0].join(2)  # the stderr reader's last lines
                tail = "\n".join(list(stderr)[-40:])
                raise NetworkStartError(f"the atproto network ({NETWORK_MJS.name}) {status}; its stderr:\n{tail}")
            net = AtprotoNetwork(
                pds_url=ready["pds"], appview_url=ready["appview"], plc_url=ready["plc"], ozone_url=ready["ozone"],
                pds_did=ready["pds_did"], appview_did=ready["appview_did"], ozone_did=ready["ozone_did"],
                handle_domain=ready["handle_domain"], admin_password=ready["admin_password"],
                database_url=database_url, install_dir=install_dir,
                startup_seconds=round(time.monotonic() - started, 2), info=ready, process=process, _stderr=stderr)
            yield net
        finally:
            _stop(process)
            if ready.get("data_dir"):  # network.mjs removes it itself unless it was killed
                shutil.rmtree(ready["data_dir"], ignore_errors=True)
            for reader in readers:
                reader.join(5)
            if log:
                log.close()


# --- pytest -----------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def atproto_net() -> Iterator[AtprotoNetwork]:
    """One real atproto network for the whole test session (tests make their own accounts)."""
    try:
        manager = atproto_network()
        net = manager.__enter__()
    except NetworkUnavailable as exc:
        from tests.conftest import need_service  # the project's one rule: skip locally, fail with CI set

        need_service("the atproto network", False, str(exc))
    try:
        yield net
    finally:
        manager.__exit__(None, None, None)
