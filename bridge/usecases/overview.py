"""What an admin sees first: each account's health, the backlog by state with its oldest age, and what
needs attention."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bridge.model import DeliveryState, EventState
from bridge.runtime import Runtime
from bridge.store import utcnow


@dataclass(frozen=True)
class AccountHealth:
    channel: str
    account: str
    deliveries_seen: int
    last_delivery_at: datetime | None
    broken: bool
    reason: str
    since: datetime | None
    advice: str
    poller_lag_seconds: float | None  # None: the account is not polled (or polling is not set up)


@dataclass(frozen=True)
class BacklogRow:
    queue: str  # inbound_events | deliveries
    state: str
    count: int
    oldest_seconds: float | None


@dataclass(frozen=True)
class Overview:
    accounts: list[AccountHealth]
    backlog: list[BacklogRow]
    attention: list[str]


def poller_lag(rt: Runtime) -> dict[tuple[str, str], float]:
    """Seconds since each polling account's last successful poll (from its start, before the first)."""
    now = utcnow()
    return {(p.channel, p.account): (now - p.last_success_at).total_seconds()
            for p in rt.store.pollers.all() if p.last_success_at is not None}


def overview(rt: Runtime) -> Overview:
    now = utcnow()
    seen = rt.store.events.seen_by_account()
    broken = {(a.channel, a.account): a for a in rt.store.accounts.broken()}
    lags = poller_lag(rt)
    accounts = []
    for channel, name in sorted(rt.settings.accounts):
        count, latest = seen.get((channel, name), (0, None))
        status = broken.get((channel, name))
        advice = (f"Renew the {channel} credentials of account {name} in the config and restart; replies wait in the "
                  "outbox and go out once a call works again.") if status else ""
        accounts.append(AccountHealth(channel, name, count, latest, status is not None,
                                      status.reason if status else "", status.since if status else None, advice,
                                      lags.get((channel, name))))
    helpdesk = broken.get(("helpdesk", rt.helpdesk.name))
    backlog = [BacklogRow(queue, row.state, row.count,
                          round((now - row.oldest).total_seconds(), 1) if row.oldest else None)
               for queue, rows in rt.store.backlog().items() for row in sorted(rows, key=lambda r: r.state)]
    counts = {(row.queue, row.state): row.count for row in backlog}
    attention = []
    if helpdesk:
        attention.append(f"The helpdesk ({rt.helpdesk.name}) refuses the bridge's credentials: {helpdesk.reason}")
    for account in accounts:
        if account.broken:
            attention.append(f"{account.channel}/{account.account}: credentials refused ({account.reason})")
    failed_events = counts.get(("inbound_events", EventState.FAILED.value), 0)
    if failed_events:
        attention.append(f"{failed_events} inbound event(s) failed: see Failed events")
    held = counts.get(("deliveries", DeliveryState.AWAITING_APPROVAL.value), 0)
    if held:
        attention.append(f"{held} repl{'y' if held == 1 else 'ies'} held for approval: see Outbox")
    failed = counts.get(("deliveries", DeliveryState.FAILED.value), 0)
    if failed:
        attention.append(f"{failed} repl{'y' if failed == 1 else 'ies'} failed: see Outbox")
    return Overview(accounts, backlog, attention)
