"""Child runs (``subflow``, ``foreach``): starting one, and answering its parent."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Run, Step
from flowline.engine import repository as repo
from flowline.engine.definitions import CompiledNode
from flowline.engine.nodes.base import ChildRun
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
    child: ChildRun,
) -> None:
    """Start the child run a ``subflow``/``foreach`` step waits for; a child that cannot
    start answers the step at once with its failure."""
    run = state.run
    scope = None if child.index is None else {"item": child.item, "index": child.index}
    try:
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


async def notify_parent(tx: AsyncSession, runtime: Runtime, run: Run) -> None:
    """A child run ended: answer the parent's waiting ``subflow``/``foreach`` step."""
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
                data={
                    "child_run_id": run.id,
                    "status": run.status,
                    "output": run.output,
                    "child_error": run.error,
                    "index": scope.get("index"),
                },
                keep_timer=True,
            )
            return
