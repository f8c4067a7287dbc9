"""How an agent reply leaves: publicly in the thread, or privately to the author."""
from __future__ import annotations

from dataclasses import dataclass

from bridge.model import ReplyMode, Target


@dataclass(frozen=True)
class Route:
    mode: ReplyMode
    reason: str


def decide_route(requested: ReplyMode, target: Target) -> Route:
    if target.kind.is_private:
        return Route(ReplyMode.PRIVATE, "the customer wrote privately")
    if requested is ReplyMode.PRIVATE:
        return Route(ReplyMode.PRIVATE, "the agent asked for a private reply")
    if requested is ReplyMode.PHONE:
        return Route(ReplyMode.PHONE, "the agent asked for a phone callback")
    return Route(ReplyMode.PUBLIC, "public reply in the customer's thread")


def backoff_seconds(attempts: int, retry_after: float | None = None, cap: float = 300.0) -> float:
    """Wait before the next try: what the remote asked for, else doubling from 2 s up to 5 minutes."""
    if retry_after is not None:
        return max(1.0, min(retry_after, 3600.0))
    return min(cap, 2.0 ** max(1, attempts))
