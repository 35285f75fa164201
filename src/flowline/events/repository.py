"""Run event queries, always within one organisation."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from flowline.db.models.run_event import RunEvent
from flowline.db.repository import OrgRepository


class RunEventRepository(OrgRepository[RunEvent]):
    model = RunEvent

    def after(self, run_id: str, after_seq: int) -> sa.Select[RunEvent]:
        """The run's events numbered above ``after_seq`` (order them by ``seq``)."""
        return self.select().where(RunEvent.run_id == run_id, RunEvent.seq > after_seq)

    async def read(self, run_id: str, after_seq: int, limit: int) -> Sequence[RunEvent]:
        stmt = self.after(run_id, after_seq).order_by(RunEvent.seq).limit(limit)
        return (await self.session.execute(stmt)).scalars().all()
