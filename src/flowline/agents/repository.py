"""Agent, chat turn, turn event and usage queries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from flowline.db.models import Agent, AgentTurn, AgentTurnEvent, LlmUsage
from flowline.db.repository import OrgRepository


class AgentRepository(OrgRepository[Agent]):
    model = Agent

    async def by_name(self, name: str) -> Agent | None:
        result = await self.session.execute(self.select().where(Agent.name == name))
        return result.scalar_one_or_none()

    async def child_ids(self, parent_ids: Sequence[str]) -> list[str]:
        stmt = sa.select(Agent.id).where(self.scoped(), Agent.parent_id.in_(parent_ids))
        return list((await self.session.execute(stmt)).scalars().all())

    async def configs(self) -> Sequence[dict[str, Any]]:
        rows = await self.session.execute(sa.select(Agent.config).where(self.scoped()))
        return rows.scalars().all()


class TurnRepository(OrgRepository[AgentTurn]):
    model = AgentTurn

    async def latest_of(self, conversation_id: str) -> AgentTurn | None:
        stmt = (
            self.select()
            .where(AgentTurn.conversation_id == conversation_id)
            .order_by(AgentTurn.id.desc())
            .limit(1)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def totals(self) -> dict[str, Any]:
        failed = sa.func.sum(sa.case((AgentTurn.status == "failed", 1), else_=0))
        stmt = sa.select(
            sa.func.count(),
            sa.func.coalesce(failed, 0),
            sa.func.coalesce(sa.func.sum(AgentTurn.input_tokens), 0),
            sa.func.coalesce(sa.func.sum(AgentTurn.output_tokens), 0),
            sa.func.coalesce(sa.func.sum(AgentTurn.cost), 0.0),
        ).where(self.scoped())
        turns, failed_count, tokens_in, tokens_out, cost = (await self.session.execute(stmt)).one()
        return {
            "turns": int(turns),
            "turns_failed": int(failed_count),
            "input_tokens": int(tokens_in),
            "output_tokens": int(tokens_out),
            "cost": float(cost),
        }

    async def add_events(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            await self.session.execute(
                sa.insert(AgentTurnEvent), [{**row, "org_id": self.org_id} for row in rows]
            )

    async def events_after(self, turn_id: str, after_seq: int) -> Sequence[AgentTurnEvent]:
        stmt = (
            sa.select(AgentTurnEvent)
            .where(
                AgentTurnEvent.org_id == self.org_id,
                AgentTurnEvent.turn_id == turn_id,
                AgentTurnEvent.seq > after_seq,
            )
            .order_by(AgentTurnEvent.seq)
        )
        return (await self.session.execute(stmt)).scalars().all()


class UsageRepository(OrgRepository[LlmUsage]):
    model = LlmUsage
