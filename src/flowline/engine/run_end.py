"""A run's end: its other work dropped, its open steps closed, its parent told."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Run
from flowline.engine import repository as repo
from flowline.engine.children import notify_parent
from flowline.engine.run_state import RunState
from flowline.engine.transitions import move_run, move_step
from flowline.runtime import Runtime


async def end_run(
    tx: AsyncSession,
    runtime: Runtime,
    state: RunState,
    status: str,
    *,
    failed_node: str | None = None,
) -> None:
    """Finish the run: drop its other work, close its open steps, tell its parent."""
    run = state.run
    state.ended = True
    opened = state.open_steps()
    if status == "failed":
        resume_from = [failed_node] if failed_node else []
        for kind, node_id in state.tasks:
            if kind in ("node", "join") and node_id not in resume_from:
                resume_from.append(node_id)
        for step in opened:
            if step.node_id not in resume_from:
                resume_from.append(step.node_id)
        run.error = {**(run.error or {}), "resume_from": resume_from}
    if state.tasks:
        await repo.delete_tasks(tx, run.org_id, run.id)
        state.tasks.clear()
    for step in opened:
        move_step(tx, run, step, "cancelled")
    if opened:
        await cancel_waiting_effects(tx, run)
    move_run(tx, run, status, {"error": run.error} if status == "failed" else None)
    await notify_parent(tx, runtime, run)


async def cancel_waiting_effects(tx: AsyncSession, run: Run) -> None:
    """Withdraw what a run's waiting steps asked of people (pending approvals)."""
    try:
        from flowline.engine import approvals
    except ImportError:  # pragma: no cover - approvals arrive with their own module
        return
    await approvals.cancel_for_run(tx, run.org_id, run.id, run=run)
