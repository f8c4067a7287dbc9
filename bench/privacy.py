"""Sensitive-data detector benchmark: texts per second on one core, and the time per text.

    python bench/privacy.py [--texts N]   (from the repo root)

Builds one Detector from tests/fixtures/privacy/settings.json (an allow-list and a custom pattern, as an
admin would configure) and runs it over the labelled corpus tests/fixtures/privacy/corpus.jsonl, repeated
until at least N texts (default 10,000) have been scanned, in this one process and thread. Each text is
timed on its own, once for find() and once for find() + mask() (what the bridge does with a reply).
After a warm-up pass over the corpus. A measurement, not a pass/fail test.
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))  # `python bench/privacy.py` puts bench/, not the repo, on sys.path

from bridge.pipeline.privacy import Detector  # noqa: E402

FIXTURES = REPO_DIR / "tests" / "fixtures" / "privacy"


def percentile(sorted_values: list[int], fraction: float) -> int:
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def measure(texts: list[str], run) -> tuple[float, list[int]]:
    """Seconds for the whole pass, and nanoseconds per text."""
    per_text = []
    clock = time.perf_counter_ns
    started = clock()
    for text in texts:
        before = clock()
        run(text)
        per_text.append(clock() - before)
    return (clock() - started) / 1e9, per_text


def report(name: str, seconds: float, per_text: list[int]) -> None:
    ordered = sorted(per_text)
    print(f"  {name:12} {len(per_text) / seconds:9,.0f} texts/s   per text: "
          f"p50 {percentile(ordered, 0.50) / 1000:6.1f} µs   p99 {percentile(ordered, 0.99) / 1000:7.1f} µs   "
          f"max {ordered[-1] / 1000:8.1f} µs   mean {statistics.fmean(per_text) / 1000:6.1f} µs")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=10_000, help="at least this many texts (default 10,000)")
    args = parser.parse_args()

    settings = json.loads((FIXTURES / "settings.json").read_text(encoding="utf-8"))
    corpus = [json.loads(line)["text"] for line in (FIXTURES / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip()]
    started = time.perf_counter()
    detector = Detector.from_settings(settings)
    built = time.perf_counter() - started
    repeats = -(-args.texts // len(corpus))
    texts = corpus * repeats

    for text in corpus:  # warm-up: first calls pay for phonenumbers' lazily loaded metadata
        detector.mask(text, detector.find(text))

    print(f"privacy detector on {platform.python_implementation()} {platform.python_version()}, "
          f"{platform.machine()}, one thread")
    print(f"  corpus: {len(corpus)} texts (mean {statistics.fmean(map(len, corpus)):.0f} characters), "
          f"repeated {repeats}x = {len(texts):,} texts; detector built in {built * 1000:.0f} ms")
    report("find", *measure(texts, detector.find))
    report("find + mask", *measure(texts, lambda text: detector.mask(text, detector.find(text))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
