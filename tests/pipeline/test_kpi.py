import random
import statistics
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bridge.pipeline.kpi import ResponseRecord, compute_kpis, percentile

UTC = timezone.utc
JUNE = [datetime(2026, 6, day, tzinfo=UTC) for day in range(1, 31)]
NOW = datetime(2026, 6, 30, 20, 0, tzinfo=UTC)


def month_of_traffic():
    """x: 4 posts a day answered after 5, 10, 20 and 40 minutes against a 30-minute maximum.
    facebook: 2 posts a day, the 10:00 one answered after an hour, the 18:00 one never (24 h max)."""
    records = []
    for day in JUNE:
        for hour, wait in ((9, 5), (12, 10), (15, 20), (23, 40)):
            created = day + timedelta(hours=hour, minutes=30 if hour == 23 else 0)
            records.append(ResponseRecord("x", created, created + timedelta(minutes=wait), created + timedelta(minutes=30)))
        morning, evening = day + timedelta(hours=10), day + timedelta(hours=18)
        records.append(ResponseRecord("facebook", morning, morning + timedelta(hours=1), morning + timedelta(hours=24)))
        records.append(ResponseRecord("facebook", evening, None, evening + timedelta(hours=24)))
    return records


def by(rows, **keys):
    [row] = [r for r in rows if all(getattr(r, k) == v for k, v in keys.items())]
    return row


def test_a_month_per_channel_and_in_total():
    report = compute_kpis(month_of_traffic(), NOW)
    x = by(report.by_channel, channel="x")
    assert (x.volume, x.responded, x.sla_met, x.sla_missed, x.sla_open) == (120, 120, 90, 30, 0)
    # 30 each of 5, 10, 20, 40: the median falls between the 60th (10) and 61st (20) value
    assert (x.first_response_p50_minutes, x.first_response_p90_minutes) == (15, 40)
    assert x.sla_met_share == 0.75

    facebook = by(report.by_channel, channel="facebook")
    # the evening posts are never answered: 29 are past their 24 h, the last one (30 June 18:00) is not yet
    assert (facebook.volume, facebook.responded, facebook.sla_met, facebook.sla_missed, facebook.sla_open) == (
        60, 30, 30, 29, 1)
    assert (facebook.first_response_p50_minutes, facebook.first_response_p90_minutes) == (60, 60)
    assert facebook.sla_met_share == pytest.approx(30 / 59)

    total = report.total
    assert (total.channel, total.day, total.volume, total.responded) == (None, None, 180, 150)
    # 150 waits, sorted: 30×5, 30×10, 30×20, 30×40, 30×60 → positions 74.5 and 134.1
    assert (total.first_response_p50_minutes, total.first_response_p90_minutes) == (20, 60)
    assert (total.sla_met, total.sla_missed, total.sla_open) == (120, 59, 1)
    assert total.sla_met_share == pytest.approx(120 / 179)


def test_a_month_per_channel_and_day():
    report = compute_kpis(month_of_traffic(), NOW)
    assert len(report.by_channel_day) == 60 and len(report.by_day) == 30
    assert [(r.channel, r.day) for r in report.by_channel_day[:2]] == [("facebook", date(2026, 6, 1)), ("facebook", date(2026, 6, 2))]
    x_day = by(report.by_channel_day, channel="x", day=date(2026, 6, 17))
    # [5, 10, 20, 40]: p90 position 2.7 → 20 + 0.7 × 20
    assert (x_day.volume, x_day.first_response_p50_minutes, x_day.first_response_p90_minutes) == (4, 15, pytest.approx(34))
    assert x_day.sla_met_share == 0.75
    last_day = by(report.by_day, day=date(2026, 6, 30))
    assert (last_day.volume, last_day.sla_met, last_day.sla_missed, last_day.sla_open) == (6, 4, 1, 1)
    facebook_day = by(report.by_channel_day, channel="facebook", day=date(2026, 6, 12))
    assert (facebook_day.responded, facebook_day.sla_met_share) == (1, 0.5)


def test_days_follow_the_requested_time_zone():
    report = compute_kpis(month_of_traffic(), NOW, ZoneInfo("Europe/Berlin"))
    # x's 23:30 UTC post is 01:30 the next day in Berlin: 1 June has 3 x posts, 1 July has 1
    assert by(report.by_channel_day, channel="x", day=date(2026, 6, 1)).volume == 3
    assert by(report.by_channel_day, channel="x", day=date(2026, 7, 1)).volume == 1
    assert by(report.by_channel, channel="x").volume == 120


def test_no_records_and_nothing_answered():
    empty = compute_kpis([], NOW)
    assert (empty.total.volume, empty.total.first_response_p50_minutes, empty.total.sla_met_share) == (0, None, None)
    assert empty.by_channel == ()
    pending = ResponseRecord("x", NOW, None, NOW + timedelta(minutes=30))
    row = compute_kpis([pending], NOW).total
    assert (row.responded, row.first_response_p90_minutes, row.sla_open, row.sla_met_share) == (0, None, 1, None)


def test_random_month_against_an_independent_calculation():
    rng = random.Random(20260601)
    records = []
    for _ in range(2000):
        created = JUNE[0] + timedelta(minutes=rng.randrange(30 * 24 * 60))
        due = created + timedelta(minutes=rng.choice([15, 30, 60, 120]))
        wait = rng.choice([None, rng.expovariate(1 / 45)])
        records.append(ResponseRecord(rng.choice(["x", "facebook", "reddit"]), created,
                                      None if wait is None else created + timedelta(minutes=wait), due))
    report = compute_kpis(records, NOW)
    for channel in ("x", "facebook", "reddit"):
        mine = [r for r in records if r.channel == channel]
        waits = [(r.first_response_at - r.created_at) / timedelta(minutes=1) for r in mine if r.first_response_at]
        cuts = statistics.quantiles(waits, n=10, method="inclusive")
        met = sum(r.first_response_at is not None and r.first_response_at <= r.due_at for r in mine)
        open_ = sum(r.first_response_at is None and r.due_at >= NOW for r in mine)
        row = by(report.by_channel, channel=channel)
        assert row.volume == len(mine)
        assert row.first_response_p50_minutes == pytest.approx(statistics.median(waits))
        assert row.first_response_p90_minutes == pytest.approx(cuts[8])
        assert row.sla_met_share == pytest.approx(met / (len(mine) - open_))
    assert sum(r.volume for r in report.by_channel_day) == 2000


@given(st.lists(st.floats(min_value=0, max_value=1e5), min_size=2, max_size=50))
def test_percentile_matches_the_standard_library(values):
    cuts = statistics.quantiles(values, n=10, method="inclusive")
    assert percentile(values, 0.5) == pytest.approx(cuts[4], abs=1e-6)
    assert percentile(values, 0.9) == pytest.approx(cuts[8], abs=1e-6)


def test_percentile_of_one_value_and_of_none():
    assert percentile([7.0], 0.9) == 7.0
    with pytest.raises(ValueError):
        percentile([], 0.5)
