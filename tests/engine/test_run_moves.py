"""The one door's Core face (``RunMoves``): the move tables, numbered events, compare-and-set
writes; a chat turn and a flow run leave the same shape of events for a model call."""

from __future__ import annotations

import itertools
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from flowline.db.models import Run, RunEvent, Step
from flowline.engine.transitions import (
    RUN_MOVES,
    STEP_MOVES,
    RunMoved,
    RunMoves,
    StepRef,
    TransitionRefused,
    move_run,
    move_step,
)
from flowline.engine.worker import Worker
from flowline.ids import new_id
from flowline.runtime import Runtime
from tests.agents.builders import make_agent
from tests.engine.flows import chain, create_flow, node, run_flow
from tests.factories import Factory, Org

RUN_STATUSES = ("queued", "running", "waiting", "succeeded", "failed", "cancelled")
STEP_STATUSES = ("running", "waiting", "retrying", "succeeded", "failed", "cancelled")
ILLEGAL_RUN = [p for p in itertools.product(RUN_STATUSES, repeat=2) if p not in RUN_MOVES]
ILLEGAL_STEP = [p for p in itertools.product(STEP_STATUSES, repeat=2) if p not in STEP_MOVES]


@pytest.mark.parametrize(("before", "to"), ILLEGAL_RUN)
def test_every_run_move_not_in_the_table_is_refused_by_both_faces(before: str, to: str) -> None:
    core = RunMoves.known("org_x", "run_x", status=before, seq=3)
    with pytest.raises(TransitionRefused):
        core.move_run(to)
    assert (core.status, core.seq, core.events) == (before, 3, [])
    orm = Run(id="run_x", org_id="org_x", status=before, event_seq=3)
    with pytest.raises(TransitionRefused):
        move_run(None, orm, to)  # type: ignore[arg-type]  # refused before any write
    assert orm.status == before


@pytest.mark.parametrize(("before", "to"), ILLEGAL_STEP)
def test_every_step_move_not_in_the_table_is_refused_by_both_faces(before: str, to: str) -> None:
    core = RunMoves.known("org_x", "run_x", status="running", seq=3)
    with pytest.raises(TransitionRefused):
        core.move_step(StepRef("stp_x", "a", before), to)
    assert core.events == []
    orm = Step(id="stp_x", node_id="a", status=before)
    with pytest.raises(TransitionRefused):
        move_step(None, Run(id="run_x"), orm, to)  # type: ignore[arg-type]
    assert orm.status == before


async def _events(runtime: Runtime, run_id: str) -> list[tuple[int, str, dict[str, Any]]]:
    async with runtime.db.session() as session:
        rows = await session.execute(
            sa.select(RunEvent.seq, RunEvent.type, RunEvent.data)
            .where(RunEvent.run_id == run_id)
            .order_by(RunEvent.seq)
        )
        return [(seq, kind, data) for seq, kind, data in rows.all()]


def _new_run(org: Org) -> RunMoves:
    row = {"id": new_id("run"), "org_id": org.id, "kind": "agent", "trigger": "api", "input": {}}
    return RunMoves.new({**row, "vars": {}})


async def test_moves_are_written_in_one_go_and_a_stale_writer_is_refused(
    factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    moves = _new_run(org)
    moves.move_run("running")
    step = moves.start_step({"id": new_id("stp"), "node_id": "a", "node_type": "set"})
    moves.move_step(step, "waiting")
    moves.move_run("waiting")
    assert await runtime.db.transact(moves.write) == 4
    stale = RunMoves.known(org.id, moves.run_id, status="waiting", seq=3)  # missed an event
    stale.move_run("running")
    with pytest.raises(RunMoved):
        await runtime.db.transact(stale.write)

    # The first writer goes on from what it wrote, across transactions.
    moves.move_run("running")
    moves.move_step(step, "running")
    moves.move_step(step, "succeeded", output={"x": 1})
    moves.move_run("succeeded", output={"done": True})
    assert await runtime.db.transact(moves.write) == 8
    async with runtime.db.session() as session:
        run = await session.get(Run, moves.run_id)
        stored = await session.get(Step, step.id)
    assert run is not None
    assert stored is not None
    assert (run.status, run.event_seq, run.output) == ("succeeded", 8, {"done": True})
    assert run.started_at is not None
    assert run.finished_at is not None
    assert (stored.status, stored.output) == ("succeeded", {"x": 1})
    assert stored.finished_at is not None
    assert [(s, t) for s, t, _ in await _events(runtime, moves.run_id)] == [
        (1, "run.started"),
        (2, "step.started"),
        (3, "step.waiting"),
        (4, "run.waiting"),
        (5, "run.resumed"),
        (6, "step.resumed"),
        (7, "step.succeeded"),
        (8, "run.succeeded"),
    ]


async def test_a_refused_write_rolls_its_transaction_back(
    factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    moves = _new_run(org)
    moves.move_run("running")
    await runtime.db.transact(moves.write)
    other = RunMoves.known(org.id, moves.run_id, status="running", seq=1)
    other.move_run("cancelled")
    await runtime.db.transact(other.write)

    moves.start_step({"id": new_id("stp"), "node_id": "a", "node_type": "set"})
    moves.event("note", {"x": 1})
    with pytest.raises(RunMoved):
        await runtime.db.transact(moves.write)
    assert [t for _, t, _ in await _events(runtime, moves.run_id)] == [
        "run.started",
        "run.cancelled",
    ]
    async with runtime.db.session() as session:
        steps = await session.scalar(sa.select(sa.func.count()).where(Step.run_id == moves.run_id))
    assert steps == 0


def _shape(events: list[tuple[int, str, dict[str, Any]]], llm: str) -> list[tuple[str, ...]]:
    """The run's moves and its model call step's, with the keys of their data."""
    shape: list[tuple[str, ...]] = []
    for _, kind, data in events:
        if kind.startswith("run.") and "status" in data:
            shape.append((kind, data["status"]))
        elif kind.startswith("step.") and data.get("node_id") == llm:
            shape.append((kind, *sorted(data)))
    return shape


async def test_a_chat_turn_and_a_flow_run_leave_the_same_events_for_a_model_call(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, runtime: Runtime
) -> None:
    org = await factory.org()
    flow_id = await create_flow(
        client,
        org,
        chain(node("start", "start"), node("ask", "llm", prompt="Hi"), node("done", "end")),
    )
    run = await run_flow(client, org, flow_id, {})
    assert run["status"] == "succeeded", run
    agent_id = await make_agent(client, org)
    r = await client.post(
        f"/api/v1/agents/{agent_id}/chat", json={"messages": "Hi"}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    turn_id = r.json()["data"]["metadata"]["run_id"]

    flow_events = await _events(runtime, str(run["id"]))
    turn_events = await _events(runtime, turn_id)
    expected = [
        ("run.started", "running"),
        ("step.started", "attempt", "node_id", "node_type", "run_id", "step_id"),
        ("step.succeeded", "attempt", "node_id", "outcome", "run_id", "status", "step_id"),
        ("run.succeeded", "succeeded"),
    ]
    assert _shape(flow_events, "ask") == expected
    assert _shape(turn_events, "llm:1") == expected
    for events in (flow_events, turn_events):
        assert [seq for seq, _, _ in events] == list(range(1, len(events) + 1))
        started = [d for _, k, d in events if k == "step.started" and d["node_type"] == "llm"]
        assert len(started) == 1
