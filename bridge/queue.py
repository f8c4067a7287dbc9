"""Two ways to run the tasks, one set of tasks.

Embedded (default): a thread inside the server process. The work rows in the store are the queue, so
a crash or restart loses nothing: on start, and every second, the thread picks up whatever is due.

Celery (REDIS_URL set): web processes enqueue task ids on Redis; `social-bridge worker` runs them and
`social-bridge beat` schedules the sweep that re-offers anything a lost message left behind, and
the polls of accounts whose channel fetches its posts.
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from datetime import datetime, timedelta, timezone

from bridge import tasks
from bridge.runtime import Runtime
from bridge.usecases.engagement import reread_engagement
from bridge.usecases.poll import poll, poll_due
from bridge.usecases.sweep import settle_interrupted, sweep_clocks

log = logging.getLogger("bridge.queue")

SWEEP_EVERY = 30.0  # seconds
POLL_CHECK_EVERY = 2.0  # seconds between looks for polling accounts that are due
# A row this long overdue without being claimed probably lost its broker message: offer it again.
CELERY_REOFFER_AFTER = timedelta(seconds=60)


class EmbeddedQueue:
    def __init__(self, rt: Runtime, idle_wait: float = 1.0):
        self.rt = rt
        self.idle_wait = idle_wait
        self._wakeups: queue.Queue[tuple[str, int]] = queue.Queue()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        rt.enqueue = self.enqueue

    def enqueue(self, kind: str, row_id: int, delay: float = 0.0) -> None:
        if delay <= 0:
            self._wakeups.put((kind, row_id))
        # a delayed row is picked up by run_due once its next_attempt_at has passed

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="bridge-embedded-queue", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wakeups.put(("stop", 0))
        if self._thread:
            self._thread.join(timeout)

    def run_due(self) -> int:
        """Run everything that is due now (also used by tests and the CLI)."""
        ran = 0
        for kind, row_id in self.rt.store.due():
            self._run(kind, row_id)
            ran += 1
        return ran

    def run_polls(self) -> int:
        """Poll every account that is due (also used by tests)."""
        due = poll_due(self.rt, datetime.now(timezone.utc))
        for channel, account in due:
            try:
                poll(self.rt, channel, account)
            except Exception:  # a bug in one channel's poller must not stop the queue
                log.exception("poll %s/%s crashed", channel, account)
        return len(due)

    def _run(self, kind: str, row_id: int) -> None:
        try:
            tasks.run(self.rt, kind, row_id)
        except Exception:  # a bug in one task must not stop the queue; the row stays due and is retried
            log.exception("%s %s crashed", kind, row_id)

    def _loop(self) -> None:
        settle_interrupted(self.rt)
        next_sweep = next_poll = 0.0
        while not self._stop.is_set():
            try:
                kind, row_id = self._wakeups.get(timeout=self.idle_wait)
                if kind == "stop":
                    break
                self._run(kind, row_id)
            except queue.Empty:
                pass
            try:
                if time.monotonic() >= next_sweep:
                    sweep(self.rt)
                    next_sweep = time.monotonic() + SWEEP_EVERY
                if time.monotonic() >= next_poll:
                    self.run_polls()
                    next_poll = time.monotonic() + POLL_CHECK_EVERY
                if self._wakeups.empty():
                    self.run_due()
            except Exception:
                log.exception("embedded queue sweep failed; will try again")


class CeleryQueue:
    """Hands task ids to Celery over Redis. If Redis is down the rows are already stored; the sweep
    offers them again, so an enqueue failure is logged, not raised."""

    def __init__(self, rt: Runtime, app):
        self.rt = rt
        self.app = app
        rt.enqueue = self.enqueue

    def enqueue(self, kind: str, row_id: int, delay: float = 0.0) -> None:
        try:
            self.app.send_task(f"bridge.{kind}", args=[row_id], countdown=delay or None)
        except Exception as exc:  # kombu raises several types for a broker that is down
            log.warning("could not enqueue %s %s (the sweep will offer it again): %s", kind, row_id, exc)

    def start(self) -> None:
        pass

    def stop(self, timeout: float = 10.0) -> None:
        pass


def sweep(rt: Runtime, *, reoffer: bool = False) -> int:
    """The periodic work, in either mode: settle interrupted sends, warn and escalate SLA clocks, re-read
    the engagement of recent public posts. `reoffer` (Celery): offer overdue rows again, in case their
    broker message was lost; returns how many."""
    now = datetime.now(timezone.utc)
    settle_interrupted(rt)
    sweep_clocks(rt, now)
    reread_engagement(rt, now)
    if not reoffer:
        return 0
    offered = 0
    for kind, row_id in rt.store.due(older_than=CELERY_REOFFER_AFTER):
        rt.enqueue(kind, row_id)
        offered += 1
    return offered
