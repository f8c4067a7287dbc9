"""Ingest benchmark: how fast the bridge acknowledges webhooks, and how long a post takes to become a ticket.

    python bench/ingest.py [--webhooks N] [--connections C] [--posts M] ...   (from the repo root)

Runs the real local stack on loopback (django-helpdesk from .venv-helpdesk, `social-bridge serve` under
waitress) in a temporary directory and prints figures; it is a measurement, not a pass/fail test.

1. Webhook acknowledgements. One `serve` process per mode, measured in turn on `GET /livez` (a bare
   200 OK: the server's floor) and `POST /webhooks/x/bench` with distinct, correctly signed X Activity
   API post.mention.create deliveries (each a new event: stored, then queued).
     embedded:   SQLite and the embedded queue, whose thread turns the deliveries into real tickets
                 while the acks are being measured, as in production embedded mode.
     production: PostgreSQL (a throwaway schema) and Celery over Redis; `serve` only stores and
                 enqueues (no worker runs), and the Redis database is emptied afterwards.
   The load comes from a separate client process (threads over persistent http.client connections),
   so the client's Python does not share the server's GIL; bodies and signatures are made before the
   clock starts.
2. Post → ticket latency. Sandbox posts one at a time through the embedded stack, each timed until its
   ticket can be read from django-helpdesk's REST API.
"""
from __future__ import annotations

import argparse
import copy
import http.client
import json
import math
import multiprocessing
import os
import platform
import secrets
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests
import yaml

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))  # `python bench/ingest.py` puts bench/, not the repo, on sys.path

from bridge.channels.x.channel import SIGNATURE_HEADER, sign  # noqa: E402
from bridge.devstack import BridgeProcess, LocalStack, StartError, throwaway_schema  # noqa: E402

X_FIXTURE = REPO_DIR / "tests" / "fixtures" / "x" / "xaa_post_mention_create.json"
X_ACCOUNT_NAME = "bench"
X_BRAND_USER_ID = "1111111111111111111"  # the mentioned account in the fixture; the author is someone else
WEBHOOK_PATH = f"/webhooks/x/{X_ACCOUNT_NAME}"


# -- the stack ------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class BenchStack(LocalStack):
    """LocalStack with an X account next to the sandbox one, and only `serve` on the bridge side:
    the production-shaped mode measures acknowledgements, so no Celery worker or beat is started."""

    def __init__(self, data_dir: Path, *, threads: int):
        super().__init__(data_dir, bridge_port=free_port(), helpdesk_port=free_port(), threads=threads)
        self.x_consumer_secret = secrets.token_hex(24)
        self.mode = "embedded"

    def write_config(self) -> None:
        super().write_config()
        config = yaml.safe_load(self.config_path.read_text())
        config["accounts"].append({
            "channel": "x", "name": X_ACCOUNT_NAME, "consumer_secret": self.x_consumer_secret,
            "access_token": "bench-access-token", "user_id": X_BRAND_USER_ID, "handle": "BenchBrand",
            # Nothing is sent to X here (mentions only become tickets); a closed loopback port makes
            # sure that stays true.
            "api_base": f"http://127.0.0.1:{free_port()}",
        })
        self.config_path.write_text(yaml.safe_dump(config, sort_keys=False))

    def start_bridge(self) -> None:
        self.start_process("serve", ["serve", "--port", str(self.bridge_port), "--threads", str(self.threads)],
                           self.data_dir / "logs" / f"serve-{self.mode}.log", ready_url=f"{self.bridge_url}/livez")

    def stop_bridge(self) -> None:
        for process in self.processes.values():
            process.stop()
        self.processes.clear()

    def restart_bridge(self, mode: str, *, database_url: str, redis_url: str | None) -> BridgeProcess:
        """The same helpdesk, a new `serve` on another database and queue."""
        self.stop_bridge()
        self.mode, self.database_url, self.redis_url = mode, database_url, redis_url
        self.start_bridge()
        return self.processes["serve"]


@contextmanager
def empty_redis_db(url: str):
    """The Redis database the bench enqueues to, emptied before and after (nothing consumes it)."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    client.flushdb()
    try:
        yield client
    finally:
        client.flushdb()
        client.close()


def production_services_problem(postgres_url: str, redis_url: str) -> str | None:
    """Why the production mode cannot run here, or None."""
    import redis
    from sqlalchemy import create_engine
    from sqlalchemy.exc import SQLAlchemyError

    engine = create_engine(postgres_url, connect_args={"connect_timeout": 2})
    try:
        with engine.connect():
            pass
    except SQLAlchemyError as exc:
        return f"PostgreSQL at {postgres_url} is not reachable ({type(exc.orig or exc).__name__})"
    finally:
        engine.dispose()
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        return f"Redis at {redis_url} is not reachable ({type(exc).__name__})"
    return None


# -- X deliveries ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class HttpRequest:
    method: str
    path: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


def x_mention_deliveries(count: int, consumer_secret: str) -> list[HttpRequest]:
    """Distinct signed post.mention.create deliveries: a new event_uuid and post id each, so every one
    is a new event (stored and queued), never a duplicate."""
    template = json.loads(X_FIXTURE.read_text())
    first_id = 2_000_000_000_000_000_000 + secrets.randbelow(10**15) * 1000  # unique per run
    deliveries = []
    for n in range(count):
        payload = copy.deepcopy(template)
        event = payload["data"]
        post = event["payload"]
        post_id = str(first_id + n)
        text = f"hey @ExampleUser bench mention {n}: my order #{4521 + n} arrived broken, what now?"
        event["event_uuid"] = post_id
        post.update(id=post_id, conversation_id=post_id, edit_history_tweet_ids=[post_id], text=text,
                    display_text_range=[0, len(text)])
        event["includes"]["tweets"][0].update(id=post_id, conversation_id=post_id, text=text)
        body = json.dumps(payload, separators=(",", ":")).encode()
        deliveries.append(HttpRequest("POST", WEBHOOK_PATH, body, {
            "Content-Type": "application/json", SIGNATURE_HEADER: sign(consumer_secret, body)}))
    return deliveries


# -- load generator -------------------------------------------------------------------------------
@dataclass
class LoadResult:
    latencies: list[float]  # seconds, one per request
    outcomes: Counter  # "200", "200 duplicate", "500", "ConnectionResetError", ...
    seconds: float  # first request sent → last answer read

    @property
    def count(self) -> int:
        return len(self.latencies)

    @property
    def errors(self) -> int:
        return sum(n for outcome, n in self.outcomes.items() if outcome != "200")

    @property
    def per_second(self) -> float:
        return self.count / self.seconds if self.seconds else float("nan")


def _run_lane(port: int, lane: list[HttpRequest], out: list) -> None:
    """One keep-alive connection sending its requests back to back."""
    latencies, outcomes = [], Counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.connect()
    first = last = time.perf_counter()
    for request in lane:
        started = time.perf_counter()
        try:
            connection.request(request.method, request.path, body=request.body, headers=request.headers)
            response = connection.getresponse()
            content = response.read()
            outcome = str(response.status)
            if response.status == 200 and b'"duplicate"' in content:
                outcome += " duplicate"
        except (OSError, http.client.HTTPException) as exc:
            outcome = type(exc).__name__
            connection.close()  # http.client reconnects on the next request
        last = time.perf_counter()
        latencies.append(last - started)
        outcomes[outcome] += 1
    connection.close()
    out.append((latencies, outcomes, first, last))


def _client_process(port: int, lanes: list[list[HttpRequest]], start, results) -> None:
    # Ctrl-C and termination are the parent's business: it stops the stack and terminates us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    out: list = []
    threads = [threading.Thread(target=_run_lane, args=(port, lane, out)) for lane in lanes]
    start.wait()  # every client process is forked and ready before the clock starts
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.send(out)
    results.close()


def run_load(port: int, requests_: list[HttpRequest], *, connections: int, processes: int) -> LoadResult:
    """Send every request once over `connections` persistent connections spread over `processes`
    client processes (threads within each), all at once; latency is per request, rate over the whole."""
    lanes = [requests_[i::connections] for i in range(connections)]
    groups = [lanes[i::processes] for i in range(processes)]
    context = multiprocessing.get_context("fork")  # the children inherit the precomputed requests
    start = context.Barrier(processes + 1)
    pipes, children = [], []
    try:
        for group in groups:
            receiver, sender = context.Pipe(duplex=False)
            child = context.Process(target=_client_process, args=(port, group, start, sender), daemon=True)
            child.start()
            sender.close()
            pipes.append(receiver)
            children.append(child)
        start.wait(timeout=30)
        lane_results = [lane for pipe in pipes for lane in pipe.recv()]
        for child in children:
            child.join(timeout=10)
    finally:
        for child in children:
            if child.is_alive():
                child.terminate()
                child.join()
    latencies, outcomes = [], Counter()
    for lane_latencies, lane_outcomes, _first, _last in lane_results:
        latencies.extend(lane_latencies)
        outcomes.update(lane_outcomes)
    seconds = max(r[3] for r in lane_results) - min(r[2] for r in lane_results)
    return LoadResult(latencies, outcomes, seconds)


# -- measurements ---------------------------------------------------------------------------------
@dataclass
class AckRow:
    mode: str
    endpoint: str
    result: LoadResult
    note: str = ""


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def scrape_metrics(bridge_url: str) -> dict[tuple[str, frozenset], float]:
    from prometheus_client.parser import text_string_to_metric_families

    text = requests.get(f"{bridge_url}/metrics", timeout=10).text
    return {(sample.name, frozenset(sample.labels.items())): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


def metric(samples: dict, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def measure_acks(stack: BenchStack, args, deliveries: list[HttpRequest]) -> list[AckRow]:
    """/livez first (an idle server), then the webhooks, against the one running `serve`."""
    port, load = stack.bridge_port, dict(connections=args.connections, processes=args.client_processes)
    livez = [HttpRequest("GET", "/livez")]
    run_load(port, livez * args.warmup, **load)
    livez_result = run_load(port, livez * args.livez_requests, **load)
    warmup, timed = deliveries[:args.warmup_webhooks], deliveries[args.warmup_webhooks:]
    run_load(port, warmup, **load)
    webhook_result = run_load(port, timed, **load)
    return [AckRow(stack.mode, "GET /livez", livez_result),
            AckRow(stack.mode, f"POST {WEBHOOK_PATH}", webhook_result)]


@dataclass
class PostLatency:
    answered: list[float]  # POST /sandbox/api/posts → its 201
    ticket_visible: list[float]  # POST sent → the ticket readable in django-helpdesk
    bridge_ingest_sum: float  # bridge_ingest_seconds{channel="sandbox"}
    bridge_ingest_count: float


def measure_post_to_ticket(stack: BenchStack, posts: int, poll_interval: float, run_id: str) -> PostLatency:
    """One sandbox post at a time; each one's ticket is the helpdesk's next ticket id (nothing else
    makes tickets meanwhile), polled with a cheap by-id read rather than a listing of every ticket."""
    bridge = requests.Session()
    # A new connection per helpdesk read: on a reused one, Django's runserver answers ~40 ms late
    # (its headers and body go out as two small writes: Nagle meets delayed ACK), which would swamp
    # the 10 ms poll.
    helpdesk_auth = {"Authorization": f"Token {stack.bridge_token}"}
    tickets_url = f"{stack.helpdesk.url}/api/tickets/"
    next_ticket_id = requests.get(tickets_url, params={"page_size": 1}, headers=helpdesk_auth,
                                  timeout=10).json()["count"] + 1
    answered, visible = [], []
    for n in range(posts):
        text = f"bench latency probe {run_id}-{n}: where is my parcel?"
        started = time.perf_counter()
        answer = bridge.post(f"{stack.bridge_url}/sandbox/api/posts", timeout=10, json={
            "author": {"handle": f"bench{n}", "name": f"Bench {n}", "followers": 100}, "text": text})
        answered.append(time.perf_counter() - started)
        if answer.status_code != 201:
            raise RuntimeError(f"sandbox post {n}: HTTP {answer.status_code}: {answer.text[:300]}")
        deadline = started + 30
        while True:
            ticket = requests.get(f"{tickets_url}{next_ticket_id}/", headers=helpdesk_auth, timeout=10)
            if ticket.status_code == 200:
                visible.append(time.perf_counter() - started)
                break
            if ticket.status_code != 404:
                raise RuntimeError(f"helpdesk ticket {next_ticket_id}: HTTP {ticket.status_code}")
            if time.perf_counter() > deadline:
                raise RuntimeError(f"sandbox post {n}: no ticket {next_ticket_id} within 30 s")
            time.sleep(poll_interval)
        if text not in ticket.json()["description"]:
            raise RuntimeError(f"helpdesk ticket {next_ticket_id} is not the one for sandbox post {n}")
        next_ticket_id += 1
    # The bridge observes bridge_ingest_seconds only after recording the ticket, a moment after the
    # helpdesk shows it: wait for the last observation.
    deadline = time.monotonic() + 10
    while True:
        samples = scrape_metrics(stack.bridge_url)
        if metric(samples, "bridge_ingest_seconds_count", channel="sandbox") >= posts or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    return PostLatency(answered, visible, metric(samples, "bridge_ingest_seconds_sum", channel="sandbox"),
                       metric(samples, "bridge_ingest_seconds_count", channel="sandbox"))


def embedded_queue_note(stack: BenchStack, delivered: int) -> str:
    """What the embedded queue did with the X deliveries while the acks were being measured."""
    samples = scrape_metrics(stack.bridge_url)
    done = metric(samples, "bridge_inbound_events_total", channel="x", outcome="done")
    failed = metric(samples, "bridge_inbound_events_total", channel="x", outcome="failed")
    pending = metric(samples, "bridge_backlog", table="inbound_events", state="pending")
    ingest_sum = metric(samples, "bridge_ingest_seconds_sum", channel="x")
    note = (f"by the end, the embedded queue had made tickets of {done:.0f} of the {delivered} X deliveries "
            f"({pending:.0f} pending, {failed:.0f} failed)")
    if done:
        note += f"; bridge_ingest_seconds mean {ingest_sum / done:.2f} s (queueing included)"
    return note


# -- report ---------------------------------------------------------------------------------------
def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine_info() -> str:
    return (f"{os.cpu_count()} cores ({cpu_model()}), {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def print_ack_table(rows: list[AckRow], args) -> None:
    print(f"\n1. Webhook acknowledgements (client: {args.connections} keep-alive connections, "
          f"{args.client_processes} process(es); server: waitress, {args.server_threads} threads)")
    header = f"   {'mode':<11} {'endpoint':<25} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7}"
    print(header)
    print("   " + "-" * (len(header) - 3))
    for row in rows:
        r = row.result
        print(f"   {row.mode:<11} {row.endpoint:<25} {r.count:>8} {r.errors:>6} {r.per_second:>7.0f} "
              f"{ms(percentile(r.latencies, 50)):>7} {ms(percentile(r.latencies, 99)):>7}")
    for row in rows:
        if row.result.errors:
            details = ", ".join(f"{outcome} x{n}" for outcome, n in row.result.outcomes.most_common()
                                if outcome != "200")
            print(f"   ! {row.mode} {row.endpoint}: {details}")
        if row.note:
            print(f"   {row.mode}: {row.note}")


def print_latency_table(result: PostLatency, args) -> None:
    print(f"\n2. Post -> ticket latency (embedded queue, sandbox channel, django-helpdesk; {len(result.answered)} "
          f"posts one at a time, ticket polled every {args.poll_interval * 1000:.0f} ms)")
    header = f"   {'':<38} {'p50 ms':>7} {'p90 ms':>7} {'max ms':>7}"
    print(header)
    print("   " + "-" * (len(header) - 3))
    for label, values in (("POST /sandbox/api/posts answered", result.answered),
                          ("ticket visible in helpdesk REST API", result.ticket_visible)):
        print(f"   {label:<38} {ms(percentile(values, 50)):>7} {ms(percentile(values, 90)):>7} {ms(max(values)):>7}")
    if result.bridge_ingest_count:
        print(f"   bridge's own view: bridge_ingest_seconds{{channel=\"sandbox\"}} mean "
              f"{ms(result.bridge_ingest_sum / result.bridge_ingest_count)} ms over {result.bridge_ingest_count:.0f} "
              f"events (stored delivery -> ticket made)")


# -- main -----------------------------------------------------------------------------------------
def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--webhooks", type=int, default=2000, help="timed X webhook deliveries per mode")
    parser.add_argument("--livez-requests", type=int, default=5000, help="timed GET /livez requests per mode")
    parser.add_argument("--warmup", type=int, default=200, help="untimed GET /livez requests before timing")
    parser.add_argument("--warmup-webhooks", type=int, default=40, help="untimed webhook deliveries before timing")
    parser.add_argument("--connections", type=int, default=8, help="concurrent keep-alive client connections")
    parser.add_argument("--client-processes", type=int, default=1,
                        help="client processes the connections are spread over (threads within each); "
                             "on 2 cores, more of them take CPU from the server")
    parser.add_argument("--server-threads", type=int, default=8, help="waitress threads of `social-bridge serve`")
    parser.add_argument("--posts", type=int, default=50, help="sandbox posts for the post -> ticket latency (0: skip)")
    parser.add_argument("--poll-interval", type=float, default=0.01, help="seconds between helpdesk ticket reads")
    parser.add_argument("--modes", default="embedded,production",
                        help="comma-separated: embedded (SQLite, embedded queue), production (PostgreSQL + Redis)")
    parser.add_argument("--postgres-url", default="postgresql+psycopg2://postgres@127.0.0.1:5432/test",
                        help="database for the production mode (a throwaway schema is made in it)")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14",
                        help="Redis database for the production mode (emptied before and after)")
    parser.add_argument("--keep-data", action="store_true", help="keep the temporary directory (logs, databases)")
    args = parser.parse_args()
    args.modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = set(args.modes) - {"embedded", "production"}
    if unknown:
        parser.error(f"--modes: unknown {', '.join(sorted(unknown))}")
    if args.connections < 1 or not 1 <= args.client_processes <= args.connections:
        parser.error("need --connections >= 1 and 1 <= --client-processes <= --connections")
    return args


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt  # run the same clean-up as Ctrl-C


def run(args, data_dir: Path) -> int:
    run_id = uuid.uuid4().hex[:8]
    stack = BenchStack(data_dir, threads=args.server_threads)
    ack_rows: list[AckRow] = []
    latency: PostLatency | None = None
    print("starting django-helpdesk and `social-bridge serve` (SQLite, embedded queue)...", file=sys.stderr, flush=True)
    try:
        stack.start()
        deliveries = x_mention_deliveries(args.warmup_webhooks + args.webhooks, stack.x_consumer_secret)
        if args.posts:
            # The latency probe goes first, while the helpdesk is small and the queue idle.
            print(f"post -> ticket latency: {args.posts} sandbox posts...", file=sys.stderr, flush=True)
            latency = measure_post_to_ticket(stack, args.posts, args.poll_interval, run_id)
        if "embedded" in args.modes:
            print("acks, embedded mode...", file=sys.stderr, flush=True)
            rows = measure_acks(stack, args, deliveries)
            rows[-1].note = embedded_queue_note(stack, len(deliveries))
            ack_rows += rows
        problem = "production" in args.modes and production_services_problem(args.postgres_url, args.redis_url)
        if problem:
            print(f"production mode skipped: {problem}", file=sys.stderr)
        elif "production" in args.modes:
            print("acks, production mode (PostgreSQL + Redis)...", file=sys.stderr, flush=True)
            with throwaway_schema(args.postgres_url, "bench") as database_url, empty_redis_db(args.redis_url) as redis:
                try:
                    stack.restart_bridge("production", database_url=database_url, redis_url=args.redis_url)
                    rows = measure_acks(stack, args, deliveries)
                    # Celery's Redis transport keeps the "bridge" queue as a list of that name.
                    rows[-1].note = f"{redis.llen('bridge')} ingest tasks waiting in Redis (no worker runs)"
                    ack_rows += rows
                finally:
                    stack.stop_bridge()  # before its schema and Redis database are emptied
    except StartError as exc:
        print(f"could not start the stack: {exc}", file=sys.stderr)
        return 1
    except RuntimeError as exc:
        print(f"benchmark failed: {exc} (--keep-data keeps the logs)", file=sys.stderr)
        return 1
    finally:
        stack.stop()

    print("\nSocial bridge ingest benchmark")
    print(f"   machine: {machine_info()}")
    print(f"   params:  webhooks={args.webhooks} (+{args.warmup_webhooks} warm-up) livez={args.livez_requests} "
          f"(+{args.warmup} warm-up) connections={args.connections} client-processes={args.client_processes} "
          f"server-threads={args.server_threads} posts={args.posts} poll={args.poll_interval * 1000:.0f}ms "
          f"modes={','.join(args.modes)}")
    if ack_rows:
        print_ack_table(ack_rows, args)
    if latency:
        print_latency_table(latency, args)
    return 0


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    started = time.perf_counter()
    data_dir = Path(tempfile.mkdtemp(prefix="bridge-bench-"))
    try:
        return run(args, data_dir)
    except KeyboardInterrupt:
        print("\ninterrupted; everything started was stopped", file=sys.stderr)
        return 130
    finally:
        print(f"\nwall time {time.perf_counter() - started:.1f} s", flush=True)
        if args.keep_data:
            print(f"data and logs kept in {data_dir}", file=sys.stderr)
        else:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
