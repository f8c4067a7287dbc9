"""XChannel: CRC, signatures, parsing of XAA and AAA deliveries, weighted length, and posting back."""
from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import json
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import requests
import responses
from marshmallow import ValidationError
from werkzeug.datastructures import Headers, MultiDict

from bridge.channels.x.channel import XChannel, rate_limit_reset
from bridge.errors import AmbiguousError, AuthError, PayloadError, PermanentError, TransientError
from bridge.model import AttachedFile, Author, Delivered, PostKind, Target
from tests.faults import refused

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "x"

BRAND_ID = "1111111111111111111"
CONSUMER_SECRET = "cs-7Qk2pV9xLr4TzW8mN3bH6yJ1dF5gS0aE"
ACCESS_TOKEN = "at-VGhpcyBpcyBhIHRlc3QgdG9rZW4gb25seQ"
ACCOUNT_SETTINGS = {
    "consumer_secret": CONSUMER_SECRET,
    "access_token": ACCESS_TOKEN,
    "user_id": BRAND_ID,
    "handle": "ExampleUser",
}
TWEETS_URL = "https://api.x.com/2/tweets"
CUSTOMER_ID = "3333333333333333333"
DM_URL = f"https://api.x.com/2/dm_conversations/with/{CUSTOMER_ID}/messages"
REPLY_TEXT = "Sorry about that! A replacement is on its way."

PUBLIC_TARGET = Target(
    post_id="2080769000000000001",
    conversation_id="2080769000000000001",
    kind=PostKind.PUBLIC_POST,
    author_id=CUSTOMER_ID,
    author_handle="PublicUser",
    posted_at=datetime(2026, 7, 24, 21, 23, tzinfo=timezone.utc),
)
DM_TARGET = Target(
    post_id="2080773000000000006",
    conversation_id=f"dm:{BRAND_ID}-{CUSTOMER_ID}",
    kind=PostKind.DIRECT_MESSAGE,
    author_id=CUSTOMER_ID,
    author_handle="PublicUser",
    posted_at=datetime(2026, 7, 24, 21, 23, tzinfo=timezone.utc),
)
UTC = timezone.utc


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / f"{name}.json").read_bytes()


def fixture(name: str) -> Any:
    return json.loads(fixture_bytes(name))


def make_channel(**overrides: Any) -> XChannel:
    settings = XChannel.account_schema().load({**ACCOUNT_SETTINGS, **overrides})
    return XChannel("brand", settings)


@pytest.fixture
def channel() -> XChannel:
    return make_channel()


def x_signature(secret: str, message: bytes) -> str:
    """Computed here, apart from the module, the way X's docs show it."""
    return "sha256=" + base64.b64encode(hmac.new(secret.encode(), message, hashlib.sha256).digest()).decode()


def add_answer(method: str, url: str, name: str, **header_overrides: str) -> None:
    answer = fixture(name)
    responses.add(
        method, url, json=answer["body"], status=answer["status"], headers={**answer["headers"], **header_overrides}
    )


# -- account settings -------------------------------------------------------------------------
def test_account_schema_defaults_and_normalises():
    settings = XChannel.account_schema().load({**ACCOUNT_SETTINGS, "handle": "@ExampleUser"})
    assert settings["api_base"] == "https://api.x.com"
    assert settings["handle"] == "ExampleUser"


def test_account_schema_strips_trailing_slash_of_api_base():
    settings = XChannel.account_schema().load({**ACCOUNT_SETTINGS, "api_base": "http://127.0.0.1:8089/x-mock/"})
    assert settings["api_base"] == "http://127.0.0.1:8089/x-mock"


@pytest.mark.parametrize(
    "change, bad_key",
    [
        ({"acces_token": "typo"}, "acces_token"),  # unknown keys are rejected, so typos surface
        ({"consumer_secret": None}, "consumer_secret"),
        ({"user_id": "@ExampleUser"}, "user_id"),
        ({"api_base": "not a url"}, "api_base"),
    ],
)
def test_account_schema_rejects_bad_settings(change, bad_key):
    with pytest.raises(ValidationError) as caught:
        XChannel.account_schema().load({**ACCOUNT_SETTINGS, **change})
    assert bad_key in caught.value.messages


def test_account_schema_requires_secret_token_and_user_id():
    with pytest.raises(ValidationError) as caught:
        XChannel.account_schema().load({})
    assert set(caught.value.messages) == {"consumer_secret", "access_token", "user_id"}


def test_limits():
    assert (XChannel.name, XChannel.public_limit, XChannel.private_limit) == ("x", 280, 10000)


# -- CRC handshake and signatures -------------------------------------------------------------
def test_crc_answer_is_base64_hmac_of_token(channel):
    token = "9b4507b3-9040-4d3e-a2a8-0ea6c1e5b4a3"
    assert channel.handshake(MultiDict({"crc_token": token})) == (
        200,
        {"response_token": x_signature(CONSUMER_SECRET, token.encode())},
    )


def test_crc_answer_depends_on_the_secret():
    token = "abc"
    status, answer = make_channel(consumer_secret="another-secret").handshake({"crc_token": token})
    assert status == 200
    assert answer["response_token"] != x_signature(CONSUMER_SECRET, token.encode())


def test_crc_without_token_is_400(channel):
    assert channel.handshake(MultiDict()) == (400, {"error": "crc_token missing"})


def test_signature_valid(channel):
    body = fixture_bytes("xaa_post_mention_create")
    headers = Headers({"X-Twitter-Webhooks-Signature": x_signature(CONSUMER_SECRET, body)})
    assert channel.verify(headers, body) is True


def test_signature_over_tampered_body_fails(channel):
    body = fixture_bytes("xaa_post_mention_create")
    headers = Headers({"x-twitter-webhooks-signature": x_signature(CONSUMER_SECRET, body)})
    assert channel.verify(headers, body.replace(b"broken", b"great!")) is False


def test_signature_with_wrong_secret_fails(channel):
    body = fixture_bytes("xaa_post_mention_create")
    headers = Headers({"x-twitter-webhooks-signature": x_signature("not-the-consumer-secret", body)})
    assert channel.verify(headers, body) is False


@pytest.mark.parametrize(
    "header_value",
    [None, "", "sha256=", "sha256=not-base64!!", "md5=AAAA", "sha256=é-not-ascii", "c2hhMjU2"],
)
def test_missing_or_garbled_signature_fails(channel, header_value):
    body = fixture_bytes("xaa_post_mention_create")
    headers = Headers() if header_value is None else Headers({"x-twitter-webhooks-signature": header_value})
    assert channel.verify(headers, body) is False


def test_signature_header_from_requests_case_insensitive_dict(channel):
    body = fixture_bytes("aaa_direct_message_events")
    headers = requests.structures.CaseInsensitiveDict(
        {"X-TWITTER-WEBHOOKS-SIGNATURE": x_signature(CONSUMER_SECRET, body)}
    )
    assert channel.verify(headers, body) is True


# -- event ids --------------------------------------------------------------------------------
def test_event_id_of_activity_event_is_its_uuid(channel):
    body = fixture_bytes("xaa_post_reply_create")
    assert channel.event_id(json.loads(body), body) == "xaa:-4417683016712338120"


def test_event_id_of_account_activity_is_body_digest(channel):
    body = fixture_bytes("aaa_tweet_create_mention")
    assert channel.event_id(json.loads(body), body) == "sha256:" + hashlib.sha256(body).hexdigest()


# -- parsing: X Activity API ------------------------------------------------------------------
def test_parse_xaa_mention(channel):
    payload = fixture("xaa_post_mention_create")
    [post] = channel.parse(payload)
    assert post.platform == "x"
    assert post.account == "brand"
    assert post.post_id == "2080765813578191303"
    assert post.conversation_id == "2080765813578191303"
    assert post.in_reply_to_id is None
    assert post.kind is PostKind.PUBLIC_POST
    assert post.author == Author(
        platform_id="2222222222222222222", handle="OtherUser", display_name="Other User", followers=97, verified=False
    )
    assert post.text == "hey @ExampleUser my order #4521 arrived broken, what now?"
    assert post.url == "https://x.com/OtherUser/status/2080765813578191303"
    assert post.created_at == datetime(2026, 7, 24, 21, 23, 23, tzinfo=UTC)
    assert post.created_at.utcoffset().total_seconds() == 0
    assert post.raw == payload["data"]["payload"]


def test_parse_xaa_reply_with_wrapped_user_and_escaped_text(channel):
    [post] = channel.parse(fixture("xaa_post_reply_create"))
    assert post.post_id == "2080770301442318337"
    assert post.conversation_id == "2080765813578191303"
    assert post.in_reply_to_id == "2080767122985607168"
    assert post.kind is PostKind.PUBLIC_REPLY
    assert post.author == Author(
        platform_id=CUSTOMER_ID, handle="PublicUser", display_name="Public User", followers=26972, verified=True
    )
    # X HTML-escapes &, < and > in post text; the helpdesk should see what the customer typed.
    assert post.text == "@ExampleUser photos & receipt attached <3 please refund"
    assert post.created_at == datetime(2026, 7, 24, 21, 41, 7, tzinfo=UTC)
    assert post.url == "https://x.com/PublicUser/status/2080770301442318337"


@pytest.mark.parametrize(
    "sent, typed",
    [("a &amp;&amp; b", "a && b"), ("&amp;lt;b&amp;gt;", "&lt;b&gt;"), ("5 &lt; 6 &gt; 4", "5 < 6 > 4")],
)
def test_post_text_is_unescaped_exactly_once(channel, sent, typed):
    payload = fixture("xaa_post_mention_create")
    payload["data"]["payload"]["text"] = sent
    [post] = channel.parse(payload)
    assert post.text == typed


def test_parse_xaa_reply_known_only_from_referenced_tweets(channel):
    payload = fixture("xaa_post_reply_create")
    del payload["data"]["payload"]["in_reply_to_tweet_id"]
    [post] = channel.parse(payload)
    assert (post.kind, post.in_reply_to_id) == (PostKind.PUBLIC_REPLY, "2080767122985607168")


def test_parse_xaa_post_without_author_in_includes_keeps_id(channel):
    payload = fixture("xaa_post_mention_create")
    del payload["data"]["includes"]
    [post] = channel.parse(payload)
    assert post.author == Author(platform_id="2222222222222222222", handle="")
    assert post.url == "https://x.com/i/web/status/2080765813578191303"


def test_parse_xaa_dm_received(channel):
    payload = fixture("xaa_dm_received")
    [post] = channel.parse(payload)
    assert post.post_id == "2080765901528535096"
    assert post.kind is PostKind.DIRECT_MESSAGE
    assert post.conversation_id == "dm:1111111111111111111-2222222222222222222"
    assert post.in_reply_to_id is None
    assert post.author == Author(
        platform_id="2222222222222222222", handle="OtherUser", display_name="Other User", followers=97, verified=False
    )
    assert post.text == "hello! order #4521, the parcel was crushed"
    assert post.url is None
    assert post.created_at == datetime(2026, 7, 24, 21, 23, 44, 372000, tzinfo=UTC)
    assert post.raw == payload["data"]["payload"]["direct_message_events"][0]


# -- parsing: Account Activity API (legacy) ---------------------------------------------------
def test_parse_aaa_mention(channel):
    payload = fixture("aaa_tweet_create_mention")
    [post] = channel.parse(payload)
    assert post.post_id == "2080769000000000001"
    assert post.conversation_id == "2080769000000000001"  # not a reply: its own thread
    assert post.in_reply_to_id is None
    assert post.kind is PostKind.PUBLIC_POST
    assert post.author == Author(
        platform_id=CUSTOMER_ID, handle="PublicUser", display_name="Public User", followers=26972, verified=False
    )
    assert post.text == "@ExampleUser is the app down? Can't log in >_<"
    assert post.url == "https://x.com/PublicUser/status/2080769000000000001"
    assert post.created_at == datetime(2026, 7, 24, 21, 36, 40, tzinfo=UTC)
    assert post.raw == payload["tweet_create_events"][0]


def test_parse_aaa_reply_uses_extended_full_text(channel):
    payload = fixture("aaa_tweet_create_reply_extended")
    [post] = channel.parse(payload)
    assert post.post_id == "2080771100000000002"
    assert post.in_reply_to_id == "2080770500000000003"
    assert post.conversation_id == "2080770500000000003"
    assert post.kind is PostKind.PUBLIC_REPLY
    assert post.text == payload["tweet_create_events"][0]["extended_tweet"]["full_text"]
    assert post.text.endswith("I just want the refund.")
    assert post.author.verified is True
    assert post.author.followers == 26973
    assert post.created_at == datetime(2026, 7, 24, 21, 45, tzinfo=UTC)


def test_parse_aaa_direct_message(channel):
    payload = fixture("aaa_direct_message_events")
    [post] = channel.parse(payload)
    assert post.post_id == "2080773000000000006"
    assert post.kind is PostKind.DIRECT_MESSAGE
    assert post.conversation_id == f"dm:{BRAND_ID}-{CUSTOMER_ID}"
    assert post.author == Author(
        platform_id=CUSTOMER_ID, handle="PublicUser", display_name="Public User", followers=26973, verified=False
    )
    assert post.text == "Order #4521, delivered to 5th Ave & 23rd"
    assert post.url is None
    assert post.created_at == datetime(2026, 7, 24, 21, 53, 20, 123000, tzinfo=UTC)


def test_dm_conversation_id_is_the_same_in_both_directions(channel):
    received = fixture("aaa_direct_message_events")
    [from_customer] = channel.parse(received)
    [seen_by_other_account] = make_channel(user_id="4444444444444444444").parse(fixture("aaa_own_dm_echo"))
    assert from_customer.conversation_id == seen_by_other_account.conversation_id


# -- what the bridge drops ---------------------------------------------------------------------
@pytest.mark.parametrize("name", ["xaa_own_reply_echo", "aaa_own_tweet_echo", "aaa_own_dm_echo"])
def test_brand_echo_is_dropped(channel, name):
    assert channel.parse(fixture(name)) == []


@pytest.mark.parametrize("name", ["xaa_own_reply_echo", "aaa_own_tweet_echo", "aaa_own_dm_echo"])
def test_echo_is_dropped_because_of_the_configured_user_id(name):
    # The same delivery seen by an account with another id is a customer post: the filter is the id, not the shape.
    [post] = make_channel(user_id="4444444444444444444").parse(fixture(name))
    assert post.author.platform_id == BRAND_ID


@pytest.mark.parametrize("name", ["xaa_dm_sent", "xaa_oauth_revoke", "aaa_favorite_events", "aaa_retweet"])
def test_ignored_events_give_no_posts(channel, name):
    assert channel.parse(fixture(name)) == []


def test_v2_repost_is_dropped(channel):
    payload = fixture("xaa_post_mention_create")
    payload["data"]["payload"]["referenced_tweets"] = [{"type": "retweeted", "id": "2080578400000000005"}]
    assert channel.parse(payload) == []


def test_mixed_dm_batch_keeps_only_customer_messages(channel):
    envelope = fixture("aaa_direct_message_events")
    echo = fixture("aaa_own_dm_echo")
    read_receipt = {"type": "message_read", "id": "2080773500000000010", "created_timestamp": "1784930200000"}
    envelope["direct_message_events"] += echo["direct_message_events"] + [read_receipt]
    envelope["users"].update(echo["users"])
    assert [post.post_id for post in channel.parse(envelope)] == ["2080773000000000006"]


# -- malformed deliveries ------------------------------------------------------------------------
def _set(path: list[Any], value: Any):
    def change(payload: Any) -> None:
        target = payload
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _delete(path: list[Any]):
    def change(payload: Any) -> None:
        target = payload
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


MENTION = ["data", "payload"]
XAA_DM = ["data", "payload", "direct_message_events", 0]
AAA_TWEET = ["tweet_create_events", 0]


@pytest.mark.parametrize(
    "name, change, complaint",
    [
        ("xaa_post_mention_create", _delete(["data", "event_type"]), "event_type"),
        ("xaa_post_mention_create", _set(["data"], ["not", "an", "object"]), "data"),
        ("xaa_post_mention_create", _set(MENTION, None), "data.payload"),
        ("xaa_post_mention_create", _delete(MENTION + ["id"]), "id"),
        ("xaa_post_mention_create", _set(MENTION + ["id"], 2080765813578191303), "id"),
        ("xaa_post_mention_create", _delete(MENTION + ["author_id"]), "author_id"),
        ("xaa_post_mention_create", _set(MENTION + ["text"], None), "text"),
        ("xaa_post_mention_create", _set(MENTION + ["created_at"], "yesterday"), "created_at"),
        ("xaa_post_mention_create", _set(MENTION + ["created_at"], "2026-07-24T21:23:23"), "created_at"),
        ("xaa_post_mention_create", _set(["data", "includes", "users"], {"id": "1"}), "includes.users"),
        ("xaa_post_reply_create", _set(MENTION + ["referenced_tweets"], "replied_to"), "referenced_tweets"),
        ("xaa_post_reply_create", _set(MENTION + ["in_reply_to_tweet_id"], 2080767122985607168), "in_reply_to"),
        ("xaa_dm_received", _delete(["data", "payload", "direct_message_events"]), "direct_message_events"),
        ("xaa_dm_received", _delete(XAA_DM + ["message_create", "sender_id"]), "sender_id"),
        ("xaa_dm_received", _delete(XAA_DM + ["message_create", "target"]), "target"),
        ("xaa_dm_received", _set(XAA_DM + ["created_timestamp"], "2026-07-24"), "created_timestamp"),
        ("xaa_dm_received", _set(["data", "payload", "users"], []), "users"),
        ("aaa_tweet_create_mention", _set(["tweet_create_events"], {}), "tweet_create_events"),
        ("aaa_tweet_create_mention", _set(["tweet_create_events"], ["tweet"]), "tweet_create_events[0]"),
        ("aaa_tweet_create_mention", _delete(AAA_TWEET + ["user"]), "user"),
        ("aaa_tweet_create_mention", _delete(AAA_TWEET + ["id_str"]), "id_str"),
        ("aaa_tweet_create_mention", _set(AAA_TWEET + ["created_at"], "2026-07-24T21:36:40Z"), "created_at"),
        ("aaa_tweet_create_reply_extended", _set(AAA_TWEET + ["extended_tweet", "full_text"], 7), "full_text"),
        ("aaa_direct_message_events", _delete(["direct_message_events", 0, "message_create"]), "message_create"),
    ],
)
def test_malformed_payload_raises_payload_error_naming_the_field(channel, name, change, complaint):
    payload = copy.deepcopy(fixture(name))
    change(payload)
    with pytest.raises(PayloadError) as caught:
        channel.parse(payload)
    message = str(caught.value)
    assert complaint in message
    # Admins see the message: no customer text in it.
    for customer_text in ("order #4521", "broken", "app down", "hello!"):
        assert customer_text not in message


@pytest.mark.parametrize("payload", [None, [], "tweet", 42, {}, {"unknown": "shape"}])
def test_unknown_top_level_shape_raises_payload_error(channel, payload):
    with pytest.raises(PayloadError):
        channel.parse(payload)


# -- weighted length (twitter-text v3) ---------------------------------------------------------
@pytest.mark.parametrize(
    "text, weighted",
    [
        ("hello world", 11),
        ("see https://example.com/a/very/long/path/that/goes/on/and/on for details", 4 + 23 + 12),
        ("x.com", 23),  # a bare domain with a known TLD is a URL too
        ("😀", 2),
        ("👍🏽", 2),  # emoji with skin tone modifier
        ("👨‍👩‍👧", 2),  # ZWJ family sequence
        ("日本語", 6),
        ("한국어", 6),
        ("café — “quoted”", 15),  # Latin-1, em dash and curly quotes weigh 1
        ("a" * 280, 280),
        ("a" * 281, 281),
        ("字" * 140, 280),
    ],
)
def test_weighted_length(channel, text, weighted):
    assert channel.text_length(text) == weighted


def test_281_weighted_characters_exceed_the_public_limit(channel):
    assert channel.text_length("a" * 280) <= channel.public_limit < channel.text_length("a" * 281)
    assert channel.text_length("字" * 141) > channel.public_limit


# -- posting back --------------------------------------------------------------------------------
@responses.activate
def test_send_public_posts_a_threaded_reply(channel):
    add_answer("POST", TWEETS_URL, "answer_201_post_created")
    delivered = channel.send_public(REPLY_TEXT, PUBLIC_TARGET)
    assert delivered == Delivered(
        external_id="2080774000000000008", url="https://x.com/ExampleUser/status/2080774000000000008"
    )
    [sent] = responses.calls
    assert sent.request.method == "POST"
    assert sent.request.url == TWEETS_URL
    assert json.loads(sent.request.body) == {
        "text": REPLY_TEXT,
        "reply": {"in_reply_to_tweet_id": "2080769000000000001"},
    }
    assert sent.request.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"


@responses.activate
def test_send_public_without_handle_links_through_i_web():
    add_answer("POST", TWEETS_URL, "answer_201_post_created")
    settings = {key: value for key, value in ACCOUNT_SETTINGS.items() if key != "handle"}
    channel = XChannel("brand", XChannel.account_schema().load(settings))
    assert channel.send_public(REPLY_TEXT, PUBLIC_TARGET).url == "https://x.com/i/web/status/2080774000000000008"


@responses.activate
def test_send_private_posts_to_the_participant(channel):
    add_answer("POST", DM_URL, "answer_201_dm_created")
    delivered = channel.send_private(REPLY_TEXT, DM_TARGET)
    assert delivered == Delivered(external_id="2080774100000000009", url=None)
    [sent] = responses.calls
    assert sent.request.url == DM_URL
    assert json.loads(sent.request.body) == {"text": REPLY_TEXT}
    assert sent.request.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"


@responses.activate
def test_api_base_override_is_honoured():
    mock_base = "http://127.0.0.1:8089/x-mock"
    add_answer("POST", f"{mock_base}/2/tweets", "answer_201_post_created")
    add_answer("POST", f"{mock_base}/2/dm_conversations/with/{CUSTOMER_ID}/messages", "answer_201_dm_created")
    channel = make_channel(api_base=mock_base + "/")
    assert channel.send_public(REPLY_TEXT, PUBLIC_TARGET).external_id == "2080774000000000008"
    assert channel.send_private(REPLY_TEXT, DM_TARGET).external_id == "2080774100000000009"
    assert [call.request.url for call in responses.calls] == [
        f"{mock_base}/2/tweets",
        f"{mock_base}/2/dm_conversations/with/{CUSTOMER_ID}/messages",
    ]


def _assert_no_secrets_or_text(error: Exception) -> None:
    message = str(error)
    assert ACCESS_TOKEN not in message
    assert CONSUMER_SECRET not in message
    assert REPLY_TEXT not in message


@responses.activate
@pytest.mark.parametrize(
    "answer, status",
    [
        ("error_400_invalid_request", 400),
        ("error_401_unauthorized", 401),
        ("error_404_not_found", 404),
    ],
)
def test_send_public_client_errors_are_permanent(channel, answer, status):
    add_answer("POST", TWEETS_URL, answer)
    with pytest.raises(PermanentError) as caught:
        channel.send_public(REPLY_TEXT, PUBLIC_TARGET)
    assert caught.value.status == status
    _assert_no_secrets_or_text(caught.value)


@responses.activate
def test_dm_refused_is_permanent_and_says_so(channel):
    add_answer("POST", DM_URL, "error_403_dm_not_allowed")
    with pytest.raises(PermanentError) as caught:
        channel.send_private(REPLY_TEXT, DM_TARGET)
    assert caught.value.status == 403
    assert "DM refused" in str(caught.value)
    _assert_no_secrets_or_text(caught.value)


@responses.activate
def test_dm_unauthorized_is_an_auth_error_not_a_refusal(channel):
    add_answer("POST", DM_URL, "error_401_unauthorized")
    with pytest.raises(AuthError) as caught:
        channel.send_private(REPLY_TEXT, DM_TARGET)
    assert caught.value.status == 401
    assert "refused" not in str(caught.value)


@responses.activate
@pytest.mark.parametrize("send, url", [("send_public", TWEETS_URL), ("send_private", DM_URL)])
def test_rate_limit_is_transient_with_retry_after_from_reset(channel, send, url):
    reset_at = int(time.time()) + 120
    add_answer("POST", url, "error_429_rate_limited", **{"x-rate-limit-reset": str(reset_at)})
    target = PUBLIC_TARGET if send == "send_public" else DM_TARGET
    with pytest.raises(TransientError) as caught:
        getattr(channel, send)(REPLY_TEXT, target)
    assert caught.value.status == 429
    assert caught.value.retry_after == pytest.approx(120, abs=3)
    _assert_no_secrets_or_text(caught.value)


@pytest.mark.parametrize(
    "headers, expected",
    [
        ({"x-rate-limit-reset": "1000"}, 1.0),  # already past: retry soon, never at once
        ({}, None),
        ({"x-rate-limit-reset": "soon"}, None),
        ({"x-rate-limit-reset": "inf"}, None),
    ],
)
def test_rate_limit_reset_reading(headers, expected):
    response = requests.Response()
    response.headers.update(headers)
    assert rate_limit_reset(response) == expected


@responses.activate
def test_server_unavailable_is_transient(channel):
    add_answer("POST", TWEETS_URL, "error_503_unavailable")
    with pytest.raises(TransientError) as caught:
        channel.send_public(REPLY_TEXT, PUBLIC_TARGET)
    assert caught.value.status == 503


@responses.activate
def test_connection_refused_is_transient(channel):
    responses.add(responses.POST, DM_URL, body=refused())
    with pytest.raises(TransientError):
        channel.send_private(REPLY_TEXT, DM_TARGET)


@responses.activate
@pytest.mark.parametrize("send, url", [("send_public", TWEETS_URL), ("send_private", DM_URL)])
def test_read_timeout_on_post_is_ambiguous(channel, send, url):
    # The post may have gone through; retrying blindly could post twice.
    responses.add(responses.POST, url, body=requests.ReadTimeout("read timed out"))
    target = PUBLIC_TARGET if send == "send_public" else DM_TARGET
    with pytest.raises(AmbiguousError) as caught:
        getattr(channel, send)(REPLY_TEXT, target)
    _assert_no_secrets_or_text(caught.value)


@responses.activate
def test_success_without_an_id_is_ambiguous(channel):
    responses.add(responses.POST, TWEETS_URL, json={"data": {}}, status=201)
    with pytest.raises(AmbiguousError):
        channel.send_public(REPLY_TEXT, PUBLIC_TARGET)


def test_engagement_counts_are_read_when_x_reports_them(channel):
    payload = json.loads(fixture_bytes("xaa_post_mention_create"))
    payload["data"]["payload"]["public_metrics"].update(like_count=12, retweet_count=3, quote_count=2, reply_count=5)
    [post] = channel.parse(payload)
    assert (post.engagement.likes, post.engagement.reposts, post.engagement.replies) == (12, 5, 5)
    [dm] = channel.parse(json.loads(fixture_bytes("xaa_dm_received")))
    assert dm.engagement is None


# -- media in replies -------------------------------------------------------------------------------
# Upload answers: tests/fixtures/x/README.md (tweepy's captured v1.1 PNG upload, and its values in the v2 shape).
UPLOAD_URL = "https://api.x.com/2/media/upload"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
MEDIA_ID = "1349010955083132928"


def image(name: str = "label.png", data: bytes = PNG) -> AttachedFile:
    return AttachedFile(name, "image/png", data)


def multipart_field(body: bytes, name: str) -> bytes:
    """The value of one plain form field of a multipart body."""
    marker = f'name="{name}"\r\n\r\n'.encode()
    assert marker in body, name
    return body.split(marker, 1)[1].split(b"\r\n--", 1)[0]


def uploads() -> list:
    return [c.request for c in responses.calls if c.request.url == UPLOAD_URL]


@responses.activate
def test_images_are_uploaded_first_and_the_reply_names_their_ids(channel):
    add_answer("POST", UPLOAD_URL, "answer_200_media_upload")
    add_answer("POST", TWEETS_URL, "answer_201_post_created")
    sent = channel.send_with_media(REPLY_TEXT, PUBLIC_TARGET, [image(), image("box.png", PNG + b"2")], private=False)
    assert sent == Delivered(external_id="2080774000000000008", url="https://x.com/ExampleUser/status/2080774000000000008")
    assert [c.request.url for c in responses.calls] == [UPLOAD_URL, UPLOAD_URL, TWEETS_URL]
    first, second = uploads()
    assert first.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"
    assert first.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert b'name="media"; filename="label.png"\r\nContent-Type: image/png\r\n\r\n' + PNG in first.body
    assert multipart_field(first.body, "media_category") == b"tweet_image"
    assert multipart_field(first.body, "media_type") == b"image/png"
    assert b'filename="box.png"' in second.body
    assert json.loads(responses.calls[-1].request.body) == {
        "text": REPLY_TEXT, "reply": {"in_reply_to_tweet_id": "2080769000000000001"},
        "media": {"media_ids": [MEDIA_ID, MEDIA_ID]}}


@responses.activate
def test_a_dm_carries_one_image_uploaded_for_dms(channel):
    add_answer("POST", UPLOAD_URL, "answer_200_media_upload")
    add_answer("POST", DM_URL, "answer_201_dm_created")
    sent = channel.send_with_media(REPLY_TEXT, DM_TARGET, [image()], private=True)
    assert sent == Delivered(external_id="2080774100000000009", url=None)
    [upload] = uploads()
    assert multipart_field(upload.body, "media_category") == b"dm_image"
    assert json.loads(responses.calls[-1].request.body) == {"text": REPLY_TEXT, "attachments": [{"media_id": MEDIA_ID}]}


def test_x_declares_four_images_in_a_post_and_one_in_a_dm(channel):
    assert channel.reply_media == {"public": frozenset({"image"}), "private": frozenset({"image"})}
    public, private = channel.limits_for(private=False), channel.limits_for(private=True)
    assert (public.max_files, private.max_files) == (4, 1)
    assert public.max_bytes == private.max_bytes == 5_000_000
    assert public.types == frozenset({"image/jpeg", "image/png", "image/webp"})  # a GIF needs the chunked upload


@responses.activate
def test_more_images_than_x_takes_are_refused_before_anything_is_sent(channel):
    with pytest.raises(PermanentError):
        channel.send_with_media(REPLY_TEXT, DM_TARGET, [image(), image("b.png")], private=True)
    with pytest.raises(PermanentError):
        channel.send_with_media(REPLY_TEXT, PUBLIC_TARGET, [image(f"{i}.png") for i in range(5)], private=False)
    assert len(responses.calls) == 0


@responses.activate
@pytest.mark.parametrize("target, private, url", [(PUBLIC_TARGET, False, TWEETS_URL), (DM_TARGET, True, DM_URL)])
def test_a_refused_upload_posts_nothing(channel, target, private, url):
    add_answer("POST", UPLOAD_URL, "error_400_media_invalid")
    with pytest.raises(PermanentError) as caught:
        channel.send_with_media(REPLY_TEXT, target, [image()], private=private)
    assert caught.value.status == 400 and "x upload label.png" in str(caught.value)
    assert [c.request.url for c in responses.calls] == [UPLOAD_URL]
    _assert_no_secrets_or_text(caught.value)


@responses.activate
def test_an_upload_answer_without_a_v2_id_posts_nothing(channel):
    add_answer("POST", UPLOAD_URL, "answer_200_media_upload_v1")  # v1.1's media_id_string, not data.id
    with pytest.raises(PermanentError, match="without data.id"):
        channel.send_with_media(REPLY_TEXT, PUBLIC_TARGET, [image()], private=False)
    assert [c.request.url for c in responses.calls] == [UPLOAD_URL]


@responses.activate
def test_an_upload_without_an_answer_is_retried_later_not_unknown(channel):
    """Media no post names is never shown: uploading it again is safe, so a timeout waits for a later try."""
    responses.add(responses.POST, UPLOAD_URL, body=requests.ReadTimeout("read timed out"))
    with pytest.raises(TransientError):
        channel.send_with_media(REPLY_TEXT, PUBLIC_TARGET, [image()], private=False)
    assert [c.request.url for c in responses.calls] == [UPLOAD_URL]


@responses.activate
@pytest.mark.parametrize("target, private, url", [(PUBLIC_TARGET, False, TWEETS_URL), (DM_TARGET, True, DM_URL)])
def test_a_post_with_images_whose_outcome_is_unknown_is_ambiguous(channel, target, private, url):
    add_answer("POST", UPLOAD_URL, "answer_200_media_upload")
    responses.add(responses.POST, url, body=requests.ReadTimeout("read timed out"))
    with pytest.raises(AmbiguousError):
        channel.send_with_media(REPLY_TEXT, target, [image()], private=private)
    assert [c.request.url for c in responses.calls] == [UPLOAD_URL, url]


@responses.activate
def test_a_dm_with_an_image_refused_by_the_recipient_says_so(channel):
    add_answer("POST", UPLOAD_URL, "answer_200_media_upload")
    add_answer("POST", DM_URL, "error_403_dm_not_allowed")
    with pytest.raises(PermanentError, match="DM refused"):
        channel.send_with_media(REPLY_TEXT, DM_TARGET, [image()], private=True)
