"""Firing due schedules (``service.fire``) at chosen instants: catch-up, DST, races."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from flowline.runtime import Runtime
from flowline.schedules import service
from tests.factories import Factory, Org
from tests.schedules.builders import (
    get_row,
    make_schedule,
    scheduled_runs,
    set_next_run,
    stamps,
)

# Instants after today, so that what these tests leave behind is never due for a
# scheduler running in another test.
T0 = datetime(2031, 1, 1, 10, 0, tzinfo=UTC)


async def fire(runtime: Runtime, schedule_id: str, now: datetime) -> service.Fired | None:
    async with runtime.db.session(write=True) as session:
        return await service.fire(session, runtime.bus, schedule_id, now)


async def due_at(
    client: httpx.AsyncClient, runtime: Runtime, org: Org, start: datetime, **fields: Any
) -> str:
    schedule = await make_schedule(client, org, **fields)
    await set_next_run(runtime, schedule["id"], start)
    return str(schedule["id"])


@pytest.mark.parametrize(
    ("catch_up", "late", "expected", "next_run"),
    [
        ("all", timedelta(minutes=30, seconds=10), ["10:00", "10:10", "10:20", "10:30"], "10:40"),
        ("last", timedelta(minutes=30, seconds=10), ["10:30"], "10:40"),
        ("none", timedelta(minutes=30, seconds=10), ["10:30"], "10:40"),  # 10 s late: on time
        ("none", timedelta(minutes=31, seconds=30), [], "10:40"),  # 90 s late: skipped
        ("last", timedelta(seconds=5), ["10:00"], "10:10"),  # on time
    ],
)
async def test_catch_up_after_downtime(
    client: httpx.AsyncClient,
    factory: Factory,
    runtime: Runtime,
    catch_up: str,
    late: timedelta,
    expected: list[str],
    next_run: str,
) -> None:
    org = await factory.org()
    schedule_id = await due_at(
        client, runtime, org, T0, cron="*/10 * * * *", catch_up=catch_up, input={"k": 1}
    )
    fired = await fire(runtime, schedule_id, T0 + late)
    assert fired is not None
    runs = await scheduled_runs(runtime, org)
    assert stamps(runs) == [f"2031-01-01T{hm}:00Z" for hm in expected]
    assert all(run.input == {"k": 1} and run.status == "queued" for run in runs)
    assert all(run.created_by_id == org.owner.user_id for run in runs)
    row = await get_row(runtime, schedule_id)
    assert row.next_run_at == datetime.fromisoformat(f"2031-01-01T{next_run}:00Z")
    if expected:
        assert row.last_run_at == datetime.fromisoformat(f"2031-01-01T{expected[-1]}:00Z")
        assert row.last_run_id == runs[-1].id

    # Looking again at the same instant does nothing: the schedule moved on.
    assert await fire(runtime, schedule_id, T0 + late) is None
    assert len(await scheduled_runs(runtime, org)) == len(expected)


async def test_catch_up_all_goes_a_hundred_at_a_time(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    schedule_id = await due_at(client, runtime, org, T0, cron="* * * * *", catch_up="all")
    now = T0 + timedelta(minutes=150)
    first = await fire(runtime, schedule_id, now)
    assert first is not None
    assert len(first.started) == 100
    assert first.next_run_at == T0 + timedelta(minutes=100)
    second = await fire(runtime, schedule_id, now)
    assert second is not None
    assert len(second.started) == 51
    assert len({run.idempotency_key for run in await scheduled_runs(runtime, org)}) == 151


async def test_spring_forward_fires_the_skipped_time_once(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    # 2031-03-30: Europe/Berlin skips 02:00-03:00; 02:30 fires at 03:30 CEST (01:30 UTC).
    org = await factory.org()
    schedule = await make_schedule(
        client, org, cron="30 2 * * *", timezone="Europe/Berlin", catch_up="all"
    )
    first = service.cron.next_fire(
        "30 2 * * *", "Europe/Berlin", datetime(2031, 3, 29, 12, tzinfo=UTC)
    )
    assert first == datetime(2031, 3, 30, 1, 30, tzinfo=UTC)
    await set_next_run(runtime, schedule["id"], first)
    fired = await fire(runtime, schedule["id"], datetime(2031, 3, 31, 12, tzinfo=UTC))
    assert fired is not None
    assert stamps(await scheduled_runs(runtime, org)) == [
        "2031-03-30T01:30:00Z",  # 03:30 CEST
        "2031-03-31T00:30:00Z",  # 02:30 CEST
    ]
    assert fired.next_run_at == datetime(2031, 4, 1, 0, 30, tzinfo=UTC)


async def test_fall_back_fires_the_repeated_time_once(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    # 2031-10-26: Europe/Berlin shows 02:00-03:00 twice; 02:30 fires at its first showing.
    org = await factory.org()
    schedule_id = await due_at(
        client,
        runtime,
        org,
        datetime(2031, 10, 25, 0, 30, tzinfo=UTC),
        cron="30 2 * * *",
        timezone="Europe/Berlin",
        catch_up="all",
    )
    await fire(runtime, schedule_id, datetime(2031, 10, 27, 12, tzinfo=UTC))
    assert stamps(await scheduled_runs(runtime, org)) == [
        "2031-10-25T00:30:00Z",  # 02:30 CEST
        "2031-10-26T00:30:00Z",  # 02:30 CEST, the first showing; not 01:30 UTC as well
        "2031-10-27T01:30:00Z",  # 02:30 CET
    ]


async def test_disabled_schedules_do_not_fire(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    schedule_id = await due_at(client, runtime, org, T0, enabled=False)
    assert await fire(runtime, schedule_id, T0 + timedelta(hours=1)) is None
    async with runtime.db.session() as session:
        due = await service.due_schedule_ids(session, T0 + timedelta(hours=1), 1000, besides=[])
    assert schedule_id not in due
    assert await scheduled_runs(runtime, org) == []


async def test_an_inactive_flow_skips_the_firing_and_a_deleted_one_disables(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    schedule = await make_schedule(client, org, cron="*/10 * * * *")
    flow_id = schedule["flow_id"]
    await set_next_run(runtime, schedule["id"], T0)
    r = await client.patch(
        f"/api/v1/flows/{flow_id}", json={"status": "inactive"}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    fired = await fire(runtime, schedule["id"], T0 + timedelta(seconds=1))
    assert fired is not None
    assert fired.started == []
    row = await get_row(runtime, schedule["id"])
    assert row.enabled
    assert row.next_run_at == T0 + timedelta(minutes=10)
    assert row.last_error is not None
    assert "inactive" in row.last_error

    r = await client.delete(f"/api/v1/flows/{flow_id}", headers=org.headers)
    assert r.status_code == 204
    await fire(runtime, schedule["id"], T0 + timedelta(minutes=10, seconds=1))
    row = await get_row(runtime, schedule["id"])
    assert (row.enabled, row.next_run_at) == (False, None)
    assert row.last_error is not None
    assert "deleted" in row.last_error
    assert await scheduled_runs(runtime, org) == []


async def test_two_schedulers_firing_at_once_start_each_firing_once(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    schedule_id = await due_at(client, runtime, org, T0, cron="*/10 * * * *", catch_up="all")
    now = T0 + timedelta(hours=1)
    results = await asyncio.gather(*(fire(runtime, schedule_id, now) for _ in range(4)))
    assert sum(result is not None for result in results) == 1
    runs = await scheduled_runs(runtime, org)
    assert len(stamps(runs)) == len(set(stamps(runs))) == 7


async def test_a_firing_made_again_finds_its_run(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    """A scheduler that fired but whose move of ``next_run_at`` was lost (or a second
    scheduler that read the schedule before the first committed) starts nothing new."""
    org = await factory.org()
    schedule_id = await due_at(client, runtime, org, T0, cron="*/10 * * * *", catch_up="all")
    first = await fire(runtime, schedule_id, T0 + timedelta(minutes=20))
    await set_next_run(runtime, schedule_id, T0)
    again = await fire(runtime, schedule_id, T0 + timedelta(minutes=20))
    assert first is not None
    assert again is not None
    assert first.started == again.started
    assert len(await scheduled_runs(runtime, org)) == 3
