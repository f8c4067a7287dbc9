"""Where a reply goes by default and how its length is counted, for the helpdesk's reply form."""
from datetime import datetime, timezone

from bridge.model import Author, Post, PostKind
from bridge.pipeline.composer import ChannelFacts, social_context

X = ChannelFacts(label="X", public_limit=280, private_limit=10000, counting="x-weighted", brand="@AcmeSupport",
                 profile_url="https://x.com/alice")
INSTAGRAM = ChannelFacts(label="Instagram", public_limit=2200, private_limit=1000, private_counting="utf8-bytes")


def post(kind: PostKind, platform: str = "x") -> Post:
    return Post(platform=platform, account="acme", post_id="1", conversation_id="1", kind=kind,
                author=Author(platform_id="9", handle="alice", display_name="Alice", followers=1200, verified=True),
                text="hi", created_at=datetime(2026, 11, 26, tzinfo=timezone.utc), url="https://x.com/alice/status/1")


def test_a_public_post_is_answered_in_public_by_the_platforms_rule():
    context = social_context(post(PostKind.PUBLIC_POST), X, earlier_tickets=["3"])
    assert context.reply_destination == "Public reply on X to @alice, as @AcmeSupport (anyone can see it)"
    assert (context.reply_limit, context.counting, context.reply_unit) == (280, "x-weighted", "characters")
    assert context.summary() == "@alice (Alice) on X · 1,200 followers · verified"
    assert context.earlier_tickets == ("3",) and context.profile_url == "https://x.com/alice"


def test_a_dm_or_a_sensitive_thread_is_answered_privately():
    for context in (social_context(post(PostKind.DIRECT_MESSAGE), X), social_context(post(PostKind.PUBLIC_POST), X,
                                                                                    sensitive=True)):
        assert context.reply_destination == "Private message on X to @alice, as @AcmeSupport"
        assert (context.reply_limit, context.counting) == (10000, "characters")


def test_instagram_dms_are_counted_in_bytes():
    context = social_context(post(PostKind.DIRECT_MESSAGE, "instagram"), INSTAGRAM)
    assert (context.reply_limit, context.counting, context.reply_unit) == (1000, "utf8-bytes", "bytes")
    assert context.reply_destination == "Private message on Instagram to @alice"
