from datetime import datetime, timezone

import pytest
from marshmallow import ValidationError

from bridge.model import Author, Post, PostKind, Reply, ReplyMode
from bridge.schemas import PostSchema, ReplySchema, describe

POST = Post(platform="x", account="acme", post_id="5", conversation_id="1", kind=PostKind.PUBLIC_REPLY,
            author=Author("42", "alice", "Alice", followers=10, verified=True), text="hi",
            created_at=datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc), in_reply_to_id="1", url="https://x.com/a/status/5",
            raw={"id": "5"})


def test_post_round_trips():
    schema = PostSchema()
    assert schema.load(schema.dump(POST)) == POST


def test_post_needs_an_aware_time_and_a_known_kind():
    data = PostSchema().dump(POST)
    with pytest.raises(ValidationError) as caught:
        PostSchema().load({**data, "created_at": "2026-05-01T12:00:00", "kind": "story"})
    text = describe(caught.value)
    assert "created_at:" in text and "kind:" in text


def test_reply_defaults_to_public():
    reply = ReplySchema().load({"helpdesk": "zammad", "ticket_id": "82", "article_id": "9", "text": "thanks"})
    assert reply == Reply("zammad", "82", "9", "thanks", ReplyMode.PUBLIC, "")


def test_describe_flattens_nested_messages():
    with pytest.raises(ValidationError) as caught:
        PostSchema().load({**PostSchema().dump(POST), "author": {"handle": "a"}})
    assert describe(caught.value) == "author.platform_id: Missing data for required field."


@pytest.mark.parametrize("text, seconds", [("15m", 900), ("1h30m", 5400), ("1d", 86400), ("30s", 30), ("1m30s", 90)])
def test_durations(text, seconds):
    from bridge.schemas import parse_duration

    assert parse_duration(text).total_seconds() == seconds


@pytest.mark.parametrize("text", ["", "0m", "15", "m15", "1.5h", "15 m"])
def test_bad_durations_say_what_is_expected(text):
    from bridge.schemas import parse_duration

    with pytest.raises(ValueError):
        parse_duration(text)
