"""Runs as callers see them: starting one, lists, one run with its steps, its event
log, and the requests to cancel or retry it.

Nothing here changes a run's state itself: starting, cancelling and retrying
are the engine's (``engine/start.py``, ``engine/control.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.db.models.run import Run, Step
from flowline.db.models.run_event import RunEvent
from flowline.db.repository import Page, PageRequest
from flowline.db.types import dump_json, load_json
from flowline.engine import control
from flowline.engine.definitions import load_definition
from flowline.engine.executor import Executor
from flowline.engine.input_schema import MAX_PROBLEMS, input_problems
from flowline.engine.repository import runnable_flow
from flowline.engine.run_state import RunState
from flowline.engine.start import (
    BulkStarted,
    NewRun,
    Started,
    runnable_version,
    start_run,
    start_runs,
)
from flowline.errors import NotFound, ValidationFailed
from flowline.events.repository import RunEventRepository
from flowline.runs.repository import RunFilter, RunRepository, StepRepository
from flowline.runs.schemas import RunCreate, RunRead, RunsBulkCreate, RunSummary, StepRead
from flowline.runtime import Runtime


def step_read(step: Step) -> StepRead:
    duration_ms = None
    if step.finished_at is not None:
        duration_ms = round((step.finished_at - step.started_at).total_seconds() * 1000)
    return StepRead.model_validate(
        {
            **{
                name: getattr(step, name) for name in StepRead.model_fields if name != "duration_ms"
            },
            "duration_ms": duration_ms,
        }
    )


async def get_run_row(session: AsyncSession, principal: Principal, run_id: str) -> Run:
    """The organisation's run, or ``NotFound`` (also for another organisation's)."""
    run = await RunRepository(session, principal.org_id).get(run_id)
    if run is None:
        raise NotFound(f"Run {run_id} not found.", code="RUN_NOT_FOUND")
    return run


async def list_runs(
    session: AsyncSession, principal: Principal, page: PageRequest, wanted: RunFilter
) -> Page[Run]:
    repo = RunRepository(session, principal.org_id)
    wanted = replace(
        wanted, created_after=_utc(wanted.created_after), created_before=_utc(wanted.created_before)
    )
    return await repo.paginate(repo.search(wanted), page, order_by=Run.created_at.desc())


def _utc(moment: datetime | None) -> datetime | None:
    """A time given without a zone is taken as UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


async def get_run(session: AsyncSession, principal: Principal, run_id: str) -> RunRead:
    run = await get_run_row(session, principal, run_id)
    steps = await StepRepository(session, principal.org_id).all_of_run(run.id)
    return run_read(run, steps)


def run_read(run: Run, steps: Iterable[Step]) -> RunRead:
    """The run with ``steps`` (in the order they started) as the API shows it."""
    summary = RunSummary.model_validate(run)
    return RunRead(
        **summary.model_dump(),
        input=run.input,
        output=run.output,
        error=run.error,
        vars=run.vars,
        parent_node_id=run.parent_node_id,
        attempt_group=run.attempt_group,
        event_seq=run.event_seq,
        steps=[step_read(step) for step in steps],
        pruned_at=run.pruned_at,
    )


def ran_read(state: RunState) -> RunRead:
    """A run created and run in one transaction (its steps are all in ``state``), as
    ``get_run`` reads it back once that commits, without reading it: the steps in the
    order ``all_of_run`` gives, every JSON value as the database gives it back (encoded
    and decoded: tuples become lists, say)."""
    read = run_read(state.run, sorted(state.rows.values(), key=_started))
    stored = {name: _as_stored(getattr(read, name)) for name in _RUN_JSON}
    steps = [
        step.model_copy(update={name: _as_stored(getattr(step, name)) for name in _STEP_JSON})
        for step in read.steps
    ]
    return read.model_copy(update={**stored, "steps": steps})


_RUN_JSON = ("input", "output", "error", "vars")
_STEP_JSON = ("input", "output", "error")


def _started(step: Step) -> tuple[datetime, str]:
    return step.started_at, step.id


def _as_stored(value: Any) -> Any:
    return None if value is None else load_json(dump_json(value))


async def list_steps(
    session: AsyncSession, principal: Principal, run_id: str, page: PageRequest
) -> Page[Step]:
    run = await get_run_row(session, principal, run_id)
    repo = StepRepository(session, principal.org_id)
    return await repo.paginate(repo.of_run(run.id), page, order_by=Step.started_at)


async def list_events(
    session: AsyncSession, principal: Principal, run_id: str, after_seq: int, page: PageRequest
) -> Page[RunEvent]:
    run = await get_run_row(session, principal, run_id)
    repo = RunEventRepository(session, principal.org_id)
    return await repo.paginate(repo.after(run.id, after_seq), page, order_by=RunEvent.seq)


@dataclass(frozen=True, slots=True)
class RunStarted:
    started: Started
    ran: RunState | None
    """The run as its first nodes left it, when they ran in the starting transaction."""


async def start(
    session: AsyncSession, runtime: Runtime, principal: Principal, flow_id: str, data: RunCreate
) -> RunStarted:
    """Start a run of the flow (``trigger`` ``api``); bad input answers 422 and starts nothing.

    A caller that waits (``wait_seconds``) has the run's first nodes without effects run
    in this transaction: a flow of none has ended when it commits."""
    flow = await runnable_flow(session, principal.org_id, flow_id)
    if flow is not None and flow.current_version_id is not None and flow.status != "draft":
        definition = await load_definition(session, principal.org_id, flow.current_version_id)
        schema = getattr(definition.nodes[definition.start_id].config, "input_schema", None)
        if schema is not None:
            problems = input_problems(schema, data.input)
            if problems:
                raise ValidationFailed(
                    "The input does not match the flow's input_schema.", details=problems
                )
    ran: list[RunState] = []

    async def run_now(tx: AsyncSession, run: Run) -> None:
        ran.append(await Executor(runtime, "api").run_created(tx, run))

    started = await start_run(
        session,
        runtime.bus,
        org_id=principal.org_id,
        flow_id=flow_id,
        input=data.input,
        trigger="api",
        created_by_id=principal.user_id,
        idempotency_key=data.idempotency_key,
        flow=flow,
        run_now=run_now if data.wait_seconds > 0 else None,
    )
    return RunStarted(started, ran[0] if ran else None)


async def start_bulk(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    flow_id: str,
    data: RunsBulkCreate,
) -> list[BulkStarted]:
    """Start up to 1,000 runs of the flow (``trigger`` ``api``) in this transaction: all or
    none. An input that breaks the flow's ``input_schema`` answers 422 naming
    ``runs[i].input…`` and starts nothing."""
    flow, version_id = runnable_version(
        await runnable_flow(session, principal.org_id, flow_id), flow_id, "api"
    )
    definition = await load_definition(session, principal.org_id, version_id)
    schema = getattr(definition.nodes[definition.start_id].config, "input_schema", None)
    if schema is not None:
        problems = [
            {**problem, "field": f"runs[{index}].{problem['field']}"}
            for index, item in enumerate(data.runs)
            for problem in input_problems(schema, item.input)
        ]
        if problems:
            raise ValidationFailed(
                "Inputs do not match the flow's input_schema.", details=problems[:MAX_PROBLEMS]
            )
    return await start_runs(
        session,
        runtime.bus,
        org_id=principal.org_id,
        flow=flow,
        runs=[NewRun(item.input, item.idempotency_key) for item in data.runs],
        trigger="api",
        created_by_id=principal.user_id,
    )


async def cancel(session: AsyncSession, runtime: Runtime, principal: Principal, run_id: str) -> Run:
    return await control.cancel_run(session, runtime, principal.org_id, run_id)


async def retry(session: AsyncSession, runtime: Runtime, principal: Principal, run_id: str) -> Run:
    return await control.retry_run(session, runtime, principal.org_id, run_id)
