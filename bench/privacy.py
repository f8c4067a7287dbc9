"""Sensitive-data detector benchmark: texts per second on one core, for a realistic mix of texts.

    python bench/privacy.py [--texts N] [--runs R] [--sensitive-share 0.2]   (from the repo root)

Builds one Detector from tests/fixtures/privacy/settings.json (an allow-list and a custom pattern, as an
admin would configure) and draws N texts (default 20,000) from the labelled corpora in
tests/fixtures/privacy/ (corpus.jsonl, and independent.jsonl when present): 80 % benign texts and 20 %
sensitive ones by default, shuffled with a fixed seed. The process is pinned to one CPU where the system
allows it, and runs in one thread. After a warm-up pass (phonenumbers and wordfreq load their data on
first use), it times R passes (default 5) of find() and of find() + mask() (what the bridge does with a
reply), and prints the minimum and median texts per second beside the goal (10,000 texts/s), by the wall
clock and by the process's CPU time (on a busy machine the wall clock also counts waiting for the CPU),
and the time per text of the median pass. A measurement, not a pass/fail test.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))  # `python bench/privacy.py` puts bench/, not the repo, on sys.path

from bridge.pipeline.privacy import Detector  # noqa: E402

FIXTURES = REPO_DIR / "tests" / "fixtures" / "privacy"
CORPORA = ("corpus.jsonl", "independent.jsonl")
GOAL = 10_000  # texts per second on one core


def load_rows() -> tuple[list[dict], list[str]]:
    rows, used = [], []
    for name in CORPORA:
        path = FIXTURES / name
        if path.exists():
            rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            used.append(name)
    return rows, used


def mix(rows: list[dict], count: int, sensitive_share: float, seed: int = 12) -> list[str]:
    rng = random.Random(seed)
    sensitive = [row["text"] for row in rows if row["sensitive"]]
    benign = [row["text"] for row in rows if not row["sensitive"]]
    wanted = round(count * sensitive_share)
    texts = [rng.choice(sensitive) for _ in range(wanted)] + [rng.choice(benign) for _ in range(count - wanted)]
    rng.shuffle(texts)
    return texts


def percentile(sorted_values: list[int], fraction: float) -> int:
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def one_pass(texts: list[str], run) -> tuple[float, float, list[int]]:
    """Wall-clock seconds and CPU seconds of this process for the whole pass, and nanoseconds per text.
    On a busy machine the wall clock also counts time the process waited for the CPU; CPU time does not."""
    per_text = []
    clock = time.perf_counter_ns
    cpu_started = time.process_time()
    started = clock()
    for text in texts:
        before = clock()
        run(text)
        per_text.append(clock() - before)
    return (clock() - started) / 1e9, time.process_time() - cpu_started, per_text


def report(name: str, texts: list[str], run, runs: int) -> None:
    passes = [one_pass(texts, run) for _ in range(runs)]
    rates = sorted(len(texts) / seconds for seconds, _, _ in passes)
    cpu_rates = sorted(len(texts) / max(cpu, 1e-9) for _, cpu, _ in passes)
    median_pass = sorted(passes, key=lambda p: p[0])[len(passes) // 2]
    ordered = sorted(median_pass[2])
    verdict = "meets" if rates[0] >= GOAL else ("median meets" if statistics.median(rates) >= GOAL else "below")
    print(f"  {name:12} wall clock: min {rates[0]:8,.0f}  median {statistics.median(rates):8,.0f} texts/s "
          f"(goal {GOAL:,}: {verdict});  CPU time: min {cpu_rates[0]:8,.0f}  median "
          f"{statistics.median(cpu_rates):8,.0f} texts/s")
    print(f"  {'':12} per text (median pass): p50 {percentile(ordered, 0.50) / 1000:5.1f} µs  "
          f"p99 {percentile(ordered, 0.99) / 1000:6.1f} µs  max {ordered[-1] / 1000:7.1f} µs")


def pin_to_one_cpu() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity here)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=20_000, help="texts per pass (default 20,000)")
    parser.add_argument("--runs", type=int, default=5, help="timed passes (default 5)")
    parser.add_argument("--sensitive-share", type=float, default=0.2, help="share of sensitive texts (default 0.2)")
    args = parser.parse_args()

    pinned = pin_to_one_cpu()
    settings = json.loads((FIXTURES / "settings.json").read_text(encoding="utf-8"))
    rows, used = load_rows()
    started = time.perf_counter()
    detector = Detector.from_settings(settings)
    built = time.perf_counter() - started
    texts = mix(rows, args.texts, args.sensitive_share)

    for text in {row["text"] for row in rows}:  # warm-up: lazily loaded metadata, regex caches
        detector.mask(text, detector.find(text))

    print(f"privacy detector on {platform.python_implementation()} {platform.python_version()}, "
          f"{platform.machine()}, one thread, {pinned}, load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs")
    print(f"  texts: {len(texts):,} per pass drawn from {' + '.join(used)} ({len(rows):,} labelled), "
          f"{args.sensitive_share:.0%} sensitive, mean {statistics.fmean(map(len, texts)):.0f} characters; "
          f"{args.runs} passes; detector built in {built * 1000:.0f} ms")
    report("find", texts, detector.find, args.runs)
    report("find + mask", texts, lambda text: detector.mask(text, detector.find(text)), args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
