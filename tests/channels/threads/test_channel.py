"""The Threads channel: Meta's webhook checks (shared with Facebook and Instagram), replies and mentions
in the documented shapes, replies published with reply_to_id, Graph errors."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
import requests
import responses
from marshmallow import ValidationError

from bridge.channels.meta import MetaApiChannel, hub_signature
from bridge.channels.threads.channel import ThreadsChannel
from bridge.errors import AmbiguousError, AuthError, PayloadError, PermanentError, TransientError
from bridge.model import PostKind, Target

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "threads"
USER_ID = "17841400000000001"
SETTINGS = {"threads_user_id": USER_ID, "username": "acme.store", "access_token": "THQWJTestTokenOnly0123",
            "app_secret": "9c1d6c0b9a8e7d6c5b4a39281706f5e4", "verify_token": "hub-verify-Thr3ads"}
API = "https://graph.threads.net/v1.0"
REPLY_ID = "18061728905123456"
ROOT = "18047123456789012"


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_bytes())


def make_channel(**overrides: Any) -> ThreadsChannel:
    return ThreadsChannel("acme", ThreadsChannel.account_schema().load({**SETTINGS, **overrides}))


@pytest.fixture
def channel() -> ThreadsChannel:
    return make_channel()


def target(post_id: str = REPLY_ID) -> Target:
    return Target(post_id=post_id, conversation_id=ROOT, kind=PostKind.PUBLIC_REPLY, author_id="carla.runs",
                  author_handle="carla.runs", posted_at=datetime(2026, 11, 26, 9, 14, tzinfo=timezone.utc))


def add_error(mock, method: str, url: str, name: str) -> None:
    error = fixture(name)
    mock.add(method, url, status=error["status"], headers={k: v for k, v in error["headers"].items() if k != "content-type"},
             json=error["body"])


# -- inbound: Meta's checks, shared -------------------------------------------------------------------
def test_threads_reuses_metas_webhook_and_graph_code(channel):
    assert isinstance(channel, MetaApiChannel)
    assert ThreadsChannel.handshake is MetaApiChannel.handshake and ThreadsChannel.verify is MetaApiChannel.verify
    assert ThreadsChannel._graph is MetaApiChannel._graph


def test_the_signature_is_checked_over_the_raw_body(channel):
    body = (FIXTURES / "reply.json").read_bytes()
    assert channel.verify({"X-Hub-Signature-256": hub_signature(SETTINGS["app_secret"], body)}, body)
    assert not channel.verify({"X-Hub-Signature-256": hub_signature("another-secret", body)}, body)
    assert not channel.verify({"X-Hub-Signature-256": hub_signature(SETTINGS["app_secret"], body)}, body + b" ")
    assert not channel.verify({}, body)


def test_the_subscription_handshake_echoes_the_challenge(channel):
    assert channel.handshake({"hub.mode": "subscribe", "hub.verify_token": "hub-verify-Thr3ads",
                              "hub.challenge": "1158201444"}) == (200, "1158201444")
    assert channel.handshake({"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1"})[0] == 403


# -- inbound: posts -------------------------------------------------------------------------------------------
def test_a_reply_to_the_brands_post(channel):
    [post] = channel.parse(fixture("reply"))
    assert (post.post_id, post.conversation_id, post.in_reply_to_id, post.kind) == (
        REPLY_ID, ROOT, ROOT, PostKind.PUBLIC_REPLY)
    assert (post.author.platform_id, post.author.handle) == ("carla.runs", "carla.runs")
    assert post.text == "@acme.store my order #5521 never arrived, where is it?"
    assert post.url == "https://www.threads.net/@carla.runs/post/DCx7aQpTq1Z"
    assert post.created_at == datetime(2026, 11, 26, 9, 14, 33, tzinfo=timezone.utc)


def test_a_mention_starts_its_own_conversation(channel):
    [post] = channel.parse(fixture("mention"))
    assert (post.post_id, post.conversation_id, post.in_reply_to_id, post.kind) == (
        "18052233445566778", "18052233445566778", None, PostKind.PUBLIC_POST)
    assert post.author.handle == "ben_k"


def test_a_batch_keeps_customer_replies_and_drops_echoes_and_other_fields(channel):
    [post] = channel.parse(fixture("reply_image"))
    assert post.text == "(image without text)" and post.in_reply_to_id == REPLY_ID and post.conversation_id == ROOT


def test_a_reply_under_another_profiles_post_is_refused(channel):
    with pytest.raises(PayloadError, match="another profile"):
        channel.parse(fixture("reply_other_profile"))


def test_a_redelivery_is_the_same_event(channel):
    payload = fixture("reply")
    again = {**payload, "time": payload["time"] + 60}
    assert channel.event_id(payload, json.dumps(payload).encode()) == channel.event_id(again, json.dumps(again).encode())


@pytest.mark.parametrize("payload", [[], {}, {"values": "x"}, {"values": {"field": "replies"}},
                                     {"values": {"field": "replies", "value": {"id": "1", "username": "u"}}},
                                     {"values": {"field": "replies", "value": {"id": "1", "username": "u",
                                                                               "timestamp": "yesterday"}}}])
def test_an_unknown_shape_is_a_payload_error(channel, payload):
    with pytest.raises(PayloadError):
        channel.parse(payload)


def test_account_settings_are_checked():
    with pytest.raises(ValidationError, match="threads_user_id"):
        make_channel(threads_user_id="acme")
    assert make_channel(threads_user_id=int(USER_ID)).owner_id == USER_ID  # YAML reads an unquoted id as a number
    assert make_channel().graph_base == "https://graph.threads.net"


# -- outbound ---------------------------------------------------------------------------------------------------
def test_a_reply_is_a_container_with_reply_to_id_then_published(channel):
    with responses.RequestsMock() as mock:
        mock.post(f"{API}/{USER_ID}/threads", json=fixture("answer_container"))
        mock.post(f"{API}/{USER_ID}/threads_publish", json=fixture("answer_published"))
        sent = channel.send_public("So sorry, Carla! A new parcel leaves today.", target())
        container, publish = mock.calls
    assert sent.external_id == "18063336622123789"
    assert parse_qs(container.request.body) == {"media_type": ["TEXT"], "text": ["So sorry, Carla! A new parcel leaves today."],
                                                "reply_to_id": [REPLY_ID]}
    assert parse_qs(publish.request.body) == {"creation_id": ["17889615691921648"]}
    assert container.request.headers["Authorization"] == f"Bearer {SETTINGS['access_token']}"
    assert SETTINGS["access_token"] not in container.request.url


def test_no_private_path(channel):
    assert channel.private_open(target(), datetime.now(timezone.utc)) is False
    with pytest.raises(PermanentError, match="phone"):
        channel.send_private("hi", target())


def test_an_expired_token_is_refused_credentials(channel):
    with responses.RequestsMock() as mock:
        add_error(mock, "POST", f"{API}/{USER_ID}/threads", "error_190_expired")
        with pytest.raises(AuthError, match="190/463"):
            channel.send_public("hi", target())


def test_throttling_waits_as_meta_says(channel):
    with responses.RequestsMock() as mock:
        add_error(mock, "POST", f"{API}/{USER_ID}/threads", "error_4_app_limit")
        with pytest.raises(TransientError) as caught:
            channel.send_public("hi", target())
    assert caught.value.retry_after == 300.0


def test_a_service_error_is_retried_later(channel):
    with responses.RequestsMock() as mock:
        add_error(mock, "POST", f"{API}/{USER_ID}/threads", "error_500_unexpected")
        with pytest.raises(TransientError):
            channel.send_public("hi", target())


def test_a_reply_to_a_post_that_is_gone_needs_a_person(channel):
    with responses.RequestsMock() as mock:
        add_error(mock, "POST", f"{API}/{USER_ID}/threads", "error_100_reply_target_gone")
        with pytest.raises(PermanentError, match="100/33") as caught:
            channel.send_public("hi", target())
    assert not isinstance(caught.value, (AuthError, TransientError))


def test_a_timeout_while_publishing_is_not_retried_blindly(channel):
    with responses.RequestsMock() as mock:
        mock.post(f"{API}/{USER_ID}/threads", json=fixture("answer_container"))
        mock.post(f"{API}/{USER_ID}/threads_publish", body=requests.ReadTimeout("slow"))
        with pytest.raises(AmbiguousError):
            channel.send_public("hi", target())


def test_a_timeout_while_creating_the_container_is_retried(channel):
    with responses.RequestsMock() as mock:
        mock.post(f"{API}/{USER_ID}/threads", body=requests.ReadTimeout("slow"))
        with pytest.raises(TransientError):
            channel.send_public("hi", target())
