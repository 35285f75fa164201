"""Batch and batch result queries, always within one organisation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from flowline.db.models import Batch, BatchResult
from flowline.db.repository import OrgRepository


class BatchRepository(OrgRepository[Batch]):
    model = Batch

    async def locked(self, batch_id: str) -> Batch | None:
        stmt = self.select().where(Batch.id == batch_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def counts(self, batch_id: str) -> dict[str, int]:
        """Committed results by status."""
        stmt = (
            sa.select(BatchResult.status, sa.func.count())
            .where(BatchResult.org_id == self.org_id, BatchResult.batch_id == batch_id)
            .group_by(BatchResult.status)
        )
        return {status: int(n) for status, n in (await self.session.execute(stmt)).all()}

    async def done_rows(self, batch_id: str) -> set[int]:
        stmt = sa.select(BatchResult.row).where(
            BatchResult.org_id == self.org_id, BatchResult.batch_id == batch_id
        )
        return set((await self.session.execute(stmt)).scalars())

    async def add_results(self, rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            values = [{**row, "org_id": self.org_id} for row in rows]
            await self.session.execute(sa.insert(BatchResult), values)

    async def results(self, batch_id: str, offset: int, limit: int) -> Sequence[BatchResult]:
        stmt = (
            sa.select(BatchResult)
            .where(BatchResult.org_id == self.org_id, BatchResult.batch_id == batch_id)
            .order_by(BatchResult.row)
            .offset(offset)
            .limit(limit)
        )
        return (await self.session.execute(stmt)).scalars().all()
