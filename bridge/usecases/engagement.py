"""Virality after ingest: a post that takes off after its ticket was made. The engagement of recent
public posts is re-read on a schedule that backs off with age (pipeline.priority.next_engagement_check),
and a conversation is escalated once when the growth crosses its mapping's virality threshold."""
from __future__ import annotations

import logging
from collections import defaultdict
from datetime import datetime

from bridge.errors import BridgeError, ConfigError
from bridge.model import Priority
from bridge.pipeline.priority import next_engagement_check, viral_growth
from bridge.runtime import Runtime
from bridge.store.database import aware
from bridge.store.tables import Conversation
from bridge.usecases.escalation import escalate

log = logging.getLogger("bridge.engagement")


def reread_engagement(rt: Runtime, now: datetime) -> int:
    """Re-read what is due; returns how many conversations were escalated."""
    by_account: dict[tuple[str, str], list[Conversation]] = defaultdict(list)
    for conversation in rt.store.conversations.engagement_due(now):
        by_account[(conversation.channel, conversation.account)].append(conversation)
    escalated = 0
    for (channel_name, account), conversations in by_account.items():
        try:
            channel = rt.channel(channel_name, account)
            counts = channel.engagement([c.engagement_post_id for c in conversations if c.engagement_post_id])
        except (BridgeError, ConfigError) as exc:
            log.warning("engagement of %s/%s not re-read: %s", channel_name, account, exc)
            counts = {}
        mapping = rt.mappings.get(channel_name)
        rule = mapping.priority_rules.virality if mapping else None
        for conversation in conversations:
            found = counts.get(conversation.engagement_post_id or "")
            total = found.likes + found.reposts + found.replies if found else None
            opened = aware(conversation.opened_at) or now
            wait = next_engagement_check(now - opened)
            rt.store.conversations.engagement_read(conversation.id, total, now, now + wait if wait else None)
            before_at = aware(conversation.engagement_read_at) or opened
            if rule is None or total is None or conversation.ticket_id is None:
                continue
            reason = viral_growth(rule, conversation.engagement_total or 0, before_at, total, now)
            if reason and rt.store.conversations.claim_once(conversation.id, "viral_escalated_at"):
                if escalate(rt, conversation.id, conversation.ticket_id, "social-viral-risk",
                            f"At risk of going viral: {reason}. Answer soon and consider a public statement.",
                            max(rule.priority, Priority(conversation.priority), key=list(Priority).index),
                            release="viral_escalated_at"):
                    escalated += 1
    return escalated
