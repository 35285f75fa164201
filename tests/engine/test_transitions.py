"""The one door for run and step state: allowed moves, events in order, row locks."""

from __future__ import annotations

import asyncio

import httpx
import pytest
import sqlalchemy as sa

from flowline.db.models import Flow, Run, RunEvent, Step
from flowline.engine.transitions import (
    RUN_MOVES,
    TransitionRefused,
    lock_run,
    move_run,
    move_step,
    start_step,
)
from flowline.ids import new_id
from flowline.runtime import Runtime
from tests.factories import Factory, Org, unique

DEFINITION = {
    "nodes": [
        {"id": "start", "data": {"node_type": "start"}},
        {"id": "done", "data": {"node_type": "end"}},
    ],
    "edges": [{"id": "e1", "source": "start", "target": "done"}],
}


async def _run(client: httpx.AsyncClient, runtime: Runtime, org: Org) -> str:
    body = {"name": unique("flow"), "definition": DEFINITION}
    r = await client.post("/api/v1/flows", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    flow_id = r.json()["data"]["id"]
    run_id = new_id("run")
    async with runtime.db.session(write=True) as session:
        flow = await session.get(Flow, flow_id)
        assert flow is not None
        assert flow.current_version_id is not None
        session.add(
            Run(
                id=run_id,
                org_id=org.id,
                flow_id=flow_id,
                flow_version_id=flow.current_version_id,
                status="queued",
                trigger="api",
                input={},
                vars={},
            )
        )
    return run_id


async def _events(runtime: Runtime, run_id: str) -> list[tuple[int, str]]:
    async with runtime.db.session() as session:
        rows = await session.execute(
            sa.select(RunEvent.seq, RunEvent.type)
            .where(RunEvent.run_id == run_id)
            .order_by(RunEvent.seq)
        )
        return [(seq, kind) for seq, kind in rows.all()]


async def test_a_run_moves_through_its_lifecycle_with_numbered_events(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    run_id = await _run(client, runtime, org)
    async with runtime.db.session(write=True) as session:
        run = await lock_run(session, org.id, run_id)
        assert run is not None
        move_run(session, run, "running")
        step = Step(
            id=new_id("stp"), org_id=org.id, run_id=run_id, node_id="start", node_type="start"
        )
        start_step(session, run, step)
        move_step(session, run, step, "succeeded", {"outcome": "next"})
        move_run(session, run, "succeeded")
    assert await _events(runtime, run_id) == [
        (1, "run.started"),
        (2, "step.started"),
        (3, "step.succeeded"),
        (4, "run.succeeded"),
    ]
    async with runtime.db.session() as session:
        run = await session.get(Run, run_id)
        assert run is not None
        assert run.status == "succeeded"
        assert run.started_at is not None
        assert run.finished_at is not None
        assert run.event_seq == 4


@pytest.mark.parametrize(
    ("start", "to"),
    [
        ("succeeded", "running"),
        ("cancelled", "running"),
        ("queued", "waiting"),
        ("failed", "succeeded"),
    ],
)
async def test_moves_outside_the_table_are_refused_and_change_nothing(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime, start: str, to: str
) -> None:
    assert (start, to) not in RUN_MOVES
    org = await factory.org()
    run_id = await _run(client, runtime, org)
    async with runtime.db.session(write=True) as session:
        run = await lock_run(session, org.id, run_id)
        assert run is not None
        run.status = start

    async def attempt() -> None:
        async with runtime.db.session(write=True) as session:
            locked = await lock_run(session, org.id, run_id)
            assert locked is not None
            move_run(session, locked, to)

    with pytest.raises(TransitionRefused):
        await attempt()
    assert await _events(runtime, run_id) == []


async def test_another_organisation_cannot_lock_the_run(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org, other = await factory.org(), await factory.org()
    run_id = await _run(client, runtime, org)
    async with runtime.db.session(write=True) as session:
        assert await lock_run(session, other.id, run_id) is None


async def test_concurrent_movers_queue_on_the_lock_and_number_events_once(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    """Many writers appending to one run: sequence numbers stay unique and gap-free."""
    org = await factory.org()
    run_id = await _run(client, runtime, org)
    async with runtime.db.session(write=True) as session:
        run = await lock_run(session, org.id, run_id)
        assert run is not None
        move_run(session, run, "running")

    async def add_step(n: int) -> None:
        async with runtime.db.session(write=True) as session:
            locked = await lock_run(session, org.id, run_id)
            assert locked is not None
            step = Step(
                id=new_id("stp"), org_id=org.id, run_id=run_id, node_id=f"n{n}", node_type="set"
            )
            start_step(session, locked, step)
            move_step(session, locked, step, "succeeded")

    await asyncio.gather(*(add_step(n) for n in range(8)))
    events = await _events(runtime, run_id)
    assert [seq for seq, _ in events] == list(range(1, 18))


def _step(org: Org, run_id: str, node_id: str) -> Step:
    return Step(id=new_id("stp"), org_id=org.id, run_id=run_id, node_id=node_id, node_type="set")


async def _steps(runtime: Runtime, run_id: str) -> dict[str, tuple[str, object]]:
    async with runtime.db.session() as session:
        rows = await session.execute(
            sa.select(Step.node_id, Step.status, Step.output).where(Step.run_id == run_id)
        )
        return {node_id: (status, output) for node_id, status, output in rows.all()}


async def test_a_new_step_is_written_with_its_last_values_and_can_move_in_a_later_transaction(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    run_id = await _run(client, runtime, org)
    async with runtime.db.session(write=True) as session:
        run = await lock_run(session, org.id, run_id)
        assert run is not None
        move_run(session, run, "running")
        step = _step(org, run_id, "a")
        start_step(session, run, step)
        step.output = {"n": 1}
        move_step(session, run, step, "waiting")
    assert await _steps(runtime, run_id) == {"a": ("waiting", {"n": 1})}
    async with runtime.db.session(write=True) as session:  # the row taken up again
        run = await lock_run(session, org.id, run_id)
        assert run is not None
        session.add(step)
        step.output = {"n": 2}
        move_step(session, run, step, "succeeded")
    assert await _steps(runtime, run_id) == {"a": ("succeeded", {"n": 2})}
    assert [kind for _, kind in await _events(runtime, run_id)] == [
        "run.started",
        "step.started",
        "step.waiting",
        "step.succeeded",
    ]


async def test_a_savepoint_rolled_back_keeps_what_came_before_it(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    """The events and new steps of the transaction before a savepoint stay when the
    savepoint is rolled back; only its own go, and a step made before it can still
    move after it."""
    org = await factory.org()
    run_id = await _run(client, runtime, org)
    async with runtime.db.session(write=True) as session:
        run = await lock_run(session, org.id, run_id)
        assert run is not None
        move_run(session, run, "running")
        before = _step(org, run_id, "before")
        start_step(session, run, before)
        savepoint = await session.begin_nested()
        start_step(session, run, _step(org, run_id, "inside"))
        await savepoint.rollback()
        # Read again (the ORM expires what changed in a savepoint rolled back): its
        # number of events is the one from before the savepoint.
        run = await lock_run(session, org.id, run_id)
        assert run is not None
        assert run.event_seq == 2
        move_step(session, run, before, "succeeded")
    assert await _steps(runtime, run_id) == {"before": ("succeeded", None)}
    assert await _events(runtime, run_id) == [
        (1, "run.started"),
        (2, "step.started"),
        (3, "step.succeeded"),
    ]


async def test_a_savepoint_released_keeps_its_steps_in_the_transaction(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    run_id = await _run(client, runtime, org)
    async with runtime.db.session(write=True) as session:
        run = await lock_run(session, org.id, run_id)
        assert run is not None
        move_run(session, run, "running")
        async with session.begin_nested():
            inside = _step(org, run_id, "inside")
            start_step(session, run, inside)
        move_step(session, run, inside, "succeeded")
    assert await _steps(runtime, run_id) == {"inside": ("succeeded", None)}
    assert [kind for _, kind in await _events(runtime, run_id)] == [
        "run.started",
        "step.started",
        "step.succeeded",
    ]
