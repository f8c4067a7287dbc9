"""The LinkedIn channel (organization pages) against the Community Management API's documented answers, errors included."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import requests
import responses

from bridge.channels.linkedin.channel import LinkedInAccountSchema, LinkedInChannel, until_utc_midnight
from bridge.errors import AmbiguousError, AuthError, PayloadError, PermanentError, TransientError
from bridge.model import PostKind, Target

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "linkedin"
API = "https://linkedin.test/rest"
ORG = "urn:li:organization:2414183"
SHARE = "urn:li:share:7267459218812345678"
UGC = "urn:li:ugcPost:7266000000000000001"
TOP = "urn:li:comment:(urn:li:activity:7267459219999999999,7267500000000000001)"
NESTED = "urn:li:comment:(urn:li:activity:7267459219999999999,7267500000000000002)"
SINCE = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def comments_url(urn: str) -> str:
    return f"{API}/socialActions/{quote(urn, safe='')}/comments"


@pytest.fixture
def channel():
    settings = LinkedInAccountSchema().load({"organization_id": "2414183", "access_token": "AQV-token", "api_base": API})
    return LinkedInChannel("acme", settings)


@pytest.fixture
def linkedin():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(f"{API}/posts", json=fixture("posts"))
        mock.get(comments_url(SHARE), json=fixture("comments_share"))
        mock.get(comments_url(UGC), json=fixture("comments_empty"))
        mock.get(comments_url(TOP), json=fixture("comments_nested"))
        yield mock


def target(post_id: str = NESTED, conversation: str = TOP) -> Target:
    return Target(post_id=post_id, conversation_id=conversation, kind=PostKind.PUBLIC_REPLY, author_id="urn:li:person:Rk2jXv0aBc",
                  author_handle="Rk2jXv0aBc", posted_at=datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc))


# -- polling ---------------------------------------------------------------------------------------------
def test_a_poll_reads_the_organizations_posts_comments_and_replies(channel, linkedin):
    result = channel.poll(None, SINCE)
    assert [i.event_id for i in result.items] == [f"li:{TOP}", f"li:{NESTED}"]  # not the organization's own comment
    assert json.loads(result.cursor) == {"seen": 1795683500000} and not result.more
    posts = linkedin.calls[0].request
    assert parse_qs(urlsplit(posts.url).query) == {"author": [ORG], "q": ["author"], "count": ["10"], "sortBy": ["LAST_MODIFIED"]}
    assert posts.headers["LinkedIn-Version"] == "202611" and posts.headers["X-Restli-Protocol-Version"] == "2.0.0"
    assert posts.headers["Authorization"] == "Bearer AQV-token"

    top, nested = (channel.parse(i.payload)[0] for i in result.items)
    assert (top.post_id, top.conversation_id, top.in_reply_to_id, top.kind) == (TOP, TOP, None, PostKind.PUBLIC_REPLY)
    assert top.text.startswith("I ordered from the winter collection") and top.author.platform_id == "urn:li:person:Rk2jXv0aBc"
    assert top.url == f"https://www.linkedin.com/feed/update/{SHARE}?commentUrn={quote(TOP, safe='')}"
    assert top.created_at == datetime.fromtimestamp(1795683200, tz=timezone.utc)
    assert (nested.conversation_id, nested.in_reply_to_id, nested.text) == (TOP, TOP, "Anyone there?")


def test_the_next_poll_takes_only_what_is_newer_less_an_overlap(channel, linkedin):
    seen = 1795683500000 + int(timedelta(minutes=20).total_seconds() * 1000)
    result = channel.poll(json.dumps({"seen": seen}), SINCE)
    assert result.items == [] and json.loads(result.cursor) == {"seen": seen}
    result = channel.poll(json.dumps({"seen": 1795683500000}), SINCE)
    assert [i.event_id for i in result.items] == [f"li:{TOP}", f"li:{NESTED}"]  # within the overlap: repeated, deduped


@pytest.mark.parametrize("payload", [{}, {"post": SHARE}, {"post": SHARE, "comment": {"commentUrn": "urn:li:comment:1"}},
                                     {"post": SHARE, "comment": {"commentUrn": TOP, "actor": "urn:li:person:x",
                                                                 "message": {"text": "hi"}}}])
def test_an_unreadable_comment_is_a_payload_error(channel, payload):
    with pytest.raises(PayloadError):
        channel.parse(payload)


# -- errors ------------------------------------------------------------------------------------------------
def test_the_daily_limit_waits_until_midnight_utc(channel):
    with responses.RequestsMock() as mock:
        mock.get(f"{API}/posts", status=429, json=fixture("error_429_day"))
        with pytest.raises(TransientError, match="daily limit") as caught:
            channel.poll(None, SINCE)
    assert abs(caught.value.retry_after - until_utc_midnight(datetime.now(timezone.utc))) < 5


def test_another_429_is_a_short_wait(channel):
    with responses.RequestsMock() as mock:
        mock.get(f"{API}/posts", status=429, json={"status": 429, "message": "Too many requests"})
        with pytest.raises(TransientError) as caught:
            channel.poll(None, SINCE)
    assert caught.value.retry_after == 60


def test_an_expired_token_is_refused_credentials(channel):
    with responses.RequestsMock() as mock:
        mock.get(f"{API}/posts", status=401, json=fixture("error_401_invalid_token"))
        with pytest.raises(AuthError, match="INVALID_ACCESS_TOKEN") as caught:
            channel.poll(None, SINCE)
    assert "AQV-token" not in str(caught.value)


def test_missing_permissions_need_a_person(channel):
    with responses.RequestsMock() as mock:
        mock.get(f"{API}/posts", status=403, json=fixture("error_403_access_denied"))
        with pytest.raises(PermanentError, match="ACCESS_DENIED") as caught:
            channel.poll(None, SINCE)
    assert not isinstance(caught.value, AuthError)


@pytest.mark.parametrize("failure", [{"status": 500, "body": "oops"}, {"status": 504, "body": "gateway"},
                                     {"body": requests.ReadTimeout("slow")}])
def test_server_errors_and_timeouts_are_retried_later(channel, failure):
    with responses.RequestsMock() as mock:
        mock.get(f"{API}/posts", **failure)
        with pytest.raises(TransientError):
            channel.poll(None, SINCE)


# -- replies -------------------------------------------------------------------------------------------------
def test_a_reply_goes_under_the_top_level_comment_as_the_organization(channel):
    with responses.RequestsMock() as mock:
        mock.post(comments_url(TOP), status=201, json=fixture("comment_created"),
                  headers={"x-restli-id": "urn:li:comment:(urn:li:activity:7267459219999999999,7267600000000000003)"})
        sent = channel.send_public("So sorry! A new parcel leaves today.", target())
        request = mock.calls[0].request
    assert sent.external_id == "urn:li:comment:(urn:li:activity:7267459219999999999,7267600000000000003)"
    assert json.loads(request.body) == {"actor": ORG, "object": "urn:li:activity:7267459219999999999",
                                        "message": {"text": "So sorry! A new parcel leaves today."}, "parentComment": TOP}


def test_a_reply_whose_answer_has_no_body_uses_the_restli_id(channel):
    with responses.RequestsMock() as mock:
        mock.post(comments_url(TOP), status=201, body="", headers={"x-restli-id": "urn:li:comment:(urn:li:activity:1,2)"})
        assert channel.send_public("hi", target(TOP, TOP)).external_id == "urn:li:comment:(urn:li:activity:1,2)"


def test_a_timeout_while_posting_is_not_retried_blindly(channel):
    with responses.RequestsMock() as mock:
        mock.post(comments_url(TOP), body=requests.ReadTimeout("slow"))
        with pytest.raises(AmbiguousError):
            channel.send_public("hi", target())


def test_a_reply_to_a_deleted_comment_needs_a_person(channel):
    with responses.RequestsMock() as mock:
        mock.post(comments_url(TOP), status=404, json=fixture("error_404_not_found"))
        with pytest.raises(PermanentError, match="404"):
            channel.send_public("hi", target())


def test_no_private_path(channel):
    assert channel.private_open(target(), datetime.now(timezone.utc)) is False
    with pytest.raises(PermanentError, match="phone"):
        channel.send_private("hi", target())
