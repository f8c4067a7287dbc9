"""The routing simulator: where would this reply go, and why? The same decision deliver makes
(pipeline/routing.decide_route with the channel's private_open and measure), with nothing sent."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from bridge.errors import ConfigError
from bridge.model import ReplyMode
from bridge.pipeline.privacy import sensitive_kinds
from bridge.pipeline.review import BEFORE, review_mode
from bridge.pipeline.routing import decide_route
from bridge.runtime import Runtime


@dataclass(frozen=True)
class Simulation:
    outcome: str  # public | private | phone | held | none
    route: str | None  # public | private | phone: where it goes (after approval, when held)
    reason: str
    acknowledgement: str | None  # the public note posted in the thread, when the answer goes elsewhere
    length: int | None
    limit: int | None
    unit: str | None
    fits: bool | None
    sensitive_kinds: tuple[str, ...]
    held_for_review: bool


def simulate(rt: Runtime, conversation_id: int, text: str, requested: ReplyMode = ReplyMode.PUBLIC, agent: str = "",
             now: datetime | None = None) -> Simulation | None:
    """None when there is no such conversation."""
    conversations = rt.store.conversations
    conversation = conversations.find(conversation_id)
    if conversation is None:
        return None
    findings = rt.detector.find(text)
    kinds = tuple(sensitive_kinds(findings))
    held = review_mode(agent, rt.settings.review_rules) == BEFORE
    target = conversations.latest_target(conversation.id)
    if target is None:
        return Simulation("none", None, "the bridge has no post to answer in this conversation (deleted?)", None,
                          None, None, None, None, kinds, held)
    try:
        channel = rt.channel(conversation.channel, conversation.account)
    except ConfigError:
        return Simulation("none", None, f"the {conversation.channel} account is not configured in the bridge", None,
                          None, None, None, None, kinds, held)
    now = now or datetime.now(timezone.utc)
    route = decide_route(requested, target, sensitive_kinds=kinds, conversation_sensitive=conversation.sensitive,
                         private_open=channel.private_open(target, now))
    mapping = rt.mappings[conversation.channel]
    acknowledgement = None
    if route.acknowledge_publicly and route.mode in (ReplyMode.PRIVATE, ReplyMode.PHONE):
        acknowledgement = mapping.acknowledgements["private" if route.mode is ReplyMode.PRIVATE else "phone"]
    length = limit = unit = fits = None
    if route.mode is not ReplyMode.PHONE:
        measure = channel.measure(text, target, private=route.mode is ReplyMode.PRIVATE)
        length, limit, unit, fits = measure.length, measure.limit, measure.unit, measure.fits
    reason = route.reason
    if held:
        reason = f"held for review before it is published ({agent}'s replies are reviewed first); then: {reason}"
    return Simulation("held" if held else route.mode.value, route.mode.value, reason, acknowledgement, length, limit,
                      unit, fits, kinds, held)
