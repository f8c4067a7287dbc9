"""Fuzzing every webhook route with valid signatures (hypothesis): real payloads with parts replaced by
anything JSON can hold, arbitrary JSON, and arbitrary bytes. Never a 5xx; and every stored event ends processed,
or failed with its reason, within its attempts (none left looping)."""
from __future__ import annotations

import hashlib
import hmac
import json
import re

import pytest
import responses
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bridge.channels.sandbox.channel import SIGNATURE_HEADER, sign
from bridge.store.tables import Conversation, Delivery, InboundEvent
from bridge.usecases.ingest import MAX_UNEXPECTED_ATTEMPTS
from tests.conftest import FIXTURES, REPO, X_ACCOUNT, ZAMMAD, write_config
from tests.test_flow_meta import FACEBOOK, INSTAGRAM
from tests.web.test_webhooks import x_signature, zammad_signature

SANDBOX = {"channel": "sandbox", "name": "demo", "secret": "sandbox-secret", "base_url": "http://sandbox.test"}
META_SECRET = FACEBOOK["app_secret"]


def _seeds(*patterns: str) -> list:
    found = []
    for pattern in patterns:
        for path in sorted(FIXTURES.glob(pattern)):
            if not path.name.startswith(("error_", "answer_")):
                found.append(json.loads(path.read_text()))
    return found


SANDBOX_POST = {"post": {"id": 1, "account": "demo", "kind": "public", "author": {"handle": "ann", "name": "Ann",
                                                                                   "followers": 10},
                         "from_brand": False, "text": "my parcel never came", "in_reply_to": None, "thread_root": None,
                         "created_at": "2026-11-26T00:00:00+00:00"}}
ROUTES = {
    "/webhooks/x/acme": (_seeds("x/*.json", "x/captured/*.json"),
                         lambda body: {"x-twitter-webhooks-signature": x_signature(body)}),
    "/webhooks/facebook/acme": (_seeds("facebook/*.json"), lambda body: {"X-Hub-Signature-256": _hub(body)}),
    "/webhooks/instagram/acme": (_seeds("instagram/*.json"), lambda body: {"X-Hub-Signature-256": _hub(body)}),
    "/webhooks/sandbox/demo": ([SANDBOX_POST], lambda body: {SIGNATURE_HEADER: sign(SANDBOX["secret"], body)}),
    "/webhooks/helpdesk/zammad": (_seeds("zammad/webhook_*.json"), lambda body: {"X-Hub-Signature": zammad_signature(body)}),
}


def _hub(body: bytes) -> str:
    return "sha256=" + hmac.new(META_SECRET.encode(), body, hashlib.sha256).hexdigest()


leaves = (st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
          | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=40)
          | st.sampled_from(["", "0", "-1", "1" * 250, "x" * 5000, "2026-11-26T00:00:00", "\u0000", "💥"]))
json_values = st.recursive(leaves, lambda children: st.lists(children, max_size=4)
                           | st.dictionaries(st.text(max_size=12), children, max_size=4), max_leaves=20)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


def _replace(value, path, new):
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replace(value[path[0]], path[1:], new)
    return copy


@st.composite
def mutated(draw, seeds):
    """A real payload with one to three of its parts (anywhere in the tree) replaced by arbitrary JSON."""
    value = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(value))
        value = _replace(value, draw(st.sampled_from(paths)), draw(json_values))
    return json.dumps(value).encode()


deeply_nested = st.integers(500, 100_000).map(lambda n: b"[" * n + b"]" * n)


@st.composite
def reencoded(draw, bodies):
    """Valid JSON in another encoding JSON allows a reader to detect (UTF-16/32), or with a byte-order mark."""
    text = draw(bodies).decode("utf-8")
    return draw(st.sampled_from([text.encode("utf-16"), text.encode("utf-32"), text.encode("utf-16-le"),
                                 b"\xef\xbb\xbf" + text.encode("utf-8")]))


bodies_for = {route: st.one_of(mutated(seeds), reencoded(mutated(seeds)), deeply_nested,
                               json_values.map(lambda v: json.dumps(v).encode()), st.binary(max_size=200))
              for route, (seeds, _) in ROUTES.items()}


@pytest.fixture
def config_env(tmp_path):
    path = write_config(tmp_path, helpdesk=ZAMMAD, accounts=[X_ACCOUNT, FACEBOOK, INSTAGRAM, SANDBOX])
    return {"BRIDGE_CONFIG": str(path), "DATABASE_URL": f"sqlite:///{tmp_path / 'bridge.db'}",
            "BRIDGE_MAPPINGS_DIR": str(REPO / "mappings")}


@pytest.fixture
def remotes():
    """Zammad takes everything; the platforms answer reads with a refusal (a fuzzed id names nothing)."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        zammad = ZAMMAD["url"]
        mock.get(re.compile(rf"{zammad}/api/v1/users/search.*"), json=[])
        mock.post(f"{zammad}/api/v1/users", json={"id": 42}, status=201)
        mock.post(f"{zammad}/api/v1/tickets", json={"id": 82, "article_ids": [501]}, status=201)
        mock.get(re.compile(rf"{zammad}/api/v1/tickets/.*"), json={"id": 82, "state": "open"})
        mock.post(f"{zammad}/api/v1/ticket_articles", json={"id": 777}, status=201)
        mock.put(re.compile(rf"{zammad}/api/v1/tickets/.*"), json={"id": 82})
        mock.post(f"{zammad}/api/v1/tags/add", json=True)
        for method in ("GET", "POST"):
            mock.add(method, re.compile(r"https://(graph\.facebook|api\.x|sandbox)\.test/.*"),
                     json={"error": {"message": "no such object", "code": 100}}, status=404)
        yield mock


def _settle(work, store):
    """Run the queue as its sweeps would, skipping the waits, until nothing is due (or attempts run out)."""
    for _ in range(MAX_UNEXPECTED_ATTEMPTS + 2):
        work()
        with store.session() as s:
            pending = list(s.scalars(select(InboundEvent).where(InboundEvent.state == "pending")))
            for row in pending:
                row.next_attempt_at = row.received_at
                row.lease_until = None
            for row in s.scalars(select(Conversation)):
                row.creating_until = None
            for row in s.scalars(select(Delivery)):
                row.next_attempt_at = row.created_at
        if not pending:
            return


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_no_signed_body_gets_a_5xx_or_leaves_an_event_looping(route, client, work, store, remotes):
    sign_for = ROUTES[route][1]

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                     HealthCheck.too_slow])
    @given(body=bodies_for[route])
    def check(body):
        answer = client.post(route, data=body, headers={**sign_for(body), "Content-Type": "application/json"})
        assert answer.status_code < 500, (answer.status_code, answer.get_data(as_text=True)[:300])
        if answer.status_code >= 400:
            assert answer.is_json and answer.get_json().get("error")
        _settle(work, store)
        with store.session() as s:
            for event in s.scalars(select(InboundEvent)):
                assert event.state in ("done", "failed"), (event.state, event.attempts, event.last_error)
                if event.state == "failed":
                    assert event.last_error

    check()
