"""Polling: for channels whose posts must be fetched, what is new since each account's cursor becomes
inbound events, ingested exactly like webhook deliveries.

No duplicate and no gap: the items are stored (deduped by event id) before the cursor moves on, so a
crash or a restart repeats the last poll at worst, and the repeat is deduped. A first poll, or one
after a long outage, reaches back at most the account's backfill window.

Listening rules (a mapping's `listening:` section) are searched in the same turn, each with its own
cursor: a found post is stored for a ticket only when it looks like a customer talking to or about
the brand (bridge.pipeline.listening), and no more than the rule's hourly cap; the rest are counted."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone

from bridge import metrics
from bridge.channels.base import Channel
from bridge.errors import BridgeError
from bridge.pipeline.listening import ListeningRule, relevance
from bridge.runtime import Runtime
from bridge.store import utcnow
from bridge.store.listeners import event_prefix
from bridge.usecases.failures import Failure, classify, credentials_refused, credentials_work, retry_delay

log = logging.getLogger("bridge.poll")

MAX_ERROR_BACKOFF = timedelta(minutes=30)


def polling_accounts(rt: Runtime) -> list[tuple[str, str]]:
    """Every configured account whose channel polls, or that has listening rules to search."""
    return [(channel, name) for (channel, name) in sorted(rt.settings.accounts)
            if rt.channel(channel, name).polls or listening_rules(rt, channel, name)]


def listening_rules(rt: Runtime, channel: str, account: str) -> list[ListeningRule]:
    mapping = rt.mappings.get(channel)
    return mapping.listening.rules_for(account) if mapping and mapping.listening else []


def poll_due(rt: Runtime, now: datetime) -> list[tuple[str, str]]:
    """The polling accounts due now (their rows created on first sight)."""
    configured = set(polling_accounts(rt))
    for channel, account in configured:
        rt.store.pollers.ensure(channel, account)
    return [key for key in rt.store.pollers.due(now.astimezone(timezone.utc).replace(tzinfo=None)) if key in configured]


def poll(rt: Runtime, channel_name: str, account: str) -> str:
    """One poll of one account: "polled", "skipped" (not due, or held by another process), "retry"
    or "failed"."""
    state = rt.store.pollers.claim(channel_name, account)
    if state is None:
        return "skipped"
    channel = rt.channel(channel_name, account)
    if not channel.polls:  # an account polled only for its listening rules
        listen(rt, channel, channel_name, account)
        rt.store.pollers.succeeded(state.id, state.cursor, 0, channel.poll_every)
        return "polled"
    now = datetime.now(timezone.utc)
    since = now - channel.backfill
    try:
        result = channel.poll(state.cursor, since)
    except BridgeError as exc:
        failure = classify(exc)
        if failure is Failure.CREDENTIALS:
            credentials_refused(rt, channel_name, account, exc)
        if failure is Failure.PERMANENT:
            # a bad answer from the platform: try again later, less often each time; /healthz shows it
            delay = min(channel.poll_every * 2 ** min(state.errors_in_a_row, 10), MAX_ERROR_BACKOFF)
        else:
            delay = timedelta(seconds=max(retry_delay(failure, exc, state.errors_in_a_row + 1),
                                          channel.poll_every.total_seconds()))
        rt.store.pollers.failed(state.id, str(exc), delay)
        metrics.POLLS.labels(channel_name, "failed" if failure is Failure.PERMANENT else "retry").inc()
        log.warning("poll %s/%s: %s; next in %.0fs", channel_name, account, exc, delay.total_seconds())
        return "failed" if failure is Failure.PERMANENT else "retry"
    new = 0
    for item in result.items:
        row_id, created = rt.store.events.add(channel_name, account, item.event_id,
                                              json.dumps(item.payload, ensure_ascii=False))
        if created:
            new += 1
            rt.enqueue("ingest", row_id)
    rt.store.pollers.succeeded(state.id, result.cursor, new, timedelta(0) if result.more else channel.poll_every)
    credentials_work(rt, channel_name, account)
    metrics.POLLS.labels(channel_name, "polled").inc()
    metrics.POLLED_ITEMS.labels(channel_name).inc(new)
    if new:
        log.info("poll %s/%s: %d new of %d", channel_name, account, new, len(result.items))
    listen(rt, channel, channel_name, account)
    return "polled"


def listen(rt: Runtime, channel: Channel, channel_name: str, account: str) -> None:
    """One search for each of the account's listening rules that is due. A failing search waits (backing
    off) without holding up the account's mentions or its other rules."""
    for rule in listening_rules(rt, channel_name, account):
        state = rt.store.listeners.claim(channel_name, account, rule.name)
        if state is None:
            continue
        every = rule.every or channel.poll_every
        now = datetime.now(timezone.utc)
        try:
            result = channel.search(rule.query, now - channel.backfill, state.cursor)
        except BridgeError as exc:
            failure = classify(exc)
            if failure is Failure.CREDENTIALS:
                credentials_refused(rt, channel_name, account, exc)
            delay = min(max(timedelta(seconds=retry_delay(failure, exc, state.errors_in_a_row + 1)), every)
                        * (2 ** min(state.errors_in_a_row, 5) if failure is Failure.PERMANENT else 1), MAX_ERROR_BACKOFF)
            rt.store.listeners.failed(state.id, str(exc), delay)
            log.warning("listen %s/%s rule %s: %s; next in %.0fs", channel_name, account, rule.name, exc,
                        delay.total_seconds())
            continue
        counts = {"ticketed": 0, "irrelevant": 0, "capped": 0}
        room = rule.max_per_hour - rt.store.listeners.stored_since(channel_name, account, rule.name,
                                                                   utcnow() - timedelta(hours=1))
        for item in result.items:
            outcome = _listened(rt, channel, channel_name, account, rule, item.event_id, item.payload, room > 0)
            if outcome == "stored":
                room -= 1
                outcome = "ticketed"
            if outcome:
                counts[outcome] += 1
                metrics.LISTENED.labels(channel_name, outcome).inc()
        rt.store.listeners.succeeded(state.id, result.cursor, timedelta(0) if result.more else every, **counts)
        if any(counts.values()):
            log.info("listen %s/%s rule %s: %d for tickets, %d not relevant, %d over the hourly cap of %d",
                     channel_name, account, rule.name, counts["ticketed"], counts["irrelevant"], counts["capped"],
                     rule.max_per_hour)


def _listened(rt: Runtime, channel: Channel, channel_name: str, account: str, rule: ListeningRule, item_id: str,
              payload: dict, room: bool) -> str | None:
    """Decide on one found post: "stored" (an event for ingest), "irrelevant", "capped", or None (seen
    before, or not a post the channel reads)."""
    try:
        posts = channel.parse(payload)
    except (BridgeError, ValueError) as exc:
        log.warning("listen %s/%s rule %s: an unreadable search result skipped: %s", channel_name, account,
                    rule.name, exc)
        return None
    listening = rt.mappings[channel_name].listening
    if not posts or listening is None:
        return None
    decision = relevance(" ".join(post.text for post in posts), listening)
    if not decision.relevant:
        return "irrelevant"
    event_id = event_prefix(rule.name) + item_id
    if not room:
        # a post taken before and read again (searches may repeat) is not a new one over the cap
        return None if rt.store.events.exists(channel_name, account, event_id) else "capped"
    row_id, created = rt.store.events.add(channel_name, account, event_id, json.dumps(
        {"listened": {"rule": rule.name, "query": rule.query, "reason": decision.reason}, "item": payload},
        ensure_ascii=False))
    if not created:
        return None
    rt.enqueue("ingest", row_id)
    return "stored"
