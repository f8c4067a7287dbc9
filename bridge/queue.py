"""Two ways to run the tasks, one set of tasks.

Embedded (default): threads inside the server process. The work rows in the store are the queue, so
a crash or restart loses nothing: on start, and every second, the scheduling thread offers whatever is
due to the worker threads (BRIDGE_QUEUE_THREADS, default 4). Each row is claimed by a compare-and-set
on its lease, so two threads never run the same task; SQLite writers take turns inside the process.

Celery (REDIS_URL set): web processes enqueue task ids on Redis; `social-bridge worker` runs them and
`social-bridge beat` schedules the sweep that re-offers anything a lost message left behind, and
the polls of accounts whose channel fetches its posts.
"""
from __future__ import annotations

import collections
import logging
import os
import queue
import sys
import threading
import time
from datetime import datetime, timedelta, timezone

from bridge import tasks
from bridge.periodic import POLL_CHECK_EVERY, SWEEP_EVERY
from bridge.runtime import Runtime
from bridge.usecases.engagement import reread_engagement
from bridge.usecases.poll import poll, poll_due
from bridge.usecases.recover import recover_replies
from bridge.usecases.sweep import settle_interrupted, sweep_clocks

log = logging.getLogger("bridge.queue")

# A row this long overdue without being claimed probably lost its broker message: offer it again.
CELERY_REOFFER_AFTER = timedelta(seconds=60)


# Celery: ids handed over together go in one message, at most this many (more messages spread the work
# over more workers; fewer cost the web process less: a message costs it more CPU than the acknowledgement's
# own insert).
RELAY_BATCH = 64
RELAY_LINGER = 0.05  # seconds the relay sleeps between messages while webhooks keep arriving (ids gather meanwhile)

YIELD_TO_WEBHOOKS = 1.0  # seconds a worker waits, at most, for no webhook to be in flight before a task
# While a task runs, a webhook's thread waits for the GIL up to the interpreter's switch interval (5 ms by
# default) each time it wants it back; 1 ms keeps acknowledgements quick beside a busy queue (p99 at half
# load: median 23 ms against 39 ms over five side-by-side runs of bench/ack.py).
SWITCH_INTERVAL = 0.001
FLOOD_CHECK = 0.05  # seconds between looks at whether a flood of webhooks is over


def default_workers() -> int:
    return max(1, int(os.environ.get("BRIDGE_QUEUE_THREADS", "4")))


class EmbeddedQueue:
    def __init__(self, rt: Runtime, idle_wait: float = 1.0, workers: int | None = None):
        self.rt = rt
        self.idle_wait = idle_wait
        self.workers = workers or default_workers()
        self._wakeups: queue.Queue[tuple[str, int]] = queue.Queue()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        rt.enqueue = self.enqueue

    def enqueue(self, kind: str, row_id: int, delay: float = 0.0) -> None:
        if delay <= 0:
            self._wakeups.put((kind, row_id))
        # a delayed row is picked up by the scheduler once its next_attempt_at has passed

    def start(self) -> None:
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))
        workers = [threading.Thread(target=self._work, args=(n,), name=f"bridge-queue-{n}", daemon=True)
                   for n in range(self.workers)]
        scheduler = threading.Thread(target=self._schedule, args=(workers,), name="bridge-queue-scheduler",
                                     daemon=True)
        self._threads = [scheduler, *workers]
        scheduler.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        for _ in range(self.workers):
            self._wakeups.put(("stop", 0))
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            if thread.is_alive():
                thread.join(max(0.0, deadline - time.monotonic()))

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

    def _work(self, index: int) -> None:
        while True:
            # During a flood of webhooks only the first worker takes tasks: each busy worker is one more
            # thread the acknowledgements wait behind for the GIL (p99 at half load: 9-13 ms with one,
            # 40-75 ms with four). Below the flood rate (a 10,000-post storm in a minute is 167/s) all work.
            while index > 0 and self.rt.webhooks_in_flight.flooding() and not self._stop.wait(FLOOD_CHECK):
                pass
            kind, row_id = self._wakeups.get()
            if kind == "stop":
                break
            self.rt.webhooks_in_flight.wait_quiet(YIELD_TO_WEBHOOKS)
            self._run(kind, row_id)

    def _schedule(self, workers: list[threading.Thread]) -> None:
        """Sweeps, polls, and rows that are due (retries, and anything whose wake-up was lost in a restart)."""
        try:
            settle_interrupted(self.rt)  # before a worker can claim a row a dead process left half-sent
        except Exception:
            log.exception("could not settle interrupted deliveries; the next sweep will try again")
        for worker in workers:
            worker.start()
        next_sweep = next_poll = 0.0
        while not self._stop.is_set():
            try:
                if time.monotonic() >= next_sweep:
                    sweep(self.rt)
                    next_sweep = time.monotonic() + SWEEP_EVERY
                if time.monotonic() >= next_poll:
                    self.run_polls()
                    next_poll = time.monotonic() + POLL_CHECK_EVERY
                if self._wakeups.empty():  # while the workers are busy, what they will claim is already queued
                    for kind, row_id in self.rt.store.due():
                        self._wakeups.put((kind, row_id))
            except Exception:
                log.exception("embedded queue sweep failed; will try again")
            self._stop.wait(self.idle_wait)


class CeleryQueue:
    """Hands task ids to Celery over Redis. In a web process, from a relay thread, so a webhook's answer
    never waits for Redis, and ids that arrive together travel in one message (up to RELAY_BATCH); in a
    worker (`relay=False`), at once, as a task finishes. The rows are stored before they are handed over: if
    Redis is down or the process stops first, the sweep offers them again, so a failed hand-off is logged,
    not raised."""

    def __init__(self, rt: Runtime, app, *, relay: bool = True):
        self.rt = rt
        self.app = app
        self.relay = relay
        # Ids wait in a deque the relay empties by itself while it is busy: only an idle relay is woken, so a
        # webhook's hand-off is one append, not a wake-up of another thread
        self._handoffs: collections.deque[tuple[str, int, float] | None] = collections.deque()
        self._wake = threading.Event()
        self._relay_idle = True
        self._relay_thread: threading.Thread | None = None
        self._relay_lock = threading.Lock()
        rt.enqueue = self.enqueue

    def enqueue(self, kind: str, row_id: int, delay: float = 0.0) -> None:
        if not self.relay:
            self._send([(kind, row_id, delay)])
            return
        if self._relay_thread is None:
            self.start()
        self._handoffs.append((kind, row_id, delay))
        if self._relay_idle:
            self._wake.set()

    def start(self) -> None:
        with self._relay_lock:  # started by serve, or by the first enqueue after a stop
            if self.relay and self._relay_thread is None:
                self._relay_thread = threading.Thread(target=self._hand_off, name="bridge-celery-relay", daemon=True)
                self._relay_thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Hand off what is waiting, then stop the relay."""
        relay = self._relay_thread
        if relay is not None:
            self._handoffs.append(None)
            self._wake.set()
            relay.join(timeout)

    def _hand_off(self) -> None:
        # One producer (one Redis connection) for the relay's life: taking one from Celery's pool for each
        # message builds a new connection object every time, which costs more than the message
        try:
            with self.app.producer_or_acquire() as producer:
                self._relay_messages(producer)
        except Exception as exc:  # no connection to Redis at all: the next enqueue starts a relay again
            log.warning("the relay to Redis stopped (the sweep will offer its rows again): %s", exc)
        finally:
            with self._relay_lock:
                self._relay_thread = None

    def _relay_messages(self, producer) -> None:
        last_sent = float("-inf")
        while True:
            # (idle first, then the deque looked at: an id appended in between either is seen or wakes it)
            self._relay_idle = True
            if not self._handoffs:
                self._wake.wait()
            self._wake.clear()
            self._relay_idle = False
            # Busy: what waits is handed over at once, then the relay sleeps a little while more ids arrive, as each
            # message costs the process about as much as the acknowledgement itself; idle again once none came.
            # Webhooks arriving one at a time but closer than RELAY_LINGER apart keep it busy too: sent each alone,
            # every one of them would cost a message.
            while waiting := self._take_waiting():
                sent, previous = time.monotonic(), last_sent
                self._send([item for item in waiting if item is not None], producer)
                last_sent = sent
                if None in waiting:
                    return
                if len(waiting) == 1 and sent - previous >= RELAY_LINGER:
                    break  # (one id alone, the first for a while: the next is handed over at once too)
                time.sleep(RELAY_LINGER)

    def _take_waiting(self) -> list[tuple[str, int, float] | None]:
        taken = []
        while self._handoffs:
            taken.append(self._handoffs.popleft())
        return taken

    def _send(self, items: list[tuple[str, int, float]], producer=None) -> None:
        messages: list[tuple[str, list[int], float]] = []
        now: dict[str, list[int]] = {}
        for kind, row_id, delay in items:
            if delay > 0:
                messages.append((kind, [row_id], delay))  # its own countdown
            else:
                now.setdefault(kind, []).append(row_id)
        for kind, ids in now.items():
            messages += [(kind, ids[start:start + RELAY_BATCH], 0.0) for start in range(0, len(ids), RELAY_BATCH)]
        if not messages:
            return
        try:
            with self.app.producer_or_acquire(producer) as held:
                for kind, ids, delay in messages:
                    self.app.send_task(f"bridge.{kind}", args=ids, countdown=delay or None, producer=held)
        except Exception as exc:  # kombu raises several types for a broker that is down
            log.warning("could not hand %d messages to Redis (the sweep will offer their rows again): %s",
                        len(messages), exc)


def sweep(rt: Runtime, *, reoffer: bool = False) -> int:
    """The periodic work, in either mode: settle interrupted sends, warn and escalate SLA clocks, re-read the
    engagement of recent public posts, delete the files whose signed links have expired, recover agents' replies
    whose webhook was lost. `reoffer`
    (Celery): offer overdue rows again, in case their broker message was lost; returns how many."""
    now = datetime.now(timezone.utc)
    settle_interrupted(rt)
    sweep_clocks(rt, now)
    reread_engagement(rt, now)
    rt.media_links.purge()
    recover_replies(rt, now)  # last: it asks the helpdesk, and nothing before it waits for that
    if not reoffer:
        return 0
    offered = 0
    for kind, row_id in rt.store.due(older_than=CELERY_REOFFER_AFTER):
        rt.enqueue(kind, row_id)
        offered += 1
    return offered
