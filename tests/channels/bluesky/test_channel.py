"""The Bluesky channel against a PDS's documented answers (responses), errors included."""
from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import responses

from bridge.channels.bluesky.channel import BlueskyAccountSchema, BlueskyChannel, facets, graphemes
from bridge.errors import AmbiguousError, AuthError, PermanentError, TransientError
from bridge.model import AttachedFile, PostKind, Target

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "bluesky"
PDS = "https://pds.example"
BRAND = "did:plc:brand7x2k4m5n6p7q8r9s0t1"
CARLA = "did:plc:cust3a4b5c6d7e8f9g0h1i2j"
ROOT = f"at://{CARLA}/app.bsky.feed.post/3lbroot00000a"
REPLY = f"at://{CARLA}/app.bsky.feed.post/3lbreply0000a"
SINCE = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def xrpc(nsid: str) -> str:
    return f"{PDS}/xrpc/{nsid}"


@pytest.fixture
def channel():
    settings = BlueskyAccountSchema().load({"handle": "acme.bsky.social", "app_password": "abcd-efgh-ijkl-mnop",
                                            "pds_url": PDS})
    return BlueskyChannel("acme", settings)


@pytest.fixture
def pds():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(xrpc("com.atproto.server.createSession"), json=fixture("create_session"))
        yield mock


def target(post_id: str = REPLY, kind: PostKind = PostKind.PUBLIC_REPLY) -> Target:
    return Target(post_id=post_id, conversation_id=ROOT, kind=kind, author_id=CARLA, author_handle="carla.bsky.social",
                  posted_at=datetime(2026, 11, 26, 9, 5, tzinfo=timezone.utc))


def calls(mock, nsid: str) -> list:
    return [c for c in mock.calls if urlsplit(c.request.url).path == f"/xrpc/{nsid}"]


# -- polling ------------------------------------------------------------------------------------------
def test_a_poll_takes_mentions_and_replies_with_their_authors_followers(channel, pds):
    pds.get(xrpc("app.bsky.notification.listNotifications"), json=fixture("list_notifications"))
    pds.get(xrpc("app.bsky.notification.listNotifications"), json={"notifications": []})
    pds.get(xrpc("app.bsky.actor.getProfiles"), json=fixture("get_profiles"))
    result = channel.poll(None, SINCE)
    assert [i.event_id for i in result.items] == [f"bsky:{REPLY}", f"bsky:{ROOT}"]  # the like is no conversation
    assert json.loads(result.cursor) == {"seen": "2026-11-26T09:05:00.412Z"} and not result.more
    assert calls(pds, "com.atproto.server.createSession")[0].request.body == json.dumps(
        {"identifier": "acme.bsky.social", "password": "abcd-efgh-ijkl-mnop"}).encode()
    assert calls(pds, "app.bsky.notification.listNotifications")[0].request.headers["Authorization"] == "Bearer access-1"

    reply, mention = (channel.parse(i.payload)[0] for i in result.items)
    assert (mention.kind, mention.post_id, mention.conversation_id, mention.in_reply_to_id) == (
        PostKind.PUBLIC_POST, ROOT, ROOT, None)
    assert mention.text == "@acme.bsky.social my order #5521 never arrived, where is it?"
    assert (mention.author.platform_id, mention.author.handle, mention.author.followers) == (CARLA, "carla.bsky.social", 1834)
    assert mention.url == "https://bsky.app/profile/carla.bsky.social/post/3lbroot00000a"
    assert mention.created_at == datetime(2026, 11, 26, 8, 59, 58, 1000, tzinfo=timezone.utc)
    assert (reply.kind, reply.conversation_id, reply.in_reply_to_id) == (
        PostKind.PUBLIC_REPLY, ROOT, f"at://{BRAND}/app.bsky.feed.post/3lbbrandr000a")


def test_the_next_poll_stops_at_what_was_seen(channel, pds):
    pds.get(xrpc("app.bsky.notification.listNotifications"), json=fixture("list_notifications"))
    pds.get(xrpc("app.bsky.actor.getProfiles"), json=fixture("get_profiles"))
    result = channel.poll(json.dumps({"seen": "2026-11-26T09:03:00.500Z"}), SINCE)
    assert [i.event_id for i in result.items] == [f"bsky:{REPLY}"]  # only what is newer than the like
    assert len(calls(pds, "app.bsky.notification.listNotifications")) == 1  # the boundary was on the first page


def test_more_than_a_poll_reads_goes_on_next_time_without_skipping(channel, pds, monkeypatch):
    monkeypatch.setattr("bridge.channels.bluesky.channel.PAGES_PER_POLL", 1)
    page = fixture("list_notifications")
    pds.get(xrpc("app.bsky.notification.listNotifications"), json=page)
    pds.get(xrpc("app.bsky.actor.getProfiles"), json=fixture("get_profiles"))
    first = channel.poll(json.dumps({"seen": "2026-11-20T00:00:00.000Z"}), SINCE)
    state = json.loads(first.cursor)
    assert first.more and state == {"seen": "2026-11-20T00:00:00.000Z", "page": "2026-11-26T09:00:00.100Z",
                                    "newest": "2026-11-26T09:05:00.412Z"}
    older = {"notifications": [dict(page["notifications"][2], uri=f"at://{CARLA}/app.bsky.feed.post/3lbolder000a",
                                    indexedAt="2026-11-25T12:00:00.000Z")]}
    pds.replace(responses.GET, xrpc("app.bsky.notification.listNotifications"), json=older)
    second = channel.poll(first.cursor, SINCE)
    assert parse_qs(urlsplit(calls(pds, "app.bsky.notification.listNotifications")[-1].request.url).query)["cursor"] == [
        "2026-11-26T09:00:00.100Z"]
    assert [i.event_id for i in second.items] == [f"bsky:at://{CARLA}/app.bsky.feed.post/3lbolder000a"]
    assert json.loads(second.cursor) == {"seen": "2026-11-26T09:05:00.412Z"} and not second.more


def test_an_expired_token_is_refreshed_once_and_the_call_repeated(channel, pds):
    pds.get(xrpc("app.bsky.notification.listNotifications"), status=400, json=fixture("error_expired_token"))
    pds.post(xrpc("com.atproto.server.refreshSession"), json={**fixture("create_session"), "accessJwt": "access-2"})
    channel.xrpc._token()
    pds.replace(responses.GET, xrpc("app.bsky.notification.listNotifications"), status=400, json=fixture("error_expired_token"))
    pds.add(responses.GET, xrpc("app.bsky.notification.listNotifications"), json={"notifications": []})
    result = channel.poll(None, SINCE)
    assert result.items == []
    used = [c.request.headers["Authorization"] for c in calls(pds, "app.bsky.notification.listNotifications")]
    assert used == ["Bearer access-1", "Bearer access-2"]
    assert calls(pds, "com.atproto.server.refreshSession")[0].request.headers["Authorization"] == "Bearer refresh-1"


def test_a_revoked_app_password_is_refused_credentials(channel):
    with responses.RequestsMock() as mock:
        mock.post(xrpc("com.atproto.server.createSession"), status=401, json=fixture("error_authentication_required"))
        with pytest.raises(AuthError, match="refused the account"):
            channel.poll(None, SINCE)


def test_a_taken_down_account_whose_refresh_fails_is_refused_credentials(channel, pds):
    channel.xrpc._token()
    pds.get(xrpc("app.bsky.notification.listNotifications"), status=400, json=fixture("error_expired_token"))
    pds.post(xrpc("com.atproto.server.refreshSession"), status=400,
             json={"error": "AccountTakedown", "message": "Account has been taken down"})
    pds.replace(responses.POST, xrpc("com.atproto.server.createSession"), status=401,
                json={"error": "AccountTakedown", "message": "Account has been taken down"})
    with pytest.raises(AuthError):
        channel.poll(None, SINCE)


def test_a_rate_limit_says_when_to_come_back(channel, pds):
    reset = int(time.time()) + 300
    pds.get(xrpc("app.bsky.notification.listNotifications"), status=429, json=fixture("error_rate_limit"),
            headers={"ratelimit-limit": "3000", "ratelimit-remaining": "0", "ratelimit-reset": str(reset),
                     "ratelimit-policy": "3000;w=300"})
    with pytest.raises(TransientError) as caught:
        channel.poll(None, SINCE)
    assert 290 <= caught.value.retry_after <= 301


def test_a_server_error_is_retried_later(channel, pds):
    pds.get(xrpc("app.bsky.notification.listNotifications"), status=502, body="Bad Gateway")
    with pytest.raises(TransientError):
        channel.poll(None, SINCE)


def test_a_timeout_while_reading_is_retried_later(channel, pds):
    pds.get(xrpc("app.bsky.notification.listNotifications"), body=requests.ReadTimeout("slow"))
    with pytest.raises(TransientError):
        channel.poll(None, SINCE)


@pytest.mark.parametrize("payload", [{}, {"notification": "x"}, {"notification": {"uri": "https://x", "record": {},
                                                                                  "author": {"did": "d"}}}])
def test_an_unreadable_notification_is_a_payload_error(channel, payload):
    from bridge.errors import PayloadError

    with pytest.raises(PayloadError):
        channel.parse(payload)


# -- replies --------------------------------------------------------------------------------------------
def test_a_reply_is_threaded_under_the_customer_post_with_its_root(channel, pds):
    pds.get(xrpc("app.bsky.feed.getPosts"), json=fixture("get_posts"))
    pds.get(xrpc("com.atproto.identity.resolveHandle"), json={"did": CARLA})
    pds.post(xrpc("com.atproto.repo.createRecord"), json=fixture("create_record"))
    text = "@carla.bsky.social sorry! Tracking: https://acme.example/track/5521 ✨"
    sent = channel.send_public(text, target())
    assert sent.external_id == f"at://{BRAND}/app.bsky.feed.post/3lbbrandr000b"
    assert sent.url == "https://bsky.app/profile/acme.bsky.social/post/3lbbrandr000b"
    body = json.loads(calls(pds, "com.atproto.repo.createRecord")[0].request.body)
    assert body["repo"] == BRAND and body["collection"] == "app.bsky.feed.post"
    record = body["record"]
    assert record["reply"] == {
        "root": {"uri": ROOT, "cid": "bafyreiarootcid0000000000000000000000000000000000000000000"},
        "parent": {"uri": REPLY, "cid": "bafyreiareplycid000000000000000000000000000000000000000000"}}
    encoded = text.encode("utf-8")
    spans = {f["features"][0]["$type"].rsplit("#", 1)[1]: encoded[f["index"]["byteStart"]:f["index"]["byteEnd"]].decode()
             for f in record["facets"]}
    assert spans == {"mention": "@carla.bsky.social", "link": "https://acme.example/track/5521"}


def test_a_reply_to_a_new_post_uses_the_post_as_root_and_parent(channel, pds):
    root_view = {"posts": [{"uri": ROOT, "cid": "cid-root", "record": {"$type": "app.bsky.feed.post", "text": "t"}}]}
    pds.get(xrpc("app.bsky.feed.getPosts"), json=root_view)
    pds.post(xrpc("com.atproto.repo.createRecord"), json=fixture("create_record"))
    channel.send_public("Thanks for telling us.", target(ROOT, PostKind.PUBLIC_POST))
    record = json.loads(calls(pds, "com.atproto.repo.createRecord")[0].request.body)["record"]
    assert record["reply"] == {"root": {"uri": ROOT, "cid": "cid-root"}, "parent": {"uri": ROOT, "cid": "cid-root"}}
    assert "facets" not in record


def test_a_reply_to_a_deleted_post_is_refused(channel, pds):
    pds.get(xrpc("app.bsky.feed.getPosts"), json={"posts": []})
    with pytest.raises(PermanentError, match="gone"):
        channel.send_public("hello", target())
    assert not calls(pds, "com.atproto.repo.createRecord")


def test_a_post_whose_answer_never_came_is_ambiguous_never_resent(channel, pds):
    pds.get(xrpc("app.bsky.feed.getPosts"), json=fixture("get_posts"))
    pds.post(xrpc("com.atproto.repo.createRecord"), body=requests.ReadTimeout("no answer"))
    with pytest.raises(AmbiguousError):
        channel.send_public("hello", target())
    assert len(calls(pds, "com.atproto.repo.createRecord")) == 1


def test_length_counts_graphemes_against_300():
    assert graphemes("👩‍👩‍👧‍👦 family") == 8
    channel = BlueskyChannel("acme", BlueskyAccountSchema().load({"handle": "a.test", "app_password": "p"}))
    measure = channel.measure("é" * 300 + "👍🏽", target(), private=False)
    assert (measure.length, measure.limit, measure.fits, measure.unit) == (301, 300, False, "graphemes")
    assert channel.measure("x" * 1000, target(), private=True).fits


def test_facets_use_utf8_byte_offsets_and_skip_unknown_handles():
    text = "héllo @known.test and @nobody.test see https://a.example/x."
    found = facets(text, lambda handle: "did:plc:known" if handle == "known.test" else None)
    encoded = text.encode("utf-8")
    assert [encoded[f["index"]["byteStart"]:f["index"]["byteEnd"]].decode() for f in found] == [
        "@known.test", "https://a.example/x"]


# -- private answers ------------------------------------------------------------------------------------
@pytest.mark.parametrize("chat, followed_by, open_", [
    ({"allowIncoming": "all"}, False, True),
    ({"allowIncoming": "following"}, True, True),
    ({"allowIncoming": "following"}, False, False),
    ({"allowIncoming": "none"}, True, False),
    (None, False, False),  # the app's default is "following"
])
def test_a_private_answer_is_open_as_far_as_the_customer_allows(channel, pds, chat, followed_by, open_):
    profile = {"did": CARLA, "handle": "carla.bsky.social", "associated": {"chat": chat} if chat else {},
               "viewer": {"followedBy": "at://x/app.bsky.graph.follow/1"} if followed_by else {}}
    pds.get(xrpc("app.bsky.actor.getProfile"), json=profile)
    assert channel.private_open(target(), datetime.now(timezone.utc)) is open_


def test_an_unreadable_profile_means_no_private_path(channel, pds):
    pds.get(xrpc("app.bsky.actor.getProfile"), status=503)
    assert channel.private_open(target(), datetime.now(timezone.utc)) is False


def test_a_chat_message_goes_through_the_chat_service(channel, pds):
    pds.get(xrpc("chat.bsky.convo.getConvoForMembers"), json=fixture("get_convo_for_members"))
    pds.post(xrpc("chat.bsky.convo.sendMessage"), json=fixture("send_message"))
    sent = channel.send_private("Hi Carla, we've sent you the tracking details privately.", target())
    assert sent.external_id == "3lbconvo0000a/3lbmsg000000a" and sent.url is None
    convo = calls(pds, "chat.bsky.convo.getConvoForMembers")[0].request
    assert parse_qs(urlsplit(convo.url).query)["members"] == [BRAND, CARLA]
    assert convo.headers["atproto-proxy"] == "did:web:api.bsky.chat#bsky_chat"
    message = calls(pds, "chat.bsky.convo.sendMessage")[0].request
    assert json.loads(message.body) == {"convoId": "3lbconvo0000a",
                                        "message": {"text": "Hi Carla, we've sent you the tracking details privately."}}
    assert message.headers["atproto-proxy"] == "did:web:api.bsky.chat#bsky_chat"


def test_a_customer_who_disabled_chat_refuses_the_message_clearly(channel, pds):
    pds.get(xrpc("chat.bsky.convo.getConvoForMembers"), status=400, json=fixture("error_chat_disabled"))
    with pytest.raises(PermanentError, match="does not accept messages"):
        channel.send_private("hello", target())
    assert not calls(pds, "chat.bsky.convo.sendMessage")


# -- engagement -----------------------------------------------------------------------------------------
def test_engagement_is_read_from_the_posts(channel, pds):
    pds.get(xrpc("app.bsky.feed.getPosts"), json=fixture("get_posts"))
    counts = channel.engagement([REPLY])
    assert (counts[REPLY].likes, counts[REPLY].reposts, counts[REPLY].replies) == (40, 15, 0)


def test_nothing_is_pushed(channel):
    assert channel.verify({}, b"{}") is False
    assert channel.polls and channel.poll_every == timedelta(seconds=30)


# -- listening ----------------------------------------------------------------------------------------
def test_a_search_takes_found_posts_newest_first_and_stops_at_what_was_taken(channel, pds):
    pds.get(xrpc("app.bsky.feed.searchPosts"), json=fixture("search_posts"))
    pds.get(xrpc("app.bsky.feed.searchPosts"), json={"posts": []})  # the page after the last
    pds.get(xrpc("app.bsky.actor.getProfiles"), json={"profiles": []})
    result = channel.search("acme router", SINCE, None)
    assert [i.event_id for i in result.items] == [
        "bsky:at://did:plc:dan4b5c6d7e8f9g0h1i2j3k4/app.bsky.feed.post/3lbsearch0001",
        "bsky:at://did:plc:erin5c6d7e8f9g0h1i2j3k4l/app.bsky.feed.post/3lbsearch0002"]
    query = parse_qs(urlsplit(calls(pds, "app.bsky.feed.searchPosts")[0].request.url).query)
    assert query == {"q": ["acme router"], "limit": ["100"], "sort": ["latest"]}
    assert len(calls(pds, "app.bsky.feed.searchPosts")) == 2
    found = channel.parse(result.items[0].payload)[0]
    assert (found.kind, found.author.handle, found.text) == (
        PostKind.PUBLIC_POST, "dan.bsky.social", "does anyone know why my Acme router keeps dropping wifi?")
    assert found.url == "https://bsky.app/profile/dan.bsky.social/post/3lbsearch0001"
    # the next search stops at the newest post taken, although the AppView's page holds more
    again = channel.search("acme router", SINCE, result.cursor)
    assert again.items == [] and json.loads(again.cursor) == {"seen": "2026-11-26T09:05:00.412Z"}


def test_a_search_leaves_out_the_brands_own_posts(channel, pds):
    page = fixture("search_posts")
    page["posts"][0]["author"] = {"did": BRAND, "handle": "acme.bsky.social"}
    del page["cursor"]
    pds.get(xrpc("app.bsky.feed.searchPosts"), json=page)
    pds.get(xrpc("app.bsky.actor.getProfiles"), json={"profiles": []})
    assert [i.payload["notification"]["author"]["handle"] for i in channel.search("acme", SINCE, None).items] == [
        "erin.bsky.social"]


def test_a_search_refused_for_a_bad_query_needs_a_person(channel, pds):
    pds.get(xrpc("app.bsky.feed.searchPosts"), status=400,
            json={"error": "InvalidRequest", "message": "Error: params/q must NOT have fewer than 1 characters"})
    with pytest.raises(PermanentError, match="HTTP 400"):
        channel.search("acme", SINCE, None)


# -- media in replies -------------------------------------------------------------------------------
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def test_images_are_uploaded_as_blobs_and_embedded_in_the_reply_with_their_names_as_alt_text(channel, pds):
    pds.get(xrpc("app.bsky.feed.getPosts"), json=fixture("get_posts"))
    pds.post(xrpc("com.atproto.repo.uploadBlob"), json=fixture("upload_blob"))
    pds.post(xrpc("com.atproto.repo.createRecord"), json=fixture("create_record"))
    files = [AttachedFile("label.png", "image/png", PNG), AttachedFile("box.jpg", "image/jpeg", b"\xff\xd8\xff" + b"1" * 9)]
    sent = channel.send_with_media("Here is your new label.", target(), files, private=False)
    assert sent.external_id == f"at://{BRAND}/app.bsky.feed.post/3lbbrandr000b"
    uploads = calls(pds, "com.atproto.repo.uploadBlob")
    assert [u.request.headers["Content-Type"] for u in uploads] == ["image/png", "image/jpeg"]
    assert [u.request.body for u in uploads] == [PNG, files[1].data]
    assert all(u.request.headers["Authorization"] == "Bearer " + fixture("create_session")["accessJwt"] for u in uploads)
    [created] = calls(pds, "com.atproto.repo.createRecord")
    record = json.loads(created.request.body)["record"]
    blob = fixture("upload_blob")["blob"]
    assert record["embed"] == {"$type": "app.bsky.embed.images",
                               "images": [{"alt": "label.png", "image": blob}, {"alt": "box.jpg", "image": blob}]}
    assert record["reply"]["parent"]["uri"] == REPLY and record["text"] == "Here is your new label."


def test_a_reply_without_files_has_no_embed(channel, pds):
    pds.get(xrpc("app.bsky.feed.getPosts"), json=fixture("get_posts"))
    pds.post(xrpc("com.atproto.repo.createRecord"), json=fixture("create_record"))
    channel.send_public("Thanks.", target())
    assert "embed" not in json.loads(calls(pds, "com.atproto.repo.createRecord")[0].request.body)["record"]
    assert not calls(pds, "com.atproto.repo.uploadBlob")


def test_a_refused_upload_posts_nothing(channel, pds):
    pds.get(xrpc("app.bsky.feed.getPosts"), json=fixture("get_posts"))
    pds.post(xrpc("com.atproto.repo.uploadBlob"), status=400,
             json={"error": "InvalidRequest", "message": "This file is too large. It is 1.2MB but the maximum size is 1MB."})
    pds.post(xrpc("com.atproto.repo.createRecord"), json=fixture("create_record"))
    with pytest.raises(PermanentError, match="too large"):
        channel.send_with_media("Label attached.", target(), [AttachedFile("big.png", "image/png", PNG)], private=False)
    assert not calls(pds, "com.atproto.repo.createRecord")


def test_an_upload_that_times_out_is_retried_later_not_unknown(channel, pds):
    """A blob is content-addressed and invisible until a post embeds it: uploading it again is safe."""
    pds.post(xrpc("com.atproto.repo.uploadBlob"), body=requests.ReadTimeout())
    with pytest.raises(TransientError):
        channel.send_with_media("Label attached.", target(), [AttachedFile("l.png", "image/png", PNG)], private=False)


def test_chat_messages_and_too_many_images_are_refused_before_anything_is_sent(channel, pds):
    assert channel.reply_media == {"public": frozenset({"image"})}
    with pytest.raises(PermanentError):
        channel.send_with_media("x", target(), [AttachedFile("l.png", "image/png", PNG)], private=True)
    with pytest.raises(PermanentError):
        channel.send_with_media("x", target(), [AttachedFile(f"{i}.png", "image/png", PNG) for i in range(5)],
                                private=False)
    assert not [c for c in pds.calls if "createSession" not in c.request.url]
