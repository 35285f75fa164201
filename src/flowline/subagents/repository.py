"""Sub-agent queries: the agents whose ``parent_id`` is a given agent."""

from __future__ import annotations

import sqlalchemy as sa

from flowline.db.models import Agent
from flowline.db.repository import OrgRepository


class SubagentRepository(OrgRepository[Agent]):
    model = Agent

    def children(self, parent_id: str) -> sa.Select[Agent]:
        return self.select().where(Agent.parent_id == parent_id)

    async def child(self, parent_id: str, sub_id: str) -> Agent | None:
        stmt = self.children(parent_id).where(Agent.id == sub_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()
