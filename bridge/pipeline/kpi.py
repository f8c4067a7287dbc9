"""Response KPIs from the bridge's own records: volume, first-response time p50/p90, share of
SLAs met; per channel and day, per channel, per day and in total. Pure: `now` is passed in.

First-response times are wall-clock minutes from the customer's post to the first reply the
bridge delivered (what the customer waited), whatever the channel's business hours.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone, tzinfo
from typing import Any


@dataclass(frozen=True)
class ResponseRecord:
    channel: str
    created_at: datetime  # the customer's post
    first_response_at: datetime | None  # the first reply the bridge delivered
    due_at: datetime  # the first-response deadline the SLA is judged by (Due.first_response_due_at)


@dataclass(frozen=True)
class KpiRow:
    channel: str | None  # None: all channels
    day: date | None  # None: all days
    volume: int
    responded: int
    first_response_p50_minutes: float | None  # None when nothing was answered
    first_response_p90_minutes: float | None
    sla_met: int  # answered by the due time
    sla_missed: int  # answered late, or unanswered past the due time
    sla_open: int  # unanswered and not yet due: counts in neither share

    @property
    def sla_met_share(self) -> float | None:
        decided = self.sla_met + self.sla_missed
        return self.sla_met / decided if decided else None


@dataclass(frozen=True)
class KpiReport:
    by_channel_day: tuple[KpiRow, ...]  # sorted by channel, then day
    by_channel: tuple[KpiRow, ...]
    by_day: tuple[KpiRow, ...]
    total: KpiRow


def percentile(values: list[float], share: float) -> float:
    """Linear interpolation between the two nearest ranks (numpy's default, Excel's PERCENTILE.INC)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    lower = math.floor(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def _row(channel: str | None, day: date | None, records: list[ResponseRecord], now: datetime) -> KpiRow:
    waits = [(r.first_response_at - r.created_at).total_seconds() / 60 for r in records
             if r.first_response_at is not None]
    met = sum(1 for r in records if r.first_response_at is not None and r.first_response_at <= r.due_at)
    open_ = sum(1 for r in records if r.first_response_at is None and now <= r.due_at)
    return KpiRow(
        channel=channel, day=day, volume=len(records), responded=len(waits),
        first_response_p50_minutes=percentile(waits, 0.5) if waits else None,
        first_response_p90_minutes=percentile(waits, 0.9) if waits else None,
        sla_met=met, sla_missed=len(records) - met - open_, sla_open=open_,
    )


def compute_kpis(records: Iterable[ResponseRecord], now: datetime, day_zone: tzinfo = timezone.utc) -> KpiReport:
    """Days are calendar days in `day_zone` (of each post's `created_at`)."""
    records = list(records)

    def day_of(record: ResponseRecord) -> date:
        return record.created_at.astimezone(day_zone).date()

    def grouped(key: Callable[[ResponseRecord], Any]) -> dict[Any, list[ResponseRecord]]:
        groups: dict[Any, list[ResponseRecord]] = {}
        for record in records:
            groups.setdefault(key(record), []).append(record)
        return dict(sorted(groups.items()))

    return KpiReport(
        by_channel_day=tuple(_row(channel, day, rows, now)
                             for (channel, day), rows in grouped(lambda r: (r.channel, day_of(r))).items()),
        by_channel=tuple(_row(channel, None, rows, now) for channel, rows in grouped(lambda r: r.channel).items()),
        by_day=tuple(_row(None, day, rows, now) for day, rows in grouped(day_of).items()),
        total=_row(None, None, records, now),
    )
