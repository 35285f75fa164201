"""Runs as callers see them: lists, one run with its steps, and its event log.

Nothing here changes a run; that is the engine's (``engine/transitions.py``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.db.models.run import Run, Step
from flowline.db.models.run_event import RunEvent
from flowline.db.repository import Page, PageRequest
from flowline.errors import NotFound
from flowline.events.repository import RunEventRepository
from flowline.runs.repository import RunFilter, RunRepository, StepRepository
from flowline.runs.schemas import RunRead, RunSummary, StepRead


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
    )


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
