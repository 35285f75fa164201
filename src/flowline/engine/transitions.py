"""The one door for run and step state.

Every change of a run's or a step's ``status``, and every run event's number,
goes through this module, against the move tables below. Two faces share the
tables and the event rows:

- **Core** (:class:`RunMoves`), for plain connections (``Database.transact``,
  or ``session.connection()``): the moves and events of one run in one
  transaction are collected, checked against the tables as they are made, and
  written by :meth:`RunMoves.write` in as few statements as there are tables:
  one ``INSERT`` or compare-and-set ``UPDATE`` of the run (``WHERE status =
  <as known> AND event_seq = <as known>``, so a run another writer moved is
  refused with :class:`RunMoved`, rolling the transaction back), one ``INSERT``
  of the new steps, one ``UPDATE`` per step that existed before (also
  compare-and-set on its status) and one ``INSERT`` of the events. No row is
  read back. Use it where the writer knows the run's state: a run it creates
  (:meth:`RunMoves.new`), one it holds the lease of (:meth:`RunMoves.known`),
  or one it locks and reads (:meth:`RunMoves.lock`)::

      moves = RunMoves.known(org_id, run_id, status="running", seq=7)
      step = moves.start_step({"id": ..., "node_id": "llm:1", "node_type": "llm"})
      moves.move_step(step, "succeeded", output={...})
      moves.move_run("succeeded", output={...})
      last_seq = moves.write(conn)  # run, steps, events: three statements

  A ``RunMoves`` may be kept across transactions: after ``write`` it knows the
  run as written, and the next moves build on that.
- **ORM** (``move_run``, ``start_step``, ``move_step``), for a run loaded as a
  :class:`Run` under its row lock (``lock_run``) in an ``AsyncSession``: the
  executor's. The events are written in one multi-row ``INSERT`` when the
  session commits.
"""

from __future__ import annotations

import dataclasses
import functools
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

from flowline.db.models.run import Run, Step
from flowline.db.models.run_event import RunEvent
from flowline.db.session import BEFORE_SAVEPOINT
from flowline.db.types import utcnow
from flowline.engine.new_rows import insert_rows
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


class RunMoved(TransitionRefused):
    """The run (or a step) is not as the writer knew it: another writer moved it on."""


def run_event(run_id: str, status: str, to: str) -> str:
    """The event of the run's move from ``status`` to ``to``; refused if not in the table."""
    event_type = RUN_MOVES.get((status, to))
    if event_type is None:
        raise TransitionRefused(
            f"Run {run_id} is {status}; it cannot become {to}.", code="RUN_STATE_CONFLICT"
        )
    return event_type


def step_event(step_id: str, status: str, to: str) -> str:
    """The event of the step's move from ``status`` to ``to``; refused if not in the table."""
    event_type = STEP_MOVES.get((status, to))
    if event_type is None:
        raise TransitionRefused(
            f"Step {step_id} is {status}; it cannot become {to}.", code="STEP_STATE_CONFLICT"
        )
    return event_type


def step_payload(step_id: str, node_id: str, attempt: int) -> dict[str, Any]:
    """What every step event says of its step (``step.started`` adds its ``node_type``,
    ``step.succeeded`` its ``outcome``)."""
    return {"step_id": step_id, "node_id": node_id, "attempt": attempt}


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
_NEW_ROWS = "flowline_new_rows"
_SAVEPOINTS = "flowline_savepoints"


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
    session.sync_session.info.setdefault(_PENDING_EVENTS, []).append(event)
    return event


async def flush_events(session: AsyncSession) -> None:
    """Write the held rows and the events appended so far now (to read them back in this
    transaction)."""
    await session.run_sync(_write_all, attach=True)


def add_new(session: AsyncSession, row: Run | Step) -> None:
    """Hold a run or a step made in this transaction, to be inserted with the others by
    one multi-row ``INSERT`` per table before the session next flushes or commits, rather
    than by the ORM's unit of work (which costs more than the statement itself).

    Until then it is not in the session: a query does not find it (as with the
    sessions' ``autoflush=False``) and changes to it need no tracking. Once written it is
    a detached row like any other, to ``add`` to a later session and update there; one
    written by a flush in the middle of the transaction is added to this session."""
    session.sync_session.info.setdefault(_NEW_ROWS, []).append(row)


# Registered once for every session (a listener added to each session costs more than
# most of its statements); a session with nothing held pays a dictionary look-up.
@sa.event.listens_for(Session, "before_commit")
def _write_pending(sync_session: Session) -> None:
    savepoint = sync_session.get_nested_transaction()  # released: the rest goes on
    if savepoint is None:
        sync_session.info.pop(_SAVEPOINTS, None)
    _write_all(sync_session, attach=savepoint is not None)


def _write_all(sync_session: Session, *, attach: bool) -> None:
    _write_new(sync_session, attach=attach)
    pending: list[NewEvent] | None = sync_session.info.pop(_PENDING_EVENTS, None)
    if not pending:
        return
    sync_session.flush()  # the runs the events belong to first
    sync_session.execute(_INSERT_EVENTS, [_row(e) for e in pending])


@sa.event.listens_for(Session, "before_flush")
def _write_before_flush(sync_session: Session, *_: Any) -> None:
    """What the session flushes may name the held rows (tasks, approvals): they go first."""
    _write_new(sync_session, attach=True)


def _write_new(sync_session: Session, *, attach: bool) -> None:
    held: list[Run | Step] | None = sync_session.info.pop(_NEW_ROWS, None)
    if not held:
        return
    insert_rows(sync_session.connection(), held)
    for row in held:
        orm.make_transient_to_detached(row)
        if attach:
            sync_session.add(row)


def _row(event: NewEvent) -> dict[str, Any]:
    """The event's row (not ``dataclasses.asdict``, which copies its data deeply)."""
    return {
        "org_id": event.org_id,
        "run_id": event.run_id,
        "seq": event.seq,
        "type": event.type,
        "data": event.data,
        "created_at": event.created_at,
    }


def _write_before_savepoint(sync_session: Session) -> None:
    _write_new(sync_session, attach=True)


BEFORE_SAVEPOINT.append(_write_before_savepoint)


@sa.event.listens_for(Session, "after_transaction_create")
def _mark_savepoint(sync_session: Session, transaction: SessionTransaction) -> None:
    """How many events and held rows a savepoint starts with (dropped back to on its
    rollback)."""
    if transaction.nested:
        info = sync_session.info
        events, held = info.setdefault(_PENDING_EVENTS, []), info.setdefault(_NEW_ROWS, [])
        marks = info.setdefault(_SAVEPOINTS, {})
        marks[transaction] = (events, len(events), held, len(held))


@sa.event.listens_for(Session, "after_soft_rollback")
def _drop_pending(sync_session: Session, transaction: SessionTransaction) -> None:
    """A rollback drops the events and held rows appended since its transaction began: a
    savepoint's own, or the whole transaction's."""
    info = sync_session.info
    if not transaction.nested:
        if transaction.parent is None:
            for key in (_PENDING_EVENTS, _NEW_ROWS, _SAVEPOINTS):
                info.pop(key, None)
        return
    mark = info.get(_SAVEPOINTS, {}).pop(transaction, None)
    if mark is None:
        return
    events, event_count, held, held_count = mark
    for key, kept, count in ((_PENDING_EVENTS, events, event_count), (_NEW_ROWS, held, held_count)):
        now = info.get(key)
        if now is kept:
            del now[count:]
        elif now is not None:  # written since (a savepoint within released): all are newer
            now.clear()


def move_run(
    session: AsyncSession, run: Run, to: str, data: dict[str, Any] | None = None
) -> NewEvent:
    event_type = run_event(run.id, run.status, to)
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
    add_new(session, step)
    payload = step_payload(step.id, step.node_id, step.attempt)
    payload["node_type"] = step.node_type
    return append_event(session, run, "step.started", {**payload, **(data or {})})


def move_step(
    session: AsyncSession, run: Run, step: Step, to: str, data: dict[str, Any] | None = None
) -> NewEvent:
    event_type = step_event(step.id, step.status, to)
    step.status = to
    if to != "waiting":
        step.finished_at = utcnow()
    payload = step_payload(step.id, step.node_id, step.attempt)
    if to == "succeeded":
        payload["outcome"] = step.outcome
    return append_event(session, run, event_type, {**payload, "status": to, **(data or {})})


# ------------------------------------------------------------------ the Core face


def _table(model: type[Any]) -> sa.Table:
    table = model.__table__
    assert isinstance(table, sa.Table)
    return table


RUNS = _table(Run)
STEPS = _table(Step)
EVENTS = _table(RunEvent)
_STEP_COLUMNS = tuple(c.name for c in STEPS.columns)
_INSERT_RUN = sa.insert(RUNS)
_INSERT_STEPS = sa.insert(STEPS)
_INSERT_EVENTS = sa.insert(EVENTS)
LOCK_RUN = (
    sa.select(RUNS.c.status, RUNS.c.event_seq)
    .where(RUNS.c.org_id == sa.bindparam("p_org"), RUNS.c.id == sa.bindparam("p_run"))
    .with_for_update()
)
"""A run's status and last event number under its row lock (``p_org``, ``p_run``)."""


def _param(name: str, column: sa.Column[Any]) -> Any:
    return sa.bindparam(name, type_=column.type)


@functools.cache
def _update_run(columns: frozenset[str], started: bool) -> sa.Update:
    """The compare-and-set ``UPDATE`` of a run setting ``columns`` (built once per set: a
    statement made afresh on every call costs more to key and cache than to run)."""
    c = RUNS.c
    values: dict[str, Any] = {name: _param(f"v_{name}", c[name]) for name in columns}
    values["event_seq"] = sa.bindparam("p_last")
    if started:
        values["started_at"] = sa.func.coalesce(c.started_at, _param("p_now", c.started_at))
    return (
        sa.update(RUNS)
        .where(
            c.org_id == sa.bindparam("p_org"),
            c.id == sa.bindparam("p_run"),
            c.status == sa.bindparam("p_status"),
            c.event_seq == sa.bindparam("p_seq"),
        )
        .values(values)
    )


@functools.cache
def _update_step(columns: frozenset[str]) -> sa.Update:
    c = STEPS.c
    return (
        sa.update(STEPS)
        .where(c.id == sa.bindparam("p_step"), c.status == sa.bindparam("p_status"))
        .values({name: _param(f"v_{name}", c[name]) for name in columns})
    )


def event_row(
    org_id: str, run_id: str, seq: int, event_type: str, data: dict[str, Any] | None
) -> dict[str, Any]:
    """An event's row, as both faces write it."""
    return {
        "org_id": org_id,
        "run_id": run_id,
        "seq": seq,
        "type": event_type,
        "data": {"run_id": run_id, **(data or {})},
        "created_at": utcnow(),
    }


@dataclasses.dataclass(slots=True)
class StepRef:
    """A step as a :class:`RunMoves` knows it: enough to move it and name it in events."""

    id: str
    node_id: str
    status: str
    attempt: int = 1
    values: dict[str, Any] = dataclasses.field(default_factory=dict)
    """Columns to set with its next write (a new step: its whole row)."""
    new: bool = False
    """Not written yet: inserted by the next write."""
    stored_status: str = ""
    """Its status as stored (the compare-and-set of its ``UPDATE``)."""


@dataclasses.dataclass(slots=True)
class RunMoves:
    """One run's moves and events, checked as they are made, written by :meth:`write`.

    Build it with :meth:`new`, :meth:`known` or :meth:`lock`; see the module's docstring.
    """

    org_id: str
    run_id: str
    status: str
    """The run's status with the moves made so far."""
    seq: int
    """The number of its last event, written or not."""
    stored_status: str = ""
    stored_seq: int = 0
    values: dict[str, Any] = dataclasses.field(default_factory=dict)
    """Run columns to set with the next write."""
    events: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    steps: list[StepRef] = dataclasses.field(default_factory=list)
    """Steps moved or started since the last write, in order."""
    row: dict[str, Any] | None = None
    """A new run's row, inserted by the next write."""
    started: bool = False

    @classmethod
    def known(cls, org_id: str, run_id: str, *, status: str, seq: int) -> RunMoves:
        """A run whose status and last event number the caller knows (it holds its lease):
        the write refuses (:class:`RunMoved`) if the run is not so any more."""
        return cls(org_id, run_id, status, seq, status, seq)

    @classmethod
    def new(cls, row: dict[str, Any]) -> RunMoves:
        """A run to create (``row``: its columns; ``status`` defaults to ``queued``)."""
        row = {"status": "queued", "event_seq": 0, "created_at": utcnow(), **row}
        return cls(row["org_id"], row["id"], row["status"], row["event_seq"], row=row)

    @classmethod
    def lock(cls, conn: sa.Connection, org_id: str, run_id: str) -> RunMoves | None:
        """The run's state read under its row lock (PostgreSQL); ``None`` if it is gone."""
        found = conn.execute(LOCK_RUN, {"p_org": org_id, "p_run": run_id}).first()
        if found is None:
            return None
        return cls.known(org_id, run_id, status=found.status, seq=found.event_seq)

    @property
    def pending(self) -> bool:
        return bool(self.events or self.steps or self.values or self.row is not None)

    def event(self, event_type: str, data: dict[str, Any] | None = None) -> int:
        """Append an event (numbered now, written by the next write); its number."""
        self.seq += 1
        self.events.append(event_row(self.org_id, self.run_id, self.seq, event_type, data))
        return self.seq

    def move_run(self, to: str, data: dict[str, Any] | None = None, **values: Any) -> int:
        """Move the run (refused unless the table allows it), setting ``values`` too."""
        event_type = run_event(self.run_id, self.status, to)
        now = utcnow()
        if to == "running" and self.row is None:
            self.started = True  # started_at is set where it is still empty
        elif to == "running" and self.row is not None and self.row.get("started_at") is None:
            values["started_at"] = now
        if to in RUN_TERMINAL:
            values["finished_at"] = now
        elif self.status in RUN_TERMINAL:
            values["finished_at"] = None
        self.status = to
        self.values.update(values, status=to)
        return self.event(event_type, {"status": to, **(data or {})})

    def start_step(self, row: dict[str, Any], data: dict[str, Any] | None = None) -> StepRef:
        """A new step, born ``running`` (``row``: its columns; ``id``, ``node_id`` and
        ``node_type`` at least)."""
        full: dict[str, Any] = dict.fromkeys(_STEP_COLUMNS)
        full.update({"attempt": 1, "attempt_group": 1, "started_at": utcnow()})
        full.update(row)
        full.update(org_id=self.org_id, run_id=self.run_id, status="running")
        step = StepRef(row["id"], row["node_id"], "running", full["attempt"], full, new=True)
        self.steps.append(step)
        payload = step_payload(step.id, step.node_id, step.attempt)
        payload["node_type"] = full["node_type"]
        self.event("step.started", {**payload, **(data or {})})
        return step

    def move_step(
        self, step: StepRef, to: str, data: dict[str, Any] | None = None, **values: Any
    ) -> int:
        """Move a step of this run (refused unless the table allows it), setting ``values``."""
        event_type = step_event(step.id, step.status, to)
        if to != "waiting":
            values["finished_at"] = utcnow()
        if not step.new and not step.values:
            step.stored_status = step.status
        step.status = to
        step.values.update(values, status=to)
        if step not in self.steps:
            self.steps.append(step)
        payload = step_payload(step.id, step.node_id, step.attempt)
        if to == "succeeded":
            payload["outcome"] = step.values.get("outcome")
        return self.event(event_type, {**payload, "status": to, **(data or {})})

    def write(self, conn: sa.Connection) -> int:
        """Write the run, then its steps and events; the run's last event number.

        Raises :class:`RunMoved` (the caller's transaction rolls back) if the run or a
        step is not as known."""
        if self.row is not None:
            conn.execute(_INSERT_RUN, {**self.row, **self.values, "event_seq": self.seq})
        elif self.pending:
            self._update_run(conn)
        new = [s.values for s in self.steps if s.new]
        if new:
            conn.execute(_INSERT_STEPS, new)
        for step in self.steps:
            if not step.new:
                self._update_step(conn, step)
        if self.events:
            conn.execute(_INSERT_EVENTS, self.events)
        self._written()
        return self.seq

    def _update_run(self, conn: sa.Connection) -> None:
        statement = _update_run(frozenset(self.values), self.started)
        params = {f"v_{k}": v for k, v in self.values.items()}
        moved = conn.execute(
            statement,
            {
                **params,
                "p_org": self.org_id,
                "p_run": self.run_id,
                "p_status": self.stored_status,
                "p_seq": self.stored_seq,
                "p_last": self.seq,
                "p_now": utcnow(),
            },
        )
        if not moved.rowcount:
            raise RunMoved(
                f"Run {self.run_id} is no longer {self.stored_status} at event {self.stored_seq}.",
                code="RUN_STATE_CONFLICT",
            )

    def _update_step(self, conn: sa.Connection, step: StepRef) -> None:
        params = {f"v_{k}": v for k, v in step.values.items()}
        moved = conn.execute(
            _update_step(frozenset(step.values)),
            {**params, "p_step": step.id, "p_status": step.stored_status},
        )
        if not moved.rowcount:
            raise RunMoved(
                f"Step {step.id} is no longer {step.stored_status}.", code="STEP_STATE_CONFLICT"
            )

    def _written(self) -> None:
        for step in self.steps:
            step.new = False
            step.values = {}
            step.stored_status = step.status
        self.row = None
        self.values = {}
        self.events = []
        self.steps = []
        self.started = False
        self.stored_status = self.status
        self.stored_seq = self.seq
