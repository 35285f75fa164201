"""Queries of agents' persisted tools (and what a toolset looks up for them)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import sqlalchemy as sa

from flowline.db.models import AgentTool, Secret
from flowline.db.repository import OrgRepository


class ToolRepository(OrgRepository[AgentTool]):
    model = AgentTool

    ALL_OF = (
        sa.select(AgentTool)
        .where(
            AgentTool.org_id == sa.bindparam("p_org"),
            AgentTool.agent_id == sa.bindparam("p_agent"),
        )
        .order_by(AgentTool.name)
    )
    """An agent's tools by name (``p_org``, ``p_agent``); built once (every turn's path)."""
    ALL_ROWS_OF = (
        sa.select(*AgentTool.__table__.c)
        .where(
            AgentTool.org_id == sa.bindparam("p_org"),
            AgentTool.agent_id == sa.bindparam("p_agent"),
        )
        .order_by(AgentTool.name)
    )
    """``ALL_OF`` as plain rows (a turn's start reads them without an ORM session)."""

    async def all_of(self, agent_id: str) -> Sequence[AgentTool]:
        """The agent's tools, by name: one query, whatever their number."""
        params = {"p_org": self.org_id, "p_agent": agent_id}
        return (await self.session.execute(self.ALL_OF, params)).scalars().all()

    async def named(self, agent_id: str, name: str) -> AgentTool | None:
        stmt = self.select().where(AgentTool.agent_id == agent_id, AgentTool.name == name)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def for_subagent(self, subagent_id: str) -> AgentTool | None:
        stmt = self.select().where(AgentTool.subagent_id == subagent_id).limit(1)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def credential_policies(self, names: Iterable[str]) -> dict[str, str | None]:
        """The ``confirm`` policy of each named secret that exists."""
        wanted = set(names)
        if not wanted:
            return {}
        stmt = self.policies_statement(self.org_id, wanted)
        return {name: policy for name, policy in (await self.session.execute(stmt)).all()}

    @staticmethod
    def policies_statement(org_id: str, names: Iterable[str]) -> sa.Select[str, str | None]:
        return sa.select(Secret.name, Secret.confirm).where(
            Secret.org_id == org_id, Secret.name.in_(sorted(set(names)))
        )
