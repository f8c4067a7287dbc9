"""The Odoo addon's "Social reply" box (models/reply_surface.py, plain Python run here as Odoo runs it): where
a reply goes agrees with the bridge's routing, and the length with each platform's counting in the bridge."""
from __future__ import annotations

import importlib.util
from datetime import datetime, timezone

import pytest

from bridge import registry
from bridge.channels.bluesky.channel import graphemes
from bridge.helpdesks.odoo.addon import ADDON_DIR
from bridge.model import PostKind, ReplyMode, Target
from bridge.pipeline.routing import decide_route

spec = importlib.util.spec_from_file_location("reply_surface", ADDON_DIR / "models" / "reply_surface.py")
assert spec and spec.loader
reply_surface = importlib.util.module_from_spec(spec)
spec.loader.exec_module(reply_surface)

RULES = {name: (r.label, r.public_limit, r.public_counting, r.private_limit, r.private_counting)
         for name, r in registry.reply_rules().items()}


def where(channel="x", mode="public", private_thread=False, sensitive=False, handle="@alice", brand="@AcmeSupport"):
    return reply_surface.surface(RULES[channel], mode, private_thread, sensitive, handle, brand)


def test_a_public_reply_names_the_platform_the_customer_and_the_brand():
    assert where() == ("public", "Public reply on X to @alice, as @AcmeSupport (anyone can see it)", 280, "x-weighted")


def test_a_private_message_counts_against_the_private_limit_and_rule():
    assert where(mode="private") == ("private", "Private message on X to @alice, as @AcmeSupport", 10000, "characters")
    assert where("instagram", mode="private")[2:] == (1000, "utf8-bytes")


@pytest.mark.parametrize("channel", sorted(RULES))
@pytest.mark.parametrize("mode", [m.value for m in ReplyMode])
@pytest.mark.parametrize("private_thread", [False, True])
@pytest.mark.parametrize("sensitive", [False, True])
def test_the_box_routes_as_the_bridge_does(channel, mode, private_thread, sensitive):
    kind = PostKind.DIRECT_MESSAGE if private_thread else PostKind.PUBLIC_POST
    target = Target(post_id="1", conversation_id="1", kind=kind, author_id="2", author_handle="alice",
                    posted_at=datetime(2026, 5, 4, tzinfo=timezone.utc))
    private_open = RULES[channel][3] > 0
    route = decide_route(ReplyMode(mode), target, conversation_sensitive=sensitive, private_open=private_open)
    assert where(channel, mode, private_thread, sensitive)[0] == route.mode.value


def test_a_platform_without_private_messages_hands_a_private_answer_off_to_the_phone():
    kind, text, limit, _ = where("youtube", mode="private")
    assert (kind, limit) == ("phone", 0) and text == "Phone handoff: nothing is posted; call @alice back (YouTube has no private messages)"
    assert reply_surface.describe("anything", where("youtube", mode="private")) == "Nothing is posted"


@pytest.mark.parametrize("text", ["Thanks!", "Sorry — we'll fix it: https://status.example.com/incident/42 today",
                                  "ありがとうございます", "Great 👍🏽 see you", "a" * 281, "東京 https://x.co/a 🎉",
                                  "👨‍👩‍👧 family", "🇩🇪 and ❤️"])
def test_x_weighting_matches_twitter_text(text):
    import twitter_text

    assert reply_surface.length(text, "x-weighted") == twitter_text.parse_tweet(text).weightedLength


@pytest.mark.parametrize("text", ["Thanks!", "Great 👍🏽 see you", "👨‍👩‍👧 family", "Café", "🇩🇪🇫🇷 flags", "e\u0301t\u00e9"])
def test_graphemes_match_the_bridges_count(text):
    assert reply_surface.length(text, "graphemes") == graphemes(text)


def test_bytes_and_characters():
    assert reply_surface.length("Grüße 👍", "utf8-bytes") == len("Grüße 👍".encode())
    assert reply_surface.length("Grüße 👍", "characters") == 7


def test_the_length_line_says_when_the_bridge_will_refuse_the_reply():
    assert reply_surface.describe("Thanks!", where()) == "7 / 280 characters"
    assert reply_surface.describe("x" * 281, where()) == "281 / 280 characters: too long, the bridge will not send it"
    assert reply_surface.describe("ü" * 600, where("instagram", mode="private")) == \
        "1200 / 1000 bytes: too long, the bridge will not send it"
