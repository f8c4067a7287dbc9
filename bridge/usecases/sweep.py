"""The periodic work: SLA warnings and escalations (each exactly once), and deliveries interrupted
mid-send (never resent blindly)."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bridge.errors import BridgeError
from bridge.model import DeliveryState, Priority
from bridge.pipeline.sla import Due, clock_state
from bridge.runtime import Runtime
from bridge.store.database import aware
from bridge.usecases.escalation import escalate, raised

log = logging.getLogger("bridge.sweep")

KEYWORDS_KEPT = timedelta(days=1)  # post keywords are kept this long, for storm detection


def settle_interrupted(rt: Runtime) -> int:
    """A delivery left in 'sending' by a dead worker may already be online. Never resend it blindly:
    mark it failed and tell the agent to check."""
    count = 0
    for delivery_id in rt.store.outbox.stuck_sending():
        delivery = rt.store.outbox.get(delivery_id)
        conversation = rt.store.conversations.get(delivery.conversation_id)
        if not rt.store.outbox.move(
                delivery_id, DeliveryState.SENDING, DeliveryState.FAILED, lease_until=None,
                last_error="interrupted while sending",
                note=f"Reply status unknown: the bridge stopped while sending it to {conversation.channel}. "
                     "Check the thread before sending it again."):
            continue  # it finished after all
        rt.store.audit.add(delivery_id=delivery_id, channel=conversation.channel, account=conversation.account,
                           action="failed", route=delivery.route, reason="interrupted while sending")
        rt.enqueue("deliver", delivery_id)  # to write the note
        count += 1
    return count


def sweep_clocks(rt: Runtime, now: datetime) -> int:
    """Warn at 80 % of the first-response target and escalate past the maximum, each exactly once
    (the claim is a conditional UPDATE, so concurrent sweeps cannot both act)."""
    conversations = rt.store.conversations
    acted = 0
    told: set[tuple[str, str]] = set()  # (ticket, what): a storm's incident ticket is told once a sweep
    for conversation in conversations.running_clocks(now):
        ticket_id = conversation.ticket_id
        target_at, due_at = aware(conversation.first_response_target_at), aware(conversation.first_response_due_at)
        warning_at = aware(conversation.first_response_warning_at)
        if ticket_id is None or target_at is None or due_at is None or warning_at is None:
            continue  # running_clocks returns only ticketed conversations with a clock
        due = Due(first_response_target_at=target_at, first_response_due_at=due_at, first_response_warning_at=warning_at)
        state = clock_state(due, now)
        if state in ("warning", "breached") and (ticket_id, state) in told:
            # another customer on the same incident ticket, in the same state: recorded, not repeated
            if state == "breached":
                conversations.claim_once(conversation.id, "breached_at")
            conversations.claim_once(conversation.id, "warned_at")
            continue
        told.add((ticket_id, state))
        if state == "breached" and conversations.claim_once(conversation.id, "breached_at"):
            higher = raised(Priority(conversation.priority))
            if not escalate(rt, conversation.id, ticket_id, "sla-breached",
                            f"SLA breached: no first response since the {conversation.channel} post; it was due by "
                            f"{due.first_response_due_at:%Y-%m-%d %H:%M} UTC. Priority raised to {rt.helpdesk.priority_label(higher)}.",
                            higher, release="breached_at"):
                continue
            conversations.claim_once(conversation.id, "warned_at")  # a breach makes the warning moot
            acted += 1
        elif state in ("warning", "breached") and conversations.claim_once(conversation.id, "warned_at"):
            minutes = max(0, int((due.first_response_due_at - now).total_seconds() // 60))
            try:
                rt.helpdesk.add_note(ticket_id, f"SLA warning: first response due by "
                                     f"{due.first_response_due_at:%H:%M} UTC ({minutes} min left).")
                acted += 1
            except BridgeError as exc:
                conversations.release_once(conversation.id, "warned_at")
                log.warning("ticket %s: SLA warning not written, will retry: %s", ticket_id, exc)
    conversations.forget_keywords(now - KEYWORDS_KEPT)
    rt.store.storms.forget(now - KEYWORDS_KEPT)  # storm signatures nobody counted under for longer than a window
    return acted
