"""Reading a claimed task's run: locked, with what its templates and decisions need."""

from __future__ import annotations

import contextlib
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Run, Step
from flowline.engine import queue
from flowline.engine import repository as repo
from flowline.engine.definitions import load_definition
from flowline.engine.queue import Lease, LeaseLost
from flowline.engine.redact import SecretMask
from flowline.engine.run_state import RunState
from flowline.engine.templates import StepState
from flowline.engine.transitions import LOCK_RUN, RUN_TERMINAL, lock_run
from flowline.runtime import Runtime


async def load_state(
    tx: AsyncSession, runtime: Runtime, lease: Lease, kept: RunState | None = None
) -> RunState | None:
    """Lock the run and read what its templates need; ``None`` if it can do nothing.

    ``kept``: the run as this worker's last commit on it left it (a chain of steps with
    effects): taken up again if the run has not moved since (``resume_state``)."""
    if kept is not None:
        state = await resume_state(tx, lease, kept)
        if state is not None:
            return state
    run = await lock_run(tx, lease.org_id, lease.run_id)
    if run is None or run.status in RUN_TERMINAL:
        with contextlib.suppress(LeaseLost):
            await queue.finish(tx, lease)
        return None
    return await state_of(tx, runtime, lease, run)


async def resume_state(tx: AsyncSession, lease: Lease, kept: RunState) -> RunState | None:
    """Lock the run and take up ``kept`` again, its rows attached to ``tx``, if the run's
    status and last event are still as ``kept`` knows them (every move of the run or of
    one of its steps numbers an event); ``None`` if not, to read it all back.

    Its tasks are read again (a resume task is added without an event); its secrets are
    those of the chain's first commit."""
    run = kept.run
    found = (await tx.execute(LOCK_RUN, {"p_org": run.org_id, "p_run": run.id})).first()
    if found is None or (found.status, found.event_seq) != (run.status, run.event_seq):
        return None
    tx.add(run)
    tx.add_all(kept.rows.values())
    tasks = [
        (kind, node_id)
        for task_id, kind, node_id in await repo.tasks_of_run(tx, run.org_id, run.id)
        if task_id != lease.task_id
    ]
    return kept.again(tasks)


async def state_of(tx: AsyncSession, runtime: Runtime, lease: Lease | None, run: Run) -> RunState:
    """What the locked run's templates and decisions need (``lease``: the task being run,
    not counted among the run's others; ``None`` for a run created in this transaction)."""
    assert run.flow_version_id is not None  # agent runs never reach the executor
    flow = await load_definition(tx, run.org_id, run.flow_version_id)
    steps: dict[str, StepState] = {}
    outputs: dict[str, Any] = {}
    rows: dict[str, Step] = {}
    last_output: Any = None
    # A run that has not started has no steps, and no task but the one claimed.
    fresh = run.event_seq == 0
    for step in [] if fresh else await repo.steps_of_run(tx, run.org_id, run.id):
        rows[step.id] = step
        if step.status == "succeeded":
            outputs[step.node_id] = step.output
            last_output = step.output
        steps[step.node_id] = StepState(
            output=outputs.get(step.node_id), status=step.status, error=step.error
        )
    tasks = [
        (kind, node_id)
        for task_id, kind, node_id in (
            [] if fresh else await repo.tasks_of_run(tx, run.org_id, run.id)
        )
        if lease is None or task_id != lease.task_id
    ]
    state = RunState(
        run=run, flow=flow, steps=steps, rows=rows, tasks=tasks, last_output=last_output
    )
    if flow.uses_secrets:
        state.secrets = await _secrets(tx, runtime, run.org_id)
        state.mask = SecretMask(state.secrets.values())
    return state


async def _secrets(tx: AsyncSession, runtime: Runtime, org_id: str) -> dict[str, str]:
    box = runtime.secret_box
    rows = await repo.secrets(tx, org_id)
    return {row.name: box.decrypt(row.ciphertext) for row in rows}
