"""The one door for run and step state.

Every change of a run's or a step's ``status`` goes through ``move_run`` or
``move_step``: the (from, to) pair must be in the table below, the caller holds
the run's row lock (``lock_run``), and the event is appended in the same
transaction with the run's next sequence number.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from flowline.db.models.run import Run, Step
from flowline.db.models.run_event import RunEvent
from flowline.db.types import utcnow
from flowline.errors import Conflict

RUN_TERMINAL = frozenset({"succeeded", "failed", "cancelled"})

RUN_MOVES: dict[tuple[str, str], str] = {
    ("queued", "running"): "run.started",
    ("queued", "cancelled"): "run.cancelled",
    ("queued", "failed"): "run.failed",
    ("running", "waiting"): "run.waiting",
    ("running", "succeeded"): "run.succeeded",
    ("running", "failed"): "run.failed",
    ("running", "cancelled"): "run.cancelled",
    ("waiting", "running"): "run.resumed",
    ("waiting", "failed"): "run.failed",
    ("waiting", "cancelled"): "run.cancelled",
    ("failed", "running"): "run.retried",
}
"""Allowed run moves and the event each appends."""

STEP_MOVES: dict[tuple[str, str], str] = {
    ("running", "succeeded"): "step.succeeded",
    ("running", "failed"): "step.failed",
    ("running", "retrying"): "step.retrying",
    ("running", "waiting"): "step.waiting",
    ("running", "cancelled"): "step.cancelled",
    ("waiting", "running"): "step.resumed",
    ("waiting", "succeeded"): "step.succeeded",
    ("waiting", "failed"): "step.failed",
    ("waiting", "cancelled"): "step.cancelled",
}
"""Allowed step moves (a step is born ``running``: ``step.started``)."""


class TransitionRefused(Conflict):
    """A move the table does not allow, e.g. cancelling a finished run."""


async def lock_run(session: AsyncSession, org_id: str, run_id: str) -> Run | None:
    """Load the run under a row lock (PostgreSQL); SQLite's write transaction is the lock."""
    stmt = (
        sa.select(Run)
        .where(Run.org_id == org_id, Run.id == run_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


_PENDING_EVENTS = "flowline_pending_events"


@dataclasses.dataclass(frozen=True, slots=True)
class NewEvent:
    """An event appended in this transaction, written when it commits."""

    org_id: str
    run_id: str
    seq: int
    type: str
    data: dict[str, Any]
    created_at: datetime


def append_event(
    session: AsyncSession, run: Run, event_type: str, data: dict[str, Any] | None = None
) -> NewEvent:
    """Add the run's next event; call only while holding the run's lock.

    Events are written in one multi-row INSERT when the transaction commits
    (after the rest of the session is flushed), not one statement each.
    """
    run.event_seq += 1
    event = NewEvent(
        org_id=run.org_id,
        run_id=run.id,
        seq=run.event_seq,
        type=event_type,
        data={"run_id": run.id, **(data or {})},
        created_at=utcnow(),
    )
    sync_session = session.sync_session
    pending: list[NewEvent] | None = sync_session.info.get(_PENDING_EVENTS)
    if pending is None:
        pending = sync_session.info[_PENDING_EVENTS] = []
        if not sa.event.contains(sync_session, "before_commit", _write_pending):
            sa.event.listen(sync_session, "before_commit", _write_pending)
            sa.event.listen(sync_session, "after_rollback", _drop_pending)
    pending.append(event)
    return event


async def flush_events(session: AsyncSession) -> None:
    """Write the events appended so far now (to read them back in this transaction)."""
    await session.run_sync(_write_pending)


def _write_pending(sync_session: Session) -> None:
    pending: list[NewEvent] | None = sync_session.info.pop(_PENDING_EVENTS, None)
    if not pending:
        return
    sync_session.flush()  # the runs the events belong to first
    sync_session.execute(sa.insert(RunEvent), [dataclasses.asdict(e) for e in pending])


def _drop_pending(sync_session: Session) -> None:
    sync_session.info.pop(_PENDING_EVENTS, None)


def move_run(
    session: AsyncSession, run: Run, to: str, data: dict[str, Any] | None = None
) -> NewEvent:
    event_type = RUN_MOVES.get((run.status, to))
    if event_type is None:
        raise TransitionRefused(
            f"Run {run.id} is {run.status}; it cannot become {to}.", code="RUN_STATE_CONFLICT"
        )
    now = utcnow()
    if to == "running" and run.started_at is None:
        run.started_at = now
    if to in RUN_TERMINAL:
        run.finished_at = now
    elif run.finished_at is not None:
        run.finished_at = None
    run.status = to
    return append_event(session, run, event_type, {"status": to, **(data or {})})


def start_step(
    session: AsyncSession, run: Run, step: Step, data: dict[str, Any] | None = None
) -> NewEvent:
    step.status = "running"
    step.started_at = utcnow()
    session.add(step)
    payload = {"step_id": step.id, "node_id": step.node_id, "attempt": step.attempt}
    return append_event(session, run, "step.started", {**payload, **(data or {})})


def move_step(
    session: AsyncSession, run: Run, step: Step, to: str, data: dict[str, Any] | None = None
) -> NewEvent:
    event_type = STEP_MOVES.get((step.status, to))
    if event_type is None:
        raise TransitionRefused(
            f"Step {step.id} is {step.status}; it cannot become {to}.", code="STEP_STATE_CONFLICT"
        )
    step.status = to
    if to != "waiting":
        step.finished_at = utcnow()
    payload = {"step_id": step.id, "node_id": step.node_id, "attempt": step.attempt}
    return append_event(session, run, event_type, {**payload, "status": to, **(data or {})})
