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
