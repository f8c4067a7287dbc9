"""Celery over Redis (REDIS_URL). Tasks take row ids; each pool process builds its Runtime once, when it
starts.

The use cases are imported here, before the pool forks, so the pool processes share those pages with
the main process instead of each holding its own copy; each pool process builds its Runtime (database
connections, HTTP sessions) after the fork."""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

from celery import Celery
from celery.signals import worker_process_init
from kombu.transport import redis as kombu_redis

from bridge import tasks
from bridge.config import Settings, load_settings
from bridge.periodic import POLL_CHECK_EVERY, SWEEP_EVERY
from bridge.queue import CeleryQueue, sweep
from bridge.runtime import Runtime
from bridge.usecases.poll import poll, poll_due

log = logging.getLogger("bridge.worker")

_runtime: Runtime | None = None


def _worker_runtime() -> Runtime:
    global _runtime
    if _runtime is None:
        _runtime = Runtime(load_settings())
        CeleryQueue(_runtime, app, relay=False)  # a worker hands over what its task queued as it goes
    return _runtime


@worker_process_init.connect
def _build_runtime(**_kwargs: Any) -> None:
    """Each pool process is ready before its first task (and a broken config shows at start)."""
    _worker_runtime()


class RedisChannel(kombu_redis.Channel):
    """kombu's Redis channel, publishing through one client per connection pool. kombu builds a new
    `redis.Redis` for every message it publishes, and each copies about 170 response callbacks into a dict of
    its own: 15 to 30 % of a message's CPU in the web process. A client is safe to share between threads (each
    command takes a connection from the pool); kombu replaces the pool after a broker error, and a new pool
    gets a new client. Consuming is unchanged."""

    _shared_client: Any = None
    _shared_client_pool: Any = None

    def _create_client(self, asynchronous: bool = False) -> Any:
        if asynchronous:
            return super()._create_client(asynchronous=True)
        pool = self.pool
        if self._shared_client_pool is not pool:
            self._shared_client, self._shared_client_pool = super()._create_client(), pool
        return self._shared_client


class RedisTransport(kombu_redis.Transport):
    Channel = RedisChannel


def configure(settings: Settings) -> Celery:
    app.conf.broker_url = settings.redis_url
    if (settings.redis_url or "").split("://", 1)[0] in ("redis", "rediss"):  # not sentinel://, its own transport
        app.conf.broker_transport = f"{__name__}:RedisTransport"
    return app


app = Celery("bridge")
app.conf.update(
    task_acks_late=True,  # a task whose worker dies is redelivered, not lost
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_ignore_result=True,
    broker_connection_retry_on_startup=True,
    task_default_queue="bridge",
    beat_schedule={
        "sweep": {"task": "bridge.sweep", "schedule": SWEEP_EVERY},
        "polls": {"task": "bridge.poll_due", "schedule": POLL_CHECK_EVERY},
    },
    worker_hijack_root_logger=False,
)


def _run_each(kind: str, row_ids: tuple[int, ...]) -> list[str]:
    """The rows of one message, one after the other. One that crashes stays due (the sweep offers it
    again) and does not keep the others from running."""
    rt = _worker_runtime()
    outcomes = []
    for row_id in row_ids:
        try:
            outcomes.append(tasks.run(rt, kind, row_id))
        except Exception:
            log.exception("%s %s crashed", kind, row_id)
            outcomes.append("crashed")
    return outcomes


@app.task(name="bridge.ingest")
def ingest_task(*event_ids: int) -> list[str]:
    return _run_each("ingest", event_ids)


@app.task(name="bridge.deliver")
def deliver_task(*delivery_ids: int) -> list[str]:
    return _run_each("deliver", delivery_ids)


@app.task(name="bridge.sweep")
def sweep_task() -> int:
    return sweep(_worker_runtime(), reoffer=True)


@app.task(name="bridge.poll_due")
def poll_due_task() -> int:
    """Poll the accounts that are due. Each poll claims its account, so workers running this at the same
    time share the accounts between them rather than poll one twice."""
    rt = _worker_runtime()
    due = poll_due(rt, datetime.now(timezone.utc))
    for channel, account in due:
        poll(rt, channel, account)
    return len(due)
