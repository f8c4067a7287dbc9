"""What Facebook and Instagram share (bridge/channels/meta.py): the hub.challenge handshake, X-Hub-Signature-256,
the delivery envelope, Graph error answers, usage headers and Meta's messaging windows. Each check runs
against both channels where both use it."""
from __future__ import annotations

import copy
import hashlib
import hmac
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import requests
import responses
from werkzeug.datastructures import Headers, MultiDict

from bridge.channels.facebook.channel import FacebookChannel
from bridge.channels.instagram.channel import InstagramChannel
from bridge.channels.meta import (
    DEFAULT_THROTTLE_WAIT,
    HUMAN_AGENT,
    RESPONSE,
    MetaChannel,
    graph_error,
    messaging_mode,
    private_reply_open,
    usage_retry_after,
)
from bridge.errors import AuthError, PayloadError, PermanentError, TransientError
from bridge.model import PostKind, Target

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
APP_SECRET = "4f1d6c0b9a8e7d6c5b4a39281706f5e4"
VERIFY_TOKEN = "hub-verify-7Xk2pQ9m"
UTC = timezone.utc
FACEBOOK_SETTINGS = {"page_id": "104882365123456", "page_access_token": "EAAGpage-token", "app_secret": APP_SECRET,
                     "verify_token": VERIFY_TOKEN}
INSTAGRAM_SETTINGS = {"ig_user_id": "17841405822304914", "access_token": "IGQVJig-token", "app_secret": APP_SECRET,
                      "verify_token": VERIFY_TOKEN}
# (channel class, settings, a delivery of that channel)
CHANNELS = [
    pytest.param(FacebookChannel, FACEBOOK_SETTINGS, "facebook/feed_comment_add", id="facebook"),
    pytest.param(InstagramChannel, INSTAGRAM_SETTINGS, "instagram/comment", id="instagram"),
]


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / f"{name}.json").read_bytes()


def make(cls: type[MetaChannel], settings: dict[str, Any]) -> MetaChannel:
    return cls("acme", cls.account_schema().load(settings))


def meta_signature(body: bytes, secret: str = APP_SECRET) -> str:
    """Computed here, apart from the module, as Meta documents it."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


# -- handshake --------------------------------------------------------------------------------
@pytest.mark.parametrize("cls, settings, _", CHANNELS)
def test_handshake_echoes_the_challenge_as_plain_text(cls, settings, _):
    args = MultiDict({"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1158201444"})
    assert make(cls, settings).handshake(args) == (200, "1158201444")


@pytest.mark.parametrize("cls, settings, _", CHANNELS)
@pytest.mark.parametrize("args", [
    {"hub.mode": "subscribe", "hub.verify_token": "not-the-token", "hub.challenge": "1158201444"},
    {"hub.mode": "unsubscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1158201444"},
    {"hub.mode": "subscribe", "hub.challenge": "1158201444"},
    {"hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1158201444"},
    {"hub.mode": "subscribe", "hub.verify_token": "hub-verify-7Xk2pQ9mé", "hub.challenge": "1"},
])
def test_handshake_with_a_wrong_token_or_mode_is_403(cls, settings, _, args):
    status, answer = make(cls, settings).handshake(MultiDict(args))
    assert status == 403
    assert "1158201444" not in json.dumps(answer)


@pytest.mark.parametrize("cls, settings, _", CHANNELS)
def test_handshake_without_a_challenge_is_400(cls, settings, _):
    status, _answer = make(cls, settings).handshake({"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN})
    assert status == 400


# -- signatures -------------------------------------------------------------------------------
@pytest.mark.parametrize("cls, settings, name", CHANNELS)
def test_signature_valid(cls, settings, name):
    body = fixture_bytes(name)
    assert make(cls, settings).verify(Headers({"X-Hub-Signature-256": meta_signature(body)}), body) is True


@pytest.mark.parametrize("cls, settings, name", CHANNELS)
def test_signature_header_looked_up_case_insensitively_in_a_plain_dict(cls, settings, name):
    body = fixture_bytes(name)
    assert make(cls, settings).verify({"x-hub-signature-256": meta_signature(body)}, body) is True


@pytest.mark.parametrize("cls, settings, name", CHANNELS)
def test_signature_over_the_raw_bytes_not_reencoded_json(cls, settings, name):
    body = fixture_bytes(name)
    reencoded = json.dumps(json.loads(body)).encode()
    assert reencoded != body
    assert make(cls, settings).verify(Headers({"X-Hub-Signature-256": meta_signature(reencoded)}), body) is False


@pytest.mark.parametrize("cls, settings, name", CHANNELS)
@pytest.mark.parametrize("case", ["tampered", "wrong_secret", "missing", "sha1_only", "sha1_value_in_256",
                                  "empty", "garbled"])
def test_signature_invalid(cls, settings, name, case):
    body = fixture_bytes(name)
    headers = {
        "tampered": {"X-Hub-Signature-256": meta_signature(body + b" ")},
        "wrong_secret": {"X-Hub-Signature-256": meta_signature(body, "another-app-secret")},
        "missing": {},
        # the legacy SHA-1 header alone, correctly computed, is not enough
        "sha1_only": {"X-Hub-Signature": "sha1=" + hmac.new(APP_SECRET.encode(), body, hashlib.sha1).hexdigest()},
        "sha1_value_in_256": {"X-Hub-Signature-256": "sha1=" + hmac.new(APP_SECRET.encode(), body, hashlib.sha1).hexdigest()},
        "empty": {"X-Hub-Signature-256": "sha256="},
        "garbled": {"X-Hub-Signature-256": "sha256=é" + meta_signature(body)[8:]},
    }[case]
    assert make(cls, settings).verify(Headers(headers), body) is False


def test_uppercase_hex_is_accepted():
    body = fixture_bytes("facebook/feed_comment_add")
    signature = "sha256=" + meta_signature(body)[7:].upper()
    assert make(FacebookChannel, FACEBOOK_SETTINGS).verify({"X-Hub-Signature-256": signature}, body) is True


@pytest.mark.parametrize("cls, settings, name", CHANNELS)
def test_event_id_is_the_body_digest(cls, settings, name):
    body = fixture_bytes(name)
    channel = make(cls, settings)
    assert channel.event_id(json.loads(body), body) == "sha256:" + hashlib.sha256(body).hexdigest()


# -- envelope ---------------------------------------------------------------------------------
def _facebook_delivery() -> dict[str, Any]:
    return json.loads(fixture_bytes("facebook/batch_mixed"))


@pytest.mark.parametrize("change, complaint", [
    (lambda d: d.update(object="instagram"), "object is not 'page'"),
    (lambda d: d.pop("entry"), "entry is missing or not a list"),
    (lambda d: d.update(entry={"id": "104882365123456"}), "entry is missing or not a list"),
    (lambda d: d["entry"].__setitem__(0, "entry"), "entry[0] is missing or not an object"),
    (lambda d: d["entry"][0].pop("id"), "entry[0]: id is missing"),
    (lambda d: d["entry"][0].update(changes={"field": "feed"}), "entry[0].changes is missing or not a list"),
    (lambda d: d["entry"][0]["changes"][0].pop("field"), "changes[0]: field is missing"),
    (lambda d: d["entry"][0]["changes"][0].update(value=[]), "changes[0].value is missing or not an object"),
    (lambda d: d["entry"][0]["changes"][0]["value"].pop("comment_id"), "changes[0].value: comment_id is missing"),
    (lambda d: d["entry"][0]["changes"][0]["value"].update(message=["x"]), "message is not a string"),
    (lambda d: d["entry"][0]["changes"][0]["value"].update(created_time="yesterday"), "created_time is not an ISO"),
    (lambda d: d["entry"][1]["messaging"][0].pop("sender"), "messaging[0].sender is missing"),
    (lambda d: d["entry"][1]["messaging"][0].update(timestamp=True), "messaging[0].timestamp is missing or not a Unix"),
    (lambda d: d["entry"][1]["messaging"][0]["message"].pop("mid"), "messaging[0].message: mid is missing"),
])
def test_malformed_delivery_raises_payload_error_naming_the_field(change, complaint):
    delivery = _facebook_delivery()
    change(delivery)
    with pytest.raises(PayloadError) as caught:
        make(FacebookChannel, FACEBOOK_SETTINGS).parse(delivery)
    assert complaint in str(caught.value)
    assert "Any news" not in str(caught.value)  # customer text never in errors


@pytest.mark.parametrize("payload", [[], "page", None, 42])
def test_non_object_payload_is_refused(payload):
    with pytest.raises(PayloadError, match="not a JSON object"):
        make(InstagramChannel, INSTAGRAM_SETTINGS).parse(payload)


def test_entries_of_another_account_in_a_batch_are_skipped():
    delivery = _facebook_delivery()
    stranger = copy.deepcopy(delivery["entry"][0])
    stranger["id"] = "998877665544332"
    delivery["entry"].insert(0, stranger)
    posts = make(FacebookChannel, FACEBOOK_SETTINGS).parse(delivery)
    assert len(posts) == 3  # the stranger's comments are not this Page's
    assert all(p.conversation_id.startswith(("104882365123456_", "dm:104882365123456-")) for p in posts)


def test_a_delivery_only_for_another_account_fails_visibly():
    with pytest.raises(PayloadError, match="998877665544332, not 104882365123456 .page_id of account acme"):
        make(FacebookChannel, FACEBOOK_SETTINGS).parse(json.loads(fixture_bytes("facebook/other_page")))


def test_events_without_a_message_are_ignored():
    delivery = {"object": "page", "entry": [{"id": "104882365123456", "time": 1795166044012, "messaging": [
        {"sender": {"id": "7112649035512873"}, "recipient": {"id": "104882365123456"}, "timestamp": 1795166043507,
         "delivery": {"mids": ["m_1"], "watermark": 1795166043000}},
        {"sender": {"id": "7112649035512873"}, "recipient": {"id": "104882365123456"}, "timestamp": 1795166043507,
         "postback": {"title": "Get started", "payload": "GET_STARTED"}},
        {"sender": {"id": "7112649035512873"}, "recipient": {"id": "104882365123456"}, "timestamp": 1795166043507,
         "reaction": {"mid": "m_1", "action": "react", "reaction": "love", "emoji": "\u2764"}}]}]}
    assert make(FacebookChannel, FACEBOOK_SETTINGS).parse(delivery) == []


def test_message_edit_becomes_an_edited_post():
    delivery = {"object": "page", "entry": [{"id": "104882365123456", "time": 1795166044012, "messaging": [
        {"sender": {"id": "7112649035512873"}, "recipient": {"id": "104882365123456"}, "timestamp": 1795166900000,
         "message_edit": {"mid": "m_qSk0Yyhk2eQ4M1vXhB6CnRsVQnlD9o5kcfLvVe9UFLwR2dQsm8jIw",
                          "text": "Hi, my order #4522 never arrived", "num_edit": 1}}]}]}
    [post] = make(FacebookChannel, FACEBOOK_SETTINGS).parse(delivery)
    assert (post.change.value, post.text, post.kind) == ("edited", "Hi, my order #4522 never arrived",
                                                           PostKind.DIRECT_MESSAGE)
    assert post.created_at == datetime(2026, 11, 20, 9, 28, 20, tzinfo=UTC)  # the edit's time: one article per edit


# -- Graph errors and usage headers -----------------------------------------------------------
def _answer(status: int, body: Any, headers: dict[str, str] | None = None) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = json.dumps(body).encode() if not isinstance(body, bytes) else body
    response.headers.update(headers or {})
    return response


@pytest.mark.parametrize("headers, seconds", [
    ({"X-Business-Use-Case-Usage": json.dumps({"1": [{"type": "pages", "call_count": 100,
                                                       "estimated_time_to_regain_access": 7}]})}, 420.0),
    # several objects and types: the longest wait wins
    ({"X-Business-Use-Case-Usage": json.dumps({"1": [{"type": "pages", "estimated_time_to_regain_access": 2}],
                                               "2": [{"type": "messenger", "estimated_time_to_regain_access": 12},
                                                     {"type": "pages", "estimated_time_to_regain_access": 0}]})}, 720.0),
    ({"X-App-Usage": json.dumps({"call_count": 100, "estimated_time_to_regain_access": 1.5})}, 90.0),
    ({"X-App-Usage": json.dumps({"call_count": 100, "total_time": 20})}, None),
    ({"X-Business-Use-Case-Usage": json.dumps({"1": [{"estimated_time_to_regain_access": 0}]})}, None),
    ({"X-Business-Use-Case-Usage": json.dumps({"1": [{"estimated_time_to_regain_access": True}]})}, None),
    ({"X-Business-Use-Case-Usage": json.dumps({"1": [{"estimated_time_to_regain_access": -3}]})}, None),
    ({"X-Business-Use-Case-Usage": json.dumps({"1": [{"estimated_time_to_regain_access": "7"}]})}, None),
    ({"X-Business-Use-Case-Usage": "{not json"}, None),
    ({"X-Business-Use-Case-Usage": "[1, 2]"}, None),
    ({}, None),
])
def test_usage_headers_give_the_wait_in_seconds(headers, seconds):
    assert usage_retry_after(_answer(400, {}, headers)) == seconds


@responses.activate
@pytest.mark.parametrize("status, body, headers, error, retry_after", [
    (400, {"error": {"code": 190, "error_subcode": 463, "message": "Session has expired", "type": "OAuthException"}},
     {}, AuthError, None),
    (400, {"error": {"code": 102, "message": "Session key invalid", "type": "OAuthException"}}, {}, AuthError, None),
    # an OAuthException subcode for a token the user invalidated, under a non-190 code
    (400, {"error": {"code": 10, "error_subcode": 458, "message": "App not installed"}}, {}, AuthError, None),
    (403, {"error": {"code": 4, "message": "(#4) Application request limit reached"}}, {}, TransientError,
     DEFAULT_THROTTLE_WAIT),
    (400, {"error": {"code": 17, "message": "(#17) User request limit reached"}},
     {"X-App-Usage": json.dumps({"call_count": 100, "estimated_time_to_regain_access": 3})}, TransientError, 180.0),
    (400, {"error": {"code": 341, "message": "(#341) Application limit reached"}}, {}, TransientError,
     DEFAULT_THROTTLE_WAIT),
    (400, {"error": {"code": "80001", "message": "too many calls to this Page"}},
     {"X-Business-Use-Case-Usage": json.dumps({"1": [{"estimated_time_to_regain_access": 9}]})}, TransientError, 540.0),
    (500, {"error": {"code": 1, "message": "An unknown error occurred"}}, {}, TransientError, None),
    (400, {"error": {"code": 2, "message": "Service temporarily unavailable"}}, {}, TransientError, None),
    (400, {"error": {"code": 100, "message": "(#100) Invalid parameter"}}, {}, PermanentError, None),
    (403, {"error": {"code": 200, "message": "(#200) Permissions error"}}, {}, PermanentError, None),
    (400, {"error": {"code": 551, "message": "This person isn't available right now."}}, {}, PermanentError, None),
    # not Graph error bodies: the HTTP status decides, as for any API
    (401, b"<html>Unauthorized</html>", {}, AuthError, None),
    (502, b"<html>Bad Gateway</html>", {}, TransientError, None),
    (404, {"message": "no error object"}, {}, PermanentError, None),
])
def test_graph_error_answers_map_onto_bridge_errors(status, body, headers, error, retry_after):
    url = "https://graph.facebook.com/v26.0/104882365123456/messages"
    kwargs = {"body": body} if isinstance(body, bytes) else {"json": body}
    responses.add(responses.POST, url, status=status, headers=headers, **kwargs)
    target = Target(post_id="m_1", conversation_id="dm:104882365123456-7112649035512873",
                    kind=PostKind.DIRECT_MESSAGE, author_id="7112649035512873", author_handle="7112649035512873",
                    posted_at=datetime.now(UTC))
    with pytest.raises(error) as caught:
        make(FacebookChannel, FACEBOOK_SETTINGS).send_private("Thanks, we are on it.", target)
    assert type(caught.value) is error
    assert caught.value.status == status
    if error is TransientError:
        assert caught.value.retry_after == retry_after
    assert "EAAGpage-token" not in str(caught.value)
    assert "Thanks, we are on it." not in str(caught.value)


def test_token_errors_say_what_to_do():
    response = _answer(400, {"error": {"code": 190, "error_subcode": 460, "message": "password changed"}})
    mapped = graph_error("facebook comment", response)
    assert isinstance(mapped, AuthError)
    assert str(mapped).startswith("facebook comment: Graph error 190/460: the access token is expired or revoked")


# -- windows ----------------------------------------------------------------------------------
LAST_MESSAGE = datetime(2026, 11, 20, 9, 14, 3, tzinfo=UTC)


@pytest.mark.parametrize("age, mode", [
    (timedelta(0), RESPONSE),
    (timedelta(hours=23, minutes=59), RESPONSE),
    (timedelta(hours=24), RESPONSE),
    (timedelta(hours=24, seconds=1), HUMAN_AGENT),
    (timedelta(days=6, hours=23), HUMAN_AGENT),
    (timedelta(days=7), HUMAN_AGENT),
    (timedelta(days=7, seconds=1), None),
    (timedelta(days=30), None),
])
def test_messaging_window(age, mode):
    assert messaging_mode(LAST_MESSAGE, LAST_MESSAGE + age) == mode


@pytest.mark.parametrize("age, already_sent, open_", [
    (timedelta(hours=1), 0, True),
    (timedelta(days=7), 0, True),
    (timedelta(days=7, seconds=1), 0, False),
    (timedelta(hours=1), 1, False),
])
def test_private_reply_window(age, already_sent, open_):
    target = Target(post_id="c", conversation_id="p", kind=PostKind.PUBLIC_REPLY, author_id="1", author_handle="a",
                    posted_at=LAST_MESSAGE, private_replies_sent=already_sent)
    assert private_reply_open(target, LAST_MESSAGE + age) is open_
