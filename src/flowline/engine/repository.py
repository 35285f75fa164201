"""The engine's queries: flows and versions to run, a run's steps and live work.

Every query names the organisation, like every other repository.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Flow, FlowVersion, Run, Secret, Step, Task


async def runnable_flow(session: AsyncSession, org_id: str, flow_id: str) -> Flow | None:
    stmt = sa.select(Flow).where(
        Flow.org_id == org_id, Flow.id == flow_id, Flow.deleted_at.is_(None)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def flow_named(session: AsyncSession, org_id: str, name: str) -> Flow | None:
    stmt = sa.select(Flow).where(
        Flow.org_id == org_id, Flow.name == name, Flow.deleted_at.is_(None)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def flow_version(session: AsyncSession, org_id: str, version_id: str) -> FlowVersion | None:
    stmt = sa.select(FlowVersion).where(FlowVersion.org_id == org_id, FlowVersion.id == version_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def run_by_key(session: AsyncSession, org_id: str, flow_id: str, key: str) -> Run | None:
    stmt = sa.select(Run).where(
        Run.org_id == org_id, Run.flow_id == flow_id, Run.idempotency_key == key
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def steps_of_run(session: AsyncSession, org_id: str, run_id: str) -> Sequence[Step]:
    stmt = (
        sa.select(Step)
        .where(Step.org_id == org_id, Step.run_id == run_id)
        .order_by(Step.started_at, Step.id)
    )
    return (await session.execute(stmt)).scalars().all()


async def step(session: AsyncSession, org_id: str, step_id: str) -> Step | None:
    stmt = sa.select(Step).where(Step.org_id == org_id, Step.id == step_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def open_steps(session: AsyncSession, org_id: str, run_id: str) -> Sequence[Step]:
    """The run's steps still running or waiting."""
    stmt = sa.select(Step).where(
        Step.org_id == org_id,
        Step.run_id == run_id,
        Step.status.in_(("running", "waiting")),
    )
    return (await session.execute(stmt)).scalars().all()


async def task_nodes(session: AsyncSession, org_id: str, run_id: str) -> list[tuple[str, str]]:
    """``(kind, node_id)`` of every task the run still has."""
    stmt = sa.select(Task.kind, Task.node_id).where(Task.org_id == org_id, Task.run_id == run_id)
    return [(kind, node_id) for kind, node_id in (await session.execute(stmt)).all()]


async def delete_tasks(
    session: AsyncSession, org_id: str, run_id: str, *, kinds: Sequence[str] | None = None
) -> int:
    stmt = sa.delete(Task).where(Task.org_id == org_id, Task.run_id == run_id)
    if kinds is not None:
        stmt = stmt.where(Task.kind.in_(kinds))
    result = await session.execute(stmt)
    return int(getattr(result, "rowcount", 0) or 0)


async def delete_step_timers(session: AsyncSession, org_id: str, step_id: str) -> None:
    """Drop the timer of a waiting step that got its answer another way."""
    await session.execute(
        sa.delete(Task).where(
            Task.org_id == org_id,
            Task.kind == "timer",
            Task.step_id == step_id,
        )
    )


async def wake_joins(session: AsyncSession, org_id: str, run_id: str, now: Any) -> None:
    """Make the run's parked join tasks due, so they look again at what is live."""
    await session.execute(
        sa.update(Task)
        .where(Task.org_id == org_id, Task.run_id == run_id, Task.kind == "join")
        .values(available_at=now)
    )


async def child_runs(session: AsyncSession, org_id: str, run_id: str) -> Sequence[Run]:
    stmt = sa.select(Run).where(Run.org_id == org_id, Run.parent_run_id == run_id)
    return (await session.execute(stmt)).scalars().all()


async def get_run(session: AsyncSession, org_id: str, run_id: str) -> Run | None:
    stmt = sa.select(Run).where(Run.org_id == org_id, Run.id == run_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def delete_node_tasks(session: AsyncSession, org_id: str, run_id: str, node_id: str) -> None:
    """Drop the run's other arrivals at a join node that is about to run."""
    await session.execute(
        sa.delete(Task).where(
            Task.org_id == org_id,
            Task.run_id == run_id,
            Task.node_id == node_id,
            Task.kind.in_(("node", "join")),
        )
    )


async def secrets(session: AsyncSession, org_id: str) -> Sequence[Secret]:
    stmt = sa.select(Secret).where(Secret.org_id == org_id)
    return (await session.execute(stmt)).scalars().all()


async def tasks_of_run(
    session: AsyncSession, org_id: str, run_id: str
) -> list[tuple[int, str, str]]:
    """``(id, kind, node_id)`` of every task the run has."""
    rows = await session.execute(_TASKS_OF_RUN, {"p_org": org_id, "p_run": run_id})
    return [(task_id, kind, node_id) for task_id, kind, node_id in rows.all()]


# Read at every commit of a step (built once: a statement made afresh on every call costs
# more to key for the compiled cache than to run).
_TASKS_OF_RUN = sa.select(Task.id, Task.kind, Task.node_id).where(
    Task.org_id == sa.bindparam("p_org"), Task.run_id == sa.bindparam("p_run")
)


async def has_task(session: AsyncSession, org_id: str, run_id: str, *, kind: str) -> bool:
    stmt = (
        sa.select(Task.id)
        .where(Task.org_id == org_id, Task.run_id == run_id, Task.kind == kind)
        .limit(1)
    )
    return (await session.execute(stmt)).first() is not None


async def lock_runs(session: AsyncSession, keys: Sequence[tuple[str, str]]) -> dict[str, Run]:
    """Several runs by ``(org_id, run_id)``, row-locked, in one statement."""
    if not keys:
        return {}
    stmt = (
        sa.select(Run)
        .where(Run.id.in_([run_id for _, run_id in keys]))
        .order_by(Run.id)  # every locker takes runs in id order: no deadlock
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    wanted = set(keys)
    runs = (await session.execute(stmt)).scalars().all()
    return {run.id: run for run in runs if (run.org_id, run.id) in wanted}


async def delete_tasks_by_id(session: AsyncSession, task_ids: Sequence[int]) -> None:
    if task_ids:
        await session.execute(sa.delete(Task).where(Task.id.in_(task_ids)))


async def runs_by_keys(
    session: AsyncSession, org_id: str, flow_id: str, keys: Sequence[str]
) -> dict[str, tuple[str, str]]:
    """``{idempotency_key: (run id, status)}`` of the flow's runs with these keys."""
    if not keys:
        return {}
    stmt = sa.select(Run.idempotency_key, Run.id, Run.status).where(
        Run.org_id == org_id, Run.flow_id == flow_id, Run.idempotency_key.in_(keys)
    )
    rows = (await session.execute(stmt)).all()
    return {str(key): (run_id, status) for key, run_id, status in rows}


async def insert_runs(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> set[str]:
    """Insert runs in one statement; the ids of those inserted (a run whose idempotency key
    another transaction took first is left out, not an error)."""
    dialect = session.get_bind().dialect.name
    insert = sqlite_insert if dialect == "sqlite" else postgresql_insert
    stmt = (
        insert(Run)
        .on_conflict_do_nothing(index_elements=["org_id", "flow_id", "idempotency_key"])
        .returning(Run.id)
    )
    return set((await session.execute(stmt, list(rows))).scalars())


_FLOWS = Flow.__table__
assert isinstance(_FLOWS, sa.Table)
_COUNT_EXECUTIONS = (
    sa.update(_FLOWS)
    .where(_FLOWS.c.id == sa.bindparam("p_flow"))
    .values(
        execution_count=_FLOWS.c.execution_count + sa.bindparam("p_count"),
        last_executed_at=sa.bindparam("p_now", type_=Flow.last_executed_at.type),
    )
)
"""Built once: a statement made on every call costs more to build and key than to run.
On the table, not the ORM class: no look through the session's flows to update them too
(the count is for lists, nobody reads it back in the transaction that starts a run)."""


async def count_executions(session: AsyncSession, flow_id: str, count: int, now: Any) -> None:
    """Add ``count`` runs started now to the flow's execution count."""
    await session.execute(_COUNT_EXECUTIONS, {"p_flow": flow_id, "p_count": count, "p_now": now})
