"""The work queue: due tasks claimed under leases, results fenced by lease token.

A claim takes due, unleased (or lease-expired) tasks in ``available_at`` order,
at most ``per_org`` of them per organisation, so one tenant's flood cannot
starve the others. Each claim bumps the task's ``lease_token``; finishing or
extending work is conditional on that token, so a worker whose lease expired
(and whose task another worker has since claimed) can never commit a result.

On PostgreSQL the candidates are locked with ``FOR UPDATE SKIP LOCKED``, so
any number of workers claim concurrently without waiting on each other; on
SQLite the single process's write transaction serialises claims.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Task
from flowline.db.types import utcnow
from flowline.errors import Conflict
from flowline.events.bus import Bus

TASKS_CHANNEL = "tasks"
"""Announces new due work to sleeping workers (payload unused)."""


class LeaseLost(Conflict):
    """The task was taken over (its lease expired); this worker's result is void."""


@dataclass(frozen=True, slots=True)
class Lease:
    task_id: int
    token: int
    org_id: str
    run_id: str
    """``""`` for work of no run (a channel's sends and inbound routing)."""
    node_id: str
    kind: str
    payload: dict[str, Any]
    attempt: int
    expires_at: datetime


# The statements a task's lease holder issues for every task, built once (a statement
# made afresh on every call costs more to key for the compiled cache than to run).
_TASKS = Task.__table__
assert isinstance(_TASKS, sa.Table)
_MINE = sa.and_(
    _TASKS.c.id == sa.bindparam("p_task"), _TASKS.c.lease_token == sa.bindparam("p_token")
)
_EXTEND = (
    sa.update(_TASKS)
    .where(_MINE)
    .values(lease_expires_at=sa.bindparam("v_expires", type_=_TASKS.c.lease_expires_at.type))
)
_FINISH = sa.delete(_TASKS).where(_MINE)
_INSERT_LEASED = sa.insert(_TASKS).returning(_TASKS.c.id)
_SET_PAYLOAD = (
    sa.update(_TASKS)
    .where(_MINE)
    .values(payload=sa.bindparam("v_payload", type_=_TASKS.c.payload.type))
)


async def _fenced(
    session: AsyncSession, statement: sa.Executable, lease: Lease, values: dict[str, Any]
) -> None:
    """Run a statement on the lease's task if the lease is still ours; else ``LeaseLost``."""
    params = {"p_task": lease.task_id, "p_token": lease.token, **values}
    done = await session.execute(statement, params)
    if not getattr(done, "rowcount", 0):
        raise LeaseLost(f"Task {lease.task_id} is no longer leased to this worker.")


def enqueue(
    session: AsyncSession,
    *,
    org_id: str,
    run_id: str | None,
    node_id: str,
    kind: str = "node",
    payload: dict[str, Any] | None = None,
    available_at: datetime | None = None,
    attempt: int = 1,
    step_id: str | None = None,
) -> Task:
    """Add a task in the caller's transaction (it becomes visible when that commits)."""
    task = Task(
        org_id=org_id,
        run_id=run_id,
        node_id=node_id,
        kind=kind,
        payload=payload or {},
        available_at=available_at or utcnow(),
        attempt=attempt,
        step_id=step_id,
    )
    session.add(task)
    return task


async def add_leased(
    session: AsyncSession,
    *,
    org_id: str,
    run_id: str | None,
    node_id: str,
    attempt: int,
    payload: dict[str, Any],
    owner: str,
    lease_seconds: float,
    kind: str = "node",
) -> Lease:
    """Add a task already leased to ``owner`` (token 1), who runs it once the caller's
    transaction commits; one ``INSERT``, no other task seen or waited for. The one way
    work is carried past the queue: a run's next effect (the executor), a routing's sends
    (``channels.sending.carry_sends``). If the owner dies first, the lease runs out and
    a worker claims the task as any other."""
    now = utcnow()
    expires = now + timedelta(seconds=lease_seconds)
    row = {
        "org_id": org_id,
        "run_id": run_id,
        "node_id": node_id,
        "kind": kind,
        "payload": payload,
        "available_at": now,
        "attempt": attempt,
        "lease_owner": owner,
        "lease_expires_at": expires,
        "lease_token": 1,
        "created_at": now,
    }
    task_id = (await session.execute(_INSERT_LEASED, row)).scalar_one()
    return Lease(task_id, 1, org_id, run_id or "", node_id, kind, payload, attempt, expires)


async def enqueue_many(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Add many tasks in one statement in the caller's transaction (``rows``: ``org_id``,
    ``run_id``, ``node_id``, ``kind``, ``available_at``, as ``enqueue`` takes them)."""
    if rows:
        await session.execute(sa.insert(Task), rows)


async def announce(bus: Bus, session: AsyncSession) -> None:
    """Wake the workers when ``session`` commits (call after enqueueing)."""
    await bus.notify_in_transaction(session, TASKS_CHANNEL, "")


def _when(name: str) -> Any:
    return sa.bindparam(name, type_=_TASKS.c.available_at.type)


def _due(now: Any) -> sa.ColumnElement[bool]:
    c = _TASKS.c
    return sa.and_(
        c.available_at <= now, sa.or_(c.lease_expires_at.is_(None), c.lease_expires_at < now)
    )


@functools.cache
def _claim_statement(dialect: str) -> sa.Update:
    """The claim, built once per dialect: a statement made afresh on every call cost more
    to build and key for the compiled cache than to run (parameters: ``p_now``,
    ``p_exclude``, ``p_scan``, ``p_per_org``, ``p_limit``, ``v_owner``, ``v_expires``)."""
    tasks = _TASKS
    assert isinstance(tasks, sa.Table)
    c = tasks.c
    due = _due(_when("p_now"))
    ranked = (
        sa.select(
            c.id,
            sa.func.row_number()
            .over(partition_by=c.org_id, order_by=(c.available_at, c.id))
            .label("rank"),
        )
        .where(due, c.id.not_in(sa.bindparam("p_exclude", expanding=True)))
        .order_by(c.available_at, c.id)
        .limit(sa.bindparam("p_scan"))
        .subquery()
    )
    candidates = (
        sa.select(c.id)
        .where(c.id.in_(sa.select(ranked.c.id).where(ranked.c.rank <= sa.bindparam("p_per_org"))))
        .where(due)
        .order_by(c.available_at, c.id)
        .limit(sa.bindparam("p_limit"))
    )
    if dialect == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    return (
        sa.update(tasks)
        .where(c.id.in_(candidates.scalar_subquery()))
        .values(
            lease_owner=sa.bindparam("v_owner"),
            lease_expires_at=_when("v_expires"),
            lease_token=c.lease_token + 1,
        )
        .returning(c.id, c.lease_token, c.org_id, c.run_id, c.node_id, c.kind, c.payload, c.attempt)
    )


async def claim(
    session: AsyncSession,
    worker: str,
    *,
    limit: int,
    lease_seconds: float,
    per_org: int | None = None,
    now: datetime | None = None,
    exclude: Collection[int] = (),
) -> list[Lease]:
    """Lease up to ``limit`` due tasks to ``worker``; commit to make the claim stick.

    One statement: on PostgreSQL it may run outside a transaction (``BEGIN`` and
    ``COMMIT`` are two round trips more), where it commits by itself.

    ``exclude`` names tasks this worker is still running: one whose lease ran
    out while it ran is not taken again by the same worker.
    """
    now = now or utcnow()
    expires = now + timedelta(seconds=lease_seconds)
    params = {
        "p_now": now,
        "p_exclude": list(exclude),
        "p_scan": limit * 20,
        "p_per_org": per_org or limit,
        "p_limit": limit,
        "v_owner": worker,
        "v_expires": expires,
    }
    stmt = _claim_statement(session.get_bind().dialect.name)
    rows = (await session.execute(stmt, params)).all()
    leases = [
        Lease(
            task_id=row.id,
            token=row.lease_token,
            org_id=row.org_id,
            run_id=row.run_id or "",
            node_id=row.node_id,
            kind=row.kind,
            payload=row.payload,
            attempt=row.attempt,
            expires_at=expires,
        )
        for row in rows
    ]
    leases.sort(key=lambda lease: lease.task_id)
    return leases


async def extend(session: AsyncSession, lease: Lease, lease_seconds: float) -> Lease:
    """Heartbeat: push the lease's expiry out, if it is still ours."""
    expires = utcnow() + timedelta(seconds=lease_seconds)
    await _fenced(session, _EXTEND, lease, {"v_expires": expires})
    return replace(lease, expires_at=expires)


async def finish(session: AsyncSession, lease: Lease) -> None:
    """Remove the task as part of committing its result; refuses a lost lease.

    Call this first in the result's transaction: if it raises, roll back.
    """
    await _fenced(session, _FINISH, lease, {})


async def postpone(
    session: AsyncSession, lease: Lease, available_at: datetime, *, attempt: int | None = None
) -> None:
    """Give the task back to be run again at ``available_at`` (a retry or a timer)."""
    values: dict[str, Any] = {
        "available_at": available_at,
        "lease_owner": None,
        "lease_expires_at": None,
    }
    if attempt is not None:
        values["attempt"] = attempt
    result = await session.execute(
        sa.update(Task)
        .where(Task.id == lease.task_id, Task.lease_token == lease.token)
        .values(**values)
    )
    if not getattr(result, "rowcount", 0):
        raise LeaseLost(f"Task {lease.task_id} is no longer leased to this worker.")


async def set_payload(session: AsyncSession, lease: Lease, payload: dict[str, Any]) -> None:
    """Remember something about the task (the step it started) for whoever runs it next."""
    await _fenced(session, _SET_PAYLOAD, lease, {"v_payload": payload})


async def release(session: AsyncSession, task_ids: Collection[int]) -> None:
    """Give back tasks claimed in this transaction without running them."""
    if task_ids:
        await session.execute(
            sa.update(Task)
            .where(Task.id.in_(task_ids))
            .values(lease_owner=None, lease_expires_at=None)
        )


async def release_all(session: AsyncSession, keep: Collection[int] = ()) -> int:
    """Free every lease but ``keep``'s (embedded SQLite start-up: no other process can
    hold one; ``keep`` are the turns this process itself is driving)."""
    stmt = sa.update(Task).where(Task.lease_expires_at.is_not(None))
    if keep:
        stmt = stmt.where(Task.id.not_in(keep))
    result = await session.execute(stmt.values(lease_owner=None, lease_expires_at=None))
    return int(getattr(result, "rowcount", 0) or 0)


async def next_wakeup(session: AsyncSession) -> datetime | None:
    """When the earliest task becomes due or a lease runs out, for a sleeping worker."""
    stmt = sa.select(
        sa.func.min(Task.available_at).filter(Task.lease_expires_at.is_(None)),
        sa.func.min(Task.lease_expires_at),
    )
    free, leased = (await session.execute(stmt)).one()
    times = [t for t in (free, leased) if t is not None]
    return min(times) if times else None


async def depth(session: AsyncSession, now: datetime | None = None) -> dict[str, Any]:
    """What the queue holds, for ``GET /health``: due, leased and future tasks."""
    now = now or utcnow()
    leased = sa.and_(Task.lease_expires_at.is_not(None), Task.lease_expires_at >= now)
    stmt = sa.select(
        sa.func.count().filter(_due(now)),
        sa.func.count().filter(leased),
        sa.func.count().filter(Task.available_at > now, Task.kind != "join"),
        sa.func.min(Task.available_at).filter(_due(now)),
    )
    due, running, later, oldest = (await session.execute(stmt)).one()
    lag = (now - oldest).total_seconds() if oldest is not None else 0.0
    return {"due": due, "leased": running, "scheduled": later, "oldest_due_seconds": round(lag, 3)}
