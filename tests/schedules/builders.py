"""Schedules for the tests: made through the API, moved in time through the database."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import httpx
import sqlalchemy as sa

from flowline.db.models import Run, Schedule
from flowline.runtime import Runtime
from tests.factories import Org, unique
from tests.runs.builders import make_flow

URL = "/api/v1/schedules"


async def make_schedule(
    client: httpx.AsyncClient, org: Org, *, flow_id: str | None = None, **fields: Any
) -> dict[str, Any]:
    if flow_id is None:
        flow_id = await make_flow(client, org)
    body = {"name": unique("sched"), "flow_id": flow_id, "cron": "*/5 * * * *", **fields}
    r = await client.post(URL, json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


async def set_next_run(runtime: Runtime, schedule_id: str, when: datetime | None) -> None:
    """Pretend the scheduler was away: the next firing is ``when``."""
    async with runtime.db.session(write=True) as session:
        await session.execute(
            sa.update(Schedule)
            .where(Schedule.id == schedule_id)
            .values(next_run_at=when, updated_at=Schedule.updated_at)
        )


async def get_row(runtime: Runtime, schedule_id: str) -> Schedule:
    async with runtime.db.session() as session:
        schedule = await session.get(Schedule, schedule_id)
        assert schedule is not None
        return schedule


async def scheduled_runs(runtime: Runtime, org: Org) -> Sequence[Run]:
    """The organisation's runs started by schedules, oldest first."""
    async with runtime.db.session() as session:
        stmt = (
            sa.select(Run)
            .where(Run.org_id == org.id, Run.trigger == "schedule")
            .order_by(Run.idempotency_key)
        )
        return (await session.execute(stmt)).scalars().all()


def stamps(runs: Sequence[Run]) -> list[str]:
    """The firing time in each run's idempotency key."""
    return [str(run.idempotency_key).split(":", 2)[2] for run in runs]
