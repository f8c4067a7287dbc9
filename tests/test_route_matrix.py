"""Every channel × requested mode × private-window state × review mode: where a reply goes.
The channels' own private_open() decides the window; decide_route() the rest; review only decides when."""
from datetime import datetime, timedelta, timezone

import pytest

from bridge import registry
from bridge.model import PostKind, ReplyMode, Target
from bridge.pipeline.review import review_mode
from bridge.pipeline.routing import decide_route
from tests.conftest import X_ACCOUNT
from tests.test_flow_meta import FACEBOOK, INSTAGRAM

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)
SANDBOX = {"channel": "sandbox", "name": "demo", "secret": "s"}
ACCOUNTS = {"x": X_ACCOUNT, "facebook": FACEBOOK, "instagram": INSTAGRAM, "sandbox": SANDBOX}
REVIEW_RULES = [{"agents": ["new@acme.test"], "mode": "before"}, {"agents": ["trainee@acme.test"], "mode": "after"}]

# whether a private message can reach the author, by (channel, kind of post, age of the post)
PRIVATE_OPEN = {
    # X: a DM can always be attempted (a refusal is the platform's answer, not a window)
    ("x", "comment", "1h"): True, ("x", "comment", "3d"): True, ("x", "comment", "8d"): True,
    ("x", "dm", "1h"): True, ("x", "dm", "3d"): True, ("x", "dm", "8d"): True,
    # Meta: one private reply per comment within 7 days; DMs within 24 h, or 7 days with HUMAN_AGENT
    ("facebook", "comment", "1h"): True, ("facebook", "comment", "3d"): True, ("facebook", "comment", "8d"): False,
    ("facebook", "dm", "1h"): True, ("facebook", "dm", "3d"): True, ("facebook", "dm", "8d"): False,
    ("instagram", "comment", "1h"): True, ("instagram", "comment", "3d"): True, ("instagram", "comment", "8d"): False,
    ("instagram", "dm", "1h"): True, ("instagram", "dm", "3d"): True, ("instagram", "dm", "8d"): False,
    ("sandbox", "comment", "1h"): True, ("sandbox", "comment", "3d"): True, ("sandbox", "comment", "8d"): True,
    ("sandbox", "dm", "1h"): True, ("sandbox", "dm", "3d"): True, ("sandbox", "dm", "8d"): True,
}
AGES = {"1h": timedelta(hours=1), "3d": timedelta(days=3), "8d": timedelta(days=8)}


def channel(name):
    settings = {k: v for k, v in ACCOUNTS[name].items() if k not in ("channel", "name")}
    return registry.channels()[name](ACCOUNTS[name]["name"], registry.channels()[name].account_schema().load(settings))


def target(name, kind, age):
    if kind == "dm":
        conversation = {"x": "dm:1-2", "facebook": "dm:104882365123456-7112649035512873",
                        "instagram": "dm:17841405822304914-1122334455", "sandbox": "dm-alice"}[name]
        return Target("m1", conversation, PostKind.DIRECT_MESSAGE, "7112649035512873", "alice", NOW - AGES[age])
    post_id = {"facebook": "122139005512594941_1213590066982748", "instagram": "17894227972186120"}.get(name, "42")
    return Target(post_id, "p1", PostKind.PUBLIC_REPLY, "7112649035512873", "alice", NOW - AGES[age])


@pytest.mark.parametrize("name, kind, age", sorted(PRIVATE_OPEN))
@pytest.mark.parametrize("requested", list(ReplyMode))
@pytest.mark.parametrize("sensitive", [False, True], ids=["plain", "sensitive"])
@pytest.mark.parametrize("agent", ["senior@acme.test", "new@acme.test", "trainee@acme.test"],
                         ids=["no-review", "review-before", "review-after"])
def test_route(name, kind, age, requested, sensitive, agent):
    post = target(name, kind, age)
    open_now = channel(name).private_open(post, NOW)
    assert open_now is PRIVATE_OPEN[(name, kind, age)]
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
