"""FacebookChannel: account settings, the Page feed and Messenger deliveries, and posting back through the
Graph API (comment replies, private replies, Messenger messages inside Meta's windows), errors included."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
import requests
import responses
import time_machine
from marshmallow import ValidationError

from bridge.channels.facebook.channel import FacebookChannel
from bridge.errors import AmbiguousError, AuthError, PayloadError, PermanentError, TransientError
from bridge.model import AttachedFile, Delivered, PostChange, PostKind, Target
from tests.faults import refused

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "facebook"
UTC = timezone.utc
PAGE_ID = "104882365123456"
TOKEN = "EAAGm0PX4ZCpsBAPageTokenForTestsOnly"
SETTINGS = {"page_id": PAGE_ID, "page_access_token": TOKEN, "app_secret": "4f1d6c0b9a8e7d6c5b4a39281706f5e4",
            "verify_token": "hub-verify-7Xk2pQ9m", "page_name": "Acme Support"}
GRAPH = "https://graph.facebook.com/v26.0"
PAGE_POST = f"{PAGE_ID}_122139005512594941"
COMMENT = "122139005512594941_1213590066982748"
PSID = "7112649035512873"
REPLY_TEXT = "Sorry about that! A replacement is on its way."
POSTED_AT = datetime(2026, 11, 20, 9, 20, 11, tzinfo=UTC)

COMMENT_TARGET = Target(post_id=COMMENT, conversation_id=PAGE_POST, kind=PostKind.PUBLIC_REPLY, author_id="6401927385512019",
                        author_handle="Jane Doe", posted_at=POSTED_AT)
VISITOR_POST_TARGET = Target(post_id=f"{PAGE_ID}_122131676912594941", conversation_id=f"{PAGE_ID}_122131676912594941",
                             kind=PostKind.PUBLIC_POST, author_id="6401927385512019", author_handle="Jane Doe",
                             posted_at=POSTED_AT)
DM_TARGET = Target(post_id="m_qSk0Yyhk2eQ4M1vXhB6CnRsVQnlD9o5kcfLvVe9UFLwR2dQsm8jIw",
                   conversation_id=f"dm:{PAGE_ID}-{PSID}", kind=PostKind.DIRECT_MESSAGE, author_id=PSID,
                   author_handle=PSID, posted_at=POSTED_AT)


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_bytes())


def make_channel(**overrides: Any) -> FacebookChannel:
    return FacebookChannel("acme", FacebookChannel.account_schema().load({**SETTINGS, **overrides}))


@pytest.fixture
def channel() -> FacebookChannel:
    return make_channel()


def add_answer(method: str, url: str, name: str) -> None:
    answer = fixture(name)
    responses.add(method, url, json=answer["body"], status=answer["status"], headers=answer["headers"])


def form(call) -> dict[str, list[str]]:
    return parse_qs(call.request.body)


# -- account settings -------------------------------------------------------------------------
def test_account_schema_defaults():
    settings = FacebookChannel.account_schema().load({k: v for k, v in SETTINGS.items() if k != "page_name"})
    assert settings["graph_base"] == "https://graph.facebook.com"
    assert settings["graph_version"] == "v26.0"
    assert settings["page_name"] is None


def test_account_schema_takes_an_unquoted_yaml_page_id_and_strips_the_base_slash():
    settings = FacebookChannel.account_schema().load({**SETTINGS, "page_id": 104882365123456,
                                                      "graph_base": "http://127.0.0.1:8089/graph/"})
    assert settings["page_id"] == PAGE_ID
    assert settings["graph_base"] == "http://127.0.0.1:8089/graph"


@pytest.mark.parametrize("change, bad_key", [
    ({"page_acess_token": "typo"}, "page_acess_token"),  # unknown keys are rejected, so typos surface
    ({"page_id": "acme-support"}, "page_id"),
    ({"page_id": True}, "page_id"),
    ({"graph_version": "21.0"}, "graph_version"),
    ({"graph_version": "latest"}, "graph_version"),
    ({"graph_base": "graph.facebook.com"}, "graph_base"),
    ({"app_secret": ""}, "app_secret"),
])
def test_account_schema_rejects_bad_settings(change, bad_key):
    with pytest.raises(ValidationError) as caught:
        FacebookChannel.account_schema().load({**SETTINGS, **change})
    assert bad_key in caught.value.messages


def test_account_schema_names_every_missing_key():
    with pytest.raises(ValidationError) as caught:
        FacebookChannel.account_schema().load({})
    assert set(caught.value.messages) == {"page_id", "page_access_token", "app_secret", "verify_token"}


def test_limits():
    assert (FacebookChannel.name, FacebookChannel.public_limit, FacebookChannel.private_limit) == ("facebook", 8000, 1999)


# -- parsing: the Page feed -------------------------------------------------------------------
def test_visitor_post_on_the_page(channel):
    [post] = channel.parse(fixture("feed_visitor_post"))
    assert (post.platform, post.account, post.kind, post.change) == ("facebook", "acme", PostKind.PUBLIC_POST,
                                                                     PostChange.CREATED)
    assert post.post_id == post.conversation_id == f"{PAGE_ID}_122131676912594941"
    assert post.in_reply_to_id is None
    assert post.text == "My order #4521 arrived broken. Who can help?"
    assert (post.author.platform_id, post.author.handle, post.author.display_name) == ("6401927385512019", "Jane Doe",
                                                                                        "Jane Doe")
    assert post.created_at == datetime(2026, 11, 20, 9, 14, 3, tzinfo=UTC)
    assert post.url == f"https://www.facebook.com/{PAGE_ID}_122131676912594941"


def test_comment_joins_its_page_post(channel):
    [post] = channel.parse(fixture("feed_comment_add"))
    assert (post.post_id, post.conversation_id, post.in_reply_to_id) == (COMMENT, PAGE_POST, PAGE_POST)
    assert post.kind is PostKind.PUBLIC_REPLY
    assert post.text == "Still waiting for my refund, order #4521"
    assert post.created_at == POSTED_AT
    assert post.url == f"https://www.facebook.com/{PAGE_POST}?comment_id=1213590066982748"


def test_reply_to_a_comment_points_at_the_comment_and_keeps_the_post_as_conversation(channel):
    [post] = channel.parse(fixture("feed_comment_reply"))
    assert post.post_id == "122139005512594941_1563420089971206"
    assert post.conversation_id == PAGE_POST
    assert post.in_reply_to_id == COMMENT


def test_edit_carries_the_new_text_and_the_time_of_the_edit(channel):
    [post] = channel.parse(fixture("feed_comment_edited"))
    assert (post.post_id, post.change) == (COMMENT, PostChange.EDITED)
    assert post.text == "Still waiting for my refund, order #4521 (paid by card)"
    # created_time is the comment's own; the revision is told apart by when it was sent
    assert post.created_at == datetime(2026, 11, 20, 10, 2, 11, tzinfo=UTC)


def test_edit_with_edited_time_uses_it(channel):
    delivery = fixture("feed_comment_edited")
    delivery["entry"][0]["changes"][0]["value"]["edited_time"] = "2026-11-20T10:02:09+0000"
    [post] = channel.parse(delivery)
    assert post.created_at == datetime(2026, 11, 20, 10, 2, 9, tzinfo=UTC)


def test_deletion(channel):
    [post] = channel.parse(fixture("feed_comment_remove"))
    assert (post.post_id, post.change, post.text) == (COMMENT, PostChange.DELETED, "")


def test_deletion_without_author_is_still_a_deletion(channel):
    delivery = fixture("feed_comment_remove")
    del delivery["entry"][0]["changes"][0]["value"]["from"]
    [post] = channel.parse(delivery)
    assert (post.post_id, post.change) == (COMMENT, PostChange.DELETED)


@pytest.mark.parametrize("name", ["feed_reaction", "feed_page_own_comment", "messenger_echo"])
def test_ignored_events_give_no_posts(channel, name):
    assert channel.parse(fixture(name)) == []


@pytest.mark.parametrize("item, verb", [("like", "add"), ("share", "add"), ("comment", "hide"), ("comment", "unhide"),
                                        ("rating", "add"), ("status", "block")])
def test_other_feed_items_and_verbs_are_ignored(channel, item, verb):
    delivery = fixture("feed_comment_add")
    delivery["entry"][0]["changes"][0]["value"].update(item=item, verb=verb)
    assert channel.parse(delivery) == []


def test_non_feed_fields_are_ignored(channel):
    delivery = fixture("feed_comment_add")
    delivery["entry"][0]["changes"][0]["field"] = "ratings"
    assert channel.parse(delivery) == []


def test_own_comment_is_recognised_by_the_configured_page_id():
    other_page = make_channel(page_id="555555555555555")
    delivery = fixture("feed_page_own_comment")
    delivery["entry"][0]["id"] = "555555555555555"
    [post] = other_page.parse(delivery)  # for another Page, the same comment is a visitor's
    assert post.author.platform_id == PAGE_ID


def test_legacy_sender_fields_stand_in_for_from(channel):
    delivery = fixture("feed_comment_add")
    value = delivery["entry"][0]["changes"][0]["value"]
    del value["from"]
    value.update(sender_id=6401927385512019, sender_name="Jane Doe")
    [post] = channel.parse(delivery)
    assert (post.author.platform_id, post.author.handle) == ("6401927385512019", "Jane Doe")


def test_comment_without_author_is_malformed(channel):
    delivery = fixture("feed_comment_add")
    del delivery["entry"][0]["changes"][0]["value"]["from"]
    with pytest.raises(PayloadError, match="from.id is missing"):
        channel.parse(delivery)


def test_hidden_name_falls_back_to_the_id(channel):
    delivery = fixture("feed_comment_add")
    delivery["entry"][0]["changes"][0]["value"]["from"] = {"id": "6401927385512019"}
    [post] = channel.parse(delivery)
    assert (post.author.handle, post.author.display_name) == ("6401927385512019", "")


# -- parsing: Messenger -----------------------------------------------------------------------
def test_messenger_message(channel):
    [post] = channel.parse(fixture("messenger_message"))
    assert post.kind is PostKind.DIRECT_MESSAGE
    assert post.post_id == "m_qSk0Yyhk2eQ4M1vXhB6CnRsVQnlD9o5kcfLvVe9UFLwR2dQsm8jIw"
    assert post.conversation_id == f"dm:{PAGE_ID}-{PSID}"
    assert (post.author.platform_id, post.author.handle) == (PSID, PSID)
    assert post.text == "Hi, my order #4521 never arrived"
    assert post.created_at == datetime(2026, 11, 20, 9, 14, 3, 507000, tzinfo=UTC)
    assert post.url is None


def test_messenger_attachment_without_text_is_noted(channel):
    [post] = channel.parse(fixture("messenger_attachment"))
    assert post.text == "(image attachment)"


def test_batched_delivery_gives_every_post_once(channel):
    posts = channel.parse(fixture("batch_mixed"))
    assert [(p.post_id, p.kind) for p in posts] == [
        ("122139005512594941_1563420089971206", PostKind.PUBLIC_REPLY),
        ("122139005512594941_3057718844120973", PostKind.PUBLIC_REPLY),
        ("m_Kc5uR9wE2tY7iO1pA4sD8fG3hJ6kL0zX5cV9bN2mQ4wE7rT1y", PostKind.DIRECT_MESSAGE),
    ]  # the reaction, the read receipt and the Page's echo are not posts
    assert {p.author.handle for p in posts} == {"Jane Doe", "John Roe", PSID}


# -- outbound: public comment replies ---------------------------------------------------------
@responses.activate
def test_public_reply_comments_under_the_comment(channel):
    add_answer(responses.POST, f"{GRAPH}/{COMMENT}/comments", "answer_comment_created")
    sent = channel.send_public(REPLY_TEXT, COMMENT_TARGET)
    assert sent == Delivered(external_id="122139005512594941_4410927731850264",
                             url=f"https://www.facebook.com/{PAGE_POST}?comment_id=4410927731850264")
    [call] = responses.calls
    assert call.request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert form(call) == {"message": [REPLY_TEXT]}
    assert TOKEN not in call.request.url and "Sorry" not in call.request.url


@responses.activate
def test_public_reply_to_a_visitor_post_comments_on_the_post(channel):
    add_answer(responses.POST, f"{GRAPH}/{VISITOR_POST_TARGET.post_id}/comments", "answer_comment_created")
    channel.send_public(REPLY_TEXT, VISITOR_POST_TARGET)
    assert responses.calls[0].request.url == f"{GRAPH}/{PAGE_ID}_122131676912594941/comments"


@responses.activate
def test_graph_base_and_version_are_configurable():
    channel = make_channel(graph_base="http://127.0.0.1:8089/graph-mock/", graph_version="v25.0")
    responses.add(responses.POST, f"http://127.0.0.1:8089/graph-mock/v25.0/{COMMENT}/comments", json={"id": "1_2"})
    assert channel.send_public(REPLY_TEXT, COMMENT_TARGET).external_id == "1_2"


def test_public_reply_into_a_messenger_conversation_is_refused(channel):
    with pytest.raises(PermanentError, match="no public thread"):
        channel.send_public(REPLY_TEXT, DM_TARGET)


@responses.activate
def test_answer_without_an_id_is_ambiguous(channel):
    responses.add(responses.POST, f"{GRAPH}/{COMMENT}/comments", json={"success": True})
    with pytest.raises(AmbiguousError, match="probably went through"):
        channel.send_public(REPLY_TEXT, COMMENT_TARGET)


# -- outbound: private replies to comments and visitor posts ----------------------------------
@responses.activate
@time_machine.travel(POSTED_AT + timedelta(days=2), tick=False)
@pytest.mark.parametrize("target, recipient", [
    (COMMENT_TARGET, {"comment_id": COMMENT}),
    (VISITOR_POST_TARGET, {"post_id": f"{PAGE_ID}_122131676912594941"}),
])
def test_private_reply_goes_to_the_comment_or_post(channel, target, recipient):
    add_answer(responses.POST, f"{GRAPH}/{PAGE_ID}/messages", "answer_message_sent")
    assert channel.private_open(target, POSTED_AT + timedelta(days=2))
    sent = channel.send_private(REPLY_TEXT, target)
    assert sent == Delivered(external_id="m_Wd4rT8yU2iO6pA0sD3fG7hJ1kL5zX9cV2bN6mQ0wE4rT8yU2i", url=None)
    [call] = responses.calls
    assert json.loads(call.request.body) == {"recipient": recipient, "message": {"text": REPLY_TEXT}}
    assert call.request.headers["Authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize("age, sent_before, open_", [
    (timedelta(days=6, hours=23), 0, True),
    (timedelta(days=7, minutes=1), 0, False),
    (timedelta(hours=1), 1, False),
])
def test_private_reply_is_open_once_within_seven_days(channel, age, sent_before, open_):
    target = Target(**{**COMMENT_TARGET.__dict__, "private_replies_sent": sent_before})
    assert channel.private_open(target, POSTED_AT + age) is open_


@responses.activate
@time_machine.travel(POSTED_AT + timedelta(days=8), tick=False)
def test_private_reply_after_seven_days_is_not_attempted(channel):
    with pytest.raises(PermanentError, match="one per comment, within 7 days"):
        channel.send_private(REPLY_TEXT, COMMENT_TARGET)
    assert len(responses.calls) == 0


# -- outbound: Messenger --------------------------------------------------------------------
@responses.activate
@pytest.mark.parametrize("age, messaging", [
    (timedelta(hours=2), {"messaging_type": "RESPONSE"}),
    (timedelta(hours=23, minutes=59), {"messaging_type": "RESPONSE"}),
    (timedelta(hours=30), {"messaging_type": "MESSAGE_TAG", "tag": "HUMAN_AGENT"}),
    (timedelta(days=6, hours=23), {"messaging_type": "MESSAGE_TAG", "tag": "HUMAN_AGENT"}),
])
def test_messenger_reply_inside_the_windows(channel, age, messaging):
    add_answer(responses.POST, f"{GRAPH}/{PAGE_ID}/messages", "answer_message_sent")
    with time_machine.travel(POSTED_AT + age, tick=False):
        assert channel.private_open(DM_TARGET, POSTED_AT + age)
        channel.send_private(REPLY_TEXT, DM_TARGET)
    [call] = responses.calls
    assert json.loads(call.request.body) == {"recipient": {"id": PSID}, "message": {"text": REPLY_TEXT}, **messaging}


@responses.activate
def test_messenger_after_seven_days_is_closed_and_not_attempted(channel):
    assert channel.private_open(DM_TARGET, POSTED_AT + timedelta(days=7, seconds=1)) is False
    with time_machine.travel(POSTED_AT + timedelta(days=8), tick=False):
        with pytest.raises(PermanentError, match="7-day window"):
            channel.send_private(REPLY_TEXT, DM_TARGET)
    assert len(responses.calls) == 0


@pytest.mark.parametrize("text, private, fits", [
    ("x" * 1999, True, True),
    ("x" * 2000, True, False),  # Messenger: less than 2000 characters
    ("é" * 1999, True, True),  # counted in characters, not bytes
    ("x" * 8000, False, True),
    ("x" * 8001, False, False),
    ("", False, False),
])
def test_measure_per_surface(channel, text, private, fits):
    measure = channel.measure(text, DM_TARGET if private else COMMENT_TARGET, private=private)
    assert (measure.length, measure.unit, measure.fits) == (len(text), "characters", fits)


# -- error answers ----------------------------------------------------------------------------
SEND_PUBLIC = ("send_public", COMMENT_TARGET, f"{GRAPH}/{COMMENT}/comments")
SEND_PRIVATE = ("send_private", DM_TARGET, f"{GRAPH}/{PAGE_ID}/messages")


def _send(channel: FacebookChannel, how: str, target: Target) -> Delivered:
    with time_machine.travel(POSTED_AT + timedelta(hours=1), tick=False):
        return getattr(channel, how)(REPLY_TEXT, target)


@responses.activate
@pytest.mark.parametrize("how, target, url", [SEND_PUBLIC, SEND_PRIVATE])
@pytest.mark.parametrize("name", ["error_190_expired", "error_190_password_changed"])
def test_expired_or_revoked_token_is_an_auth_error(channel, how, target, url, name):
    add_answer(responses.POST, url, name)
    with pytest.raises(AuthError) as caught:
        _send(channel, how, target)
    assert "Graph error 190/46" in str(caught.value)
    assert caught.value.status == 400
    assert TOKEN not in str(caught.value)


@responses.activate
@pytest.mark.parametrize("how, target, url", [SEND_PUBLIC, SEND_PRIVATE])
@pytest.mark.parametrize("name, retry_after", [
    ("error_4_app_limit", 300.0),  # X-App-Usage at 100% but no estimate: the default wait
    ("error_17_user_limit", 300.0),
    ("error_32_page_limit", 420.0),  # 7 minutes in X-Business-Use-Case-Usage
    ("error_613_custom_limit", 300.0),
    ("error_80006_messenger_buc", 720.0),  # the longest estimate over the header's objects
])
def test_rate_limits_are_transient_with_retry_after(channel, how, target, url, name, retry_after):
    add_answer(responses.POST, url, name)
    with pytest.raises(TransientError) as caught:
        _send(channel, how, target)
    assert type(caught.value) is TransientError
    assert caught.value.retry_after == retry_after
    assert "rate limited by Meta" in str(caught.value)


@responses.activate
@pytest.mark.parametrize("how, target, url", [SEND_PUBLIC, SEND_PRIVATE])
def test_invalid_parameter_is_permanent(channel, how, target, url):
    add_answer(responses.POST, url, "error_100_invalid_parameter")
    with pytest.raises(PermanentError) as caught:
        _send(channel, how, target)
    assert type(caught.value) is PermanentError
    assert "Graph error 100/33" in str(caught.value)


@responses.activate
def test_message_outside_the_window_is_permanent_and_says_so(channel):
    add_answer(responses.POST, f"{GRAPH}/{PAGE_ID}/messages", "error_10_outside_window")
    with pytest.raises(PermanentError, match="messaging window for this person has closed"):
        _send(channel, "send_private", DM_TARGET)


@responses.activate
@pytest.mark.parametrize("how, target, url", [SEND_PUBLIC, SEND_PRIVATE])
def test_server_error_is_transient(channel, how, target, url):
    add_answer(responses.POST, url, "error_500_unexpected")
    with pytest.raises(TransientError) as caught:
        _send(channel, how, target)
    assert caught.value.status == 500


@responses.activate
@pytest.mark.parametrize("how, target, url", [SEND_PUBLIC, SEND_PRIVATE])
def test_read_timeout_on_a_post_is_ambiguous(channel, how, target, url):
    responses.add(responses.POST, url, body=requests.ReadTimeout("read timed out"))
    with pytest.raises(AmbiguousError, match="may have gone through"):
        _send(channel, how, target)


@responses.activate
def test_connection_refused_is_transient(channel):
    responses.add(responses.POST, f"{GRAPH}/{COMMENT}/comments", body=refused())
    with pytest.raises(TransientError, match="cannot connect"):
        _send(channel, "send_public", COMMENT_TARGET)


# -- media in replies ---------------------------------------------------------------------------
# Upload answers and errors: tests/fixtures/facebook/README.md (the Attachment Upload API's documented answer).
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
MESSAGES = f"{GRAPH}/{PAGE_ID}/messages"
UPLOADS = f"{GRAPH}/{PAGE_ID}/message_attachments"
ATTACHMENT_ID = "1857777774821032"
SENT_ID = "m_Wd4rT8yU2iO6pA0sD3fG7hJ1kL5zX9cV2bN6mQ0wE4rT8yU2i"


def image(name: str = "label.png", data: bytes = PNG) -> AttachedFile:
    return AttachedFile(name, "image/png", data)


def field(body: bytes, name: str) -> bytes:
    """One plain form field of a multipart body."""
    marker = f'name="{name}"\r\n\r\n'.encode()
    assert marker in body, name
    return body.split(marker, 1)[1].split(b"\r\n--", 1)[0]


def urls() -> list[str]:
    return [c.request.url for c in responses.calls]


def message_bodies() -> list[dict]:
    return [json.loads(c.request.body) for c in responses.calls if c.request.url == MESSAGES]


def send_media(channel: FacebookChannel, target: Target, files: list[AttachedFile], private: bool) -> Delivered:
    with time_machine.travel(POSTED_AT + timedelta(hours=1), tick=False):
        return channel.send_with_media(REPLY_TEXT, target, files, private=private)


def test_facebook_declares_one_photo_per_comment_and_images_in_messenger(channel):
    assert channel.reply_media == {"public": frozenset({"image"}), "private": frozenset({"image"})}
    comment, messenger = channel.limits_for(private=False), channel.limits_for(private=True)
    assert (comment.max_files, comment.max_bytes) == (1, 4_000_000)
    assert (messenger.max_files, messenger.max_bytes) == (4, 8_000_000)
    assert comment.types == messenger.types == frozenset({"image/jpeg", "image/png", "image/gif"})


@responses.activate
def test_a_comment_carries_its_photo_in_the_same_request(channel):
    add_answer(responses.POST, f"{GRAPH}/{COMMENT}/comments", "answer_comment_created")
    sent = send_media(channel, COMMENT_TARGET, [image()], private=False)
    assert sent == Delivered(external_id="122139005512594941_4410927731850264",
                             url=f"https://www.facebook.com/{PAGE_POST}?comment_id=4410927731850264")
    [call] = responses.calls
    assert call.request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert call.request.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert field(call.request.body, "message") == REPLY_TEXT.encode()
    assert b'name="source"; filename="label.png"\r\nContent-Type: image/png\r\n\r\n' + PNG in call.request.body
    assert TOKEN not in call.request.url


@responses.activate
def test_a_comment_with_a_photo_whose_outcome_is_unknown_is_not_sent_again(channel):
    responses.add(responses.POST, f"{GRAPH}/{COMMENT}/comments", body=requests.ReadTimeout("read timed out"))
    with pytest.raises(AmbiguousError):
        send_media(channel, COMMENT_TARGET, [image()], private=False)
    assert len(responses.calls) == 1


@responses.activate
def test_a_refused_photo_comment_is_permanent(channel):
    add_answer(responses.POST, f"{GRAPH}/{COMMENT}/comments", "error_100_invalid_parameter")
    with pytest.raises(PermanentError, match="Graph error 100/33"):
        send_media(channel, COMMENT_TARGET, [image()], private=False)


@responses.activate
def test_more_photos_than_a_comment_takes_are_refused_before_anything_is_sent(channel):
    with pytest.raises(PermanentError):
        send_media(channel, COMMENT_TARGET, [image(), image("b.png")], private=False)
    with pytest.raises(PermanentError):
        send_media(channel, DM_TARGET, [image(f"{i}.png") for i in range(5)], private=True)
    assert len(responses.calls) == 0


@responses.activate
def test_a_messenger_reply_uploads_its_images_then_sends_the_text_and_each_image(channel):
    add_answer(responses.POST, UPLOADS, "answer_attachment_uploaded")
    add_answer(responses.POST, MESSAGES, "answer_message_sent")
    sent = send_media(channel, DM_TARGET, [image(), image("box.png", PNG + b"2")], private=True)
    assert sent == Delivered(external_id=SENT_ID, url=None)
    assert urls() == [UPLOADS, UPLOADS, MESSAGES, MESSAGES, MESSAGES]
    upload = responses.calls[0].request
    assert upload.headers["Authorization"] == f"Bearer {TOKEN}"
    assert json.loads(field(upload.body, "message")) == {"attachment": {"type": "image", "payload": {"is_reusable": True}}}
    assert b'name="filedata"; filename="label.png"\r\nContent-Type: image/png\r\n\r\n' + PNG in upload.body
    assert b'filename="box.png"' in responses.calls[1].request.body
    image_message = {"recipient": {"id": PSID}, "messaging_type": "RESPONSE",
                     "message": {"attachment": {"type": "image", "payload": {"attachment_id": ATTACHMENT_ID}}}}
    assert message_bodies() == [{"recipient": {"id": PSID}, "messaging_type": "RESPONSE", "message": {"text": REPLY_TEXT}},
                                image_message, image_message]


@responses.activate
def test_a_refused_upload_sends_nothing(channel):
    add_answer(responses.POST, UPLOADS, "error_2018047_upload_failure")
    with pytest.raises(PermanentError, match="Graph error 100/2018047"):
        send_media(channel, DM_TARGET, [image()], private=True)
    assert urls() == [UPLOADS]


@responses.activate
def test_an_upload_without_an_answer_waits_for_a_later_attempt_and_sends_nothing(channel):
    responses.add(responses.POST, UPLOADS, body=requests.ReadTimeout("read timed out"))
    with pytest.raises(TransientError):
        send_media(channel, DM_TARGET, [image()], private=True)
    assert urls() == [UPLOADS]


@responses.activate
def test_a_text_whose_outcome_is_unknown_sends_no_image_after_it(channel):
    add_answer(responses.POST, UPLOADS, "answer_attachment_uploaded")
    responses.add(responses.POST, MESSAGES, body=requests.ReadTimeout("read timed out"))
    with pytest.raises(AmbiguousError):
        send_media(channel, DM_TARGET, [image()], private=True)
    assert urls() == [UPLOADS, MESSAGES]


@responses.activate
def test_an_image_refused_after_the_text_is_reported_and_the_text_is_not_sent_again(channel):
    add_answer(responses.POST, UPLOADS, "answer_attachment_uploaded")
    add_answer(responses.POST, MESSAGES, "answer_message_sent")  # the text
    add_answer(responses.POST, MESSAGES, "error_100_invalid_parameter")  # the first image
    sent = send_media(channel, DM_TARGET, [image(), image("box.png")], private=True)
    assert sent.external_id == SENT_ID
    [(first, why), (second, after)] = sent.files_not_sent
    assert first == "label.png" and "did not take it after the text went" in why and "Graph error 100/33" in why
    assert (second, after) == ("box.png", "not sent after label.png failed")
    assert urls() == [UPLOADS, UPLOADS, MESSAGES, MESSAGES]  # no retry, and the second image is not tried


@responses.activate
def test_an_image_message_without_an_answer_is_reported_not_retried(channel):
    add_answer(responses.POST, UPLOADS, "answer_attachment_uploaded")
    add_answer(responses.POST, MESSAGES, "answer_message_sent")
    responses.add(responses.POST, MESSAGES, body=requests.ReadTimeout("read timed out"))
    sent = send_media(channel, DM_TARGET, [image()], private=True)
    [(name, why)] = sent.files_not_sent
    assert name == "label.png" and "may or may not have arrived" in why
    assert urls() == [UPLOADS, MESSAGES, MESSAGES]


@responses.activate
def test_a_private_reply_to_a_comment_is_its_text_alone(channel):
    """Meta allows one private reply per comment: the images cannot follow until the customer answers."""
    add_answer(responses.POST, MESSAGES, "answer_message_sent")
    sent = send_media(channel, COMMENT_TARGET, [image()], private=True)
    assert urls() == [MESSAGES]
    assert message_bodies() == [{"recipient": {"comment_id": COMMENT}, "message": {"text": REPLY_TEXT}}]
    [(name, why)] = sent.files_not_sent
    assert name == "label.png" and "one text message" in why


@responses.activate
def test_a_closed_messenger_window_uploads_nothing(channel):
    with time_machine.travel(POSTED_AT + timedelta(days=8), tick=False):
        with pytest.raises(PermanentError, match="7-day window"):
            channel.send_with_media(REPLY_TEXT, DM_TARGET, [image()], private=True)
    assert len(responses.calls) == 0


@responses.activate
def test_file_names_meta_would_refuse_are_made_ascii(channel):
    add_answer(responses.POST, UPLOADS, "answer_attachment_uploaded")
    add_answer(responses.POST, MESSAGES, "answer_message_sent")
    send_media(channel, DM_TARGET, [image("étiquette retour.png")], private=True)
    assert b'filename="etiquette_retour.png"' in responses.calls[0].request.body
