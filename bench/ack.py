"""Acknowledgements and storms, measured with wrk (a load generator in its own process, loopback only).

    python bench/ack.py [--server waitress|gunicorn|granian] [--runs 3] [--seconds 8] [--storm 10000]
    python bench/ack.py --mode celery [--runs 3] [--seconds 8] [--tickets 300] [--concurrency 1 2 4]

Starts a fake Zammad on loopback (bench/fake_helpdesk.py, ~5 ms an answer) and the bridge in embedded
mode (SQLite, the embedded queue turning deliveries into tickets while the acks are measured), with
one extra bare POST route on the same server (bench/ackapp.py). Every delivery is a distinct, correctly
signed X post.mention.create with the current time and its own words (no storm), made before the
clock starts. After a warm-up of 2 s on each route (not measured), interleaved, `--runs` times: the bare
POST at full speed, the webhook at full speed. Then the webhook paced at half of its median maximum rate, for its p99. Then the storm:
`--storm` posts about one outage, paced over 60 s; afterwards the time until every post is on a ticket,
lost and duplicate posts, and helpdesk calls per post. Each figure is printed beside its goal.
It is a measurement, not a test; on a shared machine, compare figures of the same run.

`--mode celery` measures the production mode instead: a Redis server of its own (a free loopback port, no
persistence, stopped afterwards), throwaway PostgreSQL schemas (BENCH_DATABASE_URL, by default
postgresql+psycopg2://postgres@127.0.0.1:5432/test; dropped afterwards), the same fake helpdesk. First the
acknowledgement beside the bare POST as above (no workers: the webhook stores and hands the task to Redis).
Then `social-bridge serve`, beat, and for each --concurrency N, --runs times: --tickets deliveries are
acknowledged while no worker runs, then `social-bridge worker --concurrency N` starts and the rate is
taken from its first ticket to its last. Then post → ticket one at a time (--latency-posts, worker
concurrency 2): from sending the delivery until the post is stored on its ticket. Memory: the RSS of
`serve` and of each Celery worker process (the main process and each pool child), the highest seen.
Every wait has a deadline; every process it started is stopped at the end, also on Ctrl-C or SIGTERM.
"""
from __future__ import annotations

import argparse
import contextlib
import copy
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import requests
import yaml

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))

from bridge.channels.x.channel import SIGNATURE_HEADER, sign  # noqa: E402
from bridge.devstack import throwaway_schema  # noqa: E402
from bridge.startup import SERVE_THREADS  # noqa: E402

WARM_UP_SECONDS = 2
PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")

X_FIXTURE = REPO_DIR / "tests" / "fixtures" / "x" / "xaa_post_mention_create.json"
BRAND_ID = "1111111111111111111"
SECRET = "bench-consumer-secret"
# Words made of syllables, unique to each delivery ("kalomi", "neruva" …): six keywords a post, none shared with
# another post, so the storm index does its work for every post and no storm forms outside the storm phase (a
# storm turns posts into incident articles, which costs other calls: the tickets-per-second and post → ticket runs
# would measure whichever happened to storm).
SYLLABLES = "ka lo mi ne ru sa te vo zi pa be do fu gi ho ju".split()


def unique_word(number: int) -> str:
    syllables = []
    while True:
        number, digit = divmod(number, len(SYLLABLES))
        syllables.append(SYLLABLES[digit])
        if not number:
            break
    return "".join(syllables).ljust(6, "x")


OUTAGE = ["@ExampleUser app down again, cannot login since noon #outage",
          "@ExampleUser is the app down? login fails for everyone",
          "@ExampleUser login broken, app down for an hour now",
          "@ExampleUser APP DOWN - LOGIN NOT WORKING",
          "@ExampleUser app down?? login keeps failing"]

LUA = r"""
local lines = {}
local idx = 0
local path = "%(path)s"
local pacing = %(pacing)s
function init(args)
  local me = tonumber(args[1]); local of = tonumber(args[2]); local n = 0
  for line in io.lines(path) do
    if n %% of == me then
      local sig, body = line:match("^([^\t]*)\t(.*)$")
      lines[#lines + 1] = wrk.format("POST", "%(target)s", {["Content-Type"] = "application/json",
                                     ["%(header)s"] = sig}, body)
    end
    n = n + 1
  end
end
function request()
  idx = idx + 1
  if idx > #lines then idx = 1 end
  return lines[idx]
end
function delay() return pacing end
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_ready(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{url}: the process exited with {process.returncode}")
        try:
            requests.get(url, timeout=1)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise SystemExit(f"{url}: not up after {timeout:.0f}s")


def deliveries(path: Path, count: int, texts: list[str] | None, start: int) -> None:
    """`count` signed deliveries, one a line: signature TAB body."""
    fixture = json.loads(X_FIXTURE.read_text())
    now = datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    with path.open("w") as out:
        for n in range(start, start + count):
            payload = copy.deepcopy(fixture)
            post = payload["data"]["payload"]
            post_id = str(3_000_000_000_000_000_000 + n)
            payload["data"]["event_uuid"] = post["id"] = post["conversation_id"] = post_id
            post["edit_history_tweet_ids"] = [post_id]
            post["created_at"] = now
            author = str(4_000_000_000_000_000_000 + n)
            post["author_id"] = author
            payload["data"]["includes"]["users"][0].update(id=author, username=f"customer{n}")
            post["text"] = (texts[n % len(texts)] if texts else
                            "@ExampleUser " + " ".join(unique_word(n * 6 + k) for k in range(6)) + f" order {n}")
            body = json.dumps(payload, separators=(",", ":"))
            out.write(f"{sign(SECRET, body.encode())}\t{body}\n")


def wrk(url: str, data: Path, target: str, *, seconds: float, connections: int, pacing_ms: float = 0) -> dict:
    script = data.with_suffix(f".{target.replace('/', '_')}.lua")
    script.write_text(LUA % {"path": data, "target": target, "header": SIGNATURE_HEADER, "pacing": pacing_ms})
    threads = 2
    # one Lua state per wrk thread; each takes every other line so no two send the same delivery
    runner = script.with_suffix(".run.lua")
    runner.write_text(f"local n = 0\nfunction setup(thread) thread:set('me', n); n = n + 1 end\n"
                      f"dofile('{script}')\nlocal base_init = init\n"
                      f"function init(args) base_init({{me, {threads}}}) end\n")
    result = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds:.0f}s", "--latency",
                             "-s", str(runner), url], capture_output=True, text=True, timeout=seconds + 120)
    return parse_wrk(result.stdout)


def parse_wrk(text: str) -> dict:
    def ms(value: str) -> float:
        number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
        return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]

    found = {"rate": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
             "requests": int(re.search(r"(\d+) requests in", text).group(1))}
    for pct in ("50", "99"):
        found[f"p{pct}"] = ms(re.search(rf"\s{pct}(?:\.000)?%\s+(\S+)", text).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    found["non_2xx"] = int(errors.group(1)) if errors else 0
    socket_errors = re.search(r"Socket errors: (.*)", text)
    found["socket_errors"] = socket_errors.group(1) if socket_errors else ""
    return found


def rss_mb(pid: int) -> float:
    """The RSS of a process and all its children."""
    return sum(own_rss_mb(p) for p in [pid, *children(pid)])


def own_rss_mb(pid: int) -> float:
    """The RSS of one process (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0.0


def children(pid: int) -> list[int]:
    try:
        found = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []
    return found + [g for c in found for g in children(c)]


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


Row = tuple[str, str, str, bool | None]  # figure, goal, measured, pass (None: no goal)


def cpu_seconds(pid: int) -> float:
    """The CPU time a process has used, all its threads (user + system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure_acks(args, base: str, work: Path, next_id: int, serve_pid: int | None = None
                 ) -> tuple[list[Row], int, float]:
    """`--runs` times the bare POST and the webhook at full speed (alternating which goes first), then the
    webhook paced at half its median maximum rate. Returns the table's rows, the next delivery number and
    the webhook's median p50 (ms). serve_pid (Celery mode, where serve only acknowledges): its CPU time per
    request is taken too, steadier than the rates on a machine whose speed moves, and their ratio is the rate
    ratio the acknowledgement allows when serve has a core to itself."""
    per_run = 4000 * int(args.seconds)  # more distinct deliveries than a run can send
    # a warm-up of each route first, not measured: the server's connections, the relay to Redis and what Python
    # imports on first use are ready before the clock starts, for both alike
    data = work / "warm.tsv"
    deliveries(data, 4000 * WARM_UP_SECONDS, None, next_id)
    next_id += 4000 * WARM_UP_SECONDS
    for path in ("/bench/bare/x/bench", "/webhooks/x/bench"):
        wrk(base, data, path, seconds=WARM_UP_SECONDS, connections=args.connections)
    ratios, acks, bares = [], [], []
    for run in range(args.runs):
        data = work / f"run{run}.tsv"
        deliveries(data, per_run, None, next_id)
        next_id += per_run
        # alternating which goes first, as the queue's backlog (ingest in the same process) grows
        order = ["/bench/bare/x/bench", "/webhooks/x/bench"][::1 if run % 2 == 0 else -1]
        measured = {}
        for path in order:
            cpu_before = cpu_seconds(serve_pid) if serve_pid else 0.0
            measured[path] = wrk(base, data, path, seconds=args.seconds, connections=args.connections)
            if serve_pid:
                measured[path]["cpu_us"] = (cpu_seconds(serve_pid) - cpu_before) * 1e6 / measured[path]["requests"]
        bare, ack = measured["/bench/bare/x/bench"], measured["/webhooks/x/bench"]
        bares.append(bare)
        acks.append(ack)
        ratios.append(ack["rate"] / bare["rate"])
        cpu = f" | serve CPU a request: bare {bare['cpu_us']:.0f} µs, webhook {ack['cpu_us']:.0f} µs" if serve_pid else ""
        print(f"run {run + 1}: bare POST {bare['rate']:.0f}/s p99 {bare['p99']:.1f} ms | webhook "
              f"{ack['rate']:.0f}/s p99 {ack['p99']:.1f} ms ({ack['non_2xx']} non-2xx) | ratio {ratios[-1]:.0%}{cpu}",
              flush=True)
    max_rate = statistics.median(a["rate"] for a in acks)
    half = max_rate / 2
    data = work / "half.tsv"
    deliveries(data, int(half * args.seconds * 2) + 1000, None, next_id)
    next_id += int(half * args.seconds * 2) + 1000
    pacing = max(args.connections * 1000 / half - statistics.median(a["p50"] for a in acks), 0)
    paced = wrk(base, data, "/webhooks/x/bench", seconds=args.seconds, connections=args.connections,
                pacing_ms=pacing)
    rows: list[Row] = [
        ("webhook ack rate / bare POST rate", "≥ 60 %", f"{min(ratios):.0%} / {statistics.median(ratios):.0%}",
         statistics.median(ratios) >= 0.6),
        ("webhook acks per second", "—", f"{min(a['rate'] for a in acks):.0f} / {max_rate:.0f}", None),
        ("bare POST per second", "—", f"{min(b['rate'] for b in bares):.0f} / "
         f"{statistics.median(b['rate'] for b in bares):.0f}", None),
        (f"ack p99 at half the maximum rate ({paced['rate']:.0f}/s)", "≤ 25 ms", f"{paced['p99']:.1f} ms",
         paced["p99"] <= 25),
    ]
    if serve_pid:
        ack_cpu, bare_cpu = (statistics.median(r["cpu_us"] for r in runs) for runs in (acks, bares))
        rows.append(("serve CPU a request, webhook / bare POST (median)", "—",
                     f"{ack_cpu:.0f} / {bare_cpu:.0f} µs (bare / webhook {bare_cpu / ack_cpu:.0%})", None))
    return rows, next_id, statistics.median(a["p50"] for a in acks)


def print_table(rows: list[Row]) -> None:
    print()
    print("| figure | goal | measured (min / median) | |")
    print("|---|---|---|---|")
    for name, goal, value, ok in rows:
        print(f"| {name} | {goal} | {value} | {verdict(ok) if ok is not None else ''} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mode", default="embedded", choices=("embedded", "celery"))
    parser.add_argument("--server", default="waitress", choices=("waitress", "gunicorn", "granian"))
    parser.add_argument("--threads", type=int, default=SERVE_THREADS, help="HTTP server threads (default: serve's)")
    parser.add_argument("--queue-threads", type=int, default=4)
    parser.add_argument("--connections", type=int, default=None, help="wrk's connections (default: the threads)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--storm", type=int, default=10_000, help="posts in the storm (0: no storm; embedded)")
    parser.add_argument("--storm-seconds", type=float, default=60)
    parser.add_argument("--tickets", type=int, default=300, help="deliveries per ticket-rate run (celery)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2, 4], help="worker concurrency (celery)")
    parser.add_argument("--latency-posts", type=int, default=50, help="posts sent one at a time (celery)")
    parser.add_argument("--acks-only", action="store_true", help="celery: only the acknowledgement beside the bare POST")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs, databases)")
    args = parser.parse_args()
    if args.connections is None:
        args.connections = args.threads
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: `make bench` installs it from Debian's packages (apt-get install wrk)")
    if args.mode == "celery" and shutil.which("redis-server") is None:
        raise SystemExit("redis-server is not installed")
    # SIGTERM (a process manager, `timeout`) ends the run like Ctrl-C: every process started is stopped
    signal.signal(signal.SIGTERM, _interrupt)

    work = Path(tempfile.mkdtemp(prefix="bridge-ack-"))
    helpdesk_port = free_port()
    config = {
        "helpdesk": {"kind": "zammad", "url": f"http://127.0.0.1:{helpdesk_port}", "token": "t",
                     "webhook_secret": "s", "bridge_login": "bridge"},
        "accounts": [{"channel": "x", "name": "bench", "consumer_secret": SECRET, "access_token": "a",
                      "user_id": BRAND_ID, "handle": "ExampleUser",
                      "api_base": f"http://127.0.0.1:{free_port()}"}],  # closed: nothing is sent to X
    }
    (work / "config.yaml").write_text(yaml.safe_dump(config))
    # the shipped mappings, with storms turned into incidents past 50 posts
    mappings = work / "mappings"
    mappings.mkdir()
    for source in (REPO_DIR / "mappings").glob("*.yaml"):
        (mappings / source.name).write_text(source.read_text())
    with (mappings / "x.yaml").open("a") as x_mapping:
        x_mapping.write("\npriority_rules:\n  storms: {min_posts: 5, window: 30m, incident_after: 50}\n")
    processes: list[subprocess.Popen] = []

    def start_bridge(name: str) -> tuple[subprocess.Popen, str, Path]:
        data_dir = work / name
        data_dir.mkdir()
        env = {**os.environ, "BRIDGE_CONFIG": str(work / "config.yaml"), "BRIDGE_DATA_DIR": str(data_dir),
               "BRIDGE_MAPPINGS_DIR": str(mappings), "BRIDGE_QUEUE_THREADS": str(args.queue_threads)}
        env.pop("REDIS_URL", None)
        env.pop("DATABASE_URL", None)
        subprocess.run([sys.executable, "-m", "bridge.cli", "migrate"], env=env, cwd=REPO_DIR, check=True,
                       capture_output=True)
        port = free_port()
        log = (data_dir / "serve.log").open("w")
        process = subprocess.Popen([sys.executable, str(REPO_DIR / "bench" / "ackapp.py"), args.server, str(port),
                                    str(args.threads)], env=env, cwd=data_dir, stdout=log, stderr=log)
        processes.append(process)
        wait_ready(f"http://127.0.0.1:{port}/livez", process)
        return process, f"http://127.0.0.1:{port}", data_dir / "bridge.db"

    try:
        helpdesk = subprocess.Popen([sys.executable, str(REPO_DIR / "bench" / "fake_helpdesk.py"), str(helpdesk_port)],
                                    stdout=subprocess.DEVNULL, start_new_session=True)
        processes.append(helpdesk)
        wait_ready(f"http://127.0.0.1:{helpdesk_port}/_counts", helpdesk)
        if args.mode == "celery":
            rows = run_celery(args, work, mappings, helpdesk_port, processes)
            print_table(rows)
            print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
            return 0
        serve, base, _ = start_bridge("acks")
        print(f"# {args.server}, {args.threads} server threads, {args.queue_threads} queue threads, wrk -t2 "
              f"-c{args.connections}, {args.seconds:.0f} s a run; load {os.getloadavg()[0]:.2f} at start")
        rows, next_id, ack_p50 = measure_acks(args, base, work, 0)
        serve_mb = rss_mb(serve.pid)
        rows.append(("serve + embedded queue memory (RSS)", "≤ 150 MB", f"{serve_mb:.0f} MB", serve_mb <= 150))

        if args.storm:
            # a fresh bridge and database: the acks' backlog must not count against the storm
            serve.send_signal(signal.SIGTERM)
            serve.wait(30)
            storm_serve, storm_base, storm_db = start_bridge("storm")
            rows += run_storm(args, storm_base, storm_db, work, helpdesk_port, next_id, storm_serve.pid,
                              latency_ms=ack_p50)
        print_table(rows)
        print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        for process in reversed(processes):
            stop(process)
        if args.keep:
            print(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)  # the deliveries alone take tens of MB
    return 0


def run_storm(args, base: str, db_path: Path, work: Path, helpdesk_port: int, first_id: int, pid: int,
              latency_ms: float) -> list[Row]:
    counts_before = requests.get(f"http://127.0.0.1:{helpdesk_port}/_counts", timeout=5).json()
    db = sqlite3.connect(db_path)
    posts_before = 0
    data = work / "storm.tsv"
    deliveries(data, args.storm, OUTAGE, first_id)
    rate = args.storm / args.storm_seconds
    connections = args.connections
    pacing = max(connections * 1000 / rate - latency_ms, 0)  # each connection waits this long between requests
    started = time.monotonic()
    # paced so that about args.storm deliveries go out in args.storm_seconds; lines past the end repeat
    # (a platform's redelivery), which the bridge must answer as duplicates
    result = wrk(base, data, "/webhooks/x/bench", seconds=args.storm_seconds, connections=connections,
                 pacing_ms=pacing)
    sent_end = time.monotonic()
    sent = min(result["requests"], args.storm)
    deadline = sent_end + 600
    on_ticket = 0
    while time.monotonic() < deadline:
        on_ticket = db.execute("SELECT count(*) FROM posts").fetchone()[0] - posts_before
        pending = db.execute("SELECT count(*) FROM inbound_events WHERE state = 'pending'").fetchone()[0]
        if pending == 0 and on_ticket >= sent:
            break
        time.sleep(0.5)
    drained = time.monotonic() - sent_end
    stored = db.execute("SELECT count(*) FROM inbound_events").fetchone()[0]
    tickets = db.execute("SELECT count(DISTINCT ticket_id) FROM conversations").fetchone()[0]
    duplicates = db.execute("SELECT count(*) - count(DISTINCT post_id) FROM posts").fetchone()[0]
    memory = rss_mb(pid)
    failed = db.execute("SELECT count(*) FROM inbound_events WHERE state = 'failed'").fetchone()[0]
    counts = requests.get(f"http://127.0.0.1:{helpdesk_port}/_counts", timeout=5).json()
    calls = {k: counts.get(k, 0) - counts_before.get(k, 0) for k in set(counts) | set(counts_before)}
    ticket_calls = calls.get("tickets", 0) + calls.get("articles", 0) + calls.get("notes", 0) + calls.get("other", 0)
    per_post = ticket_calls / max(on_ticket, 1)
    lost = sent - on_ticket
    db.close()
    return [
        ("storm: posts sent / stored / on a ticket", "—", f"{sent} / {stored} / {on_ticket} "
         f"({failed} failed events) in {time.monotonic() - started - drained:.0f} s; {tickets} tickets", None),
        ("storm: lost posts", "0", str(max(lost, 0)), lost <= 0),
        ("storm: duplicate posts on tickets", "0", str(duplicates), duplicates == 0),
        ("storm: ack p99 (wrk, paced)", "≤ 100 ms", f"{result['p99']:.1f} ms at {result['rate']:.0f}/s",
         result["p99"] <= 100),
        ("storm: serve + embedded queue memory after the storm", "≤ 150 MB", f"{memory:.0f} MB", memory <= 150),
        ("storm: helpdesk calls per post (tickets, articles, notes, updates; reads and customers apart)", "≤ 1.2",
         f"{per_post:.2f} ({json.dumps(dict(sorted(calls.items())))})", per_post <= 1.2),
        ("storm: every post on a ticket, after the last delivery", "≤ 120 s", f"{drained:.0f} s", drained <= 120),
    ]



def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def stop(process: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL after 15 s; to the process group when it leads one (Celery's pool children)."""
    if process.poll() is not None:
        return
    leader = os.getpgid(process.pid) == process.pid

    def send(sig: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig) if leader else process.send_signal(sig)

    send(signal.SIGTERM)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        send(signal.SIGKILL)
        process.wait(10)


@contextlib.contextmanager
def own_redis(work: Path):
    """A redis-server of the benchmark's own on a free loopback port, no persistence; stopped afterwards."""
    port = free_port()
    pidfile = work / "redis.pid"
    subprocess.run(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                    "--daemonize", "yes", "--pidfile", str(pidfile), "--dir", str(work)],
                   check=True, stdout=subprocess.DEVNULL, timeout=30)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("redis-server did not start") from None
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}"
    finally:
        deadline = time.monotonic() + 5
        while not pidfile.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        if pidfile.exists():
            pid = int(pidfile.read_text())
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
                deadline = time.monotonic() + 10
                while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
                    time.sleep(0.1)
                if Path(f"/proc/{pid}").exists():
                    os.kill(pid, signal.SIGKILL)


def count_posts(engine) -> int:
    from sqlalchemy import text

    with engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM posts")).scalar_one()


def post_all(url: str, data: Path) -> int:
    """Sends every delivery in `data` once (8 at a time); returns how many were accepted."""
    lines = [line.rstrip("\n").split("\t", 1) for line in data.open()]
    session = requests.Session()
    session.mount("http://", requests.adapters.HTTPAdapter(pool_maxsize=8))

    def send(line: list[str]) -> bool:
        answer = session.post(url, data=line[1].encode(), timeout=30,
                              headers={"Content-Type": "application/json", SIGNATURE_HEADER: line[0]})
        return answer.status_code == 200 and answer.json().get("status") == "accepted"

    with ThreadPoolExecutor(8) as pool:
        return sum(pool.map(send, lines))


def run_celery(args, work: Path, mappings: Path, helpdesk_port: int, processes: list[subprocess.Popen]) -> list[Row]:
    """The production mode: PostgreSQL, Redis, `serve`, Celery workers and beat. Returns the table's rows."""
    from sqlalchemy import create_engine, text

    rows: list[Row] = []
    with contextlib.ExitStack() as stack:
        redis_url = stack.enter_context(own_redis(work))

        def bridge_env(name: str, database_url: str, redis_db: int) -> dict:
            data_dir = work / name
            data_dir.mkdir()
            env = {**os.environ, "BRIDGE_CONFIG": str(work / "config.yaml"), "BRIDGE_DATA_DIR": str(data_dir),
                   "BRIDGE_MAPPINGS_DIR": str(mappings), "DATABASE_URL": database_url,
                   "REDIS_URL": f"{redis_url}/{redis_db}", "PYTHONUNBUFFERED": "1"}
            subprocess.run([sys.executable, "-m", "bridge.cli", "migrate"], env=env, cwd=REPO_DIR, check=True,
                           capture_output=True, timeout=120)
            return env

        def spawn(name: str, command: list[str], env: dict) -> subprocess.Popen:
            log = (Path(env["BRIDGE_DATA_DIR"]) / f"{name}.log").open("ab")
            process = subprocess.Popen(command, env=env, cwd=env["BRIDGE_DATA_DIR"], stdin=subprocess.DEVNULL,
                                       stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            log.close()
            processes.append(process)
            return process

        def bridge_cli(*arguments: str) -> list[str]:
            return [sys.executable, "-m", "bridge.cli", *arguments]

        # 1. The acknowledgement beside the bare POST on PostgreSQL + Redis (no workers: stored and handed to Redis)
        env = bridge_env("acks", stack.enter_context(throwaway_schema(PG_URL, "bench_ack")), 0)
        port = free_port()
        ack_serve = spawn("serve", [sys.executable, str(REPO_DIR / "bench" / "ackapp.py"), "waitress", str(port),
                                    str(args.threads)], env)
        wait_ready(f"http://127.0.0.1:{port}/livez", ack_serve)
        print(f"# celery mode: PostgreSQL + Redis; waitress {args.threads} threads, wrk -t2 -c{args.connections}, "
              f"{args.seconds:.0f} s a run; load {os.getloadavg()[0]:.2f} at start", flush=True)
        ack_rows, next_id, _ = measure_acks(args, f"http://127.0.0.1:{port}", work, 0, ack_serve.pid)
        rows += [(f"{name} (PostgreSQL + Redis)", goal, value, ok) for name, goal, value, ok in ack_rows]
        stop(ack_serve)
        if args.acks_only:
            return rows

        # 2. Tickets per second at each worker concurrency, on a fresh schema with `serve` and beat running
        database_url = stack.enter_context(throwaway_schema(PG_URL, "bench_celery"))
        env = bridge_env("celery", database_url, 1)
        engine = create_engine(database_url)
        stack.callback(engine.dispose)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        serve = spawn("serve", bridge_cli("serve", "--port", str(port), "--threads", str(args.threads)), env)
        wait_ready(f"{base}/livez", serve)
        spawn("beat", bridge_cli("beat"), env)
        rates: dict[int, list[float]] = {}
        worker_mb: dict[int, list[float]] = {}  # concurrency → highest RSS of [the main process, a pool child]
        serve_mb = 0.0

        def sample_worker(worker: subprocess.Popen, concurrency: int) -> None:
            highest = worker_mb.setdefault(concurrency, [0.0, 0.0])
            highest[0] = max(highest[0], own_rss_mb(worker.pid))
            highest[1] = max([highest[1], *(own_rss_mb(pid) for pid in children(worker.pid))])
        for concurrency in args.concurrency:
            for run in range(args.runs):
                data = work / f"tickets-{concurrency}-{run}.tsv"
                deliveries(data, args.tickets, None, next_id)
                next_id += args.tickets
                before = count_posts(engine)
                accepted = post_all(f"{base}/webhooks/x/bench", data)
                worker = spawn(f"worker-c{concurrency}", bridge_cli("worker", "--concurrency", str(concurrency)), env)
                first_at = None
                first_count = done = 0
                deadline = time.monotonic() + 60 + args.tickets  # at least one ticket a second, or give up
                while time.monotonic() < deadline:
                    done = count_posts(engine) - before
                    if done and first_at is None:
                        first_at, first_count = time.monotonic(), done
                    sample_worker(worker, concurrency)
                    if done >= accepted or worker.poll() is not None:
                        break
                    time.sleep(0.05)
                finished = time.monotonic()
                serve_mb = max(serve_mb, own_rss_mb(serve.pid))
                stop(worker)
                if done < accepted or first_at is None or finished <= first_at:
                    print(f"concurrency {concurrency} run {run + 1}: only {done} of {accepted} tickets "
                          f"before the deadline", flush=True)
                    rates.setdefault(concurrency, []).append(0.0)
                    continue
                rate = (done - first_count) / (finished - first_at)
                rates.setdefault(concurrency, []).append(rate)
                print(f"concurrency {concurrency} run {run + 1}: {done} tickets, {rate:.1f}/s from the first to the "
                      f"last; worker main process {worker_mb[concurrency][0]:.0f} MB, pool children up to "
                      f"{worker_mb[concurrency][1]:.0f} MB", flush=True)

        # 3. Post → ticket, one at a time, through an idle worker (concurrency 2)
        worker = spawn("worker-latency", bridge_cli("worker", "--concurrency", "2"), env)
        latencies = []
        data = work / "latency.tsv"
        deliveries(data, args.latency_posts + 1, None, next_id)
        lines = [line.rstrip("\n").split("\t", 1) for line in data.open()]
        session = requests.Session()
        with engine.connect() as connection:
            for n, (signature, body) in enumerate(lines):
                post_id = json.loads(body)["data"]["payload"]["id"]
                started = time.monotonic()
                answer = session.post(f"{base}/webhooks/x/bench", data=body.encode(), timeout=30,
                                      headers={"Content-Type": "application/json", SIGNATURE_HEADER: signature})
                answer.raise_for_status()
                deadline = started + 30
                while time.monotonic() < deadline:
                    if connection.execute(text("SELECT 1 FROM posts WHERE post_id = :id"), {"id": post_id}).first():
                        break
                    connection.rollback()  # a fresh snapshot for the next look
                    time.sleep(0.002)
                else:
                    raise SystemExit(f"post {post_id} not on a ticket after 30 s")
                connection.rollback()
                if n:  # the first one warms the worker's connections
                    latencies.append((time.monotonic() - started) * 1000)
                time.sleep(0.1)  # one at a time, idle between
        sample_worker(worker, 2)
        serve_mb = max(serve_mb, own_rss_mb(serve.pid))
        stop(worker)

    one = statistics.median(rates[args.concurrency[0]]) / args.concurrency[0] if args.concurrency else 0.0
    cores = os.cpu_count() or 1
    for concurrency in args.concurrency:
        measured = rates[concurrency]
        linear = one * min(concurrency, cores)
        rows.append((f"tickets per second through Celery, concurrency {concurrency} ({args.tickets} a run)",
                     f"≥ 80 % of linear ({linear * 0.8:.1f}/s)" if concurrency > args.concurrency[0] else "—",
                     f"{min(measured):.1f} / {statistics.median(measured):.1f}",
                     statistics.median(measured) >= 0.8 * linear if concurrency > args.concurrency[0] else None))
    latencies.sort()
    p50 = statistics.median(latencies)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    rows.append((f"post → ticket through Celery, one at a time ({len(latencies)} posts): p50", "≤ 50 ms",
                 f"{p50:.1f} ms", p50 <= 50))
    rows.append(("post → ticket through Celery, one at a time: p99", "≤ 250 ms", f"{p99:.1f} ms", p99 <= 250))
    rows.append(("serve memory (RSS, highest seen)", "≤ 120 MB", f"{serve_mb:.0f} MB", serve_mb <= 120))
    for concurrency, (main_mb, child_mb) in sorted(worker_mb.items()):
        rows.append((f"Celery worker memory, concurrency {concurrency}: main process / each pool child (RSS)",
                     "≤ 120 MB each", f"{main_mb:.0f} MB / {child_mb:.0f} MB", max(main_mb, child_mb) <= 120))
    return rows

if __name__ == "__main__":
    sys.exit(main())
