"""When a schedule fires: cron expressions evaluated on the wall clock of an IANA zone.

Pure functions, no I/O. Times go in and come out as aware datetimes; results are
always UTC. The cron expression is matched against the zone's local wall clock,
and the two daylight-saving transitions follow fixed rules (docs/schedules.md):

- A local time the clock skips (spring forward, 02:30 in Europe/Berlin) fires at
  the moment it would have been on the clock before the change: 02:30 fires at
  03:30 summer time. A firing that lands on a real one is a single firing.
- A local time the clock shows twice (fall back) fires once, at its first
  occurrence, unless the hour field is every hour (``*``): such a schedule runs by
  real time and fires at both occurrences, so ``0 * * * *`` fires once per real hour.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from croniter import CroniterBadDateError, CroniterError, croniter

CatchUp = Literal["none", "last", "all"]

GRACE = timedelta(seconds=60)
"""With catch-up ``none``, a firing this late still counts as on time."""

# Named shorthands that have a five-field meaning; ``@reboot`` has none here.
ALIASES = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}


def _field(number: str) -> str:
    atom = rf"(?:\*|(?:{number})(?:-(?:{number}))?)(?:/[1-9][0-9]?)?"
    return rf"{atom}(?:,{atom})*"


_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_DAYS = "sun|mon|tue|wed|thu|fri|sat"
PATTERN = (
    "^(?:@(?:"
    + "|".join(a[1:] for a in ALIASES)
    + ")|"
    + " ".join(
        _field(number)
        for number in (
            r"[0-5]?[0-9]",
            r"[01]?[0-9]|2[0-3]",
            r"0?[1-9]|[12][0-9]|3[01]",
            rf"0?[1-9]|1[0-2]|{_MONTHS}",
            rf"[0-7]|{_DAYS}",
        )
    )
    + ")$"
)
"""The expressions the API documents: a shorthand, or five fields of numbers in range
(months and days also by name), ``*``, ranges, lists and steps, one space apart. Every
one is accepted; the parser also takes spacing, letter case and croniter's extensions
the pattern leaves out."""


# A search that only widens stops here: past it a missed firing is not "recent".
_LOOKBACK = (
    timedelta(hours=1),
    timedelta(days=1),
    timedelta(days=32),
    timedelta(days=367),
    timedelta(days=366 * 9),
)
# Daylight-saving and zone changes move a wall time by at most this much; it bounds
# how far before ``after`` a wall time may still map to an instant after it.
_MAX_SHIFT = timedelta(hours=3)


def validate(cron: str, tz: str) -> None:
    """Raise ``ValueError`` naming the problem if the expression or zone is unusable."""
    _zone(tz)
    expression = _expression(cron)
    try:
        croniter(expression, datetime(2000, 1, 1)).get_next(datetime)
    except CroniterBadDateError:
        raise ValueError(f"cron expression {cron!r} never fires (no such date)") from None


def next_fire(cron: str, tz: str, after: datetime) -> datetime:
    """The first firing strictly after ``after``, in UTC."""
    _require_aware(after, "after")
    for fire in _fires(_expression(cron), _zone(tz), after.astimezone(UTC)):
        return fire
    raise ValueError(f"cron expression {cron!r} never fires (no such date)")


def due_fires(
    cron: str,
    tz: str,
    last_fire: datetime | None,
    now: datetime,
    catch_up: CatchUp,
    max_fires: int = 100,
    *,
    grace: timedelta = GRACE,
) -> list[datetime]:
    """The firings to make at ``now``, oldest first, all in ``(last_fire, now]``.

    ``none`` gives only a firing at most ``grace`` old; ``last`` the latest missed
    one; ``all`` every missed one, the oldest ``max_fires`` of them (record the
    last returned as ``last_fire`` and ask again for the rest). Without
    ``last_fire`` nothing counts as missed, so every policy acts as ``none``.
    """
    _require_aware(now, "now")
    if catch_up not in ("none", "last", "all"):
        raise ValueError(f"catch_up must be 'none', 'last' or 'all', not {catch_up!r}")
    if max_fires < 1:
        raise ValueError("max_fires must be at least 1")
    expression, zone = _expression(cron), _zone(tz)
    now = now.astimezone(UTC)
    floor = now - grace
    if last_fire is not None:
        _require_aware(last_fire, "last_fire")
        last_fire = last_fire.astimezone(UTC)
        # ``none`` never reaches back further than the grace window.
        floor = max(floor, last_fire) if catch_up == "none" else last_fire
    if floor >= now:
        return []
    if catch_up == "all" and last_fire is not None:
        fires: list[datetime] = []
        for fire in _fires(expression, zone, floor):
            if fire > now or len(fires) == max_fires:
                break
            fires.append(fire)
        return fires
    latest = _latest(expression, zone, floor, now)
    return [] if latest is None else [latest]


def fire_key(schedule_id: str, fire_time: datetime) -> str:
    """A stable idempotency key for one firing: ``sched:<id>:<UTC ISO time>``."""
    _require_aware(fire_time, "fire_time")
    stamp = fire_time.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"sched:{schedule_id}:{stamp}"


def _latest(expression: str, zone: ZoneInfo, floor: datetime, now: datetime) -> datetime | None:
    """The last firing in ``(floor, now]``, searching back from ``now`` in widening steps."""
    for back in (*_LOOKBACK, now - floor):
        start = max(floor, now - back)
        latest = None
        for fire in _fires(expression, zone, start):
            if fire > now:
                break
            latest = fire
        if latest is not None or start == floor:
            return latest
    return None


def _fires(expression: str, zone: ZoneInfo, after: datetime) -> Iterator[datetime]:
    """Every firing strictly after ``after`` (UTC), in order, each once.

    Wall times are walked in order and mapped to instants; near a transition
    that mapping is not monotonic, so instants wait in a heap until no later wall
    time can map before them.
    """
    every_hour = _every_hour(expression)
    walk = croniter(expression, _walk_start(after, zone))
    pending: list[datetime] = []
    last: datetime | None = None
    while True:
        try:
            wall = walk.get_next(datetime)
        except CroniterBadDateError:
            wall = None
        # No wall time from here on maps to an instant before ``bound``.
        bound = None if wall is None else _lower_bound(wall, zone)
        while pending and (bound is None or pending[0] < bound):
            fire = heapq.heappop(pending)
            if fire > after and fire != last:
                last = fire
                yield fire
        if wall is None:
            return
        for fire in _instants(wall, zone, every_hour):
            heapq.heappush(pending, fire)


def _instants(wall: datetime, zone: ZoneInfo, every_hour: bool) -> list[datetime]:
    """The UTC instants at which the naive local time ``wall`` fires."""
    first = wall.replace(tzinfo=zone, fold=0)
    second = wall.replace(tzinfo=zone, fold=1)
    before, after = first.utcoffset(), second.utcoffset()
    # fold=0 uses the offset before a transition: for a skipped time that is the
    # "as if the clock had not moved" instant, for a repeated one its first showing.
    if before == after or before is None or after is None or before < after:
        return [first.astimezone(UTC)]
    if every_hour:
        return [first.astimezone(UTC), second.astimezone(UTC)]
    return [first.astimezone(UTC)]


def _lower_bound(wall: datetime, zone: ZoneInfo) -> datetime:
    """No wall time at or after ``wall`` fires before this instant."""
    offsets = [wall.replace(tzinfo=zone, fold=fold).utcoffset() for fold in (0, 1)]
    largest = max(offset for offset in offsets if offset is not None)
    return (wall - largest).replace(tzinfo=UTC)


def _walk_start(after: datetime, zone: ZoneInfo) -> datetime:
    """A naive wall time early enough that no firing after ``after`` comes before it.

    A firing's wall time is its instant plus the offset then (or, for a skipped
    time, the offset just before), so the smallest offset near ``after`` bounds it.
    """
    offsets = [
        (after + shift).astimezone(zone).utcoffset()
        for shift in (-_MAX_SHIFT, timedelta(0), _MAX_SHIFT)
    ]
    smallest = min(offset for offset in offsets if offset is not None)
    return (after + smallest).replace(tzinfo=None) - timedelta(minutes=1)


@lru_cache(maxsize=1024)
def _expression(cron: str) -> str:
    """The five-field form of ``cron``, or ``ValueError`` saying what is wrong."""
    text = " ".join(cron.split())
    text = ALIASES.get(text.lower(), text)
    if text.startswith("@"):
        known = ", ".join(ALIASES)
        raise ValueError(f"unknown cron shorthand {cron!r}; use one of {known}")
    fields = text.split(" ")
    if len(fields) != 5:
        raise ValueError(
            f"cron expression {cron!r} has {len(fields) if text else 0} fields; "
            "it needs 5: minute hour day-of-month month day-of-week"
        )
    try:
        croniter(text)
    except (CroniterError, ValueError) as exc:
        raise ValueError(f"invalid cron expression {cron!r}: {exc}") from None
    return text


@lru_cache(maxsize=1024)
def _every_hour(expression: str) -> bool:
    hours = croniter(expression).expanded[1]
    return hours == ["*"] or set(hours) == set(range(24))


@lru_cache(maxsize=256)
def _zone(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {tz!r}; use an IANA name such as 'Europe/Berlin' or 'UTC'"
        ) from None


def _require_aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime")
