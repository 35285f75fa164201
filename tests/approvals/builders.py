"""Runs waiting on an approval, made the way the engine makes them: the run and
its step moved through ``engine/transitions.py``, the row and the
``approval.requested`` event written under the run's lock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
import sqlalchemy as sa

from flowline.db.models import Approval, Step, Task
from flowline.db.types import utcnow
from flowline.engine import approvals as engine_approvals
from flowline.engine import queue
from flowline.engine.transitions import lock_run, move_run, move_step, start_step
from flowline.events.log import notify_appended
from flowline.ids import new_id
from flowline.runtime import Runtime
from tests.factories import Org
from tests.runs.builders import make_run, new_step


@dataclass(frozen=True)
class Waiting:
    run_id: str
    step_id: str
    approval_id: str
    flow_id: str


async def waiting_approval(
    client: httpx.AsyncClient,
    runtime: Runtime,
    org: Org,
    *,
    run_id: str | None = None,
    node_id: str = "ask",
    assignees: list[str] | None = None,
    group_id: str | None = None,
    payload: Any = None,
    payload_schema: dict[str, Any] | None = None,
    expires_at: datetime | None = None,
    on_timeout: str = "expired",
    tool_id: str | None = None,
) -> Waiting:
    """A run (new, or ``run_id`` already waiting) with a step waiting on a new approval.

    With ``expires_at`` the step also gets its timer task, as the engine would.
    """
    if run_id is None:
        run_id = await make_run(client, runtime, org)
    async with runtime.db.session(write=True) as session:
        run = await lock_run(session, org.id, run_id)
        assert run is not None
        if run.status == "queued":
            move_run(session, run, "running")
        step = new_step(org, run, node_id, "approval")
        start_step(session, run, step)
        move_step(session, run, step, "waiting")
        if run.status == "running":
            move_run(session, run, "waiting")
        approval = Approval(
            id=new_id("apr"),
            org_id=org.id,
            kind="flow" if tool_id is None else "tool",
            run_id=run.id,
            step_id=step.id,
            node_id=node_id,
            flow_id=run.flow_id,
            tool_id=tool_id,
            title="Ship it?",
            assignees=assignees or [],
            group_id=group_id,
            payload={"amount": 10} if payload is None else payload,
            payload_schema=payload_schema,
            status="pending",
            on_timeout=on_timeout,
            expires_at=expires_at,
            created_at=utcnow(),
        )
        await engine_approvals.create(session, approval)
        engine_approvals.requested_event(session, run, approval)
        if expires_at is not None:
            queue.enqueue(
                session,
                org_id=org.id,
                run_id=run.id,
                node_id=node_id,
                kind="timer",
                payload={"step_id": step.id},
                available_at=expires_at,
                step_id=step.id,
            )
        await notify_appended(runtime.bus, session, run)
        return Waiting(run.id, step.id, approval.id, run.flow_id)


async def tasks_of(runtime: Runtime, run_id: str) -> list[Task]:
    async with runtime.db.session() as session:
        stmt = sa.select(Task).where(Task.run_id == run_id).order_by(Task.id)
        return list((await session.execute(stmt)).scalars().all())


async def resumes_of(runtime: Runtime, run_id: str) -> list[dict[str, Any]]:
    """The ``data`` of every resume task queued for the run."""
    return [t.payload["data"] for t in await tasks_of(runtime, run_id) if t.kind == "resume"]


async def step_of(runtime: Runtime, step_id: str) -> Step:
    async with runtime.db.session() as session:
        step = await session.get(Step, step_id)
        assert step is not None
        return step


async def event_types(client: httpx.AsyncClient, org: Org, run_id: str) -> list[str]:
    r = await client.get(f"/api/v1/runs/{run_id}/events?size=100", headers=org.headers)
    assert r.status_code == 200, r.text
    return [e["type"] for e in r.json()["data"]]
