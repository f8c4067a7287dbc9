"""Every channel × requested mode × private-window state × review mode: where a reply goes.
The channels' own private_open() decides the window; decide_route() the rest; review only decides when."""
import importlib
from datetime import datetime, timezone

import pytest

from bridge import registry
from bridge.model import PostKind, ReplyMode, Target
from bridge.pipeline.review import review_mode
from bridge.pipeline.routing import decide_route
from tests.channels.route_matrix import AGES, ChannelMatrix

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)
REVIEW_RULES = [{"agents": ["new@acme.test"], "mode": "before"}, {"agents": ["trainee@acme.test"], "mode": "after"}]


def matrix_of(name: str) -> ChannelMatrix | None:
    """tests/channels/<the channel's package>/matrix.py's MATRIX, if there is one."""
    package = registry.channels()[name].__module__.split(".")[2]
    try:
        return importlib.import_module(f"tests.channels.{package}.matrix").MATRIX
    except ModuleNotFoundError:
        return None


MATRICES = {name: matrix for name in registry.channels() if (matrix := matrix_of(name)) is not None}
CASES = sorted((name, kind, age) for name, matrix in MATRICES.items() for kind, age in matrix.private_open)


def test_every_channel_is_in_the_matrix():
    missing = [name for name in registry.channels() if name not in MATRICES]
    assert missing == [], "add tests/channels/<package>/matrix.py with a MATRIX"


def channel(name):
    account = MATRICES[name].account
    settings = {k: v for k, v in account.items() if k not in ("channel", "name")}
    cls = registry.channels()[name]
    return cls(account["name"], cls.account_schema().load(settings))


def target(name, kind, age):
    matrix = MATRICES[name]
    if kind == "dm":
        return Target("m1", matrix.dm_conversation, PostKind.DIRECT_MESSAGE, matrix.author_id, "alice", NOW - AGES[age])
    return Target(matrix.post_id, "p1", PostKind.PUBLIC_REPLY, matrix.author_id, "alice", NOW - AGES[age])


@pytest.mark.parametrize("name, kind, age", CASES)
@pytest.mark.parametrize("requested", list(ReplyMode))
@pytest.mark.parametrize("sensitive", [False, True], ids=["plain", "sensitive"])
@pytest.mark.parametrize("agent", ["senior@acme.test", "new@acme.test", "trainee@acme.test"],
                         ids=["no-review", "review-before", "review-after"])
def test_route(name, kind, age, requested, sensitive, agent):
    post = target(name, kind, age)
    with MATRICES[name].platform():
        open_now = channel(name).private_open(post, NOW)
    assert open_now is MATRICES[name].private_open[(kind, age)]
    route = decide_route(requested, post, sensitive_kinds=["card"] if sensitive else [], private_open=open_now)

    if kind == "dm":
        expected = ReplyMode.PRIVATE if open_now else ReplyMode.PHONE
    elif requested is ReplyMode.PHONE:
        expected = ReplyMode.PHONE
    elif requested is ReplyMode.PRIVATE or sensitive:
        expected = ReplyMode.PRIVATE if open_now else ReplyMode.PHONE
    else:
        expected = ReplyMode.PUBLIC
    assert route.mode is expected
    assert not (sensitive and route.mode is ReplyMode.PUBLIC)
    # a public thread hears about an answer that went elsewhere; a DM conversation has no public thread
    assert route.acknowledge_publicly is (kind != "dm" and route.mode is not ReplyMode.PUBLIC)
    # review decides when a reply may go, never where
    assert review_mode(agent, REVIEW_RULES) == {"new@acme.test": "before", "trainee@acme.test": "after"}.get(agent)


def test_meta_allows_one_private_reply_per_comment():
    from dataclasses import replace

    for name in ("facebook", "instagram"):
        post = target(name, "comment", "1h")
        assert channel(name).private_open(post, NOW)
        assert not channel(name).private_open(replace(post, private_replies_sent=1), NOW)
