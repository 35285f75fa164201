"""Flow and version queries, always within one organisation."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from flowline.db.models import Flow, FlowVersion, User
from flowline.db.repository import OrgRepository


class FlowRepository(OrgRepository[Flow]):
    """Flows that are not deleted (a deleted flow is found by nothing here)."""

    model = Flow

    def select(self) -> sa.Select[Flow]:
        return super().select().where(Flow.deleted_at.is_(None))

    async def get_for_update(self, flow_id: str) -> Flow | None:
        """The flow, row-locked until the transaction ends (PostgreSQL; SQLite
        already serialises writers)."""
        stmt = self.select().where(Flow.id == flow_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def name_taken(self, name: str, *, besides: str | None = None) -> bool:
        stmt = sa.select(sa.func.count()).where(
            self.scoped(), Flow.deleted_at.is_(None), Flow.name == name
        )
        if besides is not None:
            stmt = stmt.where(Flow.id != besides)
        return bool((await self.session.execute(stmt)).scalar_one())

    def search(self, status: str | None, text: str | None) -> sa.Select[Flow]:
        """Flows with this status and/or whose name contains ``text`` (any case)."""
        stmt = self.select()
        if status is not None:
            stmt = stmt.where(Flow.status == status)
        if text:
            stmt = stmt.where(sa.func.lower(Flow.name).contains(text.lower(), autoescape=True))
        return stmt

    async def user_names(self, user_ids: Iterable[str | None]) -> dict[str, str]:
        """Names of those of the organisation's users given (deleted ones are absent)."""
        wanted = {uid for uid in user_ids if uid is not None}
        if not wanted:
            return {}
        stmt = sa.select(User.id, User.name).where(User.org_id == self.org_id, User.id.in_(wanted))
        return {uid: name for uid, name in (await self.session.execute(stmt)).all()}


class FlowVersionRepository(OrgRepository[FlowVersion]):
    model = FlowVersion

    def of_flow(self, flow_id: str) -> sa.Select[FlowVersion]:
        return self.select().where(FlowVersion.flow_id == flow_id)

    async def numbered(self, flow_id: str, number: int) -> FlowVersion | None:
        stmt = self.of_flow(flow_id).where(FlowVersion.number == number)
        return (await self.session.execute(stmt)).scalar_one_or_none()
