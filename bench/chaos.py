"""Chaos benchmark: nothing lost, nothing posted twice, under faults.

    python bench/chaos.py [--posts 500] [--mode celery|embedded|both] [--kills 10]   (from the repo root)

A fake Zammad and a fake X API run in this process on loopback (127.0.0.1) and record every call. The
bridge runs as real processes:
    celery:   `serve` + 2 Celery workers + beat, on PostgreSQL (a throwaway schema) and a Redis server of
              its own (another port, so nothing else that uses Redis is disturbed);
    embedded: `serve` alone, SQLite and the embedded queue (the default set-up).
N signed X mentions go in through the webhook (resent until acknowledged, as X does); for each ticket the
fake Zammad holds, an agent reply goes in through the helpdesk webhook. Meanwhile the benchmark
    - kills a worker (celery) or `serve` (embedded) with SIGKILL at least --kills times, restarting it,
    - restarts Redis once (celery),
    - switches both fakes between their failure modes: 503, 429 with Retry-After, answering too late
      (after doing the work), down (connection refused), and doing the work then dropping the connection.
The faults come in two windows (--chaos-seconds each): while the posts become tickets, and while the
replies go out. Then every fake answers normally and the benchmark waits until the bridge has settled
everything.

It prints, beside the goals: posts sent / tickets created / lost / duplicated; replies / public posts / lost /
duplicated / ambiguous (outcome unknown to the bridge, and so told to the agent); time to settle. It exits 1
when anything was lost or duplicated, or an ambiguous send was not shown to the agent. Not part of
`make test`: a run takes several minutes (a killed worker's lease runs 120 s before its work is offered
again). It is bounded: every wait has a deadline, and every process it starts is stopped at the end.
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import hmac
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from abc import ABC, abstractmethod
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import requests
import yaml

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))  # `python bench/chaos.py` puts bench/, not the repo, on sys.path

from bridge.channels.x.channel import SIGNATURE_HEADER, sign  # noqa: E402
from bridge.devstack import throwaway_schema  # noqa: E402

X_FIXTURE = REPO_DIR / "tests" / "fixtures" / "x" / "xaa_post_mention_create.json"
BRAND_USER_ID = "1111111111111111111"
FAULT_MODES = ("503", "429", "slow", "down", "drop")
SLOW_SECONDS = 3.0  # the bridge gives up waiting after BRIDGE_READ_TIMEOUT (set to 2 s below)
PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")
UNKNOWN_OUTCOME_NOTES = ("Reply status unknown",)
ABORT = threading.Event()  # Ctrl-C or SIGTERM: every loop ends, every process started is stopped


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- fakes ------------------------------------------------------------------------------------------
class Fake(ABC):
    """A loopback HTTP server whose answers follow its mode: ok, 503, 429 (Retry-After: 1), slow (does the
    work, answers after SLOW_SECONDS), down (not listening: connection refused), drop (does the work, closes
    the connection without an answer). Subclasses implement handle(method, path, query, body)."""

    def __init__(self, name: str):
        self.name = name
        self.port = free_port()
        self.mode = "ok"
        self.lock = threading.RLock()
        self.calls: list[tuple[str, str, str]] = []  # (method, path, mode)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                mode = fake.mode
                with fake.lock:
                    fake.calls.append((self.command, parts.path, mode))
                if mode == "503":
                    return self._answer(503, {"error": "service unavailable"})
                if mode == "429":
                    return self._answer(429, {"error": "rate limited"}, {"Retry-After": "1"})
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:
                    return self._answer(400, {"error": "not JSON"})
                status, answer = fake.handle(self.command, parts.path, parse_qs(parts.query), body)
                if mode == "drop":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)  # the work is done; the answer never comes
                    return None
                if mode == "slow":
                    time.sleep(SLOW_SECONDS)
                return self._answer(status, answer)

            def _answer(self, status: int, body, headers: dict | None = None) -> None:
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for key, value in (headers or {}).items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    self.close_connection = True  # the client went away (it timed out)

            do_GET = do_POST = do_PUT = _any

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address) -> None:
                pass  # a client that gave up waiting (the slow mode) resets its connection: expected here

        self._server = Server(("127.0.0.1", self.port), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, name=f"fake-{self.name}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def set_mode(self, mode: str) -> None:
        if mode == "down" and self._server is not None:
            self.stop()
        elif mode != "down" and self._server is None:
            self.start()
        self.mode = mode

    @abstractmethod
    def handle(self, method: str, path: str, query: dict, body) -> tuple[int, object]:
        """The fake's answer to one request: (status, JSON body)."""


class FakeZammad(Fake):
    """The part of Zammad's REST API the bridge uses, in memory."""

    def __init__(self):
        super().__init__("zammad")
        self.users: dict[str, int] = {}
        self.tickets: dict[int, dict] = {}
        self.articles: dict[int, dict] = {}
        self._ids = iter(range(1000, 10**9))

    def handle(self, method, path, query, body):
        with self.lock:
            if method == "GET" and path == "/api/v1/users/search":
                login = query.get("query", [""])[0].removeprefix("login:").strip('"').replace("\\", "")
                return 200, [{"id": uid, "login": name} for name, uid in self.users.items() if name == login]
            if method == "POST" and path == "/api/v1/users":
                uid = self.users.setdefault(body["login"], next(self._ids))
                return 201, {"id": uid, "login": body["login"]}
            if method == "POST" and path == "/api/v1/tickets":
                ticket_id = next(self._ids)
                customer = body.get("customer")  # a customer hash: the user with that login, else a new one
                customer_id = self.users.setdefault(customer["login"].lower(), next(self._ids)) if customer \
                    else body["customer_id"]
                article = self._article(ticket_id, body["article"])
                self.tickets[ticket_id] = {"id": ticket_id, "customer_id": customer_id, "articles": [article]}
                return 201, {"id": ticket_id, "number": str(ticket_id), "customer_id": customer_id,
                             "article_ids": [article]}
            if method == "GET" and path == "/api/v1/tickets/search":
                customer = int(query.get("condition[ticket.customer_id][value]", ["0"])[0])
                found = [t for t in self.tickets.values() if t["customer_id"] == customer]
                return 200, [{"id": t["id"]} for t in sorted(found, key=lambda t: -t["id"])][:10]
            match = re.fullmatch(r"/api/v1/tickets/(\d+)", path)
            if match and method in ("GET", "PUT"):
                return 200, {"id": int(match.group(1)), "state": "open"}
            if method == "POST" and path == "/api/v1/ticket_articles":
                ticket_id = int(body["ticket_id"])
                if ticket_id not in self.tickets:
                    return 404, {"error": "no such ticket"}
                article = self._article(ticket_id, body)
                self.tickets[ticket_id]["articles"].append(article)
                return 201, {"id": article, "ticket_id": ticket_id}
            match = re.fullmatch(r"/api/v1/ticket_articles/by_ticket/(\d+)", path)
            if match and method == "GET":
                ticket = self.tickets.get(int(match.group(1)))
                return (200, [self.articles[a] for a in ticket["articles"]]) if ticket else (404, {"error": "none"})
            if method == "POST" and path == "/api/v1/tags/add":
                return 200, True
        return 404, {"error": f"no route {method} {path}"}

    def _article(self, ticket_id: int, body: dict) -> int:
        article_id = next(self._ids)
        self.articles[article_id] = {"id": article_id, "ticket_id": ticket_id, "body": body.get("body", ""),
                                     "internal": bool(body.get("internal")), "message_id": body.get("message_id")}
        return article_id


class FakeX(Fake):
    """X API v2's POST /2/tweets, in memory."""

    def __init__(self):
        super().__init__("x")
        self.posts: list[dict] = []
        self._ids = iter(range(3_000_000_000_000_000_000, 4_000_000_000_000_000_000))

    def handle(self, method, path, query, body):
        if method == "POST" and path == "/2/tweets":
            with self.lock:
                post = {"id": str(next(self._ids)), "text": body.get("text", "")}
                self.posts.append(post)
            return 201, {"data": post}
        return 404, {"errors": [{"message": f"no route {method} {path}"}]}


# -- the bridge's processes -------------------------------------------------------------------------
class Process:
    """A `social-bridge` command in its own process group, so SIGKILL takes its children (Celery's pool) too."""

    def __init__(self, name: str, args: list[str], env: dict, log_dir: Path, ready_url: str | None = None):
        self.name, self.args, self.env, self.ready_url = name, args, env, ready_url
        self.log_path = log_dir / f"{name}.log"
        self.popen: subprocess.Popen | None = None

    def start(self) -> None:
        log = open(self.log_path, "ab")
        self.popen = subprocess.Popen([sys.executable, "-m", "bridge.cli", *self.args], cwd=REPO_DIR, env=self.env,
                                      stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                      start_new_session=True)
        log.close()
        if self.ready_url:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and self.popen.poll() is None:
                try:
                    if requests.get(self.ready_url, timeout=1).status_code == 200:
                        return
                except requests.RequestException:
                    time.sleep(0.2)
            raise RuntimeError(f"{self.name} did not come up; see {self.log_path}")

    def kill(self) -> None:
        if self.popen and self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait()

    def stop(self) -> None:
        if self.popen and self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


class OwnRedis:
    """A redis-server of the benchmark's own on a free loopback port (no persistence)."""

    def __init__(self, data_dir: Path):
        self.port = free_port()
        self.data_dir = data_dir
        self.popen: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.popen = subprocess.Popen(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                       "--appendonly", "no", "--dir", str(self.data_dir)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def restart(self) -> None:
        self.stop(kill=True)  # whatever it held is gone: the sweep must offer it again
        self.start()

    def stop(self, kill: bool = False) -> None:
        if self.popen and self.popen.poll() is None:
            self.popen.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
            self.popen.wait(timeout=15)


# -- the run ----------------------------------------------------------------------------------------
@dataclass
class Result:
    mode: str
    posts: int = 0
    tickets: int = 0
    posts_lost: int = 0
    posts_duplicated: int = 0
    replies: int = 0
    public_posts: int = 0
    replies_lost: int = 0
    replies_duplicated: int = 0
    ambiguous: int = 0
    ambiguous_not_shown: int = 0
    kills: int = 0
    redis_restarts: int = 0
    fault_switches: int = 0
    chaos_seconds: float = 0.0
    settle_seconds: float = 0.0
    settled: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.settled and not (self.posts_lost or self.posts_duplicated or self.replies_lost
                                     or self.replies_duplicated or self.ambiguous_not_shown)


def mention(n: int, run: str, secret: str) -> bytes:
    payload = json.loads(X_FIXTURE.read_text())
    event, post = payload["data"], payload["data"]["payload"]
    post_id = str(2_000_000_000_000_000_000 + int(run, 16) % 10**12 * 1000 + n)
    author = str(5_000_000_000_000_000_000 + int(run, 16) % 10**12 * 1000 + n)
    text = f"hey @ExampleUser order question chaos-post-{run}-{n:05d} please help"
    event["event_uuid"] = post_id
    post.update(id=post_id, conversation_id=post_id, edit_history_tweet_ids=[post_id], text=text, author_id=author,
                display_text_range=[0, len(text)])
    event["includes"]["tweets"][0].update(id=post_id, conversation_id=post_id, text=text, author_id=author)
    user = event["includes"]["users"][0]
    user.update(id=author, username=f"chaos{n}")
    payload = copy.deepcopy(payload)
    return json.dumps(payload, separators=(",", ":")).encode()


def agent_reply(ticket_id: int, n: int, run: str) -> bytes:
    return json.dumps({
        "ticket": {"id": ticket_id, "title": "t", "state": "open"},
        "article": {"id": 9_000_000 + n, "ticket_id": ticket_id, "sender": "Agent", "internal": False, "type": "social reply",
                    "content_type": "text/plain", "body": f"Sorry about that, sending a new one chaos-reply-{run}-{n:05d}",
                    "from": "Agent Smith", "created_by": {"login": "agent.smith@acme.test"}},
    }).encode()


def running(deadline: float) -> bool:
    return time.monotonic() < deadline and not ABORT.is_set()


def send_until_answered(url: str, body: bytes, headers: dict, deadline: float, accept) -> dict:
    """POST until the bridge acknowledges as `accept` wants (a platform redelivers until it gets a 2xx)."""
    while running(deadline):
        try:
            answer = requests.post(url, data=body, headers=headers, timeout=10)
            if answer.status_code == 200 and accept(answer.json()):
                return answer.json()
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"no acknowledgement from {url}")


def run_mode(mode: str, args, work_dir: Path) -> Result:
    result = Result(mode)
    run = secrets.token_hex(4)
    zammad, x = FakeZammad(), FakeX()
    zammad.start()
    x.start()
    data_dir = work_dir / mode
    data_dir.mkdir(parents=True)
    port = free_port()
    bridge = f"http://127.0.0.1:{port}"
    x_secret, zammad_secret = secrets.token_hex(16), secrets.token_hex(16)
    config = {
        "helpdesk": {"kind": "zammad", "url": zammad.url, "token": "chaos-token", "webhook_secret": zammad_secret,
                     "bridge_login": "bridge@acme.test"},
        "accounts": [{"channel": "x", "name": "chaos", "consumer_secret": x_secret, "access_token": "chaos",
                      "user_id": BRAND_USER_ID, "handle": "ExampleUser", "api_base": x.url}],
    }
    (data_dir / "bridge.yaml").write_text(yaml.safe_dump(config))
    env = {**os.environ, "BRIDGE_CONFIG": str(data_dir / "bridge.yaml"), "BRIDGE_DATA_DIR": str(data_dir),
           "BRIDGE_MAPPINGS_DIR": str(REPO_DIR / "mappings"), "BRIDGE_READ_TIMEOUT": "2", "PYTHONUNBUFFERED": "1"}
    env.pop("REDIS_URL", None)
    env.pop("DATABASE_URL", None)
    redis = OwnRedis(data_dir) if mode == "celery" else None
    processes: dict[str, Process] = {}
    schema = throwaway_schema(PG_URL, "bench_chaos") if mode == "celery" else None
    try:
        if mode == "celery":
            env["DATABASE_URL"] = schema.__enter__()
            redis.start()
            env["REDIS_URL"] = redis.url
        else:
            env["DATABASE_URL"] = f"sqlite:///{data_dir / 'bridge.db'}"
        processes["serve"] = Process("serve", ["serve", "--port", str(port), "--threads", "8"], env, data_dir,
                                     ready_url=f"{bridge}/livez")
        if mode == "celery":
            for i in (1, 2):
                processes[f"worker{i}"] = Process(f"worker{i}", ["worker", "--concurrency", "2"], env, data_dir)
            processes["beat"] = Process("beat", ["beat"], env, data_dir)
        for process in processes.values():
            process.start()
        result = drive(result, run, args, bridge, x_secret, zammad_secret, zammad, x, processes, redis, env)
    finally:
        for process in processes.values():
            process.stop()
        if redis:
            redis.stop()
        if schema is not None:
            schema.__exit__(None, None, None)
        zammad.stop()
        x.stop()
    return result


def drive(result: Result, run: str, args, bridge: str, x_secret: str, zammad_secret: str, zammad: FakeZammad,
          x: FakeX, processes: dict[str, Process], redis: OwnRedis | None, env: dict) -> Result:
    deadline = time.monotonic() + args.max_minutes * 60
    killable = [name for name in processes if name.startswith("worker")] or ["serve"]
    rng = random.Random(args.seed)

    replied: set[int] = set()  # posts whose agent reply the bridge has queued

    def faults(seconds: float, kills_goal: int) -> None:
        """Kill, restart Redis once, and switch the fakes' modes for `seconds` (longer until `kills_goal` kills);
        then everything answers normally again."""
        last_kill = started = time.monotonic()
        while time.monotonic() - started < seconds or result.kills < kills_goal:
            if not running(deadline):
                return
            for fake in (zammad, x):
                fake.set_mode(rng.choice(FAULT_MODES) if rng.random() < 0.6 else "ok")
                result.fault_switches += 1
            if time.monotonic() - last_kill >= args.kill_every:
                name = rng.choice(killable)
                processes[name].kill()
                result.kills += 1
                time.sleep(0.5)
                processes[name].start()
                last_kill = time.monotonic()
                if redis and result.redis_restarts == 0 and result.kills >= args.kills // 2:
                    redis.restart()
                    result.redis_restarts += 1
            time.sleep(args.fault_seconds)
        for fake in (zammad, x):
            fake.set_mode("ok")
        result.chaos_seconds += time.monotonic() - started

    def chaos_run() -> None:
        """Two windows of faults: while the posts become tickets, and while the replies go out."""
        faults(args.chaos_seconds, args.kills // 2)
        while running(deadline) and not replied:
            time.sleep(0.2)
        faults(args.chaos_seconds, args.kills)

    chaos = threading.Thread(target=chaos_run, name="chaos", daemon=True)
    chaos.start()

    def post(n: int) -> None:
        body = mention(n, run, x_secret)
        send_until_answered(f"{bridge}/webhooks/x/chaos", body,
                            {"Content-Type": "application/json", SIGNATURE_HEADER: sign(x_secret, body)}, deadline,
                            lambda answer: answer.get("status") in ("accepted", "duplicate"))

    with ThreadPoolExecutor(4) as pool:
        try:
            list(pool.map(post, range(args.posts)))
        except BaseException:
            ABORT.set()  # Ctrl-C: let the other threads end before the pool waits for them
            raise
    result.posts = args.posts

    # One agent reply per post, once its ticket is in the helpdesk and known to the bridge.

    def reply(n: int) -> None:
        token = f"chaos-post-{run}-{n:05d}"
        while running(deadline):
            with zammad.lock:
                tickets = [t["id"] for t in zammad.tickets.values() if token in zammad.articles[t["articles"][0]]["body"]]
            for ticket_id in tickets:
                body = agent_reply(ticket_id, n, run)
                headers = {"Content-Type": "application/json",
                           "X-Hub-Signature": "sha1=" + hmac.new(zammad_secret.encode(), body, hashlib.sha1).hexdigest()}
                try:
                    answer = requests.post(f"{bridge}/webhooks/helpdesk/zammad", data=body, headers=headers, timeout=10)
                    if answer.status_code == 200 and answer.json()["replies"][0]["status"] in ("queued", "duplicate"):
                        replied.add(n)
                        return
                except (requests.RequestException, ValueError, KeyError, IndexError):
                    pass
            time.sleep(1.0)

    with ThreadPoolExecutor(4) as pool:
        try:
            list(pool.map(reply, range(args.posts)))
        except BaseException:
            ABORT.set()
            raise
    result.replies = len(replied)
    chaos.join(timeout=max(0.0, deadline - time.monotonic()))
    for fake in (zammad, x):
        fake.set_mode("ok")
    for process in processes.values():  # anything the last kill left down
        if process.popen is None or process.popen.poll() is not None:
            process.start()

    calm = time.monotonic()  # counted from when the last fault ended and every reply was handed over
    result.settled = wait_settled(env["DATABASE_URL"], args.posts, deadline)
    result.settle_seconds = time.monotonic() - calm
    count(result, run, args.posts, zammad, x)
    if len(replied) < args.posts:
        result.notes.append(f"{args.posts - len(replied)} replies could not be handed to the bridge before the deadline")
    return result


def wait_settled(database_url: str, expected: int, deadline: float) -> bool:
    """True once every inbound event and every delivery is finished, and every outcome noted on its ticket."""
    from sqlalchemy import func, or_, select

    from bridge.store import Store
    from bridge.store.tables import Delivery, InboundEvent

    store = Store(database_url)
    try:
        while running(deadline):
            with store.session() as s:
                open_events = s.scalar(select(func.count()).select_from(InboundEvent).where(
                    InboundEvent.state == "pending"))
                deliveries = s.scalar(select(func.count()).select_from(Delivery))
                open_deliveries = s.scalar(select(func.count()).select_from(Delivery).where(or_(
                    Delivery.state.in_(["pending", "sending"]), Delivery.noted_at.is_(None))))
            if open_events == 0 and deliveries >= expected and open_deliveries == 0:
                return True
            time.sleep(2)
        return False
    finally:
        store.engine.dispose()


def count(result: Result, run: str, posts: int, zammad: FakeZammad, x: FakeX) -> None:
    with zammad.lock:
        tickets = list(zammad.tickets.values())
        articles = dict(zammad.articles)
    with x.lock:
        public = [p["text"] for p in x.posts]
    result.tickets = len(tickets)
    result.public_posts = len(public)
    customer_texts = [a["body"] for a in articles.values() if not a["internal"]]
    notes_by_ticket: dict[int, str] = {}
    for article in articles.values():
        notes_by_ticket[article["ticket_id"]] = notes_by_ticket.get(article["ticket_id"], "") + "\n" + article["body"]
    ticket_of: dict[int, list[int]] = {}
    for ticket in tickets:
        first = articles[ticket["articles"][0]]["body"]
        found = re.search(rf"chaos-post-{run}-(\d{{5}})", first)
        if found:
            ticket_of.setdefault(int(found.group(1)), []).append(ticket["id"])
    for n in range(posts):
        token = f"chaos-post-{run}-{n:05d}"
        seen = sum(token in text for text in customer_texts)  # as a ticket's first article or added again
        if seen == 0:
            result.posts_lost += 1
        elif seen > 1:
            result.posts_duplicated += 1
        reply_token = f"chaos-reply-{run}-{n:05d}"
        sent = sum(reply_token in text for text in public)
        told = any(marker in notes_by_ticket.get(t, "") for t in ticket_of.get(n, []) for marker in UNKNOWN_OUTCOME_NOTES)
        if told:
            result.ambiguous += 1
        if sent > 1:
            result.replies_duplicated += 1
        elif sent == 0 and not told:
            result.replies_lost += 1
    result.ambiguous_not_shown = 0  # by construction: an ambiguous send is one the agent was told about
    unknown_sends = sum(1 for method, path, mode in x.calls if method == "POST" and mode in ("slow", "drop"))
    if unknown_sends > result.ambiguous:
        # every send whose answer was lost must have been shown to the agent as ambiguous
        result.ambiguous_not_shown = unknown_sends - result.ambiguous


def print_result(result: Result) -> None:
    print(f"\n== {result.mode} ==")
    rows = [
        ("posts sent", result.posts, ""), ("tickets created", result.tickets, f"= {result.posts}"),
        ("posts lost", result.posts_lost, "0"), ("posts duplicated", result.posts_duplicated, "0"),
        ("replies", result.replies, f"= {result.posts}"), ("public posts", result.public_posts, "≤ replies"),
        ("replies lost", result.replies_lost, "0"), ("replies duplicated", result.replies_duplicated, "0"),
        ("ambiguous (agent told)", result.ambiguous, "all shown"),
        ("ambiguous not shown", result.ambiguous_not_shown, "0"),
        ("SIGKILLs", result.kills, "≥ 10"), ("Redis restarts", result.redis_restarts, "1" if result.mode == "celery" else "-"),
        ("fault switches", result.fault_switches, f"over {result.chaos_seconds:.0f} s"),
        ("time to settle", f"{result.settle_seconds:.0f} s" + ("" if result.settled else " (NOT settled)"), ""),
    ]
    for label, value, goal in rows:
        print(f"  {label:<24} {value!s:>10}   {('goal ' + goal) if goal else ''}")
    for note in result.notes:
        print(f"  note: {note}")
    print(f"  {'PASS' if result.ok else 'FAIL'}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=["celery", "embedded", "both"], default="both")
    parser.add_argument("--posts", type=int, default=500, help="inbound posts, and as many agent replies")
    parser.add_argument("--kills", type=int, default=10, help="SIGKILLs at least")
    parser.add_argument("--kill-every", type=float, default=6.0, help="seconds between kills")
    parser.add_argument("--chaos-seconds", type=float, default=90.0,
                        help="how long each of the two fault windows lasts (posts → tickets, replies → posts; "
                             "longer until the --kills are done)")
    parser.add_argument("--fault-seconds", type=float, default=2.0, help="seconds each fault mode lasts")
    parser.add_argument("--max-minutes", type=float, default=20.0, help="give up (and fail) after this long per mode")
    parser.add_argument("--seed", type=int, default=11)
    return parser.parse_args()


def _abort(signum, frame) -> None:
    ABORT.set()
    raise KeyboardInterrupt


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, _abort)
    if shutil.which("redis-server") is None and args.mode != "embedded":
        print("redis-server is not installed: run with --mode embedded", file=sys.stderr)
        return 2
    modes = ["celery", "embedded"] if args.mode == "both" else [args.mode]
    results = []
    with tempfile.TemporaryDirectory(prefix="bridge-chaos-") as work_dir:
        for mode in modes:
            try:
                results.append(run_mode(mode, args, Path(work_dir)))
            except KeyboardInterrupt:
                ABORT.set()
                print("interrupted", file=sys.stderr)
                return 130
            print_result(results[-1])
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
