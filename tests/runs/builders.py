"""Runs for the tests: a flow made through the API, the run row, and moves
made through the engine's one door (``engine/transitions.py``) with the
notification the engine sends."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import datetime

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Flow, Run, Step
from flowline.db.types import utcnow
from flowline.engine.transitions import lock_run
from flowline.events.log import notify_appended
from flowline.ids import new_id
from flowline.runtime import Runtime
from tests.factories import Org, unique

DEFINITION = {
    "nodes": [
        {"id": "start", "data": {"node_type": "start"}},
        {"id": "done", "data": {"node_type": "end"}},
    ],
    "edges": [{"id": "e1", "source": "start", "target": "done"}],
}


async def make_flow(client: httpx.AsyncClient, org: Org) -> str:
    body = {"name": unique("flow"), "definition": DEFINITION}
    r = await client.post("/api/v1/flows", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return str(r.json()["data"]["id"])


async def make_run(
    client: httpx.AsyncClient,
    runtime: Runtime,
    org: Org,
    *,
    flow_id: str | None = None,
    trigger: str = "api",
    created_at: datetime | None = None,
) -> str:
    if flow_id is None:
        flow_id = await make_flow(client, org)
    run_id = new_id("run")
    async with runtime.db.session(write=True) as session:
        flow = await session.get(Flow, flow_id)
        assert flow is not None
        assert flow.current_version_id is not None
        run = Run(
            id=run_id,
            org_id=org.id,
            flow_id=flow_id,
            flow_version_id=flow.current_version_id,
            status="queued",
            trigger=trigger,
            input={"n": 1},
            vars={},
        )
        if created_at is not None:
            run.created_at = created_at
        session.add(run)
    return run_id


Move = Callable[[AsyncSession, Run], object]
"""Changes a locked run through ``engine/transitions.py``; may be a coroutine function."""


async def advance(runtime: Runtime, org: Org, run_id: str, move: Move) -> None:
    """One engine transaction: lock the run, move it, announce the new events."""
    async with runtime.db.session(write=True) as session:
        run = await lock_run(session, org.id, run_id)
        assert run is not None
        moved = move(session, run)
        if inspect.isawaitable(moved):
            await moved
        await notify_appended(runtime.bus, session, run)


def new_step(org: Org, run: Run, node_id: str, node_type: str = "start") -> Step:
    return Step(
        id=new_id("stp"),
        org_id=org.id,
        run_id=run.id,
        node_id=node_id,
        node_type=node_type,
        input={"in": node_id},
        started_at=utcnow(),  # the column default would only apply at flush
    )
