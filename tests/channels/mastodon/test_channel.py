"""The Mastodon channel against an instance's answers captured by Mastodon.py's test suite (Mastodon
4.6, tests/fixtures/mastodon/README.md), errors included."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import responses

from bridge.channels.mastodon.channel import MastodonAccountSchema, MastodonChannel, html_text, status_length
from bridge.errors import AmbiguousError, AuthError, PayloadError, PermanentError, TransientError
from bridge.model import AttachedFile, PostKind, Target

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "mastodon"
INSTANCE = "http://localhost:3000"
SINCE = datetime(2026, 7, 31, 12, 0, tzinfo=timezone.utc)
CUSTOMER = "117020617532860042"  # mastodonpy_test_2


def fixture(name: str):
    return json.loads((FIXTURES / f"{name}.json").read_text())


def api(path: str) -> str:
    return f"{INSTANCE}/api/{path}"


@pytest.fixture
def channel():
    settings = MastodonAccountSchema().load({"instance_url": INSTANCE, "access_token": "brand-token"})
    return MastodonChannel("acme", settings)


@pytest.fixture
def instance():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def query(call) -> dict:
    return parse_qs(urlsplit(call.request.url).query)


def target(post_id: str = "117024236635443611", kind: PostKind = PostKind.PUBLIC_REPLY,
           handle: str = "mastodonpy_test_2") -> Target:
    return Target(post_id=post_id, conversation_id="117024236559579118", kind=kind, author_id=CUSTOMER,
                  author_handle=handle, posted_at=datetime(2026, 8, 2, 5, 22, tzinfo=timezone.utc))


# -- polling ------------------------------------------------------------------------------------------
def test_the_first_poll_takes_the_mentions_and_remembers_the_newest(channel, instance):
    instance.get(api("v1/notifications"), json=fixture("notifications_mentions"))
    result = channel.poll(None, SINCE)
    assert [i.event_id for i in result.items] == ["status:117020577157693549"]
    assert result.cursor == "21" and not result.more
    sent = instance.calls[0]
    assert query(sent) == {"types[]": ["mention"], "include_filtered": ["true"], "limit": ["80"]}
    assert sent.request.headers["Authorization"] == "Bearer brand-token"
    post = channel.parse(result.items[0].payload)[0]
    assert (post.kind, post.post_id, post.conversation_id, post.in_reply_to_id) == (
        PostKind.PUBLIC_POST, "117020577157693549", "117020577157693549", None)
    assert post.text == "@mastodonpy_test hello!"  # the HTML content as text
    assert (post.author.platform_id, post.author.handle, post.author.followers) == ("117020565693913441", "admin", 1)
    assert post.url == "http://localhost:3000/@admin/117020577157693549"
    assert post.created_at == datetime(2026, 8, 1, 13, 51, 42, 823000, tzinfo=timezone.utc)


def test_the_next_poll_goes_on_from_the_cursor_oldest_first_with_threads(channel, instance):
    instance.get(api("v1/notifications"), json=fixture("stream_notifications"))  # 16 (direct reply), 14 (public)
    instance.get(api("v1/statuses/117024236635443611/context"), json=fixture("status_context"))
    result = channel.poll("13", SINCE)
    assert query(instance.calls[0])["min_id"] == ["13"]
    assert [i.event_id for i in result.items] == ["status:117024236408130890", "status:117024236635443611"]
    assert result.cursor == "16" and not result.more  # fewer than a page: nothing more waits
    public, direct = (channel.parse(i.payload)[0] for i in result.items)
    assert (public.kind, public.text) == (PostKind.PUBLIC_POST, "@mastodonpy_test beep beep I'm a jeep")
    # a direct mention is a private message; all of a customer's direct mentions are one conversation
    assert (direct.kind, direct.conversation_id, direct.in_reply_to_id) == (
        PostKind.DIRECT_MESSAGE, CUSTOMER, "117024236559579118")
    assert direct.engagement is None and direct.text == "@mastodonpy_test pssssst!"


def test_a_reply_joins_its_threads_first_post(channel, instance):
    reply = {"id": "30", "type": "mention", "created_at": "2026-08-01T13:53:16.000Z", "status": fixture("status_reply")}
    instance.get(api("v1/notifications"), json=[reply])
    instance.get(api("v1/statuses/117020583258292382/context"), json=fixture("status_context"))
    result = channel.poll("29", SINCE)
    post = channel.parse(result.items[0].payload)[0]
    assert (post.kind, post.in_reply_to_id, post.conversation_id) == (
        PostKind.PUBLIC_REPLY, "117020583245459824", "117020583245459824")


def test_a_full_page_means_more_and_the_next_poll_goes_on_at_once(channel, instance, monkeypatch):
    monkeypatch.setattr("bridge.channels.mastodon.channel.PAGES_PER_POLL", 1)
    page = [{"id": str(n), "type": "mention", "created_at": "2026-08-01T13:51:43.458Z",
             "status": {**fixture("notifications_mentions")[0]["status"], "id": f"9{n:03d}"}} for n in range(180, 100, -1)]
    instance.get(api("v1/notifications"), json=page)
    result = channel.poll("100", SINCE)
    assert len(result.items) == 80 and result.cursor == "180" and result.more


def test_the_first_poll_reaches_back_no_further_than_since(channel, instance):
    instance.get(api("v1/notifications"), json=fixture("notifications_mentions"))
    result = channel.poll(None, datetime(2026, 8, 2, tzinfo=timezone.utc))  # after the mention
    assert result.items == [] and result.cursor == "21"


def test_other_notifications_and_unknown_shapes(channel):
    assert channel.parse({"notification": {"id": "1", "type": "favourite", "status": {"id": "2"}}}) == []
    with pytest.raises(PayloadError, match="notification or status"):
        channel.parse({"notification": {"id": "1", "type": "mention"}})
    broken = fixture("status_reply")
    broken["visibility"] = "secret"
    with pytest.raises(PayloadError, match="visibility"):
        channel.parse({"status": broken})


# -- errors -------------------------------------------------------------------------------------------
def test_a_rate_limit_waits_until_the_reset_the_instance_gave(channel, instance):
    reset = (datetime.now(timezone.utc) + timedelta(minutes=4)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    instance.get(api("v1/notifications"), status=429, json=fixture("error_rate_limited"),
                 headers={"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset})
    with pytest.raises(TransientError) as caught:
        channel.poll("21", SINCE)
    assert caught.value.status == 429 and 230 <= caught.value.retry_after <= 241


def test_a_revoked_token_is_refused_credentials(channel, instance):
    instance.get(api("v1/notifications"), status=401, json=fixture("error_unauthorized"))
    with pytest.raises(AuthError, match="401"):
        channel.poll("21", SINCE)


def test_a_token_without_the_scope_is_refused_credentials_other_403s_are_not(channel, instance):
    instance.get(api("v1/notifications"), status=403, json=fixture("error_scope"))
    with pytest.raises(AuthError, match="outside the authorized scopes"):
        channel.poll("21", SINCE)
    instance.replace(responses.GET, api("v1/notifications"), status=403, json=fixture("error_not_allowed"))
    with pytest.raises(PermanentError, match="403") as caught:
        channel.poll("21", SINCE)
    assert not isinstance(caught.value, AuthError)


def test_server_errors_and_timeouts_are_retried_later(channel, instance):
    instance.get(api("v1/notifications"), status=503, body="<html>maintenance</html>")
    with pytest.raises(TransientError, match="503"):
        channel.poll("21", SINCE)
    instance.replace(responses.GET, api("v1/notifications"), body=requests.ConnectTimeout())
    with pytest.raises(TransientError, match="connect timeout"):
        channel.poll("21", SINCE)


# -- replies ------------------------------------------------------------------------------------------
def test_a_public_reply_has_the_visibility_of_the_customers_post_and_mentions_them(channel, instance):
    instance.get(api("v1/statuses/117020585907693810"), json={**fixture("status_reply"), "visibility": "unlisted"})
    instance.post(api("v1/statuses"), json=fixture("status_reply"))
    sent = channel.send_public("Thanks, we're on it!", target("117020585907693810"))
    assert (sent.external_id, sent.url) == ("117020583258292382", "http://localhost:3000/@admin/117020583258292382")
    request = instance.calls[-1].request
    assert json.loads(request.body) == {"status": "@mastodonpy_test_2 Thanks, we're on it!",
                                        "in_reply_to_id": "117020585907693810", "visibility": "unlisted"}
    assert len(request.headers["Idempotency-Key"]) == 64
    # the same reply again is the same key: a repeat after a 429 cannot post twice
    channel.send_public("Thanks, we're on it!", target("117020585907693810"))
    assert instance.calls[-1].request.headers["Idempotency-Key"] == request.headers["Idempotency-Key"]


def test_a_private_reply_is_a_direct_status_in_the_thread(channel, instance):
    instance.post(api("v1/statuses"), json=fixture("status_direct"))
    sent = channel.send_private("@mastodonpy_test_2 your order ships Monday", target(kind=PostKind.DIRECT_MESSAGE))
    assert sent.external_id == "117020585877056474" and sent.url is None
    assert json.loads(instance.calls[-1].request.body) == {
        "status": "@mastodonpy_test_2 your order ships Monday",  # already addressed: not mentioned twice
        "in_reply_to_id": "117024236635443611", "visibility": "direct"}


def test_a_post_that_is_gone_is_not_answered(channel, instance):
    instance.get(api("v1/statuses/404"), status=404, json=fixture("error_not_found"))
    with pytest.raises(PermanentError, match="404"):
        channel.send_public("hello", target("404"))
    assert not [c for c in instance.calls if c.request.method == "POST"]


def test_a_reply_without_an_answer_in_time_is_not_sent_again(channel, instance):
    instance.post(api("v1/statuses"), body=requests.ReadTimeout())
    with pytest.raises(AmbiguousError):
        channel.send_private("hello", target(kind=PostKind.DIRECT_MESSAGE))


def test_a_reply_over_the_instances_limit_is_refused_by_it(channel, instance):
    instance.post(api("v1/statuses"), status=422, json=fixture("error_too_long"))
    with pytest.raises(PermanentError, match="character limit of 500"):
        channel.send_private("x" * 600, target(kind=PostKind.DIRECT_MESSAGE))


# -- limits -------------------------------------------------------------------------------------------
def test_the_instances_own_limit_and_counting(channel, instance):
    document = fixture("instance_v2")
    document["configuration"]["statuses"]["max_characters"] = 5000  # e.g. a server that allows long posts
    instance.get(api("v2/instance"), json=document)
    measure = channel.measure("see https://example.com/a/very/long/path/to/a/page?with=query", target(), private=False)
    assert measure.limit == 5000
    # "@mastodonpy_test_2 " is added; the link counts 23
    assert measure.length == len("@mastodonpy_test_2 see ") + 23
    assert len(instance.calls) == 1  # read once
    channel.measure("again", target(), private=True)
    assert len(instance.calls) == 1


def test_an_unreadable_instance_means_mastodons_default_limit(channel, instance):
    instance.get(api("v2/instance"), status=503)
    assert channel.measure("hi", target(), private=False).limit == 500


def test_status_length_counts_like_mastodon():
    assert status_length("@carla@social.example.org thanks 👩‍👩‍👧") == len("@carla thanks ") + 1
    assert status_length("http://a.example and https://b.example/x") == 23 + len(" and ") + 23


def test_html_content_becomes_text():
    assert html_text("<p>one<br>two</p><p>three &amp; four</p>") == "one\ntwo\n\nthree & four"


# -- listening ----------------------------------------------------------------------------------------
def test_a_hashtag_rule_reads_the_tag_timeline_without_the_brands_own_posts(channel, instance):
    instance.get(api("v1/accounts/verify_credentials"), json=fixture("verify_credentials"))  # the brand: admin
    instance.get(api("v1/timelines/tag/hoot"), json=fixture("tag_timeline"))
    result = channel.search("#hoot", SINCE, None)
    assert [i.event_id for i in result.items] == ["status:117020593741189701"] and result.cursor == "117020593741189701"
    assert channel.parse(result.items[0].payload)[0].text == "#hoot (hashtag toot)"
    mine = {**fixture("verify_credentials"), "id": "117020566092212359"}  # now the brand wrote it
    instance.replace(responses.GET, api("v1/accounts/verify_credentials"), json=mine)
    channel._me = None
    assert channel.search("#hoot", SINCE, None).items == []


def test_a_words_rule_uses_full_text_search(channel, instance):
    instance.get(api("v1/accounts/verify_credentials"), json=fixture("verify_credentials"))
    instance.get(api("v2/search"), json={"accounts": [], "hashtags": [], "statuses": fixture("tag_timeline")})
    result = channel.search("hashtag toot", SINCE, "117020593741189600")
    assert query(instance.calls[-1]) == {"q": ["hashtag toot"], "type": ["statuses"], "resolve": ["false"],
                                         "limit": ["40"], "min_id": ["117020593741189600"]}
    assert len(result.items) == 1


# -- engagement ---------------------------------------------------------------------------------------
def test_engagement_of_several_statuses_at_once(channel, instance):
    instance.get(api("v1/statuses"), json=[{**fixture("status_reply"), "favourites_count": 40, "reblogs_count": 7,
                                            "quotes_count": 1, "replies_count": 3}])
    found = channel.engagement(["117020583258292382"])
    assert (found["117020583258292382"].likes, found["117020583258292382"].reposts,
            found["117020583258292382"].replies) == (40, 8, 3)
    assert query(instance.calls[0]) == {"id[]": ["117020583258292382"]}


def test_engagement_one_by_one_from_servers_without_the_batch_call(channel, instance):
    instance.get(api("v1/statuses"), status=404, json=fixture("error_not_found"))
    instance.get(api("v1/statuses/117020583258292382"), json={**fixture("status_reply"), "favourites_count": 5})
    instance.get(api("v1/statuses/404"), status=404, json=fixture("error_not_found"))  # deleted meanwhile
    found = channel.engagement(["117020583258292382", "404"])
    assert list(found) == ["117020583258292382"] and found["117020583258292382"].likes == 5


# -- media in replies -------------------------------------------------------------------------------
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def test_images_are_uploaded_first_and_the_status_carries_their_ids(channel, instance):
    instance.post(api("v2/media"), json=fixture("media_attachment"))
    instance.get(api("v1/statuses/117020585907693810"), json={**fixture("status_reply"), "visibility": "public"})
    instance.post(api("v1/statuses"), json=fixture("status_reply"))
    files = [AttachedFile("label.png", "image/png", PNG), AttachedFile("box.png", "image/png", PNG + b"2")]
    sent = channel.send_with_media("Here is your label.", target("117020585907693810"), files, private=False)
    assert sent.external_id == "117020583258292382"
    uploads = [c.request for c in instance.calls if c.request.url == api("v2/media")]
    assert len(uploads) == 2
    assert uploads[0].headers["Authorization"] == "Bearer brand-token"
    assert uploads[0].headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert b'name="file"; filename="label.png"' in uploads[0].body and PNG in uploads[0].body
    assert b"Content-Type: image/png" in uploads[0].body
    assert b'name="description"\r\n\r\nlabel.png' in uploads[0].body
    assert b'filename="box.png"' in uploads[1].body
    status = instance.calls[-1].request
    assert json.loads(status.body) == {"status": "@mastodonpy_test_2 Here is your label.",
                                       "in_reply_to_id": "117020585907693810", "visibility": "public",
                                       "media_ids": ["117024300000000001", "117024300000000001"]}


def test_a_direct_reply_carries_images_too(channel, instance):
    instance.post(api("v2/media"), json=fixture("media_attachment"))
    instance.post(api("v1/statuses"), json=fixture("status_direct"))
    channel.send_with_media("Your label", target(kind=PostKind.DIRECT_MESSAGE),
                            [AttachedFile("label.png", "image/png", PNG)], private=True)
    body = json.loads(instance.calls[-1].request.body)
    assert body["visibility"] == "direct" and body["media_ids"] == ["117024300000000001"]


def test_an_upload_still_processing_is_waited_for(channel, instance, monkeypatch):
    monkeypatch.setattr("bridge.channels.mastodon.channel.MEDIA_CHECK_PAUSE", 0)
    processing = {**fixture("media_attachment"), "url": None}
    instance.post(api("v2/media"), status=202, json=processing)
    instance.get(api("v1/media/117024300000000001"), status=206, json=processing)
    instance.get(api("v1/media/117024300000000001"), json=fixture("media_attachment"))
    instance.post(api("v1/statuses"), json=fixture("status_direct"))
    channel.send_with_media("Your label", target(kind=PostKind.DIRECT_MESSAGE),
                            [AttachedFile("label.png", "image/png", PNG)], private=True)
    checks = [c for c in instance.calls if c.request.url == api("v1/media/117024300000000001")]
    assert len(checks) == 2
    assert json.loads(instance.calls[-1].request.body)["media_ids"] == ["117024300000000001"]


def test_an_upload_that_never_finishes_posts_nothing_and_waits_for_a_later_attempt(channel, instance, monkeypatch):
    monkeypatch.setattr("bridge.channels.mastodon.channel.MEDIA_CHECK_PAUSE", 0)
    processing = {**fixture("media_attachment"), "url": None}
    instance.post(api("v2/media"), status=202, json=processing)
    instance.get(api("v1/media/117024300000000001"), status=206, json=processing)
    with pytest.raises(TransientError, match="still processing"):
        channel.send_with_media("Your label", target(kind=PostKind.DIRECT_MESSAGE),
                                [AttachedFile("label.png", "image/png", PNG)], private=True)
    assert not [c for c in instance.calls if c.request.url == api("v1/statuses")]


def test_a_refused_upload_posts_nothing(channel, instance):
    instance.post(api("v2/media"), status=422, json={"error": "Validation failed: File content type is invalid"})
    with pytest.raises(PermanentError, match="content type is invalid"):
        channel.send_with_media("Your label", target(kind=PostKind.DIRECT_MESSAGE),
                                [AttachedFile("label.png", "image/png", PNG)], private=True)
    assert not [c for c in instance.calls if c.request.url == api("v1/statuses")]
