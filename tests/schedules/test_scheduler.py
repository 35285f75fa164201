"""The scheduler loop: firing on time, waking on changes, one leader, no busy polling."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime, timedelta

import httpx
import pytest
import sqlalchemy as sa

from flowline.db.models import Schedule
from flowline.db.types import utcnow
from flowline.runtime import Runtime
from flowline.schedules import service
from flowline.schedules.scheduler import AdvisoryLock, Scheduler
from tests.factories import Factory
from tests.postgres import PG_URL
from tests.schedules.builders import (
    get_row,
    make_schedule,
    scheduled_runs,
    set_next_run,
    stamps,
)


@contextlib.asynccontextmanager
async def running(*schedulers: Scheduler) -> AsyncIterator[None]:
    tasks = [asyncio.create_task(s.run()) for s in schedulers]
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task


def this_minute() -> datetime:
    """The latest firing of ``* * * * *``: due now."""
    return utcnow().replace(second=0, microsecond=0)


async def eventually(check: Callable[[], Awaitable[bool]], seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if await check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"not so after {seconds} s")


async def test_two_schedulers_start_each_missed_firing_once(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    schedule = await make_schedule(client, org, cron="* * * * *", catch_up="all")
    start = utcnow().replace(second=0, microsecond=0) - timedelta(minutes=3)
    await set_next_run(runtime, schedule["id"], start)
    first = Scheduler(runtime, max_sleep=0.5, leadership_retry=0.2)
    second = Scheduler(runtime, max_sleep=0.5, leadership_retry=0.2)

    async def caught_up() -> bool:
        row = await get_row(runtime, schedule["id"])
        return row.next_run_at is not None and row.next_run_at > utcnow()

    async with running(first, second):
        await eventually(caught_up)
        await asyncio.sleep(0.5)  # both had the chance to fire again
        if PG_URL:
            assert [first.leading, second.leading].count(True) == 1
        else:
            assert first.leading  # SQLite: one process, so both lead
            assert second.leading
    runs = await scheduled_runs(runtime, org)
    assert len(runs) >= 4  # the three missed minutes and the current one
    assert len(set(stamps(runs))) == len(runs)
    assert stamps(runs)[0] == start.strftime("%Y-%m-%dT%H:%M:%SZ")


async def test_a_change_wakes_the_sleeping_leader(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    schedule = await make_schedule(client, org, cron="* * * * *")
    scheduler = Scheduler(runtime, max_sleep=30, leadership_retry=0.2)
    async with running(scheduler):

        async def leading() -> bool:
            return scheduler.leading

        await eventually(leading)
        await asyncio.sleep(0.3)  # asleep now, until the next minute at the latest
        async with runtime.db.session(write=True) as session:
            await session.execute(
                sa.update(Schedule)
                .where(Schedule.id == schedule["id"])
                .values(next_run_at=this_minute())
            )
            await runtime.bus.notify_in_transaction(session, service.CHANNEL, schedule["id"])

        async def fired() -> bool:
            return len(await scheduled_runs(runtime, org)) == 1

        await eventually(fired, seconds=5)


async def test_an_idle_scheduler_does_not_poll(runtime: Runtime) -> None:
    scheduler = Scheduler(runtime, max_sleep=30, leadership_retry=0.2)
    ticks = 0
    tick = scheduler.tick

    async def counted() -> float:
        nonlocal ticks
        ticks += 1
        return await tick()

    scheduler.tick = counted  # type: ignore[method-assign]
    async with running(scheduler):
        await asyncio.sleep(1.5)
    # One look on taking the lead; another only if some schedule came due meanwhile.
    assert 1 <= ticks <= 3


@pytest.mark.skipif(not PG_URL, reason="leadership by advisory lock needs PostgreSQL")
async def test_a_leader_that_loses_its_connection_hands_over(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    first = Scheduler(runtime, max_sleep=0.3, leadership_retry=0.2)
    second = Scheduler(runtime, max_sleep=0.3, leadership_retry=0.2)
    async with running(first, second):

        async def one_leads() -> bool:
            return [first.leading, second.leading].count(True) == 1

        await eventually(one_leads)
        leader, follower = (first, second) if first.leading else (second, first)
        lock = leader._leadership
        assert isinstance(lock, AdvisoryLock)
        assert lock._conn is not None
        pid = lock._conn.get_server_pid()
        async with runtime.db.session() as session:
            await session.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})

        async def handed_over() -> bool:
            return follower.leading

        await eventually(handed_over)
        # The new leader fires.
        org = await factory.org()
        schedule = await make_schedule(client, org, cron="* * * * *")
        await set_next_run(runtime, schedule["id"], this_minute())

        async def fired() -> bool:
            return len(await scheduled_runs(runtime, org)) == 1

        await eventually(fired)
