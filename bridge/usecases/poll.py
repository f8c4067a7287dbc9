"""Polling: for channels whose posts must be fetched, what is new since each account's cursor becomes
inbound events, ingested exactly like webhook deliveries.

No duplicate and no gap: the items are stored (deduped by event id) before the cursor moves on, so a
crash or a restart repeats the last poll at worst, and the repeat is deduped. A first poll, or one
after a long outage, reaches back at most the account's backfill window."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone

from bridge import metrics
from bridge.errors import BridgeError
from bridge.runtime import Runtime
from bridge.usecases.failures import Failure, classify, credentials_refused, credentials_work, retry_delay

log = logging.getLogger("bridge.poll")

MAX_ERROR_BACKOFF = timedelta(minutes=30)


def polling_accounts(rt: Runtime) -> list[tuple[str, str]]:
    """Every configured account whose channel polls."""
    return [(channel, name) for (channel, name) in sorted(rt.settings.accounts) if rt.channel(channel, name).polls]


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
    return "polled"
