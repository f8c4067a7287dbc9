"""Acknowledgements and storms, measured with wrk (a load generator in its own process, loopback only).

    python bench/ack.py [--server waitress|gunicorn|granian] [--runs 3] [--seconds 8] [--storm 10000]

Starts a fake Zammad on loopback (bench/fake_helpdesk.py, ~5 ms an answer) and the bridge in embedded
mode (SQLite, the embedded queue turning deliveries into tickets while the acks are measured), with
one extra bare POST route on the same server (bench/ackapp.py). Every delivery is a distinct, correctly
signed X post.mention.create with the current time and its own words (no storm), made before the
clock starts. Then, interleaved, `--runs` times: the bare POST at full speed, the webhook at full
speed. Then the webhook paced at half of its median maximum rate, for its p99. Then the storm:
`--storm` posts about one outage, paced over 60 s; afterwards the time until every post is on a ticket,
lost and duplicate posts, and helpdesk calls per post. Each figure is printed beside its goal.
It is a measurement, not a test; on a shared machine, compare figures of the same run.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import random
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
from datetime import datetime, timezone
from pathlib import Path

import requests
import yaml

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))

from bridge.channels.x.channel import SIGNATURE_HEADER, sign  # noqa: E402

X_FIXTURE = REPO_DIR / "tests" / "fixtures" / "x" / "xaa_post_mention_create.json"
BRAND_ID = "1111111111111111111"
SECRET = "bench-consumer-secret"
WORDS = ("parcel invoice colour sizing voucher courier refund warranty battery screen charger delivery "
         "address checkout basket loyalty points receipt manual hinge zipper fabric stitching sticker "
         "lamp kettle toaster blender mixer oven fridge freezer washer dryer vacuum router modem cable "
         "remote speaker headset keyboard mouse monitor laptop tablet camera lens tripod drone printer "
         "scanner ink toner paper folder stapler marker pencil eraser ruler notebook diary calendar").split()
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
    rng = random.Random(start)
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
                            "@ExampleUser " + " ".join(rng.sample(WORDS, 6)) + f" order {n}")
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
    total = 0
    for p in [pid, *children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


def children(pid: int) -> list[int]:
    try:
        found = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []
    return found + [g for c in found for g in children(c)]


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server", default="waitress", choices=("waitress", "gunicorn", "granian"))
    parser.add_argument("--threads", type=int, default=8, help="HTTP server threads")
    parser.add_argument("--queue-threads", type=int, default=4)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--storm", type=int, default=10_000, help="posts in the storm (0: no storm)")
    parser.add_argument("--storm-seconds", type=float, default=60)
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs, databases)")
    args = parser.parse_args()

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
    processes = []

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
                                    stdout=subprocess.DEVNULL)
        processes.append(helpdesk)
        wait_ready(f"http://127.0.0.1:{helpdesk_port}/_counts", helpdesk)
        serve, base, _ = start_bridge("acks")
        print(f"# {args.server}, {args.threads} server threads, {args.queue_threads} queue threads, wrk -t2 "
              f"-c{args.connections}, {args.seconds:.0f} s a run; load {os.getloadavg()[0]:.2f} at start")

        per_run = 4000 * int(args.seconds)  # more distinct deliveries than a run can send
        next_id = 0
        ratios, acks, bares = [], [], []
        for run in range(args.runs):
            data = work / f"run{run}.tsv"
            deliveries(data, per_run, None, next_id)
            next_id += per_run
            # alternating which goes first, as the queue's backlog (ingest in the same process) grows
            order = ["/bench/bare/x/bench", "/webhooks/x/bench"][::1 if run % 2 == 0 else -1]
            measured = {path: wrk(base, data, path, seconds=args.seconds, connections=args.connections)
                        for path in order}
            bare, ack = measured["/bench/bare/x/bench"], measured["/webhooks/x/bench"]
            bares.append(bare)
            acks.append(ack)
            ratios.append(ack["rate"] / bare["rate"])
            print(f"run {run + 1}: bare POST {bare['rate']:.0f}/s p99 {bare['p99']:.1f} ms | webhook "
                  f"{ack['rate']:.0f}/s p99 {ack['p99']:.1f} ms ({ack['non_2xx']} non-2xx) | ratio {ratios[-1]:.0%}")
        max_rate = statistics.median(a["rate"] for a in acks)
        half = max_rate / 2
        data = work / "half.tsv"
        deliveries(data, int(half * args.seconds * 2) + 1000, None, next_id)
        next_id += int(half * args.seconds * 2) + 1000
        pacing = max(args.connections * 1000 / half - statistics.median(a["p50"] for a in acks), 0)
        paced = wrk(base, data, "/webhooks/x/bench", seconds=args.seconds, connections=args.connections,
                    pacing_ms=pacing)
        serve_mb = rss_mb(serve.pid)

        storm = None
        if args.storm:
            # a fresh bridge and database: the acks' backlog must not count against the storm
            serve.send_signal(signal.SIGTERM)
            serve.wait(30)
            storm_serve, storm_base, storm_db = start_bridge("storm")
            storm = run_storm(args, storm_base, storm_db, work, helpdesk_port, next_id, storm_serve.pid,
                              latency_ms=statistics.median(a["p50"] for a in acks))

        print()
        print("| figure | goal | measured (min / median) | |")
        print("|---|---|---|---|")
        print(f"| webhook ack rate / bare POST rate | ≥ 60 % | {min(ratios):.0%} / {statistics.median(ratios):.0%} "
              f"| {verdict(statistics.median(ratios) >= 0.6)} |")
        print(f"| webhook acks per second | — | {min(a['rate'] for a in acks):.0f} / {max_rate:.0f} | |")
        print(f"| bare POST per second | — | {min(b['rate'] for b in bares):.0f} / "
              f"{statistics.median(b['rate'] for b in bares):.0f} | |")
        print(f"| ack p99 at half the maximum rate ({paced['rate']:.0f}/s) | ≤ 25 ms | {paced['p99']:.1f} ms "
              f"| {verdict(paced['p99'] <= 25)} |")
        print(f"| serve + embedded queue memory (RSS) | ≤ 150 MB | {serve_mb:.0f} MB | {verdict(serve_mb <= 150)} |")
        if storm:
            for name, goal, value, ok in storm:
                print(f"| {name} | {goal} | {value} | {verdict(ok) if ok is not None else ''} |")
        print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        for process in reversed(processes):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        if args.keep:
            print(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)  # the deliveries alone take tens of MB
    return 0


def run_storm(args, base: str, db_path: Path, work: Path, helpdesk_port: int, first_id: int, pid: int,
              latency_ms: float) -> list:
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


if __name__ == "__main__":
    sys.exit(main())
