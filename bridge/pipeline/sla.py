"""Per-channel SLA targets, business calendars and due times. Pure: callers pass the times in.

Durations count business time when a channel has business hours ("1d" is 24 hours of open time,
so three 8-hour working days), the way Zammad counts its SLA minutes in a calendar; without
business hours a channel is open 24/7 and "1d" is one calendar day.

Business time is computed by hand over `zoneinfo`: the PyPI candidates are unmaintained
(businesstimedelta: last release 2019, pytz; business-calendar: 2015, whole days only), measure
but cannot add (business-duration), or are pre-1.0 Rust builds a few months old (workclock,
timegrid). The walk below is short: each local day's open windows are turned into UTC instants,
and all arithmetic happens in UTC, which makes DST days come out right (a 00:00–06:00 window is
5 real hours on the spring-forward day and 7 on the fall-back day).
"""
from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Literal
from zoneinfo import ZoneInfo

from bridge.model import PostKind
from bridge.schemas import WEEKDAYS, parse_duration

UTC = timezone.utc
WARNING_SHARE = 0.8  # the sweep warns once this share of the first-response target has elapsed
DAY_MINUTES = 24 * 60

ClockState = Literal["ok", "warning", "breached", "met", "missed"]


@dataclass(frozen=True)
class SlaTargets:
    first_response_target: timedelta  # what the team aims for; the sweep warns at 80 % of it
    first_response_max: timedelta  # the promise: past it the ticket is breached and escalated
    next_response: timedelta | None = None  # for a customer's later post, counted from that post
    resolution: timedelta | None = None  # counted from the first post


def first_response_targets(target: str, maximum: str) -> SlaTargets:
    return SlaTargets(first_response_target=parse_duration(target), first_response_max=parse_duration(maximum))


# A channel declares its own default (Channel.first_response_default); this is for a mapping whose
# channel declares none. Every channel is open 24/7 by default: social customers write at any hour.
FALLBACK_TARGETS = first_response_targets("1h", "24h")


@functools.lru_cache(maxsize=256)
def _public_holidays(country: str, subdivision: str | None, year: int) -> dict[date, str]:
    """One year's public holidays (read-only). A fresh object per year, because a shared
    `holidays` object fills in new years on lookup, which is not safe across threads."""
    import holidays  # (here: ~9 MB that only a mapping with holidays needs)

    return dict(holidays.country_holidays(country, subdiv=subdivision, years=year))


@dataclass(frozen=True)
class BusinessCalendar:
    """When the clock runs. `weekly[i]` holds weekday i's open ranges in minutes after local
    midnight (Monday is 0; an end of 1440 is "24:00"); `weekly=None` means every day, all day.
    Public holidays (the `holidays` package) and `closed_dates` close whole local days."""

    timezone: ZoneInfo = ZoneInfo("UTC")
    weekly: tuple[tuple[tuple[int, int], ...], ...] | None = None
    holiday_country: str | None = None  # ISO code as the `holidays` package knows it: "DE", "US"
    holiday_subdivision: str | None = None  # "BE" (Berlin), "CA" (California)
    closed_dates: frozenset[date] = frozenset()

    @property
    def always_open(self) -> bool:
        return self.weekly is None and self.holiday_country is None and not self.closed_dates

    def is_closed_day(self, day: date) -> bool:
        return day in self.closed_dates or (
            self.holiday_country is not None
            and day in _public_holidays(self.holiday_country, self.holiday_subdivision, day.year))

    def closed_days(self, year: int) -> dict[date, str]:
        """Holidays and extra closed dates of a year, e.g. for a helpdesk's own calendar."""
        days = dict(_public_holidays(self.holiday_country, self.holiday_subdivision, year)) if self.holiday_country else {}
        days.update((day, "closed") for day in self.closed_dates if day.year == year)
        return dict(sorted(days.items()))

    def _local(self, day: date, minute: int) -> datetime:
        if minute == DAY_MINUTES:
            return datetime.combine(day + timedelta(days=1), time(0), tzinfo=self.timezone).astimezone(UTC)
        # a time inside a spring-forward gap reads with the offset before the change, so it
        # moves forward by the gap (02:30 → 03:30 in Berlin); in the repeated hour of a
        # fall-back day it is the first occurrence (zoneinfo's fold=0)
        return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=self.timezone).astimezone(UTC)

    def windows(self, day: date) -> list[tuple[datetime, datetime]]:
        """The open windows of one local day, as UTC instants."""
        if self.is_closed_day(day):
            return []
        ranges = ((0, DAY_MINUTES),) if self.weekly is None else self.weekly[day.weekday()]
        spans = [(self._local(day, start), self._local(day, end)) for start, end in ranges]
        return [(start, end) for start, end in spans if end > start]

    def windows_from(self, moment: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Open windows that end after `moment` (UTC), in order, for as long as the caller asks."""
        day = moment.astimezone(self.timezone).date()
        closed_run = 0
        while True:
            found = False
            for start, end in self.windows(day):
                if end > moment:
                    found = True
                    yield start, end
            closed_run = 0 if found else closed_run + 1
            if closed_run > 366:
                raise ValueError("the business calendar has no open hours for a whole year")
            day += timedelta(days=1)


ALWAYS_OPEN = BusinessCalendar()


def _aware_utc(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
    return moment.astimezone(UTC)


def add_business_time(start: datetime, minutes: float, calendar: BusinessCalendar = ALWAYS_OPEN) -> datetime:
    """The moment `minutes` of open time after `start`, in UTC (a local time in the repeated hour
    of a fall-back day never compares equal to another zone's, PEP 495). A span that ends exactly
    at closing time ends there (17:00), not at the next opening."""
    if minutes < 0:
        raise ValueError("minutes must not be negative")
    begin = _aware_utc(start, "start")
    remaining = timedelta(minutes=minutes)
    if calendar.always_open or not remaining:
        return begin + remaining
    windows = calendar.windows_from(begin)  # endless: it raises rather than run out
    while True:
        window_start, window_end = next(windows)
        opened = max(window_start, begin)
        if remaining <= window_end - opened:
            return opened + remaining
        remaining -= window_end - opened


def business_minutes_between(a: datetime, b: datetime, calendar: BusinessCalendar = ALWAYS_OPEN) -> float:
    """Open minutes from `a` to `b`; negative when `b` is before `a`."""
    start, end = _aware_utc(a, "a"), _aware_utc(b, "b")
    if end < start:
        return -business_minutes_between(b, a, calendar)
    if calendar.always_open:
        return (end - start).total_seconds() / 60
    total = timedelta()
    for window_start, window_end in calendar.windows_from(start):
        if window_start >= end:
            break
        total += min(window_end, end) - max(window_start, start)
    return total.total_seconds() / 60


# -- policies: defaults + a mapping's `sla:` section ------------------------------------------
@dataclass(frozen=True)
class SlaPolicy:
    public: SlaTargets
    dm: SlaTargets
    calendar: BusinessCalendar = ALWAYS_OPEN

    def targets_for(self, kind: PostKind) -> SlaTargets:
        return self.dm if kind.is_private else self.public


def _merge(base: SlaTargets, section: Mapping[str, Any]) -> SlaTargets:
    """A section's keys replace the base's; `first_response` without `max` has max = target."""
    changes: dict[str, Any] = {}
    if "first_response" in section:
        first = section["first_response"]
        changes["first_response_target"] = first["target"]
        changes["first_response_max"] = first.get("max") or first["target"]
    for key in ("next_response", "resolution"):
        if key in section:
            changes[key] = section[key]
    return replace(base, **changes)


def business_calendar(section: Mapping[str, Any] | None) -> BusinessCalendar:
    """From a validated `business_hours:` section (see bridge.schemas.BusinessHoursSchema)."""
    if not section:
        return ALWAYS_OPEN
    weekly = section.get("weekly")
    region = section.get("holidays") or {}
    return BusinessCalendar(
        timezone=ZoneInfo(section.get("timezone") or "UTC"),
        weekly=None if weekly is None else tuple(tuple(weekly.get(day, ())) for day in WEEKDAYS),
        holiday_country=region.get("country"),
        holiday_subdivision=region.get("subdivision"),
        closed_dates=frozenset(section.get("closed_dates") or ()),
    )


def sla_policy(section: Mapping[str, Any] | None, default: SlaTargets = FALLBACK_TARGETS) -> SlaPolicy:
    """The channel's default targets with a validated `sla:` section (bridge.schemas.SlaSchema)
    laid over them: top-level keys apply to every post, then `public:` / `dm:` override per kind."""
    section = section or {}
    base = _merge(default, section)
    return SlaPolicy(
        public=_merge(base, section.get("public") or {}),
        dm=_merge(base, section.get("dm") or {}),
        calendar=business_calendar(section.get("business_hours")),
    )


# -- due times and clock states --------------------------------------------------------------
@dataclass(frozen=True)
class Due:
    first_response_target_at: datetime
    first_response_due_at: datetime  # the maximum: breached after this
    first_response_warning_at: datetime  # 80 % of the target, in business time
    next_response_due_at: datetime | None = None
    resolution_due_at: datetime | None = None


def due_times(post_kind: PostKind, created_at: datetime, policy: SlaPolicy) -> Due:
    """Due times for a post written at `created_at`. For a customer's later post in a conversation
    the bridge already answered, `next_response_due_at` is the one that applies."""
    targets = policy.targets_for(post_kind)
    calendar = policy.calendar

    def after(span: timedelta) -> datetime:
        return add_business_time(created_at, span.total_seconds() / 60, calendar)

    def after_optional(span: timedelta | None) -> datetime | None:
        return None if span is None else after(span)

    return Due(
        first_response_target_at=after(targets.first_response_target),
        first_response_due_at=after(targets.first_response_max),
        first_response_warning_at=after(targets.first_response_target * WARNING_SHARE),
        next_response_due_at=after_optional(targets.next_response),
        resolution_due_at=after_optional(targets.resolution),
    )


def clock_state(due: Due, now: datetime, responded_at: datetime | None = None) -> ClockState:
    """"met"/"missed" once answered (against the maximum); before that "ok", "warning" from 80 %
    of the target on (also past the target), and "breached" past the maximum."""
    if responded_at is not None:
        return "met" if responded_at <= due.first_response_due_at else "missed"
    if now >= due.first_response_due_at:
        return "breached"
    if now >= due.first_response_warning_at:
        return "warning"
    return "ok"
