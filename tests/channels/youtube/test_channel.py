"""The YouTube channel against the Data API's documented answers (responses), errors included."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import responses

from bridge.channels.google import QuotaExhausted
from bridge.channels.youtube.channel import YouTubeAccountSchema, YouTubeChannel, quota_day, quota_resets_at
from bridge.errors import AmbiguousError, AuthError, PayloadError, PermanentError, TransientError
from bridge.model import PostChange, PostKind, Target

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "youtube"
API = "https://youtube.test/youtube/v3"
TOKEN_URL = "https://oauth.test/token"
BRAND = "UCN1hnUccO4FD5WfM7ithXaw"
THREAD = "UgxXfLfuryhN5JBV4Zl4AaABAg"
CUSTOMER_REPLY = f"{THREAD}.9zQ2bZc3pXa9zQ3Ab1Cd2e"
SINCE = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def make_channel(**extra):
    settings = YouTubeAccountSchema().load({"channel_id": BRAND, "client_id": "cid", "client_secret": "csecret",
                                            "refresh_token": "1//refresh", "token_url": TOKEN_URL, "api_base": API,
                                            **extra})
    return YouTubeChannel("acme", settings)


@pytest.fixture
def channel():
    return make_channel()


@pytest.fixture
def google():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(TOKEN_URL, json=fixture("token"))
        yield mock


def calls(mock, path: str) -> list:
    return [c for c in mock.calls if urlsplit(c.request.url).path.endswith(path)]


def target(post_id: str = THREAD) -> Target:
    return Target(post_id=post_id, conversation_id=THREAD, kind=PostKind.PUBLIC_REPLY, author_id="UCdfN6Ar5A9E21KBfLlNCbNQ",
                  author_handle="priscillaratti4041", posted_at=datetime(2026, 11, 26, 9, 4, tzinfo=timezone.utc))


# -- polling -------------------------------------------------------------------------------------------
def test_a_poll_takes_new_comments_and_replies_but_not_the_brands_own(channel, google):
    google.get(f"{API}/commentThreads", json=fixture("comment_threads"))
    result = channel.poll(None, SINCE)
    assert [i.event_id for i in result.items] == [
        f"yt:{THREAD}@2026-11-26T09:04:09Z", f"yt:{CUSTOMER_REPLY}@2026-11-26T09:13:05Z",
        "yt:UgxISZhP_62DIrtv2r94AaABAg@2026-11-26T08:59:11Z"]  # the 2026-11-20 thread is older than `since`
    assert json.loads(result.cursor) == {"seen": "2026-11-26T09:13:05Z"} and not result.more
    query = parse_qs(urlsplit(google.calls[-1].request.url).query)
    assert query["allThreadsRelatedToChannelId"] == [BRAND] and query["part"] == ["snippet,replies"]
    assert query["order"] == ["time"] and query["maxResults"] == ["100"]
    assert google.calls[-1].request.headers["Authorization"] == "Bearer ya29.a0AfB_byC-access-1"
    assert parse_qs(google.calls[0].request.body) == {"grant_type": ["refresh_token"], "client_id": ["cid"],
                                                      "client_secret": ["csecret"], "refresh_token": ["1//refresh"]}

    top, reply, other = (channel.parse(i.payload)[0] for i in result.items)
    assert (top.kind, top.post_id, top.conversation_id, top.in_reply_to_id) == (PostKind.PUBLIC_POST, THREAD, THREAD, None)
    assert top.text == "My order #5521 never arrived and support doesn't answer"
    assert (top.author.platform_id, top.author.handle, top.author.display_name) == (
        "UCdfN6Ar5A9E21KBfLlNCbNQ", "priscillaratti4041", "@priscillaratti4041")
    assert top.url == f"https://www.youtube.com/watch?v=7ghhRHRP6t4&lc={THREAD}"
    assert top.created_at == datetime(2026, 11, 26, 9, 4, 9, tzinfo=timezone.utc) and top.change is PostChange.CREATED
    assert (reply.kind, reply.conversation_id, reply.in_reply_to_id) == (PostKind.PUBLIC_REPLY, THREAD, THREAD)
    assert reply.change is PostChange.EDITED and reply.created_at == datetime(2026, 11, 26, 9, 13, 5, tzinfo=timezone.utc)
    assert other.author.handle == "Amit Sharma"


def test_the_next_poll_stops_at_what_was_seen_less_an_overlap(channel, google):
    google.get(f"{API}/commentThreads", json=fixture("comment_threads"))
    result = channel.poll(json.dumps({"seen": "2026-11-26T09:13:05Z"}), SINCE)
    # only what is within ten minutes of the newest seen comes again (deduped by event id); one page read
    assert [i.event_id for i in result.items] == [f"yt:{THREAD}@2026-11-26T09:04:09Z",
                                                  f"yt:{CUSTOMER_REPLY}@2026-11-26T09:13:05Z"]
    assert len(calls(google, "/commentThreads")) == 1


def test_more_than_a_poll_reads_goes_on_next_time_without_skipping(channel, google, monkeypatch):
    monkeypatch.setattr("bridge.channels.youtube.channel.PAGES_PER_POLL", 1)
    page = fixture("comment_threads")
    page["items"] = page["items"][:2]  # the page holds nothing old enough to stop at
    google.get(f"{API}/commentThreads", json=page)
    first = channel.poll(json.dumps({"seen": "2026-11-20T00:00:00Z"}), SINCE)
    assert first.more and json.loads(first.cursor) == {"seen": "2026-11-20T00:00:00Z", "page": page["nextPageToken"],
                                                       "newest": "2026-11-26T09:13:05Z"}
    older = fixture("comment_threads")
    older["items"] = older["items"][2:]
    del older["nextPageToken"]
    google.replace(responses.GET, f"{API}/commentThreads", json=older)
    second = channel.poll(first.cursor, datetime(2026, 11, 19, tzinfo=timezone.utc))
    assert parse_qs(urlsplit(google.calls[-1].request.url).query)["pageToken"] == [page["nextPageToken"]]
    assert [i.event_id for i in second.items] == ["yt:UgzUoQgRFt_6K4EGlsV4AaABAg@2026-11-20T09:51:55Z"]
    assert json.loads(second.cursor) == {"seen": "2026-11-26T09:13:05Z"} and not second.more


@pytest.mark.parametrize("payload", [{}, {"thread": {"id": "t"}}, {"thread": {"id": "t"}, "comment": {"id": "c"}},
                                     {"thread": {"id": "t"}, "comment": {"id": "c", "snippet": {"textOriginal": "hi"}}}])
def test_an_unreadable_comment_is_a_payload_error(channel, payload):
    with pytest.raises(PayloadError):
        channel.parse(payload)


# -- quota ------------------------------------------------------------------------------------------------
def test_every_call_is_counted_against_the_daily_quota_and_shown_in_health(channel, google):
    google.get(f"{API}/commentThreads", json=fixture("comment_threads"))
    google.post(f"{API}/comments", json=fixture("comment_insert"))
    channel.poll(None, SINCE)
    channel.send_public("Found it, a new parcel leaves today.", target())
    now = datetime.now(timezone.utc)
    assert channel.health(now) == {"quota": {"used": 51, "budget": 10_000, "left": 9_949,
                                             "resets_at": quota_resets_at(now).isoformat()}}


def test_a_call_the_budget_cannot_pay_is_not_made_and_waits_for_the_reset():
    channel = make_channel(daily_quota=60)
    with responses.RequestsMock() as mock:
        mock.post(TOKEN_URL, json=fixture("token"))
        mock.post(f"{API}/comments", json=fixture("comment_insert"))
        channel.send_public("first", target())
        with pytest.raises(QuotaExhausted) as caught:
            channel.send_public("second", target())
        assert len(calls(mock, "/comments")) == 1
    now = datetime.now(timezone.utc)
    assert abs(caught.value.retry_after - (quota_resets_at(now) - now).total_seconds()) < 5
    health = channel.health(now)
    assert health["quota"]["left"] == 10 and "quota is spent" in health["problem"]


def test_quota_exceeded_from_youtube_spends_the_day_and_waits_for_midnight_pacific(channel, google):
    google.get(f"{API}/commentThreads", status=403, json=fixture("error_quota_exceeded"))
    with pytest.raises(QuotaExhausted) as caught:
        channel.poll(None, SINCE)
    now = datetime.now(timezone.utc)
    assert 0 < caught.value.retry_after <= 25 * 3600 and "quotaExceeded" in str(caught.value)
    assert channel.health(now)["quota"]["left"] == 0 and "problem" in channel.health(now)
    google.get(f"{API}/commentThreads", json={"items": []})
    with pytest.raises(QuotaExhausted):  # not asked again today
        channel.poll(None, SINCE)
    assert len(calls(google, "/commentThreads")) == 1


def test_the_quota_day_is_the_pacific_date():
    assert quota_day(datetime(2026, 11, 26, 7, 59, tzinfo=timezone.utc)) == "2026-11-25"  # 23:59 PST
    assert quota_day(datetime(2026, 11, 26, 8, 0, tzinfo=timezone.utc)) == "2026-11-26"
    assert quota_resets_at(datetime(2026, 11, 26, 7, 0, tzinfo=timezone.utc)) == datetime(2026, 11, 26, 8, 0,
                                                                                           tzinfo=timezone.utc)
    assert quota_resets_at(datetime(2026, 7, 1, 12, 0, tzinfo=timezone.utc)) == datetime(2026, 7, 2, 7, 0,
                                                                                         tzinfo=timezone.utc)  # PDT


# -- errors ------------------------------------------------------------------------------------------------
def test_a_short_rate_limit_is_retried_soon(channel, google):
    google.get(f"{API}/commentThreads", status=403, json=fixture("error_rate_limit_exceeded"))
    with pytest.raises(TransientError) as caught:
        channel.poll(None, SINCE)
    assert not isinstance(caught.value, QuotaExhausted) and caught.value.retry_after == 60


def test_an_expired_access_token_is_renewed_once_and_the_call_repeated(channel, google):
    google.get(f"{API}/commentThreads", status=401, json=fixture("error_unauthorized"))
    google.get(f"{API}/commentThreads", json={"items": []})
    google.replace(responses.POST, TOKEN_URL, json=fixture("token"))
    assert channel.poll(None, SINCE).items == []
    assert len(calls(google, "/token")) == 2


def test_a_revoked_refresh_token_is_refused_credentials(channel):
    with responses.RequestsMock() as mock:
        mock.post(TOKEN_URL, status=400, json=fixture("error_invalid_grant"))
        with pytest.raises(AuthError, match="invalid_grant") as caught:
            channel.poll(None, SINCE)
    assert "1//refresh" not in str(caught.value) and "csecret" not in str(caught.value)


def test_a_token_refused_twice_is_refused_credentials(channel, google):
    google.get(f"{API}/commentThreads", status=401, json=fixture("error_unauthorized"))
    with pytest.raises(AuthError, match="authError"):
        channel.poll(None, SINCE)


@pytest.mark.parametrize("status", [500, 503])
def test_a_server_error_is_retried_later(channel, google, status):
    google.get(f"{API}/commentThreads", status=status, body="backend error")
    with pytest.raises(TransientError):
        channel.poll(None, SINCE)


def test_a_timeout_while_reading_comments_is_retried_later(channel, google):
    google.get(f"{API}/commentThreads", body=requests.ReadTimeout("slow"))
    with pytest.raises(TransientError):
        channel.poll(None, SINCE)


# -- replies ---------------------------------------------------------------------------------------------
def test_a_reply_goes_under_the_top_level_comment(channel, google):
    google.post(f"{API}/comments", json=fixture("comment_insert"))
    sent = channel.send_public("Found it, a new parcel leaves today.", target(CUSTOMER_REPLY))
    assert sent.external_id == "UgxXfLfuryhN5JBV4Zl4AaABAg.9zQ4xYz8AbC9zQ4xYz8AbD"
    request = calls(google, "/comments")[0].request
    assert parse_qs(urlsplit(request.url).query) == {"part": ["snippet"]}
    assert json.loads(request.body) == {"snippet": {"parentId": THREAD, "textOriginal": "Found it, a new parcel leaves today."}}


def test_a_timeout_while_posting_is_not_retried_blindly(channel, google):
    google.post(f"{API}/comments", body=requests.ReadTimeout("slow"))
    with pytest.raises(AmbiguousError):
        channel.send_public("hello", target())


@pytest.mark.parametrize("name, status", [("error_comment_text_too_long", 400), ("error_comment_not_found", 404)])
def test_a_refused_reply_needs_a_person(channel, google, name, status):
    google.post(f"{API}/comments", status=status, json=fixture(name))
    with pytest.raises(PermanentError) as caught:
        channel.send_public("hello", target())
    assert not isinstance(caught.value, AuthError) and fixture(name)["error"]["errors"][0]["reason"] in str(caught.value)


def test_no_private_path(channel):
    assert channel.private_open(target(), datetime.now(timezone.utc)) is False
    with pytest.raises(PermanentError, match="phone"):
        channel.send_private("hello", target())


# -- exposed data -------------------------------------------------------------------------------------------
def test_an_exposed_comment_is_held_for_review_only_when_the_admin_allows_it(google):
    post = make_channel().parse({"thread": {"id": THREAD, "videoId": "v"}, "comment": fixture("comment_threads")["items"][0]
                                 ["snippet"]["topLevelComment"]})[0]
    assert make_channel().can_hide is False
    assert calls(google, "/setModerationStatus") == []
    google.post(f"{API}/comments/setModerationStatus", status=204)
    holding = make_channel(hold_exposed=True)
    assert holding.can_hide and "held it for review" in holding.hide(target_of(post))
    query = parse_qs(urlsplit(calls(google, "/setModerationStatus")[0].request.url).query)
    assert query == {"id": [THREAD], "moderationStatus": ["heldForReview"]}
    assert holding.health(datetime.now(timezone.utc))["quota"]["used"] == 50


def test_an_exposed_comment_the_brand_may_not_moderate_is_reported(google):
    google.post(f"{API}/comments/setModerationStatus", status=403, json={"error": {
        "code": 403, "message": "The comment could not be updated due to insufficient permissions.",
        "errors": [{"domain": "youtube.comment", "reason": "forbidden", "message": "insufficient permissions"}]}})
    post = make_channel().parse({"thread": {"id": THREAD, "videoId": "v"}, "comment": fixture("comment_threads")["items"][0]
                                 ["snippet"]["topLevelComment"]})[0]
    with pytest.raises(PermanentError, match="forbidden"):
        make_channel(hold_exposed=True).hide(target_of(post))


def target_of(post):
    return Target(post_id=post.post_id, conversation_id=post.conversation_id, kind=post.kind,
                  author_id=post.author.platform_id, author_handle=post.author.handle, posted_at=post.created_at)


def test_account_settings_are_checked():
    from marshmallow import ValidationError

    with pytest.raises(ValidationError, match="channel_id"):
        YouTubeAccountSchema().load({"channel_id": "acme", "client_id": "c", "client_secret": "s", "refresh_token": "r"})
    assert make_channel().poll_every == timedelta(minutes=5)
