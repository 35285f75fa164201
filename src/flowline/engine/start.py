"""Starting runs: the one way a run comes to exist, whatever triggered it.

The API, schedules, hooks, subflows and agent tools all call ``start_run``
inside their own transaction: the run row, its first task and the wake-up of
the workers commit together, or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Flow, Run
from flowline.db.types import utcnow
from flowline.engine import queue
from flowline.engine import repository as repo
from flowline.engine.definitions import load_definition
from flowline.errors import Conflict, NotFound
from flowline.events.bus import Bus
from flowline.ids import new_id

TRIGGERS = ("api", "manual", "schedule", "webhook", "subflow", "message", "agent", "retry")

FLOWS_CHANNEL_PREFIX = "flow:"


def flow_channel(flow_id: str) -> str:
    """The bus channel announcing each new run of one flow (payload: the run id)."""
    return f"{FLOWS_CHANNEL_PREFIX}{flow_id}"


class FlowNotRunnable(Conflict):
    """The flow cannot start runs now (a draft with problems, or inactive for triggers)."""


@dataclass(frozen=True, slots=True)
class Started:
    run: Run
    created: bool
    """False when an ``idempotency_key`` found an earlier run, which is answered instead."""


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
) -> Started:
    """Create a queued run of the flow's current version and its first task.

    Raises ``NotFound`` (``FLOW_NOT_FOUND``) for a flow this organisation does
    not have, ``FlowNotRunnable`` for a draft, or an inactive flow started by a
    schedule or hook. The caller commits.
    """
    if flow is None:
        flow = await repo.runnable_flow(session, org_id, flow_id)
    if flow is None and trigger == "subflow":
        # Flow files name the flows they call; ids differ between instances.
        flow = await repo.flow_named(session, org_id, flow_id)
    if flow is None or flow.current_version_id is None:
        raise NotFound(f"Flow {flow_id} not found.", code="FLOW_NOT_FOUND")
    if flow.status == "draft":
        raise FlowNotRunnable(
            f"Flow {flow_id} is a draft with problems; fix them before running it.",
            code="FLOW_NOT_RUNNABLE",
        )
    if flow.status == "inactive" and trigger in ("schedule", "webhook", "message"):
        raise FlowNotRunnable(f"Flow {flow_id} is inactive.", code="FLOW_INACTIVE")
    if idempotency_key is not None:
        earlier = await repo.run_by_key(session, org_id, flow.id, idempotency_key)
        if earlier is not None:
            return Started(earlier, created=False)
    definition = await load_definition(session, org_id, flow.current_version_id)
    now = utcnow()
    run = Run(
        id=new_id("run"),
        org_id=org_id,
        flow_id=flow.id,
        flow_version_id=flow.current_version_id,
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
        session.add(run)
    await session.execute(
        sa.update(Flow)
        .where(Flow.id == flow.id)
        .values(execution_count=Flow.execution_count + 1, last_executed_at=now)
    )
    queue.enqueue(
        session, org_id=org_id, run_id=run.id, node_id=definition.start_id, available_at=now
    )
    await queue.announce(bus, session)
    await bus.notify_in_transaction(session, flow_channel(flow.id), run.id)
    return Started(run, created=True)
