"""Which agents' replies a supervisor reviews, and when."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

BEFORE = "before"  # held as awaiting approval until a reviewer approves, edits or rejects it
AFTER = "after"  # published at once, queued for review afterwards


def review_mode(agent: str, rules: Iterable[Mapping[str, Any]]) -> str | None:
    """The first rule naming the agent decides (case-insensitive); None: not reviewed."""
    wanted = agent.strip().lower()
    for rule in rules:
        if wanted and wanted in (a.strip().lower() for a in rule["agents"]):
            return rule["mode"]
    return None


def approval_refused(reviewer: str, agent: str, rules: Iterable[Mapping[str, Any]]) -> str | None:
    """Why `reviewer` may not approve `agent`'s held reply, or None when they may. Nobody approves their own
    reply, nor does an agent whose own replies are held for review."""
    if reviewer.strip().lower() == agent.strip().lower():
        return "their own reply"
    if review_mode(reviewer, rules) == BEFORE:
        return "replies while their own replies are held for review"
    return None
