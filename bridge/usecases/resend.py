"""Sending a failed reply again, from the console, where that is safe: the platform certainly did not take
it (not a timeout, not a send the bridge was interrupted in), nothing was posted, and the stored text is the
agent's own (a reply with sensitive data is kept masked once done with, so it cannot be resent). The resend
is a new outbox row for the same ticket, so it goes through the whole delivery path again (routing,
limits, the last check for sensitive data, the note on the ticket); the failed row stays as it was."""
from __future__ import annotations

from dataclasses import dataclass

from bridge.model import DeliveryState, Reply, ReplyMode
from bridge.runtime import Runtime
from bridge.store.tables import Delivery

UNKNOWN_OUTCOME = "Reply status unknown"  # how deliver and the sweep begin the note of an ambiguous send


@dataclass(frozen=True)
class ResendResult:
    delivery: int
    new_delivery: int | None
    reason: str = ""


def why_not(delivery: Delivery) -> str | None:
    """Why this delivery may not be resent, or None when it may."""
    if delivery.state != DeliveryState.FAILED.value:
        return "only failed replies are resent"
    if (delivery.note or "").startswith(UNKNOWN_OUTCOME):
        return "the platform may have taken it (the send timed out or was interrupted): check the thread"
    if delivery.external_id:
        return "the platform took it"
    if delivery.sensitive_kinds:
        return "it held sensitive data and is stored masked: the agent sends it again from the helpdesk"
    return None


def resend(rt: Runtime, delivery_id: int, by: str) -> ResendResult:
    failed = rt.store.outbox.find(delivery_id)
    if failed is None:
        return ResendResult(delivery_id, None, f"no reply {delivery_id}")
    refused = why_not(failed)
    if refused:
        return ResendResult(delivery_id, None, refused)
    reply = Reply(helpdesk=failed.helpdesk, ticket_id=failed.ticket_id, article_id=f"{failed.article_id}:resend",
                  text=failed.text, requested_mode=ReplyMode(failed.requested_mode), agent=failed.agent)
    new_id, created = rt.store.outbox.add(reply, failed.conversation_id)  # approved (or never held) already
    if not created:
        return ResendResult(delivery_id, new_id, f"already resent as reply {new_id}")
    conversation = rt.store.conversations.get(failed.conversation_id)
    rt.store.audit.add(delivery_id=new_id, channel=conversation.channel, account=conversation.account,
                       action="resend_requested", requested_mode=failed.requested_mode, reviewer=by,
                       reason=f"resend of failed reply {delivery_id}")
    rt.enqueue("deliver", new_id)
    return ResendResult(delivery_id, new_id)
