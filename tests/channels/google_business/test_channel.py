"""The Google Business Profile channel (reviews) against the documented answers (responses), errors included."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import responses

from bridge import registry
from bridge.channels.google_business.channel import GoogleBusinessAccountSchema, GoogleBusinessChannel
from bridge.channels.reviews import ReviewChannel, stars
from bridge.errors import AuthError, PayloadError, PermanentError, TransientError
from bridge.model import PostChange, PostKind, Priority, Target
from bridge.pipeline.priority import PostFeatures, PriorityRules, assess

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "google_business"
API = "https://gbp.test/v4"
TOKEN_URL = "https://oauth.test/token"
LOCATION = "accounts/106/locations/123"
LATE = f"{LOCATION}/reviews/AbFvOqn1bX2y"
SINCE = datetime(2026, 11, 1, tzinfo=timezone.utc)


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text())


@pytest.fixture
def channel():
    settings = GoogleBusinessAccountSchema().load({"location": LOCATION, "client_id": "cid", "client_secret": "cs",
                                                   "refresh_token": "1//r", "token_url": TOKEN_URL, "api_base": API})
    return GoogleBusinessChannel("acme-berlin", settings)


@pytest.fixture
def google():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(TOKEN_URL, json=fixture("token"))
        yield mock


def target(post_id: str = LATE) -> Target:
    return Target(post_id=post_id, conversation_id=post_id, kind=PostKind.PUBLIC_POST, author_id="review:AbFvOqn1bX2y",
                  author_handle="A. Traveller", posted_at=datetime(2026, 11, 26, 8, 40, tzinfo=timezone.utc))


def test_a_review_site_is_of_the_reviews_kind_with_the_review_sla_and_no_private_path(channel):
    assert isinstance(channel, ReviewChannel) and GoogleBusinessChannel.kind == "reviews"
    assert registry.sla_defaults()["google_business"] == ("8h", "24h")
    assert channel.private_open(target(), datetime.now(timezone.utc)) is False
    with pytest.raises(PermanentError, match="phone"):
        channel.send_private("hello", target())


# -- polling -------------------------------------------------------------------------------------------
def test_a_poll_takes_new_and_edited_reviews_with_their_stars(channel, google):
    google.get(f"{API}/{LOCATION}/reviews", json=fixture("reviews"))
    result = channel.poll(json.dumps({"seen": "2026-11-20T00:00:00Z"}), SINCE)
    # the FIVE's last change is the business's own reply; the FOUR is older than what was seen
    assert [i.event_id for i in result.items] == [f"gbp:{LATE}@2026-11-26T08:40:12.204000Z",
                                                  f"gbp:{LOCATION}/reviews/AbFvOqk9zR7q@2026-11-26T07:15:00Z"]
    assert json.loads(result.cursor) == {"seen": "2026-11-26T08:40:12.204000Z"} and not result.more
    assert parse_qs(urlsplit(google.calls[-1].request.url).query) == {"pageSize": ["50"], "orderBy": ["updateTime desc"]}

    late, anonymous = (channel.parse(i.payload)[0] for i in result.items)
    assert (late.post_id, late.conversation_id, late.kind, late.rating) == (LATE, LATE, PostKind.PUBLIC_POST, 2)
    assert late.text == "Pickup was late and nobody answered the phone." and late.change is PostChange.CREATED
    assert (late.author.platform_id, late.author.display_name) == ("review:AbFvOqn1bX2y", "A. Traveller")
    assert (anonymous.rating, anonymous.text, anonymous.author.display_name) == (3, "", "Anonymous reviewer")
    assert anonymous.change is PostChange.EDITED and anonymous.created_at == datetime(2026, 11, 26, 7, 15, tzinfo=timezone.utc)


def test_two_stars_make_the_ticket_high_priority(channel):
    post = channel.parse({"review": fixture("reviews")["reviews"][0]})[0]
    result = assess(PostFeatures.from_post(post, post.created_at), PriorityRules())
    assert result.priority is Priority.HIGH and "negative review (2 stars)" in result.reasons


def test_more_than_a_poll_reads_goes_on_next_time(channel, google, monkeypatch):
    monkeypatch.setattr("bridge.channels.google_business.channel.PAGES_PER_POLL", 1)
    page = fixture("reviews")
    page["reviews"] = page["reviews"][:2]
    google.get(f"{API}/{LOCATION}/reviews", json=page)
    first = channel.poll(None, SINCE)
    assert first.more and json.loads(first.cursor)["page"] == "rev-tok-2"
    rest = fixture("reviews")
    rest["reviews"] = rest["reviews"][2:]
    del rest["nextPageToken"]
    google.replace(responses.GET, f"{API}/{LOCATION}/reviews", json=rest)
    second = channel.poll(first.cursor, datetime(2026, 10, 1, tzinfo=timezone.utc))
    assert parse_qs(urlsplit(google.calls[-1].request.url).query)["pageToken"] == ["rev-tok-2"]
    assert [i.event_id for i in second.items] == [f"gbp:{LOCATION}/reviews/AbFvOqa2sD5e@2026-10-17T09:00:00Z"]
    assert json.loads(second.cursor) == {"seen": "2026-11-26T08:40:12.204000Z"} and not second.more


@pytest.mark.parametrize("review", [
    {},
    {"name": "accounts/9/locations/9/reviews/x", "starRating": "TWO", "createTime": "2026-11-26T08:40:12Z"},
    {"name": f"{LOCATION}/reviews/x", "starRating": "STAR_RATING_UNSPECIFIED", "createTime": "2026-11-26T08:40:12Z"},
    {"name": f"{LOCATION}/reviews/x", "starRating": "TWO"},
])
def test_an_unreadable_review_is_a_payload_error(channel, review):
    with pytest.raises(PayloadError):
        channel.parse({"review": review})


@pytest.mark.parametrize("value, expected", [("ONE", 1), ("five", 5), (3, 3), ("4", 4), (0, None), (6, None),
                                             (True, None), ("STAR_RATING_UNSPECIFIED", None), (None, None)])
def test_stars(value, expected):
    assert stars(value) == expected


# -- errors ----------------------------------------------------------------------------------------------
def test_the_per_minute_limit_is_retried_after_a_minute(channel, google):
    google.get(f"{API}/{LOCATION}/reviews", status=429, json=fixture("error_resource_exhausted"))
    with pytest.raises(TransientError, match="RESOURCE_EXHAUSTED") as caught:
        channel.poll(None, SINCE)
    assert caught.value.retry_after == 60


def test_a_location_the_account_may_not_manage_needs_a_person(channel, google):
    google.get(f"{API}/{LOCATION}/reviews", status=403, json=fixture("error_permission_denied"))
    with pytest.raises(PermanentError, match="PERMISSION_DENIED"):
        channel.poll(None, SINCE)


def test_a_token_refused_twice_is_refused_credentials(channel, google):
    google.get(f"{API}/{LOCATION}/reviews", status=401, json=fixture("error_unauthenticated"))
    with pytest.raises(AuthError):
        channel.poll(None, SINCE)
    assert len([c for c in google.calls if c.request.url == TOKEN_URL]) == 2


@pytest.mark.parametrize("failure", [{"status": 503, "body": "unavailable"}, {"body": requests.ReadTimeout("slow")}])
def test_server_errors_and_timeouts_are_retried_later(channel, google, failure):
    google.get(f"{API}/{LOCATION}/reviews", **failure)
    with pytest.raises(TransientError):
        channel.poll(None, SINCE)


# -- replies -----------------------------------------------------------------------------------------------
def test_the_reply_is_put_on_the_review_and_replaces_an_earlier_one(channel, google):
    google.put(f"{API}/{LATE}/reply", json=fixture("reply"))
    first = channel.send_public("We're sorry about the wait.", target())
    second = channel.send_public("Update: a voucher is on its way.", target())
    assert first.external_id == second.external_id == f"{LATE}/reply"
    bodies = [json.loads(c.request.body) for c in google.calls if c.request.method == "PUT"]
    assert bodies == [{"comment": "We're sorry about the wait."}, {"comment": "Update: a voucher is on its way."}]


def test_a_timeout_on_the_reply_is_retried_because_a_put_repeats_harmlessly(channel, google):
    google.put(f"{API}/{LATE}/reply", body=requests.ReadTimeout("slow"))
    with pytest.raises(TransientError):
        channel.send_public("hello", target())


def test_a_review_that_is_gone_needs_a_person(channel, google):
    google.put(f"{API}/{LATE}/reply", status=404, json=fixture("error_not_found"))
    with pytest.raises(PermanentError, match="NOT_FOUND"):
        channel.send_public("hello", target())


def test_a_reply_to_another_locations_review_is_refused_without_calling(channel):
    with responses.RequestsMock():
        with pytest.raises(PermanentError, match="not a review of"):
            channel.send_public("hello", target("accounts/9/locations/9/reviews/x"))


def test_the_mapping_carries_the_stars_to_the_ticket(channel):
    from bridge.pipeline.mapping import load_mappings, render_article, render_ticket

    mapping = load_mappings(Path(__file__).resolve().parents[3] / "mappings", registry.sla_defaults())["google_business"]
    late, anonymous = (channel.parse({"review": r})[0] for r in fixture("reviews")["reviews"][:2])
    draft = render_ticket(mapping, late)
    assert draft.title == "2★ Google review from A. Traveller: Pickup was late and nobody answered the phone."
    assert "rating-2" in draft.tags and draft.body.startswith("★★☆☆☆ (2 of 5 stars)")
    assert "(no text: a rating only)" in render_ticket(mapping, anonymous).body
    assert render_article(mapping, anonymous).body.startswith("Review changed: ★★★☆☆ (3 of 5 stars)")
    assert (mapping.sla.public.first_response_target.total_seconds(), mapping.sla.public.first_response_max.total_seconds()) == (
        8 * 3600, 24 * 3600)


def test_a_reply_is_measured_in_bytes_the_stricter_reading_of_the_limit(channel):
    assert channel.measure("ü" * 2048, target(), private=False).fits
    too_long = channel.measure("ü" * 2049, target(), private=False)
    assert (too_long.length, too_long.limit, too_long.unit, too_long.fits) == (4098, 4096, "bytes", False)
