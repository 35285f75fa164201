"""Agent, chat turn and usage queries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Agent, Flow, LlmUsage, Run, User
from flowline.db.repository import OrgRepository


class AgentRepository(OrgRepository[Agent]):
    model = Agent

    async def by_name(self, name: str) -> Agent | None:
        result = await self.session.execute(self.select().where(Agent.name == name))
        return result.scalar_one_or_none()

    async def id_of(self, ref: str) -> str | None:
        """The id of the agent ``ref`` names: by id, else by name (flow files name them)."""
        for column in (Agent.id, Agent.name):
            stmt = sa.select(Agent.id).where(self.scoped(), column == ref)
            found = (await self.session.execute(stmt)).scalar_one_or_none()
            if found is not None:
                return found
        return None

    async def ids_of(self, refs: Sequence[str]) -> set[str]:
        """Those of ``refs`` that name an agent, by id or by name."""
        if not refs:
            return set()
        stmt = sa.select(Agent.id, Agent.name).where(
            self.scoped(), sa.or_(Agent.id.in_(refs), Agent.name.in_(refs))
        )
        return {ref for row in (await self.session.execute(stmt)).all() for ref in row}

    async def child_ids(self, parent_ids: Sequence[str]) -> list[str]:
        stmt = sa.select(Agent.id).where(self.scoped(), Agent.parent_id.in_(parent_ids))
        return list((await self.session.execute(stmt)).scalars().all())

    async def listed(
        self, *, after: str | None, limit: int | None, newest_first: bool
    ) -> Sequence[Agent]:
        """Agents in id order (ids sort by creation), those past ``after`` only: a cursor
        that holds when agents come and go, even when ``after`` itself is deleted."""
        stmt = self.select()
        if after is not None:
            stmt = stmt.where(Agent.id < after if newest_first else Agent.id > after)
        stmt = stmt.order_by(Agent.id.desc() if newest_first else Agent.id.asc())
        if limit is not None:
            stmt = stmt.limit(limit)
        return (await self.session.execute(stmt)).scalars().all()

    async def configs(self) -> Sequence[dict[str, Any]]:
        rows = await self.session.execute(sa.select(Agent.config).where(self.scoped()))
        return rows.scalars().all()


async def run_owner(session: AsyncSession, org_id: str, run: Run) -> tuple[str | None, str | None]:
    """Who a flow run acts for, with their role: its starter, else the flow's author
    (a run a hook or a schedule started has no starter)."""
    for user_id in (run.created_by_id, await _flow_author(session, org_id, run.flow_id)):
        if user_id is None:
            continue
        stmt = sa.select(User.role).where(
            User.org_id == org_id, User.id == user_id, User.is_active.is_(True)
        )
        role = (await session.execute(stmt)).scalar_one_or_none()
        if role is not None:
            return user_id, role
    return None, None


async def _flow_author(session: AsyncSession, org_id: str, flow_id: str | None) -> str | None:
    if flow_id is None:
        return None
    stmt = sa.select(Flow.created_by_id).where(Flow.org_id == org_id, Flow.id == flow_id)
    return (await session.execute(stmt)).scalar_one_or_none()


class TurnRepository(OrgRepository[Run]):
    """Chat turns: the organisation's runs of ``kind = 'agent'``."""

    model = Run

    async def totals(self) -> dict[str, Any]:
        failed = sa.func.sum(sa.case((Run.status == "failed", 1), else_=0))
        runs = sa.select(sa.func.count(), sa.func.coalesce(failed, 0)).where(
            self.scoped(), Run.kind == "agent"
        )
        turns, failed_count = (await self.session.execute(runs)).one()
        usage = sa.select(
            sa.func.coalesce(sa.func.sum(LlmUsage.input_tokens), 0),
            sa.func.coalesce(sa.func.sum(LlmUsage.output_tokens), 0),
            sa.func.coalesce(sa.func.sum(LlmUsage.cost), 0.0),
        ).where(LlmUsage.org_id == self.org_id)
        tokens_in, tokens_out, cost = (await self.session.execute(usage)).one()
        return {
            "turns": int(turns),
            "turns_failed": int(failed_count),
            "input_tokens": int(tokens_in),
            "output_tokens": int(tokens_out),
            "cost": float(cost),
        }

    async def usage_of(self, run_id: str) -> tuple[int, int, int, float]:
        """Model calls, input and output tokens and cost recorded for one turn."""
        stmt = sa.select(
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(LlmUsage.input_tokens), 0),
            sa.func.coalesce(sa.func.sum(LlmUsage.output_tokens), 0),
            sa.func.coalesce(sa.func.sum(LlmUsage.cost), 0.0),
        ).where(LlmUsage.org_id == self.org_id, LlmUsage.turn_id == run_id)
        calls, tokens_in, tokens_out, cost = (await self.session.execute(stmt)).one()
        return int(calls), int(tokens_in), int(tokens_out), float(cost)


class UsageRepository(OrgRepository[LlmUsage]):
    model = LlmUsage
