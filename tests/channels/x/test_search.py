"""X's recent search for listening rules, against its documented answer (tests/fixtures/x/search_recent.json:
the envelope tweepy's test suite captured from GET /2/tweets/search/recent, with the fields and
expansions the bridge asks for as X's API reference describes them), errors included."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import pytest
import responses

from bridge.errors import AuthError, TransientError
from bridge.model import PostKind
from tests.channels.x.test_channel import fixture, make_channel

SEARCH_URL = "https://api.x.com/2/tweets/search/recent"


def sent(call) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(call.request.url).query).items()}


@responses.activate
def test_a_first_search_reaches_back_to_since_and_leaves_out_the_brand():
    responses.get(SEARCH_URL, json=fixture("search_recent"))
    since = datetime.now(timezone.utc) - timedelta(hours=24)
    result = make_channel().search("acme app", since, None)
    assert [i.event_id for i in result.items] == ["post:2080791200000000002"]  # the brand's own post left out
    assert json.loads(result.cursor) == {"since_id": "2080791200000000002"} and not result.more
    query = sent(responses.calls[0])
    assert query["query"] == "(acme app) -is:retweet" and query["max_results"] == "100"
    assert query["start_time"] == since.strftime("%Y-%m-%dT%H:%M:%SZ") and "since_id" not in query
    assert responses.calls[0].request.headers["Authorization"].startswith("Bearer ")
    [post] = make_channel().parse(result.items[0].payload)
    assert (post.kind, post.author.handle, post.author.followers) == (PostKind.PUBLIC_POST, "dana_k", 312)
    assert post.text == "does anyone know why the Acme app keeps logging me out?"


@responses.activate
def test_recent_search_reaches_back_a_week_at_most():
    responses.get(SEARCH_URL, json={"meta": {"result_count": 0}})
    make_channel().search("acme", datetime(2020, 1, 1, tzinfo=timezone.utc), None)
    start = datetime.strptime(sent(responses.calls[0])["start_time"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    assert timedelta(days=6, hours=23) < datetime.now(timezone.utc) - start < timedelta(days=7)


@responses.activate
def test_a_long_stretch_goes_on_next_time_and_moves_since_id_only_at_its_end(monkeypatch):
    monkeypatch.setattr("bridge.channels.x.channel.SEARCH_PAGES", 1)
    page = fixture("search_recent")
    page["meta"]["next_token"] = "b26v89c19zqg8o3fpzbn1e0ffhxjiofzw6po136rvbnul"
    responses.get(SEARCH_URL, json=page)
    first = make_channel().search("acme", datetime.now(timezone.utc), json.dumps({"since_id": "2080700000000000000"}))
    assert first.more and json.loads(first.cursor) == {
        "since_id": "2080700000000000000", "next_token": "b26v89c19zqg8o3fpzbn1e0ffhxjiofzw6po136rvbnul",
        "newest": "2080791200000000002"}
    responses.replace(responses.GET, SEARCH_URL, json={"meta": {"result_count": 0}})
    second = make_channel().search("acme", datetime.now(timezone.utc), first.cursor)
    query = sent(responses.calls[1])
    assert query["since_id"] == "2080700000000000000"
    assert query["pagination_token"] == "b26v89c19zqg8o3fpzbn1e0ffhxjiofzw6po136rvbnul"
    assert json.loads(second.cursor) == {"since_id": "2080791200000000002"} and not second.more


@responses.activate
def test_search_errors():
    answer = fixture("error_429_rate_limited")
    responses.get(SEARCH_URL, json=answer["body"], status=429, headers=answer["headers"])
    with pytest.raises(TransientError) as caught:
        make_channel().search("acme", datetime.now(timezone.utc), None)
    assert caught.value.status == 429
    answer = fixture("error_401_unauthorized")
    responses.replace(responses.GET, SEARCH_URL, json=answer["body"], status=401)
    with pytest.raises(AuthError):
        make_channel().search("acme", datetime.now(timezone.utc), None)
