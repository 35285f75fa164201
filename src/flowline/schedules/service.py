"""Schedules: their records, and firing the due ones (the scheduler loop calls ``fire``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import flag_modified

from flowline.auth.principal import Principal
from flowline.db.models import Run, Schedule
from flowline.db.repository import Page, PageRequest
from flowline.db.types import utcnow
from flowline.engine.start import FlowNotRunnable, start_run
from flowline.errors import MissingReference, NotFound
from flowline.events.bus import Bus
from flowline.ids import new_id
from flowline.schedules import cron
from flowline.schedules import repository as due
from flowline.schedules.repository import ScheduleRepository
from flowline.schedules.schemas import RECENT_RUNS, ScheduleCreate, ScheduleUpdate
from flowline.users.service import check_version

log = structlog.get_logger("flowline.schedules")

CHANNEL = "schedules"
"""Bus channel told (on commit) whenever a schedule is created, changed or deleted."""

_KEY_STAMP = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True, slots=True)
class ScheduleRun:
    id: str
    status: str
    fire_time: datetime
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ScheduleView:
    """A schedule as the API shows one: the row plus its latest runs."""

    id: str
    name: str
    flow_id: str
    cron: str
    timezone: str
    input: Any
    enabled: bool
    catch_up: str
    next_run_at: datetime | None
    last_run_at: datetime | None
    last_run_id: str | None
    last_error: str | None
    version: int
    created_by_id: str | None
    created_at: datetime
    updated_at: datetime
    recent_runs: list[ScheduleRun]

    @classmethod
    def of(cls, schedule: Schedule, runs: list[ScheduleRun]) -> ScheduleView:
        return cls(
            id=schedule.id,
            name=schedule.name,
            flow_id=schedule.flow_id,
            cron=schedule.cron,
            timezone=schedule.timezone,
            input=schedule.input,
            enabled=schedule.enabled,
            catch_up=schedule.catch_up,
            next_run_at=schedule.next_run_at,
            last_run_at=schedule.last_run_at,
            last_run_id=schedule.last_run_id,
            last_error=schedule.last_error,
            version=schedule.version,
            created_by_id=schedule.created_by_id,
            created_at=schedule.created_at,
            updated_at=schedule.updated_at,
            recent_runs=runs,
        )


def key_prefix(schedule_id: str) -> str:
    """What every idempotency key of this schedule's runs starts with."""
    key = cron.fire_key(schedule_id, datetime(2000, 1, 1, tzinfo=UTC))
    return key[: key.index(schedule_id) + len(schedule_id) + 1]


def _fire_time(schedule_id: str, key: str | None) -> datetime | None:
    """The firing a run was started for, read back from its idempotency key."""
    stamp = (key or "").removeprefix(key_prefix(schedule_id))
    try:
        return datetime.strptime(stamp, _KEY_STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


def _not_found(schedule_id: str) -> NotFound:
    return NotFound(f"Schedule {schedule_id} not found.", code="SCHEDULE_NOT_FOUND")


async def _schedule(repo: ScheduleRepository, schedule_id: str, *, lock: bool = False) -> Schedule:
    schedule = await (repo.get_for_update(schedule_id) if lock else repo.get(schedule_id))
    if schedule is None:
        raise _not_found(schedule_id)
    return schedule


async def _check_flow(repo: ScheduleRepository, flow_id: str) -> None:
    if not await repo.flow_exists(flow_id):
        raise MissingReference("not a flow of this organisation", field="flow_id")


async def _view(repo: ScheduleRepository, schedule: Schedule) -> ScheduleView:
    runs = []
    for run in await repo.recent_runs(key_prefix(schedule.id), RECENT_RUNS):
        fire_time = _fire_time(schedule.id, run.idempotency_key)
        if fire_time is not None:
            runs.append(ScheduleRun(run.id, run.status, fire_time, run.created_at))
    return ScheduleView.of(schedule, runs)


def _next_fire(schedule: Schedule, now: datetime) -> datetime | None:
    return cron.next_fire(schedule.cron, schedule.timezone, now) if schedule.enabled else None


async def _announce(session: AsyncSession, bus: Bus, schedule_id: str) -> None:
    await bus.notify_in_transaction(session, CHANNEL, schedule_id)


async def list_schedules(
    session: AsyncSession, principal: Principal, page: PageRequest, flow_id: str | None
) -> Page[Schedule]:
    """The organisation's schedules, newest first; only one flow's with ``flow_id``."""
    repo = ScheduleRepository(session, principal.org_id)
    stmt = repo.select()
    if flow_id is not None:
        stmt = stmt.where(Schedule.flow_id == flow_id)
    return await repo.paginate(stmt, page)


async def get_schedule(
    session: AsyncSession, principal: Principal, schedule_id: str
) -> ScheduleView:
    repo = ScheduleRepository(session, principal.org_id)
    return await _view(repo, await _schedule(repo, schedule_id))


async def create_schedule(
    session: AsyncSession, bus: Bus, principal: Principal, data: ScheduleCreate
) -> ScheduleView:
    """A new schedule; its first firing is the first one after now."""
    repo = ScheduleRepository(session, principal.org_id)
    await _check_flow(repo, data.flow_id)
    now = utcnow()
    schedule = repo.add(
        Schedule(
            id=new_id("sch"),
            flow_id=data.flow_id,
            name=data.name,
            cron=data.cron,
            timezone=data.timezone,
            input=data.input,
            enabled=data.enabled,
            catch_up=data.catch_up,
            version=1,
            created_by_id=principal.user_id,
            created_at=now,
            updated_at=now,
        )
    )
    schedule.next_run_at = _next_fire(schedule, now)
    await session.flush()
    await _announce(session, bus, schedule.id)
    return ScheduleView.of(schedule, [])


async def update_schedule(
    session: AsyncSession,
    bus: Bus,
    principal: Principal,
    schedule_id: str,
    data: ScheduleUpdate,
    if_match: int | None,
) -> ScheduleView:
    """Change the fields given; ``If-Match``/``expected_version`` guard the change.

    A new cron, zone, or enabling the schedule starts counting from now: firings
    missed while it was disabled are not caught up.
    """
    repo = ScheduleRepository(session, principal.org_id)
    schedule = await _schedule(repo, schedule_id, lock=True)
    check_version(schedule.version, if_match, "The schedule")
    check_version(schedule.version, data.expected_version, "The schedule")
    if data.flow_id is not None and data.flow_id != schedule.flow_id:
        await _check_flow(repo, data.flow_id)
        schedule.flow_id = data.flow_id
    if data.name is not None:
        schedule.name = data.name
    if data.changes_input():
        schedule.input = data.input
    if data.catch_up is not None:
        schedule.catch_up = data.catch_up
    retime = False
    if data.cron is not None and data.cron != schedule.cron:
        schedule.cron, retime = data.cron, True
    if data.timezone is not None and data.timezone != schedule.timezone:
        schedule.timezone, retime = data.timezone, True
    if data.enabled is not None and data.enabled != schedule.enabled:
        schedule.enabled, retime = data.enabled, True
    now = utcnow()
    if retime:
        schedule.next_run_at = _next_fire(schedule, now)
    schedule.version += 1
    schedule.updated_at = now
    await session.flush()
    await _announce(session, bus, schedule.id)
    return await _view(repo, schedule)


async def delete_schedule(
    session: AsyncSession, bus: Bus, principal: Principal, schedule_id: str, if_match: int | None
) -> None:
    """Delete the schedule; the runs it started stay."""
    repo = ScheduleRepository(session, principal.org_id)
    schedule = await _schedule(repo, schedule_id, lock=True)
    check_version(schedule.version, if_match, "The schedule")
    await repo.delete(schedule)
    await session.flush()
    await _announce(session, bus, schedule_id)


# --- firing -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fired:
    """What one look at a due schedule did."""

    schedule_id: str
    started: list[str]
    """Ids of the runs started (or found already started by another scheduler)."""
    next_run_at: datetime | None


async def fire(session: AsyncSession, bus: Bus, schedule_id: str, now: datetime) -> Fired | None:
    """Make the schedule's due firings, if it is still due: one run per firing.

    Locks the schedule (skipping it if another scheduler holds it), starts a run
    per firing that ``catch_up`` asks for, each with the idempotency key
    ``cron.fire_key(id, fire_time)``, and moves ``next_run_at`` on, all in the
    caller's transaction: a firing made twice, by two schedulers or a restart,
    still starts one run. ``None`` when the schedule is no longer due.
    """
    schedule = await due.lock_due(session, schedule_id, now)
    if schedule is None or schedule.next_run_at is None:
        return None
    edited_at = schedule.updated_at
    # Firings in [next_run_at, now]; firings are whole minutes.
    since = schedule.next_run_at - timedelta(seconds=1)
    fires = cron.due_fires(
        schedule.cron,
        schedule.timezone,
        since,
        now,
        schedule.catch_up,  # type: ignore[arg-type]
    )
    started: list[str] = []
    for fire_time in fires:
        run = await _start(session, bus, schedule, fire_time)
        if run is not None:
            started.append(run.id)
        if not schedule.enabled:
            break
    if schedule.enabled:
        schedule.next_run_at = cron.next_fire(
            schedule.cron, schedule.timezone, fires[-1] if fires else now
        )
    # The scheduler's bookkeeping is not an edit: version and updated_at stay (written
    # back explicitly, as savepoints in start_run may have flushed with a new one).
    schedule.updated_at = edited_at
    flag_modified(schedule, "updated_at")
    await session.flush()
    return Fired(schedule.id, started, schedule.next_run_at)


async def _start(
    session: AsyncSession, bus: Bus, schedule: Schedule, fire_time: datetime
) -> Run | None:
    try:
        started = await start_run(
            session,
            bus,
            org_id=schedule.org_id,
            flow_id=schedule.flow_id,
            input=schedule.input,
            trigger="schedule",
            idempotency_key=cron.fire_key(schedule.id, fire_time),
            created_by_id=schedule.created_by_id,
        )
    except FlowNotRunnable as exc:
        # Inactive or a draft: this firing is skipped, later ones try again.
        schedule.last_error = exc.message
        log.info("schedule.skipped", schedule_id=schedule.id, reason=exc.error_code)
        return None
    except NotFound:
        schedule.enabled = False
        schedule.next_run_at = None
        schedule.last_error = "Its flow was deleted; the schedule is disabled."
        log.info("schedule.disabled", schedule_id=schedule.id, reason="flow deleted")
        return None
    schedule.last_run_at = fire_time
    schedule.last_run_id = started.run.id
    schedule.last_error = None
    if started.created:
        log.info("schedule.fired", schedule_id=schedule.id, run_id=started.run.id)
    return started.run


async def due_schedule_ids(
    session: AsyncSession, now: datetime, limit: int, *, besides: list[str]
) -> list[str]:
    return await due.due_ids(session, now, limit, besides=besides)


async def earliest_next_run(session: AsyncSession, *, besides: list[str]) -> datetime | None:
    return await due.earliest_next_run(session, besides=besides)
