"""Firing rules of ``flowline.schedules.cron``: parsing, zones, DST, catch-up.

The property tests check the iterator against a brute-force reference that looks
at every real minute and applies the documented rules directly.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from croniter import croniter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowline.schedules.cron import due_fires, fire_key, next_fire, validate
from tests.postgres import PG_URL

# Pure logic, no database: the SQLite pass covers it, the PostgreSQL pass need not repeat it.
pytestmark = pytest.mark.skipif(PG_URL is not None, reason="database-independent; runs on SQLite")

BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def fires_between(cron: str, tz: str, start: datetime, end: datetime) -> list[datetime]:
    """Every firing in ``(start, end]``."""
    out: list[datetime] = []
    fire = next_fire(cron, tz, start)
    while fire <= end:
        out.append(fire)
        fire = next_fire(cron, tz, fire)
    return out


def local(instant: datetime, tz: str) -> str:
    return instant.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M %Z")


# validate


@pytest.mark.parametrize(
    ("cron", "message"),
    [
        ("* * * *", "has 4 fields; it needs 5"),
        ("* * * * * *", "has 6 fields"),
        ("", "has 0 fields"),
        ("61 * * * *", "invalid cron expression '61 * * * *'"),
        ("* 24 * * *", "invalid cron expression"),
        ("every day", "has 2 fields"),
        ("@reboot", "unknown cron shorthand '@reboot'"),
        ("0 0 31 2 *", "never fires"),
    ],
)
def test_validate_rejects_bad_cron_with_a_clear_message(cron: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("*", r"\*")):
        validate(cron, "UTC")


@pytest.mark.parametrize("tz", ["Mars/Olympus", "", "../../etc/passwd", "europe/berlin "])
def test_validate_rejects_unknown_zone(tz: str) -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        validate("* * * * *", tz)


@pytest.mark.parametrize(
    "cron", ["*/5 * * * *", "0 9 * * 1-5", "0  0 1,15 * *", "@daily", "@HOURLY", "0 0 29 2 *"]
)
def test_validate_accepts_good_cron(cron: str) -> None:
    validate(cron, BERLIN)


# next_fire


def test_next_fire_is_strictly_after_and_utc() -> None:
    after = datetime(2024, 5, 1, 9, 0, tzinfo=ZoneInfo(BERLIN))
    fire = next_fire("0 9 * * *", BERLIN, after)
    assert fire == utc(2024, 5, 2, 7, 0)
    assert fire.tzinfo is UTC


def test_next_fire_rejects_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        next_fire("* * * * *", "UTC", datetime(2024, 1, 1))


def test_leap_day_schedule_waits_for_the_next_leap_year() -> None:
    assert next_fire("0 0 29 2 *", "UTC", utc(2024, 3, 1)) == utc(2028, 2, 29)


# DST: Europe/Berlin, 2024-03-31 02:00 -> 03:00 and 2024-10-27 03:00 -> 02:00


def test_skipped_local_time_fires_once_an_hour_later_berlin() -> None:
    fires = fires_between("30 2 * * *", BERLIN, utc(2024, 3, 30, 12), utc(2024, 4, 1, 12))
    assert [local(f, BERLIN) for f in fires] == ["2024-03-31 03:30 CEST", "2024-04-01 02:30 CEST"]


def test_repeated_local_time_fires_once_berlin() -> None:
    fires = fires_between("30 2 * * *", BERLIN, utc(2024, 10, 26, 12), utc(2024, 10, 28, 12))
    assert [local(f, BERLIN) for f in fires] == ["2024-10-27 02:30 CEST", "2024-10-28 02:30 CET"]


@pytest.mark.parametrize("tz", [BERLIN, NEW_YORK])
@pytest.mark.parametrize(
    ("start", "end"),
    [
        (utc(2024, 3, 9), utc(2024, 4, 2)),  # both spring transitions
        (utc(2024, 10, 26), utc(2024, 11, 5)),  # both autumn transitions
    ],
)
def test_hourly_fires_once_per_real_hour(tz: str, start: datetime, end: datetime) -> None:
    fires = fires_between("0 * * * *", tz, start, end)
    hours = int((end - start) / timedelta(hours=1))
    assert fires == [start + timedelta(hours=h) for h in range(1, hours + 1)]


def test_quarter_hourly_runs_by_real_time_across_fall_back() -> None:
    start, end = utc(2024, 10, 26, 22), utc(2024, 10, 27, 4)
    fires = fires_between("*/15 * * * *", BERLIN, start, end)
    assert fires == [start + timedelta(minutes=15 * n) for n in range(1, 25)]


def test_fixed_hour_minutes_in_a_repeated_hour_fire_once() -> None:
    fires = fires_between("*/20 2 * * *", BERLIN, utc(2024, 10, 26, 12), utc(2024, 10, 27, 12))
    assert [local(f, BERLIN) for f in fires] == [
        "2024-10-27 02:00 CEST",
        "2024-10-27 02:20 CEST",
        "2024-10-27 02:40 CEST",
    ]


def test_skipped_time_that_lands_on_a_real_one_fires_once() -> None:
    fires = fires_between("30 2,3 * * *", BERLIN, utc(2024, 3, 30, 12), utc(2024, 3, 31, 12))
    assert [local(f, BERLIN) for f in fires] == ["2024-03-31 03:30 CEST"]


def test_new_york_spring_forward_and_fall_back() -> None:
    spring = fires_between("30 2 * * *", NEW_YORK, utc(2024, 3, 9, 12), utc(2024, 3, 11, 12))
    assert [local(f, NEW_YORK) for f in spring] == ["2024-03-10 03:30 EDT", "2024-03-11 02:30 EDT"]
    autumn = fires_between("30 1 * * *", NEW_YORK, utc(2024, 11, 2, 12), utc(2024, 11, 4, 12))
    assert [local(f, NEW_YORK) for f in autumn] == ["2024-11-03 01:30 EDT", "2024-11-04 01:30 EST"]


def test_after_inside_the_first_showing_of_a_repeated_hour() -> None:
    # 02:30 CEST; the next hourly firing is 02:00 CET, an earlier wall time.
    assert next_fire("0 * * * *", BERLIN, utc(2024, 10, 27, 0, 30)) == utc(2024, 10, 27, 1)


def test_after_inside_the_shifted_hour_still_sees_the_skipped_time() -> None:
    # 03:15 CEST; 02:30 (skipped) fires at 03:30 CEST.
    assert next_fire("30 2 * * *", BERLIN, utc(2024, 3, 31, 1, 15)) == utc(2024, 3, 31, 1, 30)


# due_fires


LAST = utc(2024, 1, 1, 0, 0)


def test_due_fires_all_returns_every_missed_firing() -> None:
    fires = due_fires("*/10 * * * *", "UTC", LAST, utc(2024, 1, 1, 1, 0), "all")
    assert fires == [utc(2024, 1, 1, 0, m) for m in (10, 20, 30, 40, 50)] + [utc(2024, 1, 1, 1)]


def test_due_fires_all_is_capped_and_resumes_from_the_last_returned() -> None:
    now = utc(2024, 1, 2)
    first = due_fires("* * * * *", "UTC", LAST, now, "all", max_fires=100)
    assert len(first) == 100
    assert first[0] == utc(2024, 1, 1, 0, 1)
    second = due_fires("* * * * *", "UTC", first[-1], now, "all", max_fires=100)
    assert second[0] == first[-1] + timedelta(minutes=1)


def test_due_fires_last_returns_only_the_latest_missed() -> None:
    assert due_fires("0 * * * *", "UTC", LAST, utc(2024, 1, 1, 5, 30), "last") == [
        utc(2024, 1, 1, 5)
    ]


def test_due_fires_last_after_a_long_outage_of_a_rare_schedule() -> None:
    assert due_fires("0 0 29 2 *", "UTC", utc(2016, 3, 1), utc(2025, 1, 1), "last") == [
        utc(2024, 2, 29)
    ]


def test_due_fires_none_takes_only_a_firing_within_grace() -> None:
    assert due_fires("0 * * * *", "UTC", LAST, utc(2024, 1, 1, 5, 0, 40), "none") == [
        utc(2024, 1, 1, 5)
    ]
    assert due_fires("0 * * * *", "UTC", LAST, utc(2024, 1, 1, 5, 1, 1), "none") == []
    wider = timedelta(minutes=5)
    assert due_fires("0 * * * *", "UTC", LAST, utc(2024, 1, 1, 5, 4), "none", grace=wider) == [
        utc(2024, 1, 1, 5)
    ]


def test_due_fires_never_repeats_the_last_fire() -> None:
    for policy in ("none", "last", "all"):
        assert due_fires("0 * * * *", "UTC", utc(2024, 1, 1, 5), utc(2024, 1, 1, 5), policy) == []
        assert due_fires("0 * * * *", "UTC", utc(2024, 1, 1, 6), utc(2024, 1, 1, 5), policy) == []


def test_due_fires_without_last_fire_acts_as_none() -> None:
    now = utc(2024, 1, 1, 5, 0, 30)
    for policy in ("none", "last", "all"):
        assert due_fires("0 * * * *", "UTC", None, now, policy) == [utc(2024, 1, 1, 5)]


def test_due_fires_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="catch_up"):
        due_fires("* * * * *", "UTC", LAST, utc(2024, 1, 2), "some")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_fires"):
        due_fires("* * * * *", "UTC", LAST, utc(2024, 1, 2), "all", max_fires=0)


# fire_key


def test_fire_key_is_stable_and_zone_independent() -> None:
    instant = utc(2024, 3, 31, 1, 30)
    assert fire_key("s1", instant) == "sched:s1:2024-03-31T01:30:00Z"
    assert fire_key("s1", instant.astimezone(ZoneInfo(BERLIN))) == fire_key("s1", instant)
    assert fire_key("s2", instant) != fire_key("s1", instant)


# properties

ZONES = [
    "UTC",
    BERLIN,
    NEW_YORK,
    "Australia/Lord_Howe",  # 30-minute DST shift
    "Australia/Sydney",  # southern hemisphere
    "America/Santiago",  # transitions at midnight
    "Asia/Kolkata",  # half-hour offset, no DST
    "Europe/London",
]
# Starts of 2024 DST transitions for the zones above, to draw windows around.
TRANSITIONS = [
    utc(2024, 3, 10, 7),
    utc(2024, 3, 31, 1),
    utc(2024, 4, 6, 15),
    utc(2024, 4, 7, 3),
    utc(2024, 9, 8, 4),
    utc(2024, 10, 5, 16),
    utc(2024, 10, 27, 1),
    utc(2024, 11, 3, 6),
]

minutes = st.sampled_from(["*", "0", "30", "*/15", "0,45", "5-10", "*/7"])
hours = st.sampled_from(["*", "0", "1", "2", "3", "2,3", "*/2", "1-4", "23"])
days = st.sampled_from(["*", "*", "1", "15", "L"])
weekdays = st.sampled_from(["*", "*", "0", "1-5", "6"])
crons = st.builds(lambda m, h, d, w: f"{m} {h} {d} * {w}", minutes, hours, days, weekdays)


def _every_hour(cron: str) -> bool:
    field = croniter(cron).expanded[1]
    return field == ["*"] or set(field) == set(range(24))


def _exists(wall: datetime, zone: ZoneInfo) -> bool:
    aware = wall.replace(tzinfo=zone)
    return aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall


def reference(cron: str, tz: str, start: datetime, end: datetime) -> list[datetime]:
    """Brute force over every real minute in ``(start, end]``, straight from the rules."""
    zone = ZoneInfo(tz)
    every_hour = _every_hour(cron)
    out = []
    minute = start.replace(second=0, microsecond=0) + timedelta(minutes=1)
    while minute <= end:
        shown = minute.astimezone(zone)
        wall = shown.replace(tzinfo=None, fold=0)
        fires = croniter.match(cron, wall) and (shown.fold == 0 or every_hour)
        # A skipped wall time fires when the clock before the jump would show it.
        earlier = (minute - timedelta(hours=3)).astimezone(zone).utcoffset()
        now_offset = shown.utcoffset()
        assert earlier is not None
        assert now_offset is not None
        jump = now_offset - earlier
        if jump > timedelta(0):
            skipped = wall - jump
            if not _exists(skipped, zone) and croniter.match(cron, skipped):
                fires = True
        if fires:
            out.append(minute)
        minute += timedelta(minutes=1)
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cron=crons,
    tz=st.sampled_from(ZONES),
    around=st.sampled_from(TRANSITIONS),
    offset_minutes=st.integers(min_value=-26 * 60, max_value=2 * 60),
    span_minutes=st.integers(min_value=1, max_value=30 * 60),
)
def test_firings_match_the_brute_force_reference(
    cron: str, tz: str, around: datetime, offset_minutes: int, span_minutes: int
) -> None:
    start = around + timedelta(minutes=offset_minutes, seconds=17)
    end = start + timedelta(minutes=span_minutes)
    expected = reference(cron, tz, start, end)
    assert due_fires(cron, tz, start, end, "all", max_fires=10_000) == expected
    if expected:
        assert next_fire(cron, tz, start) == expected[0]


aware_times = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2090, 1, 1),
    timezones=st.sampled_from([UTC, ZoneInfo(BERLIN), ZoneInfo(NEW_YORK)]),
)


@settings(max_examples=200, deadline=None)
@given(cron=crons, tz=st.sampled_from(ZONES), after=aware_times)
def test_next_fire_is_strictly_later_on_a_whole_minute(cron: str, tz: str, after: datetime) -> None:
    fire = next_fire(cron, tz, after)
    assert fire > after
    assert fire.tzinfo is UTC
    assert fire.second == 0
    assert fire.microsecond == 0


@settings(max_examples=150, deadline=None)
@given(
    cron=crons,
    tz=st.sampled_from(ZONES),
    last_fire=aware_times,
    gap_minutes=st.integers(min_value=0, max_value=60 * 24 * 40),
    policy=st.sampled_from(["none", "last", "all"]),
    max_fires=st.integers(min_value=1, max_value=50),
)
def test_due_fires_are_sorted_unique_and_within_the_window(
    cron: str,
    tz: str,
    last_fire: datetime,
    gap_minutes: int,
    policy: str,
    max_fires: int,
) -> None:
    now = last_fire + timedelta(minutes=gap_minutes, seconds=7)
    fires = due_fires(cron, tz, last_fire, now, policy, max_fires)  # type: ignore[arg-type]
    assert fires == sorted(set(fires))
    assert all(last_fire < fire <= now for fire in fires)
    assert len(fires) <= (max_fires if policy == "all" else 1)
    if policy == "none":
        assert all(now - fire <= timedelta(seconds=60) for fire in fires)
    if policy == "last" and fires:
        assert next_fire(cron, tz, fires[-1]) > now
