"""The Reddit channel against Reddit's answers captured by praw's test suite (tests/fixtures/reddit/
README.md), errors included: OAuth, listings, comments, messages, X-Ratelimit-* headers."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import responses

from bridge.channels.reddit.channel import RedditAccountSchema, RedditChannel
from bridge.errors import AmbiguousError, AuthError, PayloadError, PermanentError, TransientError
from bridge.model import PostKind, Target

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "reddit"
API = "https://oauth.reddit.com"
TOKEN_URL = "https://www.reddit.com/api/v1/access_token"
SINCE = datetime(2019, 1, 1, tzinfo=timezone.utc)
LIMITS = {"X-Ratelimit-Used": "699", "X-Ratelimit-Remaining": "9301.0", "X-Ratelimit-Reset": "29"}


def fixture(name: str):
    return json.loads((FIXTURES / f"{name}.json").read_text())


def account(**extra) -> dict:
    return {"client_id": "app-id", "client_secret": "app-secret", "username": "acme_support",
            "refresh_token": "refresh-1", **extra}


@pytest.fixture
def channel():
    return RedditChannel("acme", RedditAccountSchema().load(account()))


@pytest.fixture
def reddit():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(TOKEN_URL, json=fixture("access_token"))
        yield mock


def calls(mock, path: str) -> list:
    return [c for c in mock.calls if urlsplit(c.request.url).path == path]


def target(post_id: str = "t1_myngt77", kind: PostKind = PostKind.PUBLIC_REPLY) -> Target:
    return Target(post_id=post_id, conversation_id="t3_1j7g9uj", kind=kind, author_id="t2_75u2lqkb",
                  author_handle="Lil_SpazTest", posted_at=datetime(2025, 6, 19, 15, 57, tzinfo=timezone.utc))


# -- account ------------------------------------------------------------------------------------------
def test_an_account_needs_exactly_one_grant():
    with pytest.raises(Exception, match="either refresh_token"):
        RedditAccountSchema().load({"client_id": "a", "username": "acme_support"})
    with pytest.raises(Exception, match="either refresh_token"):
        RedditAccountSchema().load(account(password="p"))


# -- polling ------------------------------------------------------------------------------------------
def test_a_poll_reads_the_inbox_and_skips_reddits_notices_and_automoderator(channel, reddit):
    reddit.get(f"{API}/message/inbox", json=fixture("inbox"), headers=LIMITS)
    result = channel.poll(None, SINCE)
    assert [i.event_id for i in result.items] == ["t1_myngt77", "t4_2r17c8r", "t1_ekftbox"]
    assert json.loads(result.cursor) == {"inbox": {"at": 1750348671.0}} and not result.more
    token = calls(reddit, "/api/v1/access_token")[0].request
    assert parse_qs(token.body) == {"grant_type": ["refresh_token"], "refresh_token": ["refresh-1"]}
    assert token.headers["Authorization"].startswith("Basic ")  # the app's id and secret
    read = calls(reddit, "/message/inbox")[0].request
    assert read.headers["Authorization"] == "bearer <ACCESS_TOKEN>"
    assert read.headers["User-Agent"] == "social-helpdesk-bridge (by /u/acme_support)"
    assert parse_qs(urlsplit(read.url).query) == {"limit": ["100"], "raw_json": ["1"]}

    reply, message, mention = (channel.parse(i.payload)[0] for i in result.items)
    assert (reply.kind, reply.conversation_id, reply.in_reply_to_id, reply.text) == (
        PostKind.PUBLIC_REPLY, "t3_1j7g9uj", "t1_mynfuan", "Reply")
    assert reply.url == "https://www.reddit.com/r/Lil_SpazJoekp/comments/1j7g9uj/test_post_pls_ignore/myngt77/"
    assert (reply.author.platform_id, reply.author.handle) == ("t2_75u2lqkb", "Lil_SpazTest")
    assert reply.created_at == datetime.fromtimestamp(1750348671, tz=timezone.utc)
    assert (message.kind, message.conversation_id, message.text) == (
        PostKind.DIRECT_MESSAGE, "t4_2r17c8r", "Test message\n\ntest")  # a first message: its subject too
    assert (mention.kind, mention.conversation_id) == (PostKind.PUBLIC_REPLY, "t3_bb24k7")


def test_the_next_poll_stops_at_what_was_taken(channel, reddit):
    reddit.get(f"{API}/message/inbox", json=fixture("inbox"))
    result = channel.poll(json.dumps({"inbox": {"at": 1747841818.0}}), SINCE)
    # the message of that very second comes again (deduped by its name), nothing older
    assert [i.event_id for i in result.items] == ["t1_myngt77", "t4_2r17c8r"]


def test_more_than_a_poll_reads_goes_on_next_time_without_skipping(channel, reddit, monkeypatch):
    monkeypatch.setattr("bridge.channels.reddit.channel.PAGES_PER_POLL", 1)
    page = fixture("inbox")
    page["data"]["after"] = "t1_ekftbox"
    reddit.get(f"{API}/message/inbox", json=page)
    result = channel.poll(None, SINCE)
    assert result.more
    state = json.loads(result.cursor)["inbox"]
    assert state == {"at": None, "page": "t1_ekftbox", "newest": 1750348671.0}
    reddit.replace(responses.GET, f"{API}/message/inbox", json={"kind": "Listing", "data": {"after": None, "children": []}})
    again = channel.poll(result.cursor, SINCE)
    assert parse_qs(urlsplit(calls(reddit, "/message/inbox")[-1].request.url).query)["after"] == ["t1_ekftbox"]
    assert json.loads(again.cursor) == {"inbox": {"at": 1750348671.0}} and not again.more


def test_new_posts_in_the_brands_subreddits_come_too(reddit):
    channel = RedditChannel("acme", RedditAccountSchema().load(account(subreddits=["askreddit"])))
    reddit.get(f"{API}/message/inbox", json={"kind": "Listing", "data": {"after": None, "children": []}})
    reddit.get(f"{API}/r/askreddit/new", json=fixture("subreddit_new"))
    reddit.get(f"{API}/r/askreddit/new", json={"kind": "Listing", "data": {"after": None, "children": []}})
    result = channel.poll(None, datetime(2016, 3, 1, tzinfo=timezone.utc))
    assert [i.event_id for i in result.items] == ["t3_48fbm9", "t3_48fbig"]
    post = channel.parse(result.items[0].payload)[0]
    assert (post.kind, post.conversation_id) == (PostKind.PUBLIC_POST, "t3_48fbm9")
    assert post.text.startswith("[Serious] Parents of Reddit, what's the biggest li")
    assert post.url == "https://www.reddit.com/r/AskReddit/comments/48fbm9/serious_parents_of_reddit_whats_the_biggest_lie/"
    assert post.engagement is not None
    assert set(json.loads(result.cursor)) == {"inbox", "r/askreddit"}


def test_unknown_shapes_are_refused(channel):
    with pytest.raises(PayloadError, match="t1"):
        channel.parse({"kind": "t5", "data": {}})
    with pytest.raises(PayloadError, match="link_id or context"):
        channel.parse({"kind": "t1", "data": {"name": "t1_x", "author": "a", "created_utc": 1.0}})


# -- errors -------------------------------------------------------------------------------------------
def test_a_rate_limit_waits_for_reddits_window(channel, reddit):
    reddit.get(f"{API}/message/inbox", status=429, body="Too Many Requests",
               headers={"X-Ratelimit-Used": "1000", "X-Ratelimit-Remaining": "0", "X-Ratelimit-Reset": "342"})
    with pytest.raises(TransientError) as caught:
        channel.poll(None, SINCE)
    assert caught.value.status == 429 and caught.value.retry_after == 342


def test_no_call_is_made_once_reddit_says_none_are_left(channel, reddit):
    reddit.get(f"{API}/message/inbox", json=fixture("inbox"),
               headers={"X-Ratelimit-Used": "1000", "X-Ratelimit-Remaining": "0.0", "X-Ratelimit-Reset": "120"})
    channel.poll(None, SINCE)
    with pytest.raises(TransientError, match="no calls left") as caught:
        channel.poll(None, SINCE)
    assert 110 < caught.value.retry_after <= 120 and len(calls(reddit, "/message/inbox")) == 1


def test_refused_app_credentials_and_a_revoked_refresh_token_are_refused_credentials(channel, reddit):
    reddit.replace(responses.POST, TOKEN_URL, status=401, json={"message": "Unauthorized", "error": 401})
    with pytest.raises(AuthError, match="refused the app's credentials"):
        channel.poll(None, SINCE)
    reddit.replace(responses.POST, TOKEN_URL, json={"error": "invalid_grant"})
    with pytest.raises(AuthError, match="invalid_grant"):
        channel.poll(None, SINCE)


def test_an_expired_token_is_renewed_once(channel, reddit):
    reddit.get(f"{API}/message/inbox", status=401, json={"message": "Unauthorized", "error": 401})
    reddit.get(f"{API}/message/inbox", json=fixture("inbox"))
    assert len(channel.poll(None, SINCE).items) == 3
    assert len(calls(reddit, "/api/v1/access_token")) == 2


def test_a_forbidden_inbox_is_refused_credentials(channel, reddit):
    reddit.get(f"{API}/message/inbox", status=403, json=fixture("error_forbidden"))
    with pytest.raises(AuthError, match="privatemessages"):
        channel.poll(None, SINCE)


def test_server_errors_and_timeouts_are_retried_later(channel, reddit):
    reddit.get(f"{API}/message/inbox", status=502, body="<html>bad gateway</html>")
    with pytest.raises(TransientError, match="502"):
        channel.poll(None, SINCE)
    reddit.replace(responses.GET, f"{API}/message/inbox", body=requests.ReadTimeout())
    with pytest.raises(TransientError, match="read timeout"):
        channel.poll(None, SINCE)


# -- replies ------------------------------------------------------------------------------------------
def test_a_public_reply_is_a_comment_under_the_customers(channel, reddit):
    reddit.post(f"{API}/api/comment", json=fixture("comment_created"))
    sent = channel.send_public("Sorry about that, **Lil_SpazTest**!", target())
    assert sent.external_id == "t1_d1680wu"
    assert sent.url == "https://www.reddit.com/comments/4b1tfm/_/d1680wu/"
    assert parse_qs(calls(reddit, "/api/comment")[0].request.body) == {
        "thing_id": ["t1_myngt77"], "text": ["Sorry about that, **Lil_SpazTest**!"], "api_type": ["json"]}


def test_a_comment_reddit_takes_but_does_not_show_is_still_sent(channel, reddit):
    reddit.post(f"{API}/api/comment", json=fixture("comment_not_returned"))
    assert channel.send_public("hello", target()).url is None


def test_reddits_own_refusals(channel, reddit):
    reddit.post(f"{API}/api/comment", json={"json": {"errors": [
        ["RATELIMIT", "You are doing that too much. Try again in 6 minutes.", "ratelimit"]]}})
    with pytest.raises(TransientError) as caught:
        channel.send_public("hello", target())
    assert caught.value.retry_after == 360  # nothing was posted: safe to send later
    reddit.replace(responses.POST, f"{API}/api/comment", json={"json": {"errors": [
        ["THREAD_LOCKED", "Comments are locked.", "parent"]]}})
    with pytest.raises(PermanentError, match="gone or closed .THREAD_LOCKED"):
        channel.send_public("hello", target())


def test_a_reply_without_an_answer_in_time_is_not_sent_again(channel, reddit):
    reddit.post(f"{API}/api/comment", body=requests.ReadTimeout())
    with pytest.raises(AmbiguousError):
        channel.send_public("hello", target())
    assert len(calls(reddit, "/api/comment")) == 1


def test_a_message_is_answered_in_its_thread(channel, reddit):
    reddit.post(f"{API}/api/comment", json={"json": {"errors": [], "data": {"things": [
        {"kind": "t4", "data": {"name": "t4_2r17d00", "id": "2r17d00"}}]}}})
    sent = channel.send_private("Your refund is on its way.", target("t4_2r17c8r", PostKind.DIRECT_MESSAGE))
    assert sent.external_id == "t4_2r17d00" and sent.url is None
    assert parse_qs(calls(reddit, "/api/comment")[0].request.body)["thing_id"] == ["t4_2r17c8r"]


def test_a_private_answer_to_a_comment_is_a_new_message(channel, reddit):
    reddit.post(f"{API}/api/compose", json=fixture("compose"))
    sent = channel.send_private("Your refund is on its way.", target())
    assert sent.external_id == "message to u/Lil_SpazTest"
    assert parse_qs(calls(reddit, "/api/compose")[0].request.body) == {
        "to": ["Lil_SpazTest"], "subject": ["About your post"], "text": ["Your refund is on its way."],
        "api_type": ["json"]}


def test_a_customer_who_accepts_no_messages_is_told_to_the_agent(channel, reddit):
    reddit.post(f"{API}/api/compose", json={"json": {"errors": [
        ["NOT_WHITELISTED_BY_USER_MESSAGE", "You can't send a message to that user.", "to"]]}})
    with pytest.raises(PermanentError, match="does not accept messages"):
        channel.send_private("hello", target())


def test_a_message_cannot_be_answered_publicly(channel):
    with pytest.raises(PermanentError, match="publicly"):
        channel.send_public("hello", target("t4_2r17c8r", PostKind.DIRECT_MESSAGE))


# -- engagement and listening -------------------------------------------------------------------------
def test_engagement_of_posts(channel, reddit):
    reddit.get(f"{API}/api/info", json=fixture("subreddit_new"))
    found = channel.engagement(["t3_48fbm9", "t3_48fbig"])
    assert set(found) == {"t3_48fbm9", "t3_48fbig"}
    assert parse_qs(urlsplit(calls(reddit, "/api/info")[0].request.url).query)["id"] == ["t3_48fbm9,t3_48fbig"]


@pytest.mark.parametrize("query, path, params", [
    ("praw oauth", "/search", {"q": ["praw oauth"], "sort": ["new"], "type": ["link"]}),
    ("r/redditdev praw", "/r/redditdev/search", {"q": ["praw"], "restrict_sr": ["1"], "sort": ["new"]}),
    ("r/redditdev", "/r/redditdev/new", {}),
])
def test_listening_queries(channel, reddit, query, path, params):
    reddit.get(f"{API}{path}", json=fixture("search"))
    result = channel.search(query, datetime(2015, 1, 1, tzinfo=timezone.utc), None)
    assert [i.event_id for i in result.items] == ["t3_3gpbiu", "t3_3x4kt2"]
    sent = parse_qs(urlsplit(calls(reddit, path)[0].request.url).query)
    assert sent == {**params, "limit": ["100"], "raw_json": ["1"]}
