"""Starting runs: the one way a run comes to exist, whatever triggered it.

The API, schedules, hooks, subflows and agent tools all call ``start_run``
inside their own transaction: the run row, its first task and the wake-up of
the workers commit together, or not at all.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Flow, Run
from flowline.db.types import utcnow
from flowline.engine import queue
from flowline.engine import repository as repo
from flowline.engine.definitions import load_definition
from flowline.engine.transitions import add_new
from flowline.errors import Conflict, NotFound
from flowline.events.bus import Bus
from flowline.ids import new_id

TRIGGERS = ("api", "manual", "schedule", "webhook", "subflow", "message", "agent", "retry")

FLOWS_CHANNEL_PREFIX = "flow:"


def flow_channel(flow_id: str) -> str:
    """The bus channel announcing each new run of one flow (payload: the run id)."""
    return f"{FLOWS_CHANNEL_PREFIX}{flow_id}"


RunNow = Callable[[AsyncSession, Run], Awaitable[object]]
"""Takes a run created in the transaction from its start node there and then
(``Executor.run_created``), instead of queueing its first task."""


class FlowNotRunnable(Conflict):
    """The flow cannot start runs now (a draft with problems, or inactive for triggers)."""


@dataclass(frozen=True, slots=True)
class Started:
    run: Run
    created: bool
    """False when an ``idempotency_key`` found an earlier run, which is answered instead."""


def runnable_version(flow: Flow | None, flow_id: str, trigger: str) -> tuple[Flow, str]:
    """The flow and its current version, if it may start a run this way: ``NotFound``
    (``FLOW_NOT_FOUND``) without one, ``FlowNotRunnable`` for a draft, or an inactive
    flow started by a schedule, hook or message."""
    if flow is None or flow.current_version_id is None:
        raise NotFound(f"Flow {flow_id} not found.", code="FLOW_NOT_FOUND")
    if flow.status == "draft":
        raise FlowNotRunnable(
            f"Flow {flow_id} is a draft with problems; fix them before running it.",
            code="FLOW_NOT_RUNNABLE",
        )
    if flow.status == "inactive" and trigger in ("schedule", "webhook", "message"):
        raise FlowNotRunnable(f"Flow {flow_id} is inactive.", code="FLOW_INACTIVE")
    return flow, flow.current_version_id


async def start_run(
    session: AsyncSession,
    bus: Bus,
    *,
    org_id: str,
    flow_id: str,
    input: Any,
    trigger: str,
    created_by_id: str | None = None,
    idempotency_key: str | None = None,
    parent_run_id: str | None = None,
    parent_node_id: str | None = None,
    scope: dict[str, Any] | None = None,
    flow: Flow | None = None,
    run_now: RunNow | None = None,
) -> Started:
    """Create a queued run of the flow's current version and its first task; with
    ``run_now``, hand the new run to it instead of queueing that task.

    Raises ``NotFound`` (``FLOW_NOT_FOUND``) for a flow this organisation does
    not have, ``FlowNotRunnable`` for a draft, or an inactive flow started by a
    schedule or hook. The caller commits.
    """
    if flow is None:
        flow = await repo.runnable_flow(session, org_id, flow_id)
    if flow is None and trigger == "subflow":
        # Flow files name the flows they call; ids differ between instances.
        flow = await repo.flow_named(session, org_id, flow_id)
    flow, version_id = runnable_version(flow, flow_id, trigger)
    if idempotency_key is not None:
        earlier = await repo.run_by_key(session, org_id, flow.id, idempotency_key)
        if earlier is not None:
            return Started(earlier, created=False)
    definition = await load_definition(session, org_id, version_id)
    now = utcnow()
    run = Run(
        id=new_id("run"),
        org_id=org_id,
        flow_id=flow.id,
        flow_version_id=version_id,
        status="queued",
        trigger=trigger,
        input=input,
        vars={},
        scope=scope,
        idempotency_key=idempotency_key,
        parent_run_id=parent_run_id,
        parent_node_id=parent_node_id,
        created_by_id=created_by_id,
        attempt_group=1,
        event_seq=0,
        created_at=now,
    )
    if idempotency_key is not None:
        # Two requests with one key at once: the unique index lets one insert
        # win; the other finds the winner's run.
        try:
            async with session.begin_nested():
                session.add(run)
                await session.flush()
        except sa.exc.IntegrityError:
            earlier = await repo.run_by_key(session, org_id, flow.id, idempotency_key)
            if earlier is None:
                raise
            return Started(earlier, created=False)
    else:
        add_new(session, run)
    await repo.count_executions(session, flow.id, 1, now)
    await bus.notify_in_transaction(session, flow_channel(flow.id), run.id)
    if run_now is not None:
        await run_now(session, run)
        return Started(run, created=True)
    queue.enqueue(
        session, org_id=org_id, run_id=run.id, node_id=definition.start_id, available_at=now
    )
    await queue.announce(bus, session)
    return Started(run, created=True)


@dataclass(frozen=True, slots=True)
class NewRun:
    """One run of a bulk start."""

    input: Any
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class BulkStarted:
    run_id: str
    status: str
    created: bool
    """False when its ``idempotency_key`` found an earlier run, which is answered instead."""


async def start_runs(
    session: AsyncSession,
    bus: Bus,
    *,
    org_id: str,
    flow: Flow,
    runs: Sequence[NewRun],
    trigger: str,
    created_by_id: str | None = None,
) -> list[BulkStarted]:
    """Start many queued runs of one flow in the caller's transaction, as ``start_run``
    does one, in a handful of statements whatever their number: the earlier runs of their
    keys read at once, the new runs and their first tasks inserted in one statement each.
    Answers one entry per item, in order. Keys must differ between items."""
    flow, version_id = runnable_version(flow, flow.id, trigger)
    definition = await load_definition(session, org_id, version_id)
    keys = [item.idempotency_key for item in runs if item.idempotency_key is not None]
    earlier = await repo.runs_by_keys(session, org_id, flow.id, keys)
    now = utcnow()
    rows = [
        _run_row(org_id, flow.id, version_id, item, trigger, created_by_id, now)
        for item in runs
        if item.idempotency_key not in earlier
    ]
    inserted = await repo.insert_runs(session, rows) if rows else set()
    if len(inserted) < len(rows):  # another transaction took some keys first
        earlier = await repo.runs_by_keys(session, org_id, flow.id, keys)
    new_ids = iter(row["id"] for row in rows)
    answers = []
    for item in runs:
        if item.idempotency_key in earlier and item.idempotency_key is not None:
            run_id, status = earlier[item.idempotency_key]
            if run_id not in inserted:
                answers.append(BulkStarted(run_id, status, created=False))
                continue
        answers.append(BulkStarted(next(new_ids), "queued", created=True))
    new = [row["id"] for row in rows if row["id"] in inserted]
    await _queue_first_tasks(session, bus, org_id, flow.id, definition.start_id, new, now)
    return answers


def _run_row(
    org_id: str,
    flow_id: str,
    version_id: str,
    item: NewRun,
    trigger: str,
    created_by_id: str | None,
    now: datetime,
) -> dict[str, Any]:
    return {
        "id": new_id("run"),
        "org_id": org_id,
        "flow_id": flow_id,
        "flow_version_id": version_id,
        "status": "queued",
        "trigger": trigger,
        "input": item.input,
        "vars": {},
        "idempotency_key": item.idempotency_key,
        "created_by_id": created_by_id,
        "attempt_group": 1,
        "event_seq": 0,
        "created_at": now,
    }


async def _queue_first_tasks(
    session: AsyncSession,
    bus: Bus,
    org_id: str,
    flow_id: str,
    start_id: str,
    run_ids: list[str],
    now: datetime,
) -> None:
    if not run_ids:
        return
    await repo.count_executions(session, flow_id, len(run_ids), now)
    await queue.enqueue_many(
        session,
        [
            {
                "org_id": org_id,
                "run_id": run_id,
                "node_id": start_id,
                "kind": "node",
                "available_at": now,
            }
            for run_id in run_ids
        ],
    )
    await queue.announce(bus, session)
    await _announce_runs(session, bus, flow_id, run_ids)


NOTIFY_BATCH = 500
"""Notifications sent by one statement (PostgreSQL: a ``SELECT`` of that many columns)."""


async def _announce_runs(session: AsyncSession, bus: Bus, flow_id: str, run_ids: list[str]) -> None:
    """Each new run on its flow's channel, as ``start_run`` does, in few statements."""
    channel = flow_channel(flow_id)
    calls = [call for run_id in run_ids if (call := bus.notify_call(channel, run_id)) is not None]
    if len(calls) < len(run_ids):  # the in-process bus: held by the session
        for run_id in run_ids:
            await bus.notify_in_transaction(session, channel, run_id)
        return
    for offset in range(0, len(calls), NOTIFY_BATCH):
        await session.execute(sa.select(*calls[offset : offset + NOTIFY_BATCH]))
