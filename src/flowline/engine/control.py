"""Stopping and resuming runs from outside: cancel and retry.

Both lock the run first (the same order as the engine), change it through
``transitions``, and commit with the caller. Cancelling also tells every
worker on the bus, so a step that is running right now is interrupted.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Run
from flowline.engine import queue
from flowline.engine import repository as repo
from flowline.engine.children import notify_parent
from flowline.engine.run_end import cancel_waiting_effects
from flowline.engine.run_kinds import RUN_KINDS
from flowline.engine.transitions import (
    RUN_TERMINAL,
    TransitionRefused,
    lock_run,
    move_run,
    move_step,
)
from flowline.errors import NotFound
from flowline.events.log import notify_appended
from flowline.runtime import Runtime

CANCEL_CHANNEL = "runs.cancel"
"""Payload: the id of a run just cancelled; workers interrupt its running steps."""


async def _locked(session: AsyncSession, org_id: str, run_id: str) -> Run:
    run = await lock_run(session, org_id, run_id)
    if run is None:
        raise NotFound(f"Run {run_id} not found.", code="RUN_NOT_FOUND")
    return run


async def cancel_run(session: AsyncSession, runtime: Runtime, org_id: str, run_id: str) -> Run:
    """Stop the run wherever it is, and its child runs; ``409`` once it has ended."""
    run = await _locked(session, org_id, run_id)
    if run.status in RUN_TERMINAL:
        raise TransitionRefused(
            f"Run {run_id} is {run.status}; it cannot be cancelled.", code="RUN_STATE_CONFLICT"
        )
    await _cancel(session, runtime, run)
    return run


async def _cancel(session: AsyncSession, runtime: Runtime, run: Run) -> None:
    await repo.delete_tasks(session, run.org_id, run.id)
    opened = await repo.open_steps(session, run.org_id, run.id)
    for step in opened:
        move_step(session, run, step, "cancelled")
    if opened:
        await cancel_waiting_effects(session, run)
    move_run(session, run, "cancelled")
    kind = RUN_KINDS.get(run.kind)
    if kind is not None:
        await kind.cancelled(session, run)
        await queue.announce(runtime.bus, session)  # the work a kind queues on cancel
    await notify_appended(runtime.bus, session, run)
    await runtime.bus.notify_in_transaction(session, CANCEL_CHANNEL, run.id)
    for child in await repo.child_runs(session, run.org_id, run.id):
        if child.status not in RUN_TERMINAL:
            locked = await lock_run(session, run.org_id, child.id)
            if locked is not None and locked.status not in RUN_TERMINAL:
                await _cancel(session, runtime, locked)
    if run.parent_run_id is not None:
        await notify_parent(session, runtime, run)


async def retry_run(session: AsyncSession, runtime: Runtime, org_id: str, run_id: str) -> Run:
    """Resume a failed run from the nodes it stopped at, keeping every output that succeeded.

    The run's ``attempt_group`` goes up, so the retried steps carry new
    idempotency keys: a retry is a deliberate new attempt at the effect.
    """
    run = await _locked(session, org_id, run_id)
    if run.kind == "agent":
        raise TransitionRefused(
            f"Run {run_id} is an agent's chat turn; send the message again instead.",
            code="RUN_STATE_CONFLICT",
        )
    if run.status != "failed":
        raise TransitionRefused(
            f"Run {run_id} is {run.status}; only a failed run can be retried.",
            code="RUN_STATE_CONFLICT",
        )
    resume_from = list((run.error or {}).get("resume_from") or [])
    if not resume_from:
        flow_steps = await repo.steps_of_run(session, org_id, run.id)
        resume_from = [s.node_id for s in flow_steps if s.status == "failed"][-1:]
    run.attempt_group += 1
    previous = run.error
    run.error = None
    run.output = None
    move_run(
        session,
        run,
        "running",
        {
            "attempt_group": run.attempt_group,
            "resume_from": resume_from,
            "previous_error": previous,
        },
    )
    for node_id in resume_from:
        queue.enqueue(session, org_id=org_id, run_id=run.id, node_id=node_id)
    await notify_appended(runtime.bus, session, run)
    await queue.announce(runtime.bus, session)
    return run
