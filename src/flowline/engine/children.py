"""Child runs (``subflow``, ``foreach``, an ``agent``'s turn): starting one, and answering
its parent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Run, Step
from flowline.engine import repository as repo
from flowline.engine.definitions import CompiledNode
from flowline.engine.nodes.base import ChildRun, ChildTurn
from flowline.engine.run_kinds import RUN_KINDS
from flowline.engine.run_state import RunState
from flowline.engine.signals import resume_step
from flowline.engine.start import start_run
from flowline.errors import FlowlineError
from flowline.runtime import Runtime


async def start_child(
    tx: AsyncSession,
    runtime: Runtime,
    state: RunState,
    node: CompiledNode,
    step: Step,
    child: ChildRun | ChildTurn,
) -> None:
    """Start the child run a ``subflow``/``foreach``/``agent`` step waits for; a child that
    cannot start answers the step at once with its failure."""
    run = state.run
    try:
        if isinstance(child, ChildTurn):
            # The turn's messages are stored and shown to a model: never a secret's value.
            masked = ChildTurn(child.agent, state.masked(child.prompt), state.masked(child.thread))
            turn_id = await _start_turn(tx, runtime, run, node.id, step.id, masked)
            # Shown while the step waits, so that the turn can be followed (or answered).
            step.output = {"run_id": turn_id}
            return
        scope = None if child.index is None else {"item": child.item, "index": child.index}
        await start_run(
            tx,
            runtime.bus,
            org_id=run.org_id,
            flow_id=child.flow_id,
            input=child.input,
            trigger="subflow",
            created_by_id=run.created_by_id,
            parent_run_id=run.id,
            parent_node_id=node.id,
            scope=scope,
        )
    except FlowlineError as exc:
        # The child cannot start: answer the waiting step at once with the failure.
        await resume_step(
            tx,
            runtime.bus,
            org_id=run.org_id,
            run_id=run.id,
            step_id=step.id,
            node_id=node.id,
            data={"error": {"code": exc.error_code, "message": exc.message}},
        )
        state.runnable += 1


async def _start_turn(
    tx: AsyncSession, runtime: Runtime, run: Run, node_id: str, step_id: str, child: ChildTurn
) -> str:
    kind = RUN_KINDS.get("agent")
    if kind is None:
        raise FlowlineError("Agents are not available on this instance.", code="NODE_NOT_AVAILABLE")
    # A savepoint: a turn that cannot start leaves nothing of itself behind.
    async with tx.begin_nested():
        return await kind.start_child(tx, runtime, run, node_id, step_id, child)


def ended_data(
    child_run_id: str, status: str, output: Any, error: Any, index: int | None = None
) -> dict[str, Any]:
    """What a waiting step is told when its child run ends (its node's ``on_resume``)."""
    return {
        "child_run_id": child_run_id,
        "status": status,
        "output": output,
        "child_error": error,
        "index": index,
    }


def ended_task(
    *,
    org_id: str,
    parent_run_id: str,
    node_id: str,
    step_id: str,
    data: dict[str, Any],
    now: datetime,
) -> dict[str, Any]:
    """The ``resume`` task row :func:`notify_parent` queues, as plain values: for a child
    whose last transaction is written in plain statements (an agent's turn,
    ``agents/turn_store/end.py``). The caller inserts it and wakes the workers."""
    return {
        "org_id": org_id,
        "run_id": parent_run_id,
        "node_id": node_id,
        "kind": "resume",
        "payload": {"step_id": step_id, "data": data},
        "available_at": now,
        "attempt": 1,
        "step_id": step_id,
        "lease_token": 0,
        "created_at": now,
    }


async def notify_parent(tx: AsyncSession, runtime: Runtime, run: Run) -> None:
    """A child run ended: answer the parent's waiting ``subflow``/``foreach``/``agent`` step."""
    if run.parent_run_id is None or run.parent_node_id is None:
        return
    for step in await repo.open_steps(tx, run.org_id, run.parent_run_id):
        if step.node_id == run.parent_node_id and step.status == "waiting":
            scope = run.scope or {}
            await resume_step(
                tx,
                runtime.bus,
                org_id=run.org_id,
                run_id=run.parent_run_id,
                step_id=step.id,
                node_id=step.node_id,
                data=ended_data(
                    run.id,
                    run.status,
                    run.output if run.kind == "flow" else None,
                    run.error,
                    scope.get("index"),
                ),
                keep_timer=True,
            )
            return
