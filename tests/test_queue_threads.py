"""Several threads at once: the lean acknowledgement's insert, and the embedded queue's worker threads,
each task run exactly once and every SQLite write kept."""
import itertools
import json
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from types import SimpleNamespace

import pytest
import responses
from sqlalchemy import func, select

from bridge.model import EventState
from bridge.queue import EmbeddedQueue
from bridge.store.database import utcnow
from bridge.store.tables import Conversation, InboundEvent, PostRecord
from tests.conftest import wait_for
from tests.test_flow import MENTION, ZAMMAD, post_x


def test_one_insert_per_event_id_under_concurrent_acknowledgements(store):
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda n: store.events.add("x", "acme", f"ev-{n % 5}", "{}"), range(40)))
    assert sum(created for _, created in results) == 5
    by_event: dict[int, set] = {}
    for n, (row_id, _) in enumerate(results):
        by_event.setdefault(n % 5, set()).add(row_id)
    assert all(len(ids) == 1 for ids in by_event.values())
    row = store.events.get(results[0][0])
    # the times are stored as SQLAlchemy stores them: read back equal, and the row is due at once
    assert abs(row.received_at - utcnow()) < timedelta(seconds=5) and row.next_attempt_at == row.received_at
    assert row.state == EventState.PENDING.value and row.attempts == 0
    assert ("ingest", row.id) in store.due()


def mention(n: int) -> bytes:
    """A new post of its own customer, in its own thread."""
    payload = json.loads(MENTION)
    post = payload["data"]["payload"]
    payload["data"]["event_uuid"] = post["id"] = post["conversation_id"] = f"30{n:06d}"
    post["text"] = f"@ExampleUser order {n} question number {n} about sizes"
    author = f"55{n:06d}"
    post["author_id"] = author
    payload["data"]["includes"]["users"][0].update(id=author, username=f"customer{n}")
    return json.dumps(payload).encode()


def pending(rt) -> int:
    with rt.store.session() as s:
        return s.scalar(select(func.count()).select_from(InboundEvent).where(
            InboundEvent.state == EventState.PENDING.value))


def test_embedded_queue_threads_run_each_task_once(rt, app, client):
    tickets = itertools.count(1000)
    lock = threading.Lock()

    def create_ticket(request):
        with lock:
            ticket_id = next(tickets)
        return 201, {}, json.dumps({"id": ticket_id, "article_ids": [ticket_id]})

    with responses.RequestsMock(assert_all_requests_are_fired=False) as zammad:
        zammad.get(re.compile(rf"{ZAMMAD}/api/v1/users/search.*"), json=[])
        zammad.post(f"{ZAMMAD}/api/v1/users", json={"id": 42, "login": "x"}, status=201)
        zammad.add_callback("POST", f"{ZAMMAD}/api/v1/tickets", callback=create_ticket)
        zammad.get(re.compile(rf"{ZAMMAD}/api/v1/tickets/\d+.*"), json={"id": 1, "state": "open"})
        zammad.post(f"{ZAMMAD}/api/v1/ticket_articles", json={"id": 777}, status=201)
        queue = EmbeddedQueue(rt, idle_wait=0.1, workers=4)
        app.extensions["bridge_queue"] = queue
        queue.start()
        try:
            # 30 posts delivered once, 10 delivered twice (the second is answered as a duplicate)
            for n in range(30):
                assert post_x(client, mention(n)).status_code == 200
            for n in range(30, 40):
                body = mention(n)
                post_x(client, body)
                post_x(client, body)
            wait_for(lambda: pending(rt) == 0, timeout=60, what="events ingested")
        finally:
            queue.stop()
        created = [c for c in zammad.calls if c.request.method == "POST" and c.request.url.endswith("/tickets")]
    with rt.store.session() as s:
        assert s.scalar(select(func.count()).select_from(InboundEvent)) == 40
        assert s.scalar(select(func.count()).select_from(PostRecord)) == 40
        ticket_ids = list(s.scalars(select(Conversation.ticket_id)))
        done = s.scalar(select(func.count()).select_from(InboundEvent).where(InboundEvent.state == "done"))
    assert len(created) == 40 and len(ticket_ids) == 40 and len(set(ticket_ids)) == 40 and done == 40
    assert {t.name for t in threading.enumerate() if t.name.startswith("bridge-queue")} == set()


def test_a_bad_insert_in_a_group_commit_fails_only_itself(store):
    """Inserts waiting for SQLite's writer are written together; one that fails is retried alone and fails
    alone, the others are committed."""
    def add(n: int):
        try:
            return store.events.add("x", "acme", f"g-{n}", None if n == 7 else "{}")  # NOT NULL body
        except Exception as exc:  # noqa: BLE001 - the test looks at which one failed
            return exc

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(add, range(32)))
    failed = [n for n, r in enumerate(results) if isinstance(r, Exception)]
    assert failed == [7]
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(InboundEvent)) == 31


class _Broker:
    """Stands in for the Celery app: records what the relay hands over (or fails like a broker that is down)."""

    def __init__(self, down: bool = False, unreachable: bool = False):
        self.down = down
        self.unreachable = unreachable  # no connection can even be made
        self.messages: list[tuple[str, list[int], float | None]] = []

    def producer_or_acquire(self, producer=None):
        import contextlib

        if self.unreachable and producer is None:
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        return contextlib.nullcontext(producer or "producer")

    def send_task(self, name, args, countdown=None, producer=None):
        if self.down:
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        assert producer == "producer"  # one producer for the whole hand-off
        self.messages.append((name, list(args), countdown))


def test_celery_relay_hands_every_id_over_once_in_small_batches(rt):
    from bridge.queue import RELAY_BATCH, CeleryQueue

    broker = _Broker()
    relay = CeleryQueue(rt, broker)
    with ThreadPoolExecutor(8) as pool:  # as waitress's threads would
        list(pool.map(lambda n: rt.enqueue("ingest", n), range(200)))
    rt.enqueue("deliver", 7, 30.0)
    relay.stop()
    ingest = [ids for name, ids, _ in broker.messages if name == "bridge.ingest"]
    assert sorted(i for ids in ingest for i in ids) == list(range(200))
    assert all(1 <= len(ids) <= RELAY_BATCH for ids in ingest)
    assert ("bridge.deliver", [7], 30.0) in broker.messages  # a delayed task keeps its own countdown
    assert all(countdown is None for name, _, countdown in broker.messages if name == "bridge.ingest")


def test_celery_relay_hands_a_lone_id_over_at_once_and_gathers_ids_while_they_keep_coming(rt, monkeypatch):
    import bridge.queue
    from bridge.queue import CeleryQueue
    from tests.conftest import wait_for

    monkeypatch.setattr(bridge.queue, "RELAY_LINGER", 0.5)
    broker = _Broker()
    relay = CeleryQueue(rt, broker)
    rt.enqueue("ingest", 1)
    wait_for(lambda: len(broker.messages) == 1, timeout=0.3)  # idle: at once, not after the linger
    rt.enqueue("ingest", 2)
    wait_for(lambda: len(broker.messages) == 2, timeout=0.3)  # alone: at once too
    for row_id in (3, 4, 5):  # arriving soon after another: the relay lingers and gathers them
        rt.enqueue("ingest", row_id)
    time.sleep(0.2)
    assert len(broker.messages) == 2
    wait_for(lambda: len(broker.messages) == 3, timeout=1)
    assert broker.messages[2] == ("bridge.ingest", [3, 4, 5], None)  # gathered into one message
    time.sleep(1.2)  # quiet for longer than the linger
    rt.enqueue("ingest", 6)
    wait_for(lambda: len(broker.messages) == 4, timeout=0.3)  # the first for a while: at once
    relay.stop()
    assert [ids for _, ids, _ in broker.messages] == [[1], [2], [3, 4, 5], [6]]


def test_celery_relay_logs_a_broker_that_is_down_and_goes_on(rt, caplog):
    from bridge.queue import CeleryQueue

    broker = _Broker(down=True)
    relay = CeleryQueue(rt, broker)
    rt.enqueue("ingest", 1)  # never raises into the webhook: the row is stored, the sweep offers it again
    relay.stop()
    assert "could not hand 1 messages to Redis" in caplog.text
    broker.down = False
    rt.enqueue("ingest", 2)  # the relay starts again after a stop
    relay.stop()
    assert broker.messages == [("bridge.ingest", [2], None)]


def test_celery_queue_in_a_worker_hands_over_at_once_without_a_thread(rt):
    from bridge.queue import CeleryQueue

    broker = _Broker()
    handoff = CeleryQueue(rt, broker, relay=False)
    rt.enqueue("deliver", 3)
    assert broker.messages == [("bridge.deliver", [3], None)]  # before enqueue returned
    assert handoff._relay_thread is None


def test_celery_relay_that_cannot_connect_stops_and_the_next_enqueue_starts_it_again(rt, caplog):
    from bridge.queue import CeleryQueue
    from tests.conftest import wait_for

    broker = _Broker(unreachable=True)
    relay = CeleryQueue(rt, broker)
    rt.enqueue("ingest", 1)  # never raises into the webhook
    wait_for(lambda: relay._relay_thread is None, timeout=5)
    assert "the relay to Redis stopped" in caplog.text
    broker.unreachable = False
    rt.enqueue("ingest", 2)  # a new relay hands over what waited and the new id
    relay.stop()
    assert sorted(i for _, ids, _ in broker.messages for i in ids) == [1, 2]


def test_embedded_queue_shortens_the_gil_switch_interval_for_the_servers_threads(rt, monkeypatch):
    import sys

    from bridge.queue import SWITCH_INTERVAL
    monkeypatch.setattr(sys, "setswitchinterval", lambda seconds: calls.append(seconds))
    monkeypatch.setattr(sys, "getswitchinterval", lambda: 0.005)
    calls: list[float] = []
    queue = EmbeddedQueue(rt, idle_wait=0.1, workers=1)
    queue.start()
    queue.stop()
    assert calls == [SWITCH_INTERVAL] and SWITCH_INTERVAL < 0.005


def test_a_flood_is_told_from_a_storm_by_the_arrival_rate(monkeypatch):
    from bridge import runtime
    from bridge.runtime import InFlight

    clock = [1000.0]
    monkeypatch.setattr(runtime.time, "monotonic", lambda: clock[0])
    in_flight = InFlight(flood_rate=300)

    def arrive(count: int, over: float) -> None:
        for _ in range(count):
            with in_flight:
                clock[0] += over / count

    assert not in_flight.flooding()
    arrive(170, 1.0)  # a 10,000-post storm in a minute: 167/s
    arrive(170, 1.0)
    assert not in_flight.flooding()
    arrive(400, 1.0)  # a flood: already one while its first second runs
    assert in_flight.flooding()
    arrive(1, 0.01)  # the next window opens: the last one's rate still counts
    assert in_flight.flooding()
    clock[0] += 5.0  # then nothing for a while
    assert not in_flight.flooding()


def test_during_a_flood_only_the_first_queue_worker_takes_tasks(rt, monkeypatch):
    flood = [True]
    monkeypatch.setattr(rt.webhooks_in_flight, "flooding", lambda: flood[0])
    ran: list[str] = []

    def run(self, kind, row_id):
        ran.append(threading.current_thread().name)
        time.sleep(0.01)

    monkeypatch.setattr(EmbeddedQueue, "_run", run)
    queue = EmbeddedQueue(rt, idle_wait=0.1, workers=4)
    queue.start()
    try:
        for n in range(20):
            queue.enqueue("ingest", n)
        wait_for(lambda: len(ran) == 20, timeout=10, what="tasks run")
        assert set(ran) == {"bridge-queue-0"}
        flood[0] = False  # the flood is over: every worker takes tasks again
        for n in range(40):
            queue.enqueue("ingest", n)
        wait_for(lambda: len(ran) == 60, timeout=10, what="tasks run")
        assert len(set(ran[20:])) > 1
    finally:
        queue.stop()


@pytest.mark.redis
def test_celery_relay_on_real_redis_hands_every_id_over_through_one_redis_client(rt, monkeypatch):
    import base64

    import redis
    from celery import Celery

    from bridge.queue import CeleryQueue
    from tests.conftest import redis_url

    url = redis_url()
    app = Celery("relay-test", set_as_current=False)
    app.conf.update(broker_url=url, broker_transport="bridge.celery_app:RedisTransport", task_default_queue="bridge")
    clients: list[redis.Redis] = []
    build = redis.Redis.__init__

    def counted(self, *args, **kwargs):
        clients.append(self)
        build(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counted)
    relay = CeleryQueue(rt, app)
    for row_id in range(40):
        rt.enqueue("ingest", row_id)
        if row_id % 5 == 0:
            time.sleep(0.06)  # an idle relay hands over at once: several messages
    relay.stop()
    monkeypatch.undo()
    stored = [json.loads(raw) for raw in redis.Redis.from_url(url).lrange("bridge", 0, -1)]
    handed = [json.loads(base64.b64decode(message["body"]))[0] for message in stored]
    assert sorted(row_id for ids in handed for row_id in ids) == list(range(40))
    # several messages (eight bursts 60 ms apart; on a busy machine the relay may join two of them, so at least half),
    # one client kombu makes as the channel connects, one that every message shares (kombu's own channel builds one
    # more for every message)
    assert len(handed) >= 4 and len(clients) == 2


def test_celery_uses_the_shared_client_transport_for_redis_urls_only(monkeypatch):
    from bridge.celery_app import app, configure

    monkeypatch.setitem(app.conf, "broker_url", app.conf.get("broker_url"))
    monkeypatch.setitem(app.conf, "broker_transport", app.conf.get("broker_transport"))
    for url, transport in (("redis://127.0.0.1:6379/0", "bridge.celery_app:RedisTransport"),
                           ("rediss://cache.example:6380/0", "bridge.celery_app:RedisTransport"),
                           ("sentinel://127.0.0.1:26379", None)):
        app.conf["broker_transport"] = None
        configure(SimpleNamespace(redis_url=url))
        assert (app.conf["broker_url"], app.conf["broker_transport"]) == (url, transport)
