"""How an agent reply leaves: publicly in the thread, privately to the author, or as a phone
handoff. The one rule that nothing overrides: a reply with sensitive data is never public."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bridge.model import ReplyMode, Target


@dataclass(frozen=True)
class Route:
    mode: ReplyMode
    reason: str
    # a short public note in the thread ("We've sent you a private message"), when the customer
    # wrote publicly but the answer goes elsewhere
    acknowledge_publicly: bool = False


def decide_route(requested: ReplyMode, target: Target, *, sensitive_kinds: Sequence[str] = (),
                 conversation_sensitive: bool = False, private_open: bool = True) -> Route:
    if target.kind.is_private:
        if private_open:
            return Route(ReplyMode.PRIVATE, "the customer wrote privately")
        return Route(ReplyMode.PHONE, "the customer wrote privately and the platform's messaging window is closed")
    if requested is ReplyMode.PHONE:
        return Route(ReplyMode.PHONE, "the agent asked for a phone callback", acknowledge_publicly=True)
    if sensitive_kinds:
        why = f"the reply contains sensitive data ({', '.join(sorted(set(sensitive_kinds)))}), never posted publicly"
    elif requested is ReplyMode.PRIVATE:
        why = "the agent asked for a private reply"
    elif conversation_sensitive:
        why = "the customer shared sensitive data in this conversation, so replies default to private"
    else:
        return Route(ReplyMode.PUBLIC, "public reply in the customer's thread")
    if private_open:
        return Route(ReplyMode.PRIVATE, why, acknowledge_publicly=True)
    return Route(ReplyMode.PHONE, f"{why}; no private path is open on the platform now", acknowledge_publicly=True)


def backoff_seconds(attempts: int, retry_after: float | None = None, cap: float = 300.0) -> float:
    """Wait before the next try: what the remote asked for, else doubling from 2 s up to 5 minutes."""
    if retry_after is not None:
        return max(1.0, min(retry_after, 3600.0))
    return min(cap, 2.0 ** max(1, attempts))
