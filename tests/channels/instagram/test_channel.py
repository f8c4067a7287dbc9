"""InstagramChannel: account settings, comments, mentions (with the Graph fetch), DMs, and posting back: comment
replies, replies to mentions, private replies and DMs inside Meta's windows, with the 1000-byte DM limit."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import responses
import time_machine
from marshmallow import ValidationError

from bridge.channels.instagram.channel import InstagramChannel
from bridge.errors import AmbiguousError, AuthError, BridgeError, PayloadError, PermanentError, TransientError
from bridge.model import AttachedFile, Delivered, PostChange, PostKind, Target

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "instagram"
UTC = timezone.utc
IG_USER_ID = "17841405822304914"
TOKEN = "IGQWRPcTestTokenOnly0123456789"
SETTINGS = {"ig_user_id": IG_USER_ID, "access_token": TOKEN, "app_secret": "4f1d6c0b9a8e7d6c5b4a39281706f5e4",
            "verify_token": "hub-verify-7Xk2pQ9m", "username": "acme.support"}
GRAPH = "https://graph.facebook.com/v26.0"
IGSID = "6923465181037215"
COMMENT = "17867301270523379"
MEDIA = "18050310947722369"
MENTIONED_MEDIA = "17918195224117851"
MENTION_COMMENT = "17894227972186120"
REPLY_TEXT = "So sorry! A replacement ships today."
POSTED_AT = datetime(2026, 11, 20, 9, 20, 12, tzinfo=UTC)

COMMENT_TARGET = Target(post_id=COMMENT, conversation_id=MEDIA, kind=PostKind.PUBLIC_REPLY, author_id=IGSID,
                        author_handle="jane.doe", posted_at=POSTED_AT)
MENTION_TARGET = Target(post_id=MENTION_COMMENT, conversation_id=f"mention:{MENTIONED_MEDIA}",
                        kind=PostKind.PUBLIC_POST, author_id="@sam_k", author_handle="sam_k", posted_at=POSTED_AT)
CAPTION_TARGET = Target(post_id=MENTIONED_MEDIA, conversation_id=f"mention:{MENTIONED_MEDIA}",
                        kind=PostKind.PUBLIC_POST, author_id="@sam_k", author_handle="sam_k", posted_at=POSTED_AT)
DM_TARGET = Target(post_id="aWdfZAG1faXRlbToxOklHTWVzc2FnZA", conversation_id=f"dm:{IG_USER_ID}-{IGSID}",
                   kind=PostKind.DIRECT_MESSAGE, author_id=IGSID, author_handle=IGSID, posted_at=POSTED_AT)


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_bytes())


def make_channel(**overrides: Any) -> InstagramChannel:
    settings = {k: v for k, v in {**SETTINGS, **overrides}.items() if v is not None}
    return InstagramChannel("acme", InstagramChannel.account_schema().load(settings))


@pytest.fixture
def channel() -> InstagramChannel:
    return make_channel()


def add_answer(method: str, url: str, name: str) -> None:
    answer = fixture(name)
    responses.add(method, url, json=answer["body"], status=answer["status"], headers=answer["headers"])


# -- account settings -------------------------------------------------------------------------
def test_account_schema_defaults_and_normalises():
    settings = InstagramChannel.account_schema().load({**SETTINGS, "username": "@acme.support"})
    assert (settings["graph_base"], settings["graph_version"], settings["username"]) == (
        "https://graph.facebook.com", "v26.0", "acme.support")


@responses.activate
def test_instagram_login_host_is_configurable():
    channel = make_channel(graph_base="https://graph.instagram.com", graph_version="v25.0")
    responses.add(responses.POST, f"https://graph.instagram.com/v25.0/{COMMENT}/replies", json={"id": "1"})
    assert channel.send_public(REPLY_TEXT, COMMENT_TARGET).external_id == "1"


@pytest.mark.parametrize("change, bad_key", [
    ({"access_tokn": "typo"}, "access_tokn"),
    ({"ig_user_id": "acme.support"}, "ig_user_id"),
    ({"graph_version": "v26"}, "graph_version"),
    ({"verify_token": ""}, "verify_token"),
])
def test_account_schema_rejects_bad_settings(change, bad_key):
    with pytest.raises(ValidationError) as caught:
        InstagramChannel.account_schema().load({**SETTINGS, **change})
    assert bad_key in caught.value.messages


def test_account_schema_names_every_missing_key():
    with pytest.raises(ValidationError) as caught:
        InstagramChannel.account_schema().load({})
    assert set(caught.value.messages) == {"ig_user_id", "access_token", "app_secret", "verify_token"}


# -- parsing: comments ------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["comment", "comment_instagram_login"])
def test_comment_on_the_accounts_media(channel, name):
    [post] = channel.parse(fixture(name))
    assert (post.platform, post.post_id, post.conversation_id, post.in_reply_to_id) == ("instagram", COMMENT, MEDIA,
                                                                                        MEDIA)
    assert (post.kind, post.change) == (PostKind.PUBLIC_REPLY, PostChange.CREATED)
    assert (post.author.platform_id, post.author.handle) == (IGSID, "jane.doe")
    assert post.text == "Where is my order #4521? Nobody answers DMs"
    assert post.created_at == datetime(2026, 11, 20, 9, 20, 12, tzinfo=UTC)  # the entry's time: comments carry none
    assert post.url is None


def test_reply_comment_points_at_its_parent(channel):
    [post] = channel.parse(fixture("comment_reply"))
    assert (post.post_id, post.conversation_id, post.in_reply_to_id) == ("17912345678901234", MEDIA, COMMENT)


def test_comment_id_under_its_facebook_login_name(channel):
    delivery = fixture("comment")
    value = delivery["entry"][0]["changes"][0]["value"]
    value["comment_id"] = value.pop("id")
    assert channel.parse(delivery)[0].post_id == COMMENT


def test_own_comment_is_dropped_by_id(channel):
    assert channel.parse(fixture("own_comment")) == []


def test_own_comment_is_dropped_by_username_too():
    delivery = fixture("own_comment")
    delivery["entry"][0]["changes"][0]["value"]["from"]["id"] = "9990001112223334"  # another scoped id
    assert make_channel().parse(delivery) == []
    assert len(make_channel(username=None).parse(delivery)) == 1


@pytest.mark.parametrize("field", ["story_insights", "message_reactions"])
def test_other_fields_are_ignored(channel, field):
    delivery = fixture("comment")
    delivery["entry"][0]["changes"][0]["field"] = field
    assert channel.parse(delivery) == []


@pytest.mark.parametrize("drop, complaint", [("from", "value.from is missing"), ("media", "value.media is missing"),
                                             ("id", "comment_id is missing")])
def test_malformed_comment(channel, drop, complaint):
    delivery = fixture("comment")
    del delivery["entry"][0]["changes"][0]["value"][drop]
    with pytest.raises(PayloadError, match=complaint):
        channel.parse(delivery)


# -- parsing: mentions (the text is fetched from the Graph API) -------------------------------
@responses.activate
def test_comment_mention_is_fetched_through_mentioned_comment(channel):
    add_answer(responses.GET, f"{GRAPH}/{IG_USER_ID}", "answer_mentioned_comment")
    [post] = channel.parse(fixture("mention_comment"))
    [call] = responses.calls
    assert parse_qs(urlsplit(call.request.url).query) == {
        "fields": [f"mentioned_comment.comment_id({MENTION_COMMENT}){{id,text,timestamp,username}}"]}
    assert call.request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert (post.post_id, post.conversation_id, post.kind) == (MENTION_COMMENT, f"mention:{MENTIONED_MEDIA}",
                                                               PostKind.PUBLIC_POST)
    assert (post.author.platform_id, post.author.handle) == ("@sam_k", "sam_k")
    assert post.text == "@acme.support my parcel came crushed, order #4521"
    assert post.created_at == datetime(2026, 11, 20, 9, 16, 40, tzinfo=UTC)


@responses.activate
def test_caption_mention_is_fetched_through_mentioned_media(channel):
    add_answer(responses.GET, f"{GRAPH}/{IG_USER_ID}", "answer_mentioned_media")
    [post] = channel.parse(fixture("mention_caption"))
    assert parse_qs(urlsplit(responses.calls[0].request.url).query) == {
        "fields": [f"mentioned_media.media_id({MENTIONED_MEDIA}){{id,caption,timestamp,username}}"]}
    assert (post.post_id, post.conversation_id) == (MENTIONED_MEDIA, f"mention:{MENTIONED_MEDIA}")
    assert post.text == "Unboxing my new blender from @acme.support — lid missing :("


@responses.activate
def test_mention_answer_without_author_is_refused(channel):
    responses.add(responses.GET, f"{GRAPH}/{IG_USER_ID}",
                  json={"mentioned_comment": {"id": MENTION_COMMENT, "text": "hi"}, "id": IG_USER_ID})
    with pytest.raises(PermanentError, match="without the author's username"):
        channel.parse(fixture("mention_comment"))


@responses.activate
def test_mention_fetch_with_an_expired_token_is_an_auth_error(channel):
    add_answer(responses.GET, f"{GRAPH}/{IG_USER_ID}", "error_190_expired")
    with pytest.raises(AuthError):
        channel.parse(fixture("mention_comment"))


@responses.activate
def test_mention_fetch_refused_is_permanent(channel):
    add_answer(responses.GET, f"{GRAPH}/{IG_USER_ID}", "error_mention_comments_disabled")
    with pytest.raises(PermanentError, match="Comments are disabled"):
        channel.parse(fixture("mention_comment"))


@responses.activate
def test_mention_fetch_timeout_is_transient_so_the_event_is_retried(channel):
    responses.add(responses.GET, f"{GRAPH}/{IG_USER_ID}", body=requests.ReadTimeout("slow"))
    with pytest.raises(TransientError, match="read timeout"):
        channel.parse(fixture("mention_comment"))


# -- parsing: DMs -----------------------------------------------------------------------------
def test_dm(channel):
    [post] = channel.parse(fixture("dm_message"))
    assert (post.kind, post.conversation_id) == (PostKind.DIRECT_MESSAGE, f"dm:{IG_USER_ID}-{IGSID}")
    assert (post.author.platform_id, post.text) == (IGSID, "Hi! My order #4521 was never delivered")


def test_dm_echo_is_dropped(channel):
    assert channel.parse(fixture("dm_echo")) == []


def test_unsent_dm_becomes_a_deletion(channel):
    [sent] = channel.parse(fixture("dm_message"))
    [deleted] = channel.parse(fixture("dm_deleted"))
    assert (deleted.post_id, deleted.change) == (sent.post_id, PostChange.DELETED)


def test_self_test_message_is_dropped(channel):
    delivery = fixture("dm_message")
    delivery["entry"][0]["messaging"][0]["message"]["is_self"] = True
    assert channel.parse(delivery) == []


def test_dm_delivered_as_a_messages_change(channel):
    event = fixture("dm_message")["entry"][0]["messaging"][0]
    delivery = {"object": "instagram", "entry": [{"id": IG_USER_ID, "time": 1795166044,
                                                  "changes": [{"field": "messages", "value": event}]}]}
    [post] = channel.parse(delivery)
    assert (post.kind, post.author.platform_id) == (PostKind.DIRECT_MESSAGE, IGSID)


# -- outbound ---------------------------------------------------------------------------------
@responses.activate
def test_public_reply_to_a_comment(channel):
    add_answer(responses.POST, f"{GRAPH}/{COMMENT}/replies", "answer_reply_created")
    assert channel.send_public(REPLY_TEXT, COMMENT_TARGET) == Delivered(external_id="17873440459141021", url=None)
    [call] = responses.calls
    assert parse_qs(call.request.body) == {"message": [REPLY_TEXT]}
    assert call.request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert TOKEN not in call.request.url


@responses.activate
@pytest.mark.parametrize("target, form", [
    (MENTION_TARGET, {"media_id": [MENTIONED_MEDIA], "comment_id": [MENTION_COMMENT], "message": [REPLY_TEXT]}),
    (CAPTION_TARGET, {"media_id": [MENTIONED_MEDIA], "message": [REPLY_TEXT]}),
])
def test_public_reply_to_a_mention_goes_through_the_mentions_edge(channel, target, form):
    add_answer(responses.POST, f"{GRAPH}/{IG_USER_ID}/mentions", "answer_reply_created")
    channel.send_public(REPLY_TEXT, target)
    assert parse_qs(responses.calls[0].request.body) == form


@responses.activate
@time_machine.travel(POSTED_AT + timedelta(days=3), tick=False)
@pytest.mark.parametrize("target", [COMMENT_TARGET, MENTION_TARGET])
def test_private_reply_to_a_comment(channel, target):
    add_answer(responses.POST, f"{GRAPH}/{IG_USER_ID}/messages", "answer_message_sent")
    sent = channel.send_private(REPLY_TEXT, target)
    assert sent.external_id.startswith("aWdfZAG1")
    assert json.loads(responses.calls[0].request.body) == {"recipient": {"comment_id": target.post_id},
                                                           "message": {"text": REPLY_TEXT}}


def test_private_reply_windows(channel):
    assert channel.private_open(COMMENT_TARGET, POSTED_AT + timedelta(days=6)) is True
    assert channel.private_open(COMMENT_TARGET, POSTED_AT + timedelta(days=7, seconds=1)) is False
    already = Target(**{**COMMENT_TARGET.__dict__, "private_replies_sent": 1})
    assert channel.private_open(already, POSTED_AT + timedelta(hours=1)) is False
    # a caption mention has no comment to answer privately
    assert channel.private_open(CAPTION_TARGET, POSTED_AT + timedelta(hours=1)) is False


@responses.activate
@pytest.mark.parametrize("age, messaging", [
    (timedelta(hours=3), {"messaging_type": "RESPONSE"}),
    (timedelta(days=2), {"messaging_type": "MESSAGE_TAG", "tag": "HUMAN_AGENT"}),
])
def test_dm_reply_inside_the_windows(channel, age, messaging):
    add_answer(responses.POST, f"{GRAPH}/{IG_USER_ID}/messages", "answer_message_sent")
    with time_machine.travel(POSTED_AT + age, tick=False):
        channel.send_private(REPLY_TEXT, DM_TARGET)
    assert json.loads(responses.calls[0].request.body) == {"recipient": {"id": IGSID},
                                                           "message": {"text": REPLY_TEXT}, **messaging}


@responses.activate
def test_dm_after_seven_days_is_closed(channel):
    assert channel.private_open(DM_TARGET, POSTED_AT + timedelta(days=8)) is False
    with time_machine.travel(POSTED_AT + timedelta(days=8), tick=False):
        with pytest.raises(PermanentError, match="7-day window"):
            channel.send_private(REPLY_TEXT, DM_TARGET)
    assert len(responses.calls) == 0


@pytest.mark.parametrize("text, length, fits", [
    ("x" * 1000, 1000, True),
    ("x" * 1001, 1001, False),
    ("€" * 333, 999, True),  # 3 bytes each
    ("€" * 334, 1002, False),  # 334 characters, but 1002 bytes
    ("🙂" * 250, 1000, True),  # 4 bytes each
    ("🙂" * 250 + "!", 1001, False),
])
def test_private_limit_is_1000_bytes_of_utf8(channel, text, length, fits):
    for target in (DM_TARGET, COMMENT_TARGET):  # DMs and private replies alike
        measure = channel.measure(text, target, private=True)
        assert (measure.length, measure.limit, measure.unit, measure.fits) == (length, 1000, "bytes", fits)


@pytest.mark.parametrize("text, fits", [("€" * 2200, True), ("x" * 2201, False)])
def test_public_limit_is_2200_characters(channel, text, fits):
    measure = channel.measure(text, COMMENT_TARGET, private=False)
    assert (measure.limit, measure.unit, measure.fits) == (2200, "characters", fits)


# -- error answers ----------------------------------------------------------------------------
@responses.activate
def test_expired_token_on_reply_is_an_auth_error(channel):
    add_answer(responses.POST, f"{GRAPH}/{COMMENT}/replies", "error_190_expired")
    with pytest.raises(AuthError, match="Graph error 190/463"):
        channel.send_public(REPLY_TEXT, COMMENT_TARGET)


@responses.activate
def test_instagram_business_use_case_limit_waits_as_told(channel):
    add_answer(responses.POST, f"{GRAPH}/{IG_USER_ID}/messages", "error_80002_instagram_buc")
    with time_machine.travel(POSTED_AT + timedelta(hours=1), tick=False):
        with pytest.raises(TransientError) as caught:
            channel.send_private(REPLY_TEXT, DM_TARGET)
    assert caught.value.retry_after == 25 * 60


@responses.activate
def test_read_timeout_on_a_reply_is_ambiguous(channel):
    responses.add(responses.POST, f"{GRAPH}/{COMMENT}/replies", body=requests.ReadTimeout("slow"))
    with pytest.raises(AmbiguousError):
        channel.send_public(REPLY_TEXT, COMMENT_TARGET)


@responses.activate
def test_non_json_success_answer_is_ambiguous(channel):
    responses.add(responses.POST, f"{GRAPH}/{COMMENT}/replies", body="OK", status=200)
    with pytest.raises(AmbiguousError, match="without a JSON answer"):
        channel.send_public(REPLY_TEXT, COMMENT_TARGET)


# -- media in replies ---------------------------------------------------------------------------
PNG = b"\x89PNG\r\n\x1a\n" + b"\1" * 64
MESSAGES = f"{GRAPH}/{IG_USER_ID}/messages"


class FakeLinks:
    """The bridge's signed links (bridge.media_links), as the channel sees them: each link numbered, and when
    it was made counted in requests already sent."""

    def __init__(self, unreachable: str | None = None, fail: BridgeError | None = None):
        self.why, self.fail = unreachable, fail
        self.made: list[tuple[str, str, int]] = []  # (file name, link, requests sent before it)

    def unreachable(self) -> str | None:
        return self.why

    def link(self, file: AttachedFile) -> str:
        if self.fail is not None:
            raise self.fail
        url = f"https://bridge.acme.example/media/token-{len(self.made) + 1}.signed"
        self.made.append((file.name, url, len(responses.calls)))
        return url


def image(name: str = "label.png", data: bytes = PNG) -> AttachedFile:
    return AttachedFile(name, "image/png", data)


def linked(channel: InstagramChannel, links: FakeLinks | None = None) -> FakeLinks:
    channel.media_links = links or FakeLinks()
    return channel.media_links


def image_message(url: str) -> dict:
    """The Send API body of an image message, as tests/fixtures/instagram/sent_image_message.json has it."""
    return json.loads(json.dumps(fixture("sent_image_message")).replace("<URL>", url))


def message_bodies() -> list[dict]:
    return [json.loads(c.request.body) for c in responses.calls if c.request.url == MESSAGES]


def send_media(channel: InstagramChannel, target: Target, files: list[AttachedFile], *, private: bool = True,
               age: timedelta = timedelta(hours=1)) -> Delivered:
    with time_machine.travel(POSTED_AT + age, tick=False):
        return channel.send_with_media(REPLY_TEXT, target, files, private=private)


def test_instagram_declares_images_in_dms_only(channel):
    assert channel.reply_media == {"private": frozenset({"image"})}
    assert channel.media_by_link is True
    dm = channel.limits_for(private=True)
    assert (dm.max_files, dm.max_bytes, dm.types) == (4, 8_000_000, frozenset({"image/jpeg", "image/png"}))
    assert channel.media_unavailable(private=False) is None  # comment replies take no files at all


@responses.activate
def test_a_dm_goes_as_its_text_then_each_image_by_its_link(channel):
    links = linked(channel)
    add_answer(responses.POST, MESSAGES, "answer_message_sent")
    sent = send_media(channel, DM_TARGET, [image(), image("box.png", PNG + b"2")])
    assert sent.external_id == fixture("answer_message_sent")["body"]["message_id"]
    assert sent.files_not_sent == ()
    [(first, url1, before1), (second, url2, before2)] = links.made
    assert (first, second) == ("label.png", "box.png")
    assert (before1, before2) == (1, 2)  # each link is made once the text is out, right before its message
    assert message_bodies() == [{"recipient": {"id": IGSID}, "messaging_type": "RESPONSE", "message": {"text": REPLY_TEXT}},
                                image_message(url1), image_message(url2)]
    assert all(c.request.headers["Authorization"] == f"Bearer {TOKEN}" for c in responses.calls)


@responses.activate
def test_an_image_after_the_human_agent_window_opened_carries_the_tag(channel):
    links = linked(channel)
    add_answer(responses.POST, MESSAGES, "answer_message_sent")
    send_media(channel, DM_TARGET, [image()], age=timedelta(days=2))
    [_, image_body] = message_bodies()
    assert image_body == {**image_message(links.made[0][1]), "messaging_type": "MESSAGE_TAG", "tag": "HUMAN_AGENT"}


@responses.activate
def test_an_image_refused_after_the_text_is_named_not_resent_and_its_link_is_not_quoted(channel):
    links = linked(channel)
    add_answer(responses.POST, MESSAGES, "answer_message_sent")  # the text

    def refuse_quoting_the_link(request):
        answer = fixture("error_100_image_url")
        url = json.loads(request.body)["message"]["attachment"]["payload"]["url"]
        return answer["status"], answer["headers"], json.dumps(answer["body"]).replace("<URL>", url)

    responses.add_callback(responses.POST, MESSAGES, callback=refuse_quoting_the_link)  # the first image
    sent = send_media(channel, DM_TARGET, [image(), image("box.png")])
    [(first, why), (second, after)] = sent.files_not_sent
    assert first == "label.png" and "Instagram did not take it after the text went" in why and "Graph error 100" in why
    assert "could not be fetched" in why
    assert links.made[0][1] not in why and "<the image's link>" in why
    assert (second, after) == ("box.png", "not sent after label.png failed")
    assert len(message_bodies()) == 2  # the text once, the first image once; the second is not tried
    assert [name for name, _, _ in links.made] == ["label.png"]  # no link for an image that is not sent


@responses.activate
def test_an_image_message_without_an_answer_is_named_and_not_retried(channel):
    linked(channel)
    add_answer(responses.POST, MESSAGES, "answer_message_sent")
    responses.add(responses.POST, MESSAGES, body=requests.ReadTimeout("read timed out"))
    sent = send_media(channel, DM_TARGET, [image()])
    [(name, why)] = sent.files_not_sent
    assert name == "label.png" and "may or may not have arrived" in why
    assert len(responses.calls) == 2


@responses.activate
def test_a_link_that_cannot_be_made_after_the_text_names_the_image(channel):
    linked(channel, FakeLinks(fail=TransientError("the bridge could not keep label.png for its link")))
    add_answer(responses.POST, MESSAGES, "answer_message_sent")
    sent = send_media(channel, DM_TARGET, [image()])
    [(name, why)] = sent.files_not_sent
    assert name == "label.png" and "could not keep label.png" in why
    assert len(responses.calls) == 1  # the text went once; nothing else


@responses.activate
def test_a_refused_text_sends_no_image_and_makes_no_link(channel):
    links = linked(channel)
    add_answer(responses.POST, MESSAGES, "error_190_expired")
    with time_machine.travel(POSTED_AT + timedelta(hours=1), tick=False):
        with pytest.raises(AuthError):
            channel.send_with_media(REPLY_TEXT, DM_TARGET, [image()], private=True)
    assert len(responses.calls) == 1 and links.made == []


@responses.activate
def test_a_text_whose_outcome_is_unknown_sends_no_image(channel):
    links = linked(channel)
    responses.add(responses.POST, MESSAGES, body=requests.ReadTimeout("read timed out"))
    with pytest.raises(AmbiguousError):
        send_media(channel, DM_TARGET, [image()])
    assert len(responses.calls) == 1 and links.made == []


@responses.activate
def test_a_closed_window_sends_nothing_and_makes_no_link(channel):
    links = linked(channel)
    with pytest.raises(PermanentError, match="7-day window"):
        send_media(channel, DM_TARGET, [image()], age=timedelta(days=8))
    assert len(responses.calls) == 0 and links.made == []


@responses.activate
def test_loopback_public_url_sends_nothing_and_says_what_is_needed(channel):
    links = linked(channel, FakeLinks(unreachable="BRIDGE_PUBLIC_URL is http://127.0.0.1:8000, a loopback address"))
    why = channel.media_unavailable(private=True)
    assert why == ("images need BRIDGE_PUBLIC_URL reachable from the internet: Instagram fetches each image from the "
                   "bridge, and BRIDGE_PUBLIC_URL is http://127.0.0.1:8000, a loopback address")
    with pytest.raises(PermanentError, match="images need BRIDGE_PUBLIC_URL reachable from the internet"):
        send_media(channel, DM_TARGET, [image()])
    assert len(responses.calls) == 0 and links.made == []


def test_a_channel_without_links_carries_no_images(channel):
    assert channel.media_links is None  # built outside a running bridge
    assert "images need BRIDGE_PUBLIC_URL reachable from the internet" in channel.media_unavailable(private=True)


@responses.activate
def test_a_private_reply_to_a_comment_is_its_text_alone(channel):
    """Meta allows one private reply per comment: the images cannot follow until the customer answers."""
    links = linked(channel)
    add_answer(responses.POST, MESSAGES, "answer_message_sent")
    sent = send_media(channel, COMMENT_TARGET, [image()])
    assert message_bodies() == [{"recipient": {"comment_id": COMMENT}, "message": {"text": REPLY_TEXT}}]
    [(name, why)] = sent.files_not_sent
    assert name == "label.png" and "one text message" in why
    assert links.made == []


@responses.activate
def test_comment_replies_and_too_many_images_are_refused_before_anything_is_sent(channel):
    linked(channel)
    with pytest.raises(PermanentError, match="takes no images"):
        send_media(channel, COMMENT_TARGET, [image()], private=False)
    with pytest.raises(PermanentError):
        send_media(channel, DM_TARGET, [image(f"{i}.png") for i in range(5)])
    assert len(responses.calls) == 0
