from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bridge import registry
from bridge.errors import ConfigError
from bridge.model import PostKind
from bridge.pipeline.mapping import load_mapping, load_mappings
from bridge.pipeline.sla import (
    ALWAYS_OPEN,
    FALLBACK_TARGETS,
    add_business_time,
    business_calendar,
    business_minutes_between,
    clock_state,
    due_times,
    first_response_targets,
    sla_policy,
)
from bridge.schemas import SlaSchema, parse_duration

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
NINE_TO_FIVE = [["09:00", "17:00"]]
WEEKDAYS_9_TO_5 = {day: NINE_TO_FIVE for day in ("mon", "tue", "wed", "thu", "fri")}
REPO_MAPPINGS = Path(__file__).resolve().parents[2] / "mappings"


def calendar(**section):
    return business_calendar(SlaSchema().load({"business_hours": section})["business_hours"])


BERLIN_OFFICE = calendar(timezone="Europe/Berlin", weekly=WEEKDAYS_9_TO_5, holidays={"country": "DE", "subdivision": "BE"})


def berlin(*args):
    return datetime(*args, tzinfo=BERLIN)


# -- defaults ------------------------------------------------------------------------------------
# (target, maximum) in minutes, written out from the published guidance, not read from the channels
EXPECTED_DEFAULTS = {"x": (15, 30), "facebook": (25, 24 * 60), "instagram": (60, 60), "sandbox": (5, 10)}


def channel_policy(channel, section=None):
    return sla_policy(section, first_response_targets(*registry.sla_defaults()[channel]))


def test_the_channels_declare_the_published_defaults():
    defaults = registry.sla_defaults()
    for channel, minutes in EXPECTED_DEFAULTS.items():
        target, maximum = (parse_duration(value) for value in defaults[channel])
        assert (target, maximum) == tuple(timedelta(minutes=m) for m in minutes)


@pytest.mark.parametrize("channel", sorted(registry.sla_defaults()))
def test_channel_default_due_times(channel):
    target, maximum = (parse_duration(value) for value in registry.sla_defaults()[channel])
    created = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
    for kind in PostKind:
        due = due_times(kind, created, channel_policy(channel))
        assert due.first_response_target_at == created + target
        assert due.first_response_due_at == created + maximum
        assert due.first_response_warning_at == created + target * 0.8
        assert due.next_response_due_at is None and due.resolution_due_at is None


def test_unknown_channel_gets_the_fallback():
    policy = sla_policy(None)
    assert policy.public == FALLBACK_TARGETS == policy.dm
    assert (FALLBACK_TARGETS.first_response_target, FALLBACK_TARGETS.first_response_max) == (
        timedelta(hours=1), timedelta(hours=24))


MAPPING = """\
channel: {channel}
title: "{{{{ text }}}}"
queue: Social
customer: {{login: "{channel}:{{{{ author.platform_id }}}}", name: "{{{{ author.handle }}}}"}}
body: "{{{{ text }}}}"
"""


def write_mapping(tmp_path, channel, extra=""):
    path = tmp_path / f"{channel}.yaml"
    path.write_text(MAPPING.format(channel=channel) + extra)
    return path


def test_mapping_without_sla_section_gets_the_channel_defaults(tmp_path):
    mapping = load_mapping(write_mapping(tmp_path, "facebook"), registry.sla_defaults()["facebook"])
    assert mapping.sla.public.first_response_target == timedelta(minutes=25)
    assert mapping.sla.dm.first_response_max == timedelta(hours=24)
    assert mapping.sla.calendar.always_open


def test_shipped_mappings_carry_their_sla():
    mappings = load_mappings(REPO_MAPPINGS, registry.sla_defaults())
    assert mappings["x"].sla.public.first_response_max == timedelta(minutes=30)
    assert mappings["sandbox"].sla.dm.first_response_target == timedelta(minutes=5)


def test_sla_section_overrides_per_kind_and_keeps_the_rest(tmp_path):
    mapping = load_mapping(write_mapping(tmp_path, "x", """\
sla:
  next_response: 1h
  resolution: 2d
  dm:
    first_response: {target: 1h, max: 2h}
  public:
    next_response: 45m
"""), registry.sla_defaults()["x"])
    public, dm = mapping.sla.public, mapping.sla.dm
    # public: X's default first response, its own next response, the shared resolution
    assert (public.first_response_target, public.first_response_max) == (timedelta(minutes=15), timedelta(minutes=30))
    assert (public.next_response, public.resolution) == (timedelta(minutes=45), timedelta(days=2))
    assert (dm.first_response_target, dm.first_response_max) == (timedelta(hours=1), timedelta(hours=2))
    assert (dm.next_response, dm.resolution) == (timedelta(hours=1), timedelta(days=2))
    created = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
    due = due_times(PostKind.DIRECT_MESSAGE, created, mapping.sla)
    assert due.first_response_due_at == datetime(2026, 6, 10, 14, 0, tzinfo=UTC)
    assert due.next_response_due_at == datetime(2026, 6, 10, 13, 0, tzinfo=UTC)
    assert due.resolution_due_at == datetime(2026, 6, 12, 12, 0, tzinfo=UTC)


def test_first_response_without_max_has_max_equal_to_target(tmp_path):
    mapping = load_mapping(write_mapping(tmp_path, "x", "sla: {first_response: {target: 45m}}\n"))
    assert mapping.sla.public.first_response_max == timedelta(minutes=45)


def test_business_hours_section_builds_the_calendar(tmp_path):
    mapping = load_mapping(write_mapping(tmp_path, "x", """\
sla:
  business_hours:
    timezone: Europe/Berlin
    weekly: {mon: [["09:00", "12:00"], ["13:00", "17:00"]], sat: [["10:00", "24:00"]]}
    holidays: {country: DE, subdivision: BE}
    closed_dates: [2026-12-24]
"""), registry.sla_defaults()["x"])
    cal = mapping.sla.calendar
    assert cal.timezone == BERLIN
    assert cal.weekly == (((540, 720), (780, 1020)), (), (), (), (), ((600, 1440),), ())
    assert (cal.holiday_country, cal.holiday_subdivision) == ("DE", "BE")
    assert cal.closed_days(2026)[date(2026, 12, 24)] == "closed"
    assert cal.closed_days(2026)[date(2026, 3, 8)] == "Women's Day"  # a Berlin-only holiday
    assert date(2026, 3, 8) not in calendar(holidays={"country": "DE", "subdivision": "BY"}).closed_days(2026)


@pytest.mark.parametrize("section, expected", [
    ("sla: {first_response: {target: 15x}}", "sla.first_response.target: '15x' is not a duration such as 15m"),
    ("sla: {first_response: {target: 15}}", "sla.first_response.target: 15 is not a duration"),
    ("sla: {first_response: {target: 0m}}", "sla.first_response.target: must be longer than zero"),
    ("sla: {dm: {first_response: {target: 1h, max: 30m}}}", "sla.dm.first_response.max: is shorter than the target"),
    ("sla: {first_response: {max: 30m}}", "sla.first_response.target: Missing data for required field."),
    ("sla: {frist_response: {target: 1h}}", "sla.frist_response: Unknown field."),
    ("sla: {business_hours: {timezone: Europe/Berlinn}}", "sla.business_hours.timezone: 'Europe/Berlinn' is not an IANA time zone"),
    ("sla: {business_hours: {weekly: {mon: [[\"09:00\", 17:00]]}}}", 'sla.business_hours.weekly.mon.0: times need quotes, e.g. "17:00" (got 1020)'),
    ("sla: {business_hours: {weekly: {mon: [[\"17:00\", \"09:00\"]]}}}", "sla.business_hours.weekly.mon.0: 17:00 is not before 09:00"),
    ("sla: {business_hours: {weekly: {mon: [[\"09:00\", \"25:00\"]]}}}", "sla.business_hours.weekly.mon.0: '25:00' is not a time"),
    ("sla: {business_hours: {weekly: {mon: [[\"09:00\", \"12:00\"], [\"11:00\", \"13:00\"]]}}}", "sla.business_hours.weekly.mon: open ranges overlap"),
    ("sla: {business_hours: {weekly: {monday: [[\"09:00\", \"12:00\"]]}}}", "sla.business_hours.weekly.monday: Unknown field."),
    ("sla: {business_hours: {weekly: {sun: []}}}", "sla.business_hours.weekly: no open hours in the whole week"),
    ("sla: {business_hours: {holidays: {country: XX}}}", "sla.business_hours.holidays.country: 'XX' is not a country code"),
    ("sla: {business_hours: {holidays: {country: DE, subdivision: XX}}}", "sla.business_hours.holidays.subdivision: 'XX' is not a subdivision of DE"),
    ("sla: {business_hours: {closed_dates: [christmas]}}", "sla.business_hours.closed_dates.0: Not a valid date."),
])
def test_sla_errors_name_the_file_and_the_key(tmp_path, section, expected):
    path = write_mapping(tmp_path, "x", section + "\n")
    with pytest.raises(ConfigError) as caught:
        load_mapping(path)
    assert str(path) in str(caught.value)
    assert expected in str(caught.value)


@pytest.mark.parametrize("text, minutes", [("15m", 15), ("2h", 120), ("1d", 1440), ("1h30m", 90), ("1d2h", 1560)])
def test_durations(text, minutes):
    assert parse_duration(text) == timedelta(minutes=minutes)


# -- business hours ------------------------------------------------------------------------------
def test_friday_afternoon_rolls_over_the_weekend():
    friday = berlin(2026, 6, 12, 16, 30)
    assert add_business_time(friday, 60, BERLIN_OFFICE) == berlin(2026, 6, 15, 9, 30)
    assert business_minutes_between(friday, berlin(2026, 6, 15, 9, 30), BERLIN_OFFICE) == 60


def test_a_post_on_saturday_starts_the_clock_on_monday_morning():
    assert add_business_time(berlin(2026, 6, 13, 11, 0), 15, BERLIN_OFFICE) == berlin(2026, 6, 15, 9, 15)
    assert business_minutes_between(berlin(2026, 6, 13, 0, 0), berlin(2026, 6, 15, 0, 0), BERLIN_OFFICE) == 0


def test_a_span_ending_at_closing_time_ends_there():
    assert add_business_time(berlin(2026, 6, 12, 16, 0), 60, BERLIN_OFFICE) == berlin(2026, 6, 12, 17, 0)


def test_lunch_break_is_skipped():
    cal = calendar(timezone="Europe/Berlin", weekly={"mon": [["09:00", "12:00"], ["13:00", "17:00"]]})
    assert add_business_time(berlin(2026, 6, 15, 11, 30), 60, cal) == berlin(2026, 6, 15, 13, 30)
    assert business_minutes_between(berlin(2026, 6, 15, 8, 0), berlin(2026, 6, 15, 18, 0), cal) == 7 * 60


def test_german_holiday_is_closed():
    # Friday 3 October 2025, German Unity Day: Thursday 16:30 + 1 h runs into Monday
    assert add_business_time(berlin(2025, 10, 2, 16, 30), 60, BERLIN_OFFICE) == berlin(2025, 10, 6, 9, 30)
    # Easter 2026: Good Friday 3 April and Easter Monday 6 April are closed
    assert add_business_time(berlin(2026, 4, 2, 16, 0), 120, BERLIN_OFFICE) == berlin(2026, 4, 7, 10, 0)


def test_us_thanksgiving_is_closed():
    cal = calendar(timezone="America/New_York", weekly=WEEKDAYS_9_TO_5, holidays={"country": "US"})
    wednesday = datetime(2026, 11, 25, 16, 0, tzinfo=NEW_YORK)
    assert add_business_time(wednesday, 120, cal) == datetime(2026, 11, 27, 10, 0, tzinfo=NEW_YORK)


def test_extra_closed_dates_and_24_7_with_holidays():
    cal = calendar(timezone="Europe/Berlin", holidays={"country": "DE"}, closed_dates=["2026-12-24"])
    # open around the clock, except 24 (closed date), 25 and 26 December (holidays)
    assert add_business_time(berlin(2026, 12, 23, 23, 0), 120, cal) == berlin(2026, 12, 27, 1, 0)


def test_results_are_in_utc():
    for cal in (BERLIN_OFFICE, ALWAYS_OPEN):
        result = add_business_time(berlin(2026, 6, 12, 16, 30), 60, cal)
        assert result.tzinfo is UTC
    assert add_business_time(berlin(2026, 6, 12, 16, 30), 60, BERLIN_OFFICE) == datetime(2026, 6, 15, 7, 30, tzinfo=UTC)


def test_naive_and_negative_inputs_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        add_business_time(datetime(2026, 6, 12, 9), 10, BERLIN_OFFICE)
    with pytest.raises(ValueError, match="negative"):
        add_business_time(berlin(2026, 6, 12, 9), -1, BERLIN_OFFICE)
    assert business_minutes_between(berlin(2026, 6, 12, 10), berlin(2026, 6, 12, 9), BERLIN_OFFICE) == -60


# -- daylight saving time (Europe/Berlin: 29 March 2026 02:00 → 03:00, 25 October 03:00 → 02:00) --
NIGHT_SHIFT = calendar(timezone="Europe/Berlin", weekly={day: [["00:00", "06:00"]] for day in
                                                          ("mon", "tue", "wed", "thu", "fri", "sat", "sun")})


def test_spring_forward_window_is_one_hour_shorter():
    day_start, noon = berlin(2026, 3, 29, 0, 0), berlin(2026, 3, 29, 12, 0)
    assert business_minutes_between(day_start, noon, NIGHT_SHIFT) == 5 * 60
    # 00:00 CET is 23:00 UTC; five real hours later it is 04:00 UTC = 06:00 CEST
    assert add_business_time(day_start, 5 * 60, NIGHT_SHIFT) == datetime(2026, 3, 29, 4, 0, tzinfo=UTC)
    assert add_business_time(day_start, 5 * 60 + 1, NIGHT_SHIFT) == berlin(2026, 3, 30, 0, 1)


def test_fall_back_window_is_one_hour_longer():
    day_start, noon = berlin(2026, 10, 25, 0, 0), berlin(2026, 10, 25, 12, 0)
    assert business_minutes_between(day_start, noon, NIGHT_SHIFT) == 7 * 60
    # 00:00 CEST is 22:00 UTC the day before; seven real hours later it is 05:00 UTC = 06:00 CET
    assert add_business_time(day_start, 7 * 60, NIGHT_SHIFT) == datetime(2026, 10, 25, 5, 0, tzinfo=UTC)


def test_24_7_clock_counts_real_minutes_across_the_change():
    before_spring = berlin(2026, 3, 29, 1, 30)  # CET, 00:30 UTC
    assert add_business_time(before_spring, 60, ALWAYS_OPEN) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert add_business_time(before_spring, 60, ALWAYS_OPEN).astimezone(BERLIN).hour == 3
    # the repeated hour: 01:30 CEST + 90 minutes is the second 02:00, in CET (01:00 UTC)
    cal = calendar(timezone="Europe/Berlin", closed_dates=["2026-12-24"])  # not the 24/7 shortcut
    result = add_business_time(berlin(2026, 10, 25, 1, 30), 90, cal)
    assert result == datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
    assert business_minutes_between(berlin(2026, 10, 25, 0, 0), berlin(2026, 10, 26, 0, 0), cal) == 25 * 60


def test_office_hours_follow_the_wall_clock_after_the_change():
    # Friday 16:00 CET (15:00 UTC) + 2 h: 1 h on Friday, 1 h on Monday from 09:00 CEST (07:00 UTC)
    result = add_business_time(berlin(2026, 3, 27, 16, 0), 120, BERLIN_OFFICE)
    assert result == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
    result = add_business_time(berlin(2026, 10, 23, 16, 0), 120, BERLIN_OFFICE)
    assert result == datetime(2026, 10, 26, 9, 0, tzinfo=UTC)  # 10:00 CET


def test_a_boundary_in_the_skipped_hour_moves_forward():
    cal = calendar(timezone="Europe/Berlin", weekly={"sun": [["02:30", "04:00"]]})
    # on 29 March, 02:30 does not exist and reads as 03:30 CEST: 30 open minutes
    assert business_minutes_between(berlin(2026, 3, 29, 0, 0), berlin(2026, 3, 30, 0, 0), cal) == 30
    assert business_minutes_between(berlin(2026, 3, 22, 0, 0), berlin(2026, 3, 23, 0, 0), cal) == 90


@settings(max_examples=150, deadline=None)
@given(start=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(BERLIN)),
       minutes=st.integers(min_value=0, max_value=20 * 8 * 60))
def test_adding_then_measuring_gives_the_minutes_back(start, minutes):
    end = add_business_time(start, minutes, BERLIN_OFFICE)
    assert end >= start
    assert business_minutes_between(start, end, BERLIN_OFFICE) == pytest.approx(minutes)


# -- due times and clock states ----------------------------------------------------------------
def test_x_clock_states_over_time():
    created = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
    due = due_times(PostKind.PUBLIC_POST, created, channel_policy("x"))
    at = lambda minutes: created + timedelta(minutes=minutes)  # noqa: E731
    assert due.first_response_warning_at == at(12)  # 80 % of 15 minutes
    assert [clock_state(due, at(m)) for m in (0, 11.9, 12, 20, 29.9, 30, 600)] == [
        "ok", "ok", "warning", "warning", "warning", "breached", "breached"]
    assert clock_state(due, at(600), responded_at=at(29)) == "met"
    assert clock_state(due, at(600), responded_at=at(30)) == "met"
    assert clock_state(due, at(600), responded_at=at(31)) == "missed"


def test_warning_counts_business_time():
    policy = channel_policy("x", {"business_hours": SlaSchema().load(
        {"business_hours": {"timezone": "Europe/Berlin", "weekly": WEEKDAYS_9_TO_5}})["business_hours"]})
    due = due_times(PostKind.PUBLIC_REPLY, berlin(2026, 6, 12, 16, 55), policy)
    # 12 business minutes: 5 on Friday, 7 on Monday
    assert due.first_response_warning_at == berlin(2026, 6, 15, 9, 7)
    assert due.first_response_target_at == berlin(2026, 6, 15, 9, 10)
    assert due.first_response_due_at == berlin(2026, 6, 15, 9, 25)
    assert clock_state(due, berlin(2026, 6, 14, 12, 0)) == "ok"  # Sunday: the clock stands still
