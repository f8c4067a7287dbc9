"""Agents' replies a helpdesk's webhook did not bring, recovered by the sweep. django-helpdesk posts its
webhook once, inside the agent's request, and drops it when the bridge is down or slower than its timeout (a
storm): the agent sees the reply saved, and the customer would never get it. The sweep reads the helpdesk's
recent follow-ups and queues each agent reply the outbox does not hold yet; the outbox's key (helpdesk,
article) makes a reply the webhook did bring a duplicate, so nothing goes twice."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bridge.errors import BridgeError, PayloadError
from bridge.model import Reply
from bridge.runtime import Runtime
from bridge.usecases.receive import check_reply_fits, queue_replies

log = logging.getLogger("bridge.recover")

# How far back replies are recovered. Older ones are left: a reply saved hours ago and never sent is better
# resent by the agent, who knows whether it still fits, than posted late by the bridge.
RECOVER_WINDOW = timedelta(hours=6)


def recover_replies(rt: Runtime, now: datetime) -> int:
    """Queue the recent agent replies the outbox lacks; returns how many were queued."""
    try:
        replies = [reply for reply in rt.helpdesk.recent_replies(now - RECOVER_WINDOW) or () if _fits(rt, reply)]
        if not replies:
            return 0
        queued = [r for r in queue_replies(rt, replies) if r["status"] == "queued"]
    except BridgeError as exc:  # the helpdesk is down or answered oddly: the next sweep asks again
        log.warning("could not read %s's recent replies to recover any the webhook lost: %s", rt.helpdesk.name, exc)
        return 0
    for result in queued:
        log.warning("%s: agent reply %s reached the bridge only through the sweep (its webhook was lost); queued "
                    "as delivery %s", rt.helpdesk.name, result["article"], result["delivery"])
    return len(queued)


def _fits(rt: Runtime, reply: Reply) -> bool:
    """The webhook's own check of what the outbox stores: one reply that does not fit is left, not the rest."""
    try:
        check_reply_fits(reply)
    except PayloadError as exc:
        log.warning("%s: agent reply %s not recovered: %s", rt.helpdesk.name, reply.article_id, exc)
        return False
    return True
