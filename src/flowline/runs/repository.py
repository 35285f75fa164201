"""Run and step queries, always within one organisation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from flowline.db.models.run import Run, Step
from flowline.db.repository import OrgRepository


@dataclass(frozen=True, slots=True)
class RunFilter:
    flow_id: str | None = None
    status: str | None = None
    trigger: str | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None


class RunRepository(OrgRepository[Run]):
    model = Run

    def search(self, wanted: RunFilter) -> sa.Select[Run]:
        stmt = self.select()
        if wanted.flow_id is not None:
            stmt = stmt.where(Run.flow_id == wanted.flow_id)
        if wanted.status is not None:
            stmt = stmt.where(Run.status == wanted.status)
        if wanted.trigger is not None:
            stmt = stmt.where(Run.trigger == wanted.trigger)
        if wanted.created_after is not None:
            stmt = stmt.where(Run.created_at >= wanted.created_after)
        if wanted.created_before is not None:
            stmt = stmt.where(Run.created_at < wanted.created_before)
        return stmt


class StepRepository(OrgRepository[Step]):
    model = Step

    def of_run(self, run_id: str) -> sa.Select[Step]:
        return self.select().where(Step.run_id == run_id)

    async def all_of_run(self, run_id: str) -> Sequence[Step]:
        stmt = self.of_run(run_id).order_by(Step.started_at, Step.id)
        return (await self.session.execute(stmt)).scalars().all()
