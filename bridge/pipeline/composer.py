"""What the agent sees before replying and at the top of a social ticket: the customer, where a reply
goes by default, and how the platform counts its length. Pure: the channel's facts come in as values."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bridge.model import Post, SocialContext


@dataclass(frozen=True)
class ChannelFacts:
    """A channel's limits and counting rules (from its class) and the brand's handle (from its account)."""

    label: str
    public_limit: int
    private_limit: int
    counting: str = "characters"
    private_counting: str = "characters"
    brand: str | None = None
    profile_url: str | None = None


def reply_destination(facts: ChannelFacts, handle: str, *, private: bool) -> str:
    brand = f", as {facts.brand}" if facts.brand else ""
    if private:
        return f"Private message on {facts.label} to {handle}{brand}"
    return f"Public reply on {facts.label} to {handle}{brand} (anyone can see it)"


def social_context(post: Post, facts: ChannelFacts, *, sensitive: bool = False,
                   earlier_tickets: Sequence[str] = ()) -> SocialContext:
    """A DM, or a thread where the customer exposed sensitive data, is answered privately by default."""
    handle = f"@{post.author.handle.lstrip('@')}"
    private = post.kind.is_private or sensitive
    return SocialContext(
        channel=post.platform, channel_label=facts.label, kind=post.kind, handle=handle,
        display_name=post.author.display_name, followers=post.author.followers, verified=post.author.verified,
        profile_url=facts.profile_url, post_url=post.url, brand=facts.brand or "",
        reply_destination=reply_destination(facts, handle, private=private),
        reply_limit=facts.private_limit if private else facts.public_limit,
        reply_unit="bytes" if private and facts.private_counting == "utf8-bytes" else "characters",
        counting=facts.private_counting if private else facts.counting,
        earlier_tickets=tuple(earlier_tickets), sensitive=sensitive)

