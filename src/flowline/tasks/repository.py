"""Agent task queries, always within one organisation."""

from __future__ import annotations

from flowline.db.models import AgentTask
from flowline.db.repository import OrgRepository


class TaskRepository(OrgRepository[AgentTask]):
    model = AgentTask

    async def get_for_update(self, task_id: str) -> AgentTask | None:
        stmt = self.select().where(AgentTask.id == task_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def by_artifact(self, artifact_id: str, *, lock: bool = False) -> AgentTask | None:
        stmt = self.select().where(AgentTask.artifact_id == artifact_id)
        if lock:
            stmt = stmt.with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()
