"""The work queue: due order, leases, fencing, fairness, wake-up times."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
import sqlalchemy as sa

from flowline.db.models import Task
from flowline.db.types import utcnow
from flowline.engine import queue
from flowline.runtime import Runtime
from tests.engine.test_transitions import _run
from tests.factories import Factory, Org


async def _tasks(runtime: Runtime, org: Org, run_id: str, count: int, *, delay: float = 0) -> None:
    async with runtime.db.session(write=True) as session:
        for n in range(count):
            queue.enqueue(
                session,
                org_id=org.id,
                run_id=run_id,
                node_id=f"n{n}",
                available_at=utcnow() + timedelta(seconds=delay),
            )


async def _claim(
    runtime: Runtime, worker: str, limit: int = 100, **kw: object
) -> list[queue.Lease]:
    async with runtime.db.session(write=True) as session:
        return await queue.claim(session, worker, limit=limit, lease_seconds=30, **kw)  # type: ignore[arg-type]


async def _mine(leases: list[queue.Lease], run_id: str) -> list[queue.Lease]:
    return [lease for lease in leases if lease.run_id == run_id]


@pytest.fixture
async def made_runs(runtime: Runtime) -> AsyncIterator[list[str]]:
    """The runs a test adds tasks to: their tasks name nodes their flows lack, so they go
    with the test (a later test's worker would claim them)."""
    made: list[str] = []
    yield made
    async with runtime.db.session(write=True) as session:
        await session.execute(sa.delete(Task).where(Task.run_id.in_(made)))


@pytest.fixture
async def org_run(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime, made_runs: list[str]
) -> tuple[Org, str]:
    org = await factory.org()
    made_runs.append(await _run(client, runtime, org))
    return org, made_runs[-1]


async def test_due_tasks_are_claimed_once_and_future_ones_wait(
    runtime: Runtime, org_run: tuple[Org, str]
) -> None:
    org, run_id = org_run
    await _tasks(runtime, org, run_id, 3)
    await _tasks(runtime, org, run_id, 2, delay=3600)
    first = await _mine(await _claim(runtime, "w1"), run_id)
    assert len(first) == 3
    assert all(lease.token == 1 for lease in first)
    assert await _mine(await _claim(runtime, "w2"), run_id) == []


async def test_an_expired_lease_is_taken_over_and_the_old_holder_is_fenced_off(
    runtime: Runtime, org_run: tuple[Org, str]
) -> None:
    org, run_id = org_run
    await _tasks(runtime, org, run_id, 1)
    [old] = await _mine(await _claim(runtime, "w1"), run_id)
    later = utcnow() + timedelta(seconds=31)
    [new] = await _mine(await _claim(runtime, "w2", now=later), run_id)
    assert new.task_id == old.task_id
    assert new.token == old.token + 1

    with pytest.raises(queue.LeaseLost):
        async with runtime.db.session(write=True) as session:
            await queue.finish(session, old)
    with pytest.raises(queue.LeaseLost):
        async with runtime.db.session(write=True) as session:
            await queue.extend(session, old, 30)
    async with runtime.db.session(write=True) as session:
        await queue.finish(session, new)
    async with runtime.db.session() as session:
        assert await session.get(Task, new.task_id) is None


async def test_a_heartbeat_keeps_the_lease(runtime: Runtime, org_run: tuple[Org, str]) -> None:
    org, run_id = org_run
    await _tasks(runtime, org, run_id, 1)
    [lease] = await _mine(await _claim(runtime, "w1"), run_id)
    async with runtime.db.session(write=True) as session:
        extended = await queue.extend(session, lease, 120)
    assert extended.expires_at > lease.expires_at
    assert (
        await _mine(await _claim(runtime, "w2", now=utcnow() + timedelta(seconds=60)), run_id) == []
    )


async def test_postponed_tasks_come_back_when_due(
    runtime: Runtime, org_run: tuple[Org, str]
) -> None:
    org, run_id = org_run
    await _tasks(runtime, org, run_id, 1)
    [lease] = await _mine(await _claim(runtime, "w1"), run_id)
    async with runtime.db.session(write=True) as session:
        await queue.postpone(session, lease, utcnow() + timedelta(seconds=10), attempt=2)
    assert await _mine(await _claim(runtime, "w1"), run_id) == []
    [again] = await _mine(await _claim(runtime, "w1", now=utcnow() + timedelta(seconds=11)), run_id)
    assert again.attempt == 2
    assert again.token == lease.token + 1


async def test_a_flood_from_one_organisation_does_not_starve_another(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime, made_runs: list[str]
) -> None:
    busy, quiet = await factory.org(), await factory.org()
    busy_run, quiet_run = await _run(client, runtime, busy), await _run(client, runtime, quiet)
    made_runs.extend([busy_run, quiet_run])
    await _tasks(runtime, busy, busy_run, 50)
    await _tasks(runtime, quiet, quiet_run, 1)
    leases = await _claim(runtime, "w1", limit=10, per_org=5)
    assert len(await _mine(leases, busy_run)) == 5
    assert len(await _mine(leases, quiet_run)) == 1


async def test_concurrent_claimers_never_share_a_task(
    runtime: Runtime, org_run: tuple[Org, str]
) -> None:
    """Eight workers claiming at once, round after round, until the run's work is gone."""
    org, run_id = org_run
    await _tasks(runtime, org, run_id, 200)
    ids: list[int] = []
    for _ in range(50):
        results = await asyncio.gather(*(_claim(runtime, f"w{n}", limit=30) for n in range(8)))
        batch = [lease.task_id for leases in results for lease in await _mine(leases, run_id)]
        ids.extend(batch)
        if len(ids) >= 200:
            break
    assert len(ids) == len(set(ids))
    assert len(ids) == 200


async def test_next_wakeup_is_the_earliest_due_time(
    runtime: Runtime, org_run: tuple[Org, str]
) -> None:
    org, run_id = org_run
    await _tasks(runtime, org, run_id, 1, delay=-5)
    async with runtime.db.session() as session:
        wake = await queue.next_wakeup(session)
    assert wake is not None
    assert wake <= utcnow()
