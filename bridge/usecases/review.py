"""Approving or rejecting held replies: one path for a reviewer in the helpdesk (a macro or field) and
one in the admin API. Nobody approves their own reply, nor does an agent whose own replies are held
for review; such a reply stays held and its agent is told why."""
from __future__ import annotations

from dataclasses import dataclass

from bridge.helpdesks.base import ReviewDecision
from bridge.model import DeliveryState
from bridge.pipeline.review import approval_refused
from bridge.runtime import Runtime


@dataclass(frozen=True)
class ReviewResult:
    delivery: int
    status: str  # approved | rejected | refused | already decided | not held
    reason: str = ""

    @property
    def done(self) -> bool:
        return self.status in ("approved", "rejected")


def decide(rt: Runtime, delivery_id: int, reviewer: str, *, approve: bool, text: str | None = None,
           reason: str = "") -> ReviewResult:
    """Approve (optionally with the reviewer's edit) or reject one held reply."""
    held = rt.store.outbox.find(delivery_id)
    if held is None or held.state != DeliveryState.AWAITING_APPROVAL:
        return ReviewResult(delivery_id, "not held", f"delivery {delivery_id} is not awaiting approval")
    why = approval_refused(reviewer, held.agent, rt.settings.review_rules) if approve else None
    if why:
        rt.store.outbox.update(delivery_id, note=f"Reply still held: {reviewer} cannot approve {why}; "
                               "another reviewer must approve it.", noted_at=None)
        rt.enqueue("deliver", delivery_id)  # writes that note; the reply stays held
        return ReviewResult(delivery_id, "refused", f"cannot approve {why}")
    if approve:
        done = rt.store.outbox.approve(delivery_id, reviewer, text)
    else:
        done = rt.store.outbox.reject(delivery_id, reviewer, reason)
    if not done:
        return ReviewResult(delivery_id, "already decided", f"delivery {delivery_id} is not awaiting approval")
    rt.enqueue("deliver", delivery_id)  # sends it, or writes the rejection note
    return ReviewResult(delivery_id, "approved" if approve else "rejected")


def decide_ticket(rt: Runtime, helpdesk: str, decision: ReviewDecision) -> list[ReviewResult]:
    """A decision made in the helpdesk applies to every reply the ticket holds."""
    return [decide(rt, held.id, decision.reviewer, approve=decision.approve)
            for held in rt.store.outbox.held(helpdesk, decision.ticket_id)]
