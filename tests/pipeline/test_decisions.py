from dataclasses import replace
from datetime import datetime, timezone

import pytest

from bridge.model import Measure, PostKind, ReplyMode, Target
from bridge.pipeline.mapping import SAMPLE_POST
from bridge.pipeline.routing import Route, backoff_seconds, decide_route
from bridge.pipeline.threading import thread_key

PUBLIC = Target(post_id="9", conversation_id="1", kind=PostKind.PUBLIC_REPLY, author_id="42", author_handle="c",
                posted_at=datetime(2026, 1, 1, tzinfo=timezone.utc))
DM = replace(PUBLIC, kind=PostKind.DIRECT_MESSAGE)


def test_dm_threads_by_conversation():
    post = replace(SAMPLE_POST, kind=PostKind.DIRECT_MESSAGE, conversation_id="1-2")
    assert thread_key(post, parent_thread="public:99") == "dm:1-2"


def test_public_reply_joins_known_parent_thread():
    post = replace(SAMPLE_POST, kind=PostKind.PUBLIC_REPLY, conversation_id="77", in_reply_to_id="5")
    assert thread_key(post, parent_thread="public:5") == "public:5"
    assert thread_key(post, parent_thread=None) == "public:77"


def test_route_follows_the_conversation_and_the_agent():
    assert decide_route(ReplyMode.PUBLIC, PUBLIC).mode is ReplyMode.PUBLIC
    assert decide_route(ReplyMode.PRIVATE, PUBLIC) == Route(
        ReplyMode.PRIVATE, "the agent asked for a private reply", acknowledge_publicly=True)
    assert decide_route(ReplyMode.PHONE, PUBLIC).mode is ReplyMode.PHONE
    # a DM is never answered in public, whatever was asked, and gets no public acknowledgement
    assert decide_route(ReplyMode.PUBLIC, DM) == Route(ReplyMode.PRIVATE, "the customer wrote privately")
    assert decide_route(ReplyMode.PUBLIC, DM, private_open=False).mode is ReplyMode.PHONE


@pytest.mark.parametrize("requested", list(ReplyMode))
@pytest.mark.parametrize("target", [PUBLIC, DM], ids=["public", "dm"])
@pytest.mark.parametrize("private_open", [True, False])
@pytest.mark.parametrize("conversation_sensitive", [True, False])
def test_sensitive_reply_is_never_public(requested, target, private_open, conversation_sensitive):
    route = decide_route(requested, target, sensitive_kinds=["card"], private_open=private_open,
                         conversation_sensitive=conversation_sensitive)
    assert route.mode is not ReplyMode.PUBLIC
    phone_asked = requested is ReplyMode.PHONE and not target.kind.is_private
    expected = ReplyMode.PRIVATE if private_open and not phone_asked else ReplyMode.PHONE
    assert route.mode is expected


def test_sensitive_conversation_makes_private_the_default():
    route = decide_route(ReplyMode.PUBLIC, PUBLIC, conversation_sensitive=True)
    assert route.mode is ReplyMode.PRIVATE and "default to private" in route.reason
    closed = decide_route(ReplyMode.PUBLIC, PUBLIC, conversation_sensitive=True, private_open=False)
    assert closed.mode is ReplyMode.PHONE and closed.acknowledge_publicly


def test_reason_names_kinds_never_values():
    route = decide_route(ReplyMode.PUBLIC, PUBLIC, sensitive_kinds=["email", "card", "email"])
    assert "(card, email)" in route.reason


def test_measure_fits_only_non_empty_text_within_the_limit():
    assert Measure(280, 280).fits
    assert not Measure(281, 280).fits
    assert not Measure(0, 280).fits


def test_backoff_doubles_then_caps_and_honours_the_remote():
    assert [backoff_seconds(n) for n in (1, 2, 3)] == [2.0, 4.0, 8.0]
    assert backoff_seconds(30) == 300.0
    assert backoff_seconds(1, retry_after=42) == 42
    assert backoff_seconds(1, retry_after=0) == 1.0


def test_who_may_approve_a_held_reply():
    from bridge.pipeline.review import approval_refused

    rules = [{"agents": ["new@acme.test"], "mode": "before"}, {"agents": ["trainee@acme.test"], "mode": "after"}]
    assert approval_refused("sup@acme.test", "new@acme.test", rules) is None
    assert approval_refused("New@Acme.test", "new@acme.test", rules) == "their own reply"
    assert approval_refused("new@acme.test", "other@acme.test", rules) == \
        "replies while their own replies are held for review"
    assert approval_refused("trainee@acme.test", "new@acme.test", rules) is None
