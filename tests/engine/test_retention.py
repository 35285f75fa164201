"""Retention: long-finished runs lose their steps and events, in batches, and nothing else."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from flowline.db.models.approval import Approval
from flowline.db.models.run import Run
from flowline.db.types import utcnow
from flowline.engine import retention
from flowline.engine.worker import Worker
from flowline.ids import new_id
from flowline.maintenance import sweep
from flowline.runtime import Runtime
from tests.engine.flows import chain, create_flow, get_run, node, run_flow
from tests.factories import Factory, Org


async def _finished_runs(client: httpx.AsyncClient, org: Org, count: int) -> list[str]:
    definition = chain(
        node("start", "start"),
        node("a", "set", values={"x": 1}),
        node("end", "end", output="{{ vars.x }}"),
    )
    flow_id = await create_flow(client, org, definition)
    runs = await asyncio.gather(*[run_flow(client, org, flow_id) for _ in range(count)])
    assert {run["status"] for run in runs} == {"succeeded"}
    return [run["id"] for run in runs]


async def _age(runtime: Runtime, run_ids: list[str], days: int) -> None:
    moment = utcnow() - timedelta(days=days)
    update = sa.update(Run).where(Run.id.in_(run_ids)).values(finished_at=moment)
    await runtime.db.transact(lambda conn: conn.execute(update))


async def _events(client: httpx.AsyncClient, org: Org, run_id: str) -> list[Any]:
    r = await client.get(f"/api/v1/runs/{run_id}/events", headers=org.headers)
    assert r.status_code == 200, r.text
    return list(r.json()["data"])


async def test_old_runs_lose_steps_and_events_and_keep_their_row(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, runtime: Runtime
) -> None:
    org = await factory.org()
    old, recent = await _finished_runs(client, org, 2)
    await _age(runtime, [old], days=10)
    await _age(runtime, [recent], days=2)

    assert await retention.prune_finished_runs(runtime.db, 7) >= 1

    pruned = await get_run(client, org, old)
    assert pruned["status"] == "succeeded"
    assert pruned["output"] == 1
    assert pruned["steps"] == []
    assert pruned["pruned_at"] is not None
    assert await _events(client, org, old) == []
    kept = await get_run(client, org, recent)
    assert len(kept["steps"]) == 3
    assert kept["pruned_at"] is None
    assert len(await _events(client, org, recent)) == 8
    assert await retention.prune_finished_runs(runtime.db, 7) == 0  # done once


async def test_a_step_an_approval_refers_to_is_kept(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, runtime: Runtime
) -> None:
    org = await factory.org()
    (run_id,) = await _finished_runs(client, org, 1)
    step_id = (await get_run(client, org, run_id))["steps"][1]["id"]
    approval = Approval(
        id=new_id("apr"), org_id=org.id, run_id=run_id, step_id=step_id, title="kept"
    )
    async with runtime.db.session(write=True) as session:
        session.add(approval)
    await _age(runtime, [run_id], days=30)

    await retention.prune_finished_runs(runtime.db, 7)

    run = await get_run(client, org, run_id)
    assert [step["id"] for step in run["steps"]] == [step_id]
    async with runtime.db.session() as session:
        assert await session.get(Approval, approval.id) is not None


async def test_the_maintenance_sweep_prunes_only_when_retention_is_set(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, runtime: Runtime
) -> None:
    org = await factory.org()
    (run_id,) = await _finished_runs(client, org, 1)
    await _age(runtime, [run_id], days=400)
    assert "pruned_runs" not in await sweep(runtime)
    assert len((await get_run(client, org, run_id))["steps"]) == 3

    runtime.settings.retention_days = 365
    try:
        removed = await sweep(runtime)
    finally:
        runtime.settings.retention_days = None
    assert removed["pruned_runs"] >= 1
    assert (await get_run(client, org, run_id))["steps"] == []


async def test_pruning_in_batches_under_concurrent_reads(
    client: httpx.AsyncClient,
    factory: Factory,
    worker: Worker,
    runtime: Runtime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    org = await factory.org()
    run_ids = await _finished_runs(client, org, 5)
    await _age(runtime, run_ids, days=90)
    monkeypatch.setattr(retention, "BATCH_RUNS", 2)  # three batches, readers in between
    statuses: list[int] = []
    done = asyncio.Event()

    async def read() -> None:
        while not done.is_set():
            for run_id in run_ids:
                r = await client.get(f"/api/v1/runs/{run_id}", headers=org.headers)
                statuses.append(r.status_code)
                r = await client.get(f"/api/v1/runs/{run_id}/events", headers=org.headers)
                statuses.append(r.status_code)

    readers = [asyncio.create_task(read()) for _ in range(3)]
    try:
        pruned = await retention.prune_finished_runs(runtime.db, 30)
    finally:
        done.set()
        await asyncio.gather(*readers)
    assert pruned >= 5
    assert statuses
    assert set(statuses) == {200}
    for run_id in run_ids:
        run = await get_run(client, org, run_id)
        assert run["steps"] == []
        assert run["pruned_at"] is not None
