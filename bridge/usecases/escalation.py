"""Escalating a ticket: raise its priority, tag it, tell the agents, and notify the team's URL."""
from __future__ import annotations

import logging

from bridge import metrics
from bridge.errors import BridgeError
from bridge.http import call
from bridge.model import Priority
from bridge.runtime import Runtime

log = logging.getLogger("bridge.escalation")


def escalate(rt: Runtime, conversation_id: int, ticket_id: str, tag: str, note: str, priority: Priority,
             release: str | None = None) -> bool:
    """True when the helpdesk took it. On failure, `release` (a once-only column) is cleared so the next
    sweep tries again."""
    try:
        rt.helpdesk.escalate(ticket_id, priority, tag, note)
    except BridgeError as exc:
        if release:
            rt.store.conversations.release_once(conversation_id, release)
        log.warning("ticket %s: escalation %s failed%s: %s", ticket_id, tag, ", will retry" if release else "", exc)
        return False
    rt.store.conversations.set_priority(conversation_id, priority.value)
    notify_escalation(rt, {"ticket_id": ticket_id, "escalation": tag, "priority": priority.value})
    metrics.ESCALATIONS.labels(tag).inc()
    return True


def notify_escalation(rt: Runtime, event: dict) -> None:
    """POST the escalation to the configured URL (chat, pager); best effort, never with message text."""
    url = rt.settings.escalation_url
    if not url:
        return
    try:
        call(rt.session, "POST", url, what="escalation notification", idempotent=False, json=event, timeout=(3, 5))
    except BridgeError as exc:
        log.warning("escalation notification failed: %s", exc)


def raised(priority: Priority) -> Priority:
    """One step up, at most urgent."""
    order = list(Priority)
    return order[min(order.index(priority) + 1, len(order) - 1)]
