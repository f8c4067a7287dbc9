"""The HTTP edge: verify on raw bytes, store, acknowledge; bad input gets a clear answer and leaves nothing."""
import base64
import hashlib
import hmac
import json

import pytest
from sqlalchemy import func, select

from bridge.store.tables import Delivery, InboundEvent
from tests.conftest import FIXTURES, X_ACCOUNT, ZAMMAD

MENTION = (FIXTURES / "x" / "xaa_post_mention_create.json").read_bytes()


def x_signature(body: bytes, secret: str = X_ACCOUNT["consumer_secret"]) -> str:
    return "sha256=" + base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def zammad_signature(body: bytes, secret: str = ZAMMAD["webhook_secret"]) -> str:
    return "sha1=" + hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()


def count(store, table) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(table))


def test_crc_challenge(client):
    answer = client.get("/webhooks/x/acme?crc_token=challenge-123")
    expected = base64.b64encode(hmac.new(b"x-consumer-secret", b"challenge-123", hashlib.sha256).digest()).decode()
    assert answer.status_code == 200
    assert answer.get_json() == {"response_token": f"sha256={expected}"}


def test_signed_delivery_is_stored_raw_and_acknowledged(client, store):
    answer = client.post("/webhooks/x/acme", data=MENTION, headers={"x-twitter-webhooks-signature": x_signature(MENTION)})
    assert answer.status_code == 200
    assert answer.get_json()["status"] == "accepted"
    with store.session() as s:
        event = s.scalar(select(InboundEvent))
    assert event.body.encode() == MENTION
    assert (event.channel, event.account, event.state) == ("x", "acme", "pending")
    assert event.event_id == "xaa:2080765813578191303"


def test_same_delivery_twice_is_one_event(client, store):
    headers = {"x-twitter-webhooks-signature": x_signature(MENTION)}
    first = client.post("/webhooks/x/acme", data=MENTION, headers=headers).get_json()
    second = client.post("/webhooks/x/acme", data=MENTION, headers=headers).get_json()
    assert second["status"] == "duplicate"
    assert second["event"] == first["event"]
    assert count(store, InboundEvent) == 1


@pytest.mark.parametrize("signature", [None, "sha256=AAAA", "garbage"])
def test_bad_signature_is_401_and_stores_nothing(client, store, signature):
    headers = {"x-twitter-webhooks-signature": signature} if signature else {}
    answer = client.post("/webhooks/x/acme", data=MENTION, headers=headers)
    assert answer.status_code == 401
    assert count(store, InboundEvent) == 0


def test_signature_checked_on_raw_bytes_not_reencoded_json(client, store):
    reencoded = json.dumps(json.loads(MENTION)).encode()  # same data, different bytes
    answer = client.post("/webhooks/x/acme", data=reencoded, headers={"x-twitter-webhooks-signature": x_signature(MENTION)})
    assert answer.status_code == 401
    assert count(store, InboundEvent) == 0


@pytest.mark.parametrize("body, message", [(b"{not json", "not valid JSON"), (b"[1, 2]", "expected a JSON object")])
def test_malformed_body_is_400_with_a_message(client, store, body, message):
    answer = client.post("/webhooks/x/acme", data=body, headers={"x-twitter-webhooks-signature": x_signature(body)})
    assert answer.status_code == 400
    assert message in answer.get_json()["error"]
    assert count(store, InboundEvent) == 0


def test_unknown_account_is_404(client, store):
    answer = client.post("/webhooks/x/nobody", data=MENTION, headers={"x-twitter-webhooks-signature": x_signature(MENTION)})
    assert answer.status_code == 404
    assert client.post("/webhooks/mastodon/acme", data=b"{}").status_code == 404
    assert count(store, InboundEvent) == 0


def test_helpdesk_webhook_needs_a_valid_signature(client, store):
    body = (FIXTURES / "zammad" / "webhook_agent_reply.json").read_bytes()
    assert client.post("/webhooks/helpdesk/zammad", data=body, headers={"X-Hub-Signature": "sha1=00"}).status_code == 401
    assert client.post("/webhooks/helpdesk/otrs", data=body).status_code == 404
    answer = client.post("/webhooks/helpdesk/zammad", data=b"nope", headers={"X-Hub-Signature": zammad_signature(b"nope")})
    assert answer.status_code == 400
    assert count(store, Delivery) == 0


def test_helpdesk_reply_on_unknown_ticket_is_ignored(client, store):
    body = (FIXTURES / "zammad" / "webhook_agent_reply.json").read_bytes()
    answer = client.post("/webhooks/helpdesk/zammad", data=body, headers={"X-Hub-Signature": zammad_signature(body)})
    assert answer.status_code == 200
    assert answer.get_json()["replies"][0]["status"] == "ignored"
    assert count(store, Delivery) == 0


def test_healthz_and_metrics(client):
    client.post("/webhooks/x/acme", data=MENTION, headers={"x-twitter-webhooks-signature": x_signature(MENTION)})
    health = client.get("/healthz")
    assert health.status_code == 200
    body = health.get_json()
    assert body["status"] == "ok" and body["queue"] == "embedded"
    assert body["backlog"]["inbound_events"]["pending"]["count"] == 1
    metrics = client.get("/metrics").get_data(as_text=True)
    assert 'bridge_webhooks_total{outcome="accepted",source="x"}' in metrics
    assert 'bridge_backlog{state="pending",table="inbound_events"} 1.0' in metrics


def test_livez_answers_without_touching_the_store(client, rt):
    rt.store = None  # anything that reached for the store would now fail with a 500
    answer = client.get("/livez")
    assert answer.status_code == 200 and answer.get_data() == b"ok\n"


# -- the platform route is answered in front of Flask: what Flask did for it, it still does ----------------
def test_a_store_that_fails_is_a_503_that_asks_for_the_delivery_again(client, rt, caplog):
    def unreachable(*_args):
        raise ConnectionError("the database went away")

    rt.store.events.add = unreachable
    answer = client.post("/webhooks/x/acme", data=MENTION, headers={"x-twitter-webhooks-signature": x_signature(MENTION)})
    assert answer.status_code == 503 and answer.get_json() == {"error": "could not store the delivery; send it again"}
    assert answer.headers["Content-Type"] == "application/json"
    assert "could not store the delivery" in caplog.text
    assert "2080765813578191303" not in caplog.text  # (the delivery's content is not logged)


def test_a_chunked_delivery_is_read_whole(client, store):
    """A delivery sent without a Content-Length (chunked): the server ends the stream, and says so."""
    import io

    answer = client.post("/webhooks/x/acme", input_stream=io.BytesIO(MENTION),
                         headers={"x-twitter-webhooks-signature": x_signature(MENTION)},
                         environ_overrides={"wsgi.input_terminated": True})
    assert answer.status_code == 200 and answer.get_json()["status"] == "accepted"
    with store.session() as s:
        assert s.scalar(select(InboundEvent.body)).encode() == MENTION


@pytest.mark.parametrize("path, method, status", [
    ("/webhooks/x/acme/", "POST", 404),  # (no such route: the account is not "acme/")
    ("/webhooks/x", "POST", 404),
    ("/webhooks/x//", "POST", 404),
    ("/webhooks/x/acme", "PUT", 405),
])
def test_paths_of_other_shapes_and_other_methods_are_answered_as_flask_would(client, store, path, method, status):
    answer = client.open(path, method=method, data=MENTION,
                         headers={"x-twitter-webhooks-signature": x_signature(MENTION)})
    assert answer.status_code == status
    assert count(store, InboundEvent) == 0


def test_an_account_in_the_path_is_read_as_utf8_as_flask_reads_paths(client):
    answer = client.post("/webhooks/x/%C3%A1cme", data=MENTION,
                         headers={"x-twitter-webhooks-signature": x_signature(MENTION)})
    assert answer.get_json() == {"error": "unknown account x/ácme"}


def test_a_body_shorter_than_its_content_length_is_a_400_and_stores_nothing(app, store):
    """A server that streams the body (not one that buffers it first) and a client gone before its last byte."""
    import io

    from werkzeug.test import EnvironBuilder

    environ = EnvironBuilder(path="/webhooks/x/acme", method="POST",
                             headers={"x-twitter-webhooks-signature": x_signature(MENTION)}).get_environ()
    environ.pop("wsgi.input_terminated", None)
    environ.update({"wsgi.input": io.BytesIO(MENTION[:100]), "CONTENT_LENGTH": str(len(MENTION))})
    status = []
    body = b"".join(app.wsgi_app(environ, lambda code, headers, *_: status.append(code)))
    assert status == ["400 Bad Request"] and b"Content-Length" in body
    assert count(store, InboundEvent) == 0
