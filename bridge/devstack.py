"""The whole loop on one machine: `make run`, end-to-end tests and benchmarks use it.

django-helpdesk runs in its own virtualenv (.venv-helpdesk) from the Django project in
docker/django-helpdesk, as a subprocess on loopback with a SQLite database under a data directory.
The bridge runs as `social-bridge serve` (and, with Redis, `worker`) subprocesses wired to it both
ways: tickets through its REST API, agent follow-ups back through its webhook.
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import requests
import yaml

REPO_DIR = Path(__file__).resolve().parent.parent
HELPDESK_PROJECT_DIR = REPO_DIR / "docker" / "django-helpdesk"
HELPDESK_PLUGIN_APP_DIR = REPO_DIR / "bridge" / "helpdesks" / "django_helpdesk" / "plugin" / "social_bridge_helpdesk"
START_TIMEOUT = 60.0


def default_helpdesk_python() -> str:
    return os.environ.get("HELPDESK_PYTHON") or str(REPO_DIR / ".venv-helpdesk" / "bin" / "python")


class StartError(RuntimeError):
    """A local process (helpdesk or bridge) could not be set up or did not come up; the message has the log tail."""


@dataclass(frozen=True)
class HelpdeskSeed:
    """Ids the seed script reports: the "Social" queue, the bridge's API user and the agent login."""

    queue_id: int
    bridge_user_id: int
    agent_user_id: int


class LocalHelpdesk:
    """django-helpdesk on 127.0.0.1:<port>. Keeps its database in data_dir, so a restart keeps tickets.

    A fresh database is a copy of a migrated template kept in data_dir (migrating takes seconds,
    copying milliseconds); the template's name carries a digest of requirements.txt, so a
    different django-helpdesk version migrates a new one.
    """

    def __init__(
        self,
        python: str,
        port: int,
        data_dir: Path,
        followup_webhook_url: str,
        bridge_token: str,
        agent_password: str,
    ) -> None:
        self.python = python
        self.port = port
        self.data_dir = Path(data_dir)
        self.followup_webhook_url = followup_webhook_url
        self.bridge_token = bridge_token
        self.agent_password = agent_password
        self.db_path = self.data_dir / "helpdesk.sqlite3"
        self.log_path = self.data_dir / "helpdesk.log"
        self.seed: HelpdeskSeed | None = None
        self._process: subprocess.Popen | None = None
        self._log_file: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/helpdesk"

    @property
    def template_db_path(self) -> Path:
        # What migrate writes depends on the pinned packages and on what the bridge's app creates after it.
        digest = hashlib.sha256((HELPDESK_PROJECT_DIR / "requirements.txt").read_bytes())
        for name in ("setup.py", "canned_replies.json"):
            digest.update((HELPDESK_PLUGIN_APP_DIR / name).read_bytes())
        return self.data_dir / f"template-{digest.hexdigest()[:12]}.sqlite3"

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> HelpdeskSeed:
        if self._process is not None:
            raise StartError("the local helpdesk is already running")
        if not Path(self.python).is_file():
            raise StartError(f"no helpdesk python at {self.python} (run `make helpdesk-env`)")
        self._check_port_free()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._prepare_database()
        self.seed = self._run_seed()
        self._start_server()
        self._wait_until_ready()
        return self.seed

    def stop(self) -> None:
        _stop(self._process, self._log_file)
        self._process, self._log_file = None, None

    def __enter__(self) -> LocalHelpdesk:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    # -- steps -------------------------------------------------------------------------------
    def _prepare_database(self) -> None:
        if self.db_path.exists():
            self._manage("migrate", "--noinput", "-v0")  # about 0.5 s when there is nothing to do
            return
        template = self.template_db_path
        if not template.exists():
            # Migrate under a temporary name so an interrupted run never leaves a half template.
            partial = template.with_suffix(".partial")
            partial.unlink(missing_ok=True)
            self._manage("migrate", "--noinput", "-v0", db_path=partial)
            partial.replace(template)
        shutil.copyfile(template, self.db_path)

    def _run_seed(self) -> HelpdeskSeed:
        output = self._run([self.python, "seed.py"], what="seed")
        try:
            ids = json.loads(output.strip().splitlines()[-1])
            return HelpdeskSeed(ids["queue_id"], ids["bridge_user_id"], ids["agent_user_id"])
        except (IndexError, ValueError, KeyError) as exc:
            raise StartError(f"seed printed no ids: {output[-500:]!r}") from exc

    def _check_port_free(self) -> None:
        # Otherwise the readiness poll could get its 200 from whatever already holds the port.
        with socket.socket() as probe:
            # SO_REUSEADDR as runserver uses it: a port left in TIME_WAIT by our own last run is free.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", self.port))
            except OSError as exc:
                raise StartError(f"port {self.port} on 127.0.0.1 is in use") from exc

    def _start_server(self) -> None:
        self._log_file = open(self.log_path, "ab")
        self._process = subprocess.Popen(
            # --noreload: the process we hold is the one serving, so terminate() stops it.
            [self.python, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=HELPDESK_PROJECT_DIR,
            env=self._env(),
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )

    def _started(self) -> subprocess.Popen:
        if self._process is None:
            raise StartError("not started")
        return self._process

    def _wait_until_ready(self) -> None:
        process = self._started()
        deadline = time.monotonic() + START_TIMEOUT
        headers = {"Authorization": f"Token {self.bridge_token}"}
        problem = "no answer"
        while process.poll() is None and time.monotonic() < deadline:
            try:
                response = requests.get(f"{self.url}/api/tickets/", headers=headers, timeout=2)
                if response.status_code == 200:
                    return
                problem = f"GET /api/tickets/ answered HTTP {response.status_code}"
            except requests.RequestException as exc:
                problem = type(exc).__name__
            time.sleep(0.1)
        if process.poll() is not None:
            problem = f"runserver exited with code {process.returncode}"
        else:
            problem = f"not ready within {START_TIMEOUT:.0f} s (last: {problem})"
        self.stop()
        raise StartError(f"local helpdesk on port {self.port}: {problem}\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        if not self.log_path.exists():
            return "(no log)"
        with open(self.log_path, errors="replace") as log:
            return "".join(deque(log, maxlen=lines))

    # -- subprocesses ------------------------------------------------------------------------
    def _env(self, db_path: Path | None = None) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            HD_DB=str(db_path or self.db_path),
            HD_SECRET_KEY=self._secret_key(),
            HD_FOLLOWUP_WEBHOOK=self.followup_webhook_url,
            HD_BRIDGE_TOKEN=self.bridge_token,
            HD_AGENT_PASSWORD=self.agent_password,
            PYTHONUNBUFFERED="1",  # the log file shows requests as they happen
        )
        env.pop("DJANGO_SETTINGS_MODULE", None)  # manage.py sets its own
        return env

    def _secret_key(self) -> str:
        # One random key per data directory: agents' sessions survive a restart.
        path = self.data_dir / "secret_key"
        if not path.exists():
            with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as key_file:
                key_file.write(os.urandom(32).hex())
        return path.read_text().strip()

    def _manage(self, *args: str, db_path: Path | None = None) -> str:
        return self._run([self.python, "manage.py", *args], what=args[0], db_path=db_path)

    def _run(self, command: list[str], *, what: str, db_path: Path | None = None) -> str:
        try:
            result = subprocess.run(
                command,
                cwd=HELPDESK_PROJECT_DIR,
                env=self._env(db_path),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=START_TIMEOUT,
            )
        except subprocess.TimeoutExpired as exc:
            raise StartError(f"local helpdesk {what} took longer than {START_TIMEOUT:.0f} s") from exc
        if result.returncode != 0:
            tail = "\n".join((result.stdout + result.stderr).splitlines()[-30:])
            raise StartError(f"local helpdesk {what} failed (exit {result.returncode}):\n{tail}")
        return result.stdout


class BridgeProcess:
    """One `social-bridge` command (serve, worker, beat) as a subprocess with its log in data_dir."""

    def __init__(self, command: list[str], env: dict[str, str], log_path: Path, ready_url: str | None = None):
        self.command = command
        self.env = env
        self.log_path = log_path
        self.ready_url = ready_url
        self._process: subprocess.Popen | None = None
        self._log_file: IO[bytes] | None = None

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log_file = open(self.log_path, "ab")
        self._process = subprocess.Popen(
            [sys.executable, "-m", "bridge.cli", *self.command], cwd=REPO_DIR, env=self.env,
            stdin=subprocess.DEVNULL, stdout=self._log_file, stderr=subprocess.STDOUT)
        if self.ready_url:
            self._wait_until_ready()

    def _started(self) -> subprocess.Popen:
        if self._process is None:
            raise StartError("not started")
        return self._process

    def _wait_until_ready(self) -> None:
        process, url = self._started(), self.ready_url or ""
        deadline = time.monotonic() + START_TIMEOUT
        while process.poll() is None and time.monotonic() < deadline:
            try:
                if requests.get(url, timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        code = process.poll()
        self.stop()
        with open(self.log_path, errors="replace") as log:
            tail = "".join(deque(log, maxlen=30))
        raise StartError(f"social-bridge {self.command[0]} {'exited with code ' + str(code) if code is not None else 'did not come up'}:\n{tail}")

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def stop(self) -> None:
        _stop(self._process, self._log_file)
        self._process, self._log_file = None, None


class LocalStack:
    """django-helpdesk + the bridge (+ Celery worker and beat when redis_url is given), on loopback."""

    def __init__(self, data_dir: Path, *, bridge_port: int, helpdesk_port: int, agent_password: str = "agent-pass",
                 database_url: str | None = None, redis_url: str | None = None, threads: int = 8,
                 helpdesk_python: str | None = None, mappings_dir: Path | None = None,
                 extra_config: dict[str, Any] | None = None, extra_accounts: list[dict] | None = None):
        self.data_dir = Path(data_dir)
        self.mappings_dir = Path(mappings_dir) if mappings_dir else REPO_DIR / "mappings"
        self.bridge_port = bridge_port
        self.database_url = database_url or f"sqlite:///{self.data_dir / 'bridge.db'}"
        self.redis_url = redis_url
        self.threads = threads
        self.bridge_token = _persistent_secret(self.data_dir / "bridge_token", 20)  # 40 hex chars: DRF's size
        self.webhook_token = _persistent_secret(self.data_dir / "webhook_token", 24)
        self.sandbox_secret = _persistent_secret(self.data_dir / "sandbox_secret", 24)
        self.helpdesk = LocalHelpdesk(
            python=helpdesk_python or default_helpdesk_python(), port=helpdesk_port, data_dir=self.data_dir / "helpdesk",
            followup_webhook_url=f"{self.bridge_url}/webhooks/helpdesk/django-helpdesk?token={self.webhook_token}",
            bridge_token=self.bridge_token, agent_password=agent_password)
        self.agent_password = agent_password
        self.mappings_dir = Path(mappings_dir) if mappings_dir else REPO_DIR / "mappings"
        self.extra_config = dict(extra_config or {})  # more top-level config keys (review rules, admin token…)
        self.config_path = self.data_dir / "bridge.yaml"
        self.processes: dict[str, BridgeProcess] = {}
        self.extra_accounts = list(extra_accounts or [])  # other platforms' accounts, beside the sandbox

    @property
    def bridge_url(self) -> str:
        return f"http://127.0.0.1:{self.bridge_port}"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(BRIDGE_CONFIG=str(self.config_path), DATABASE_URL=self.database_url,
                   BRIDGE_DATA_DIR=str(self.data_dir), BRIDGE_MAPPINGS_DIR=str(self.mappings_dir),
                   PYTHONUNBUFFERED="1")
        env.pop("REDIS_URL", None)
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        return env

    def write_config(self) -> None:
        seed = self.helpdesk.seed
        if seed is None:
            raise StartError("django-helpdesk is not seeded yet")
        config = {
            "public_url": self.bridge_url,
            "helpdesk": {"kind": "django-helpdesk", "url": self.helpdesk.url, "token": self.bridge_token,
                         "queues": {"Social": seed.queue_id}, "bridge_user_id": seed.bridge_user_id,
                         "webhook_token": self.webhook_token},
            "accounts": [{"channel": "sandbox", "name": "demo", "secret": self.sandbox_secret,
                          "base_url": self.bridge_url}, *self.extra_accounts],
            **self.extra_config,
        }
        self.config_path.write_text(yaml.safe_dump(config, sort_keys=False))
        self.config_path.chmod(0o600)

    def start(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.helpdesk.start()
        self.write_config()
        self.start_bridge()

    def start_bridge(self) -> None:
        logs = self.data_dir / "logs"
        if self.redis_url:
            self.start_process("worker", ["worker", "--concurrency", "2"], logs / "worker.log")
            self.start_process("beat", ["beat"], logs / "beat.log")
        self.start_process("serve", ["serve", "--port", str(self.bridge_port), "--threads", str(self.threads)],
                           logs / "serve.log", ready_url=f"{self.bridge_url}/healthz")

    def create_admin(self, username: str, password: str) -> None:
        """A console user (`social-bridge admin create`), for the admin console at /admin/."""
        done = subprocess.run([sys.executable, "-m", "bridge.cli", "admin", "create", username, "--password-stdin"],
                              cwd=REPO_DIR, env=self.env(), input=password + "\n", text=True, capture_output=True,
                              timeout=60)
        if done.returncode != 0:
            raise StartError(f"social-bridge admin create failed: {done.stderr.strip()[-500:]}")

    def start_process(self, name: str, command: list[str], log_path: Path, ready_url: str | None = None) -> BridgeProcess:
        process = BridgeProcess(command, self.env(), log_path, ready_url)
        self.processes[name] = process
        process.start()
        return process

    def stop(self) -> None:
        for process in reversed(list(self.processes.values())):
            process.stop()
        self.processes.clear()
        self.helpdesk.stop()

    def __enter__(self) -> LocalStack:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()


def _stop(process: subprocess.Popen | None, log_file, timeout: float = 15.0) -> None:
    """Terminate a subprocess (kill it if it lingers) and close its log."""
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if log_file is not None:
        log_file.close()


@contextmanager
def throwaway_schema(admin_url: str, prefix: str) -> Iterator[str]:
    """A new PostgreSQL schema, dropped afterwards; yields a DATABASE_URL whose search_path points at it
    (for tests and benchmarks that must not touch anything else in the database)."""
    from sqlalchemy import create_engine, text

    schema = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{admin_url}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _persistent_secret(path: Path, nbytes: int) -> str:
    """A random secret kept in the data directory, so restarts keep the wiring."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
            handle.write(secrets.token_hex(nbytes))
    return path.read_text().strip()


def main() -> int:
    """`make run`: the whole loop on embedded defaults, until Ctrl-C."""
    # SIGTERM (a process manager, `timeout`) should stop the children too, as Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    data_dir = Path(os.environ.get("BRIDGE_DEV_DIR", REPO_DIR / "var" / "devstack"))
    stack = LocalStack(data_dir, bridge_port=int(os.environ.get("BRIDGE_PORT", "8000")),
                       helpdesk_port=int(os.environ.get("HD_PORT", "8765")),
                       agent_password=os.environ.get("HD_AGENT_PASSWORD", "agent-pass"))
    print("Starting django-helpdesk and the bridge (first start migrates the helpdesk: a few seconds)…", flush=True)
    admin_password = os.environ.get("BRIDGE_ADMIN_PASSWORD", "dev-only-admin-pass")
    try:
        stack.start()
        stack.create_admin("admin", admin_password)
    except StartError as exc:
        print(f"could not start: {exc}", file=sys.stderr)
        stack.stop()
        return 1
    print(f"""
  Social Helpdesk Bridge is running (SQLite, embedded queue, sandbox channel, django-helpdesk).

  Sandbox (post as a customer):  {stack.bridge_url}/sandbox/
  Helpdesk (answer as an agent): {stack.helpdesk.url}/login/   login: agent / {stack.agent_password}
  Admin console:                 {stack.bridge_url}/admin/   login: admin / {admin_password}
  Bridge health:                 {stack.bridge_url}/healthz
  Bridge metrics:                {stack.bridge_url}/metrics
  Logs and data:                 {data_dir}

  Post in the sandbox, open the ticket in the helpdesk, reply there with "Send to the customer"
  switched on (follow-ups are internal notes unless you do), and the reply shows up on the
  sandbox timeline. Ctrl-C stops everything.
""", flush=True)
    try:
        while all(p.running for p in stack.processes.values()):
            time.sleep(1)
        print("the bridge stopped; see the logs above", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nstopping…")
        return 0
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
