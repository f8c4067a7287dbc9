"""A local django-helpdesk for development (`make run`) and end-to-end tests.

django-helpdesk runs in its own virtualenv (.venv-helpdesk) from the Django project in
docker/django-helpdesk, as a subprocess on loopback with a SQLite database under a data directory.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import requests

REPO_DIR = Path(__file__).resolve().parent.parent
HELPDESK_PROJECT_DIR = REPO_DIR / "docker" / "django-helpdesk"
START_TIMEOUT = 60.0


def default_helpdesk_python() -> str:
    return os.environ.get("HELPDESK_PYTHON") or str(REPO_DIR / ".venv-helpdesk" / "bin" / "python")


class HelpdeskStartError(RuntimeError):
    """The local helpdesk could not be set up or did not come up; the message has the log tail."""


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
        self._log_file = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/helpdesk"

    @property
    def template_db_path(self) -> Path:
        requirements = (HELPDESK_PROJECT_DIR / "requirements.txt").read_bytes()
        return self.data_dir / f"template-{hashlib.sha256(requirements).hexdigest()[:12]}.sqlite3"

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> HelpdeskSeed:
        if self._process is not None:
            raise HelpdeskStartError("the local helpdesk is already running")
        if not Path(self.python).is_file():
            raise HelpdeskStartError(f"no helpdesk python at {self.python} (run `make helpdesk-env`)")
        self._check_port_free()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._prepare_database()
        self.seed = self._run_seed()
        self._start_server()
        self._wait_until_ready()
        return self.seed

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

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
            raise HelpdeskStartError(f"seed printed no ids: {output[-500:]!r}") from exc

    def _check_port_free(self) -> None:
        # Otherwise the readiness poll could get its 200 from whatever already holds the port.
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", self.port))
            except OSError as exc:
                raise HelpdeskStartError(f"port {self.port} on 127.0.0.1 is in use") from exc

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

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        headers = {"Authorization": f"Token {self.bridge_token}"}
        problem = "no answer"
        while self._process.poll() is None and time.monotonic() < deadline:
            try:
                response = requests.get(f"{self.url}/api/tickets/", headers=headers, timeout=2)
                if response.status_code == 200:
                    return
                problem = f"GET /api/tickets/ answered HTTP {response.status_code}"
            except requests.RequestException as exc:
                problem = type(exc).__name__
            time.sleep(0.1)
        if self._process.poll() is not None:
            problem = f"runserver exited with code {self._process.returncode}"
        else:
            problem = f"not ready within {START_TIMEOUT:.0f} s (last: {problem})"
        self.stop()
        raise HelpdeskStartError(f"local helpdesk on port {self.port}: {problem}\n{self.log_tail()}")

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
            raise HelpdeskStartError(f"local helpdesk {what} took longer than {START_TIMEOUT:.0f} s") from exc
        if result.returncode != 0:
            tail = "\n".join((result.stdout + result.stderr).splitlines()[-30:])
            raise HelpdeskStartError(f"local helpdesk {what} failed (exit {result.returncode}):\n{tail}")
        return result.stdout
