"""Agent, chat turn and usage queries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from flowline.db.models import Agent, LlmUsage, Run
from flowline.db.repository import OrgRepository


class AgentRepository(OrgRepository[Agent]):
    model = Agent

    async def by_name(self, name: str) -> Agent | None:
        result = await self.session.execute(self.select().where(Agent.name == name))
        return result.scalar_one_or_none()

    async def configs(self) -> Sequence[dict[str, Any]]:
        rows = await self.session.execute(sa.select(Agent.config).where(self.scoped()))
        return rows.scalars().all()


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
