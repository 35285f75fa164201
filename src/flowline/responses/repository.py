"""Responses API records: which chat turn each stored response is."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from flowline.db.models import AgentResponse
from flowline.db.repository import OrgRepository

INSERT = sa.insert(AgentResponse)


def insert_response(conn: sa.Connection, values: dict[str, Any]) -> None:
    """The record, in the turn's first transaction (``begin_turn``'s ``record``)."""
    conn.execute(INSERT, values)


class ResponseRepository(OrgRepository[AgentResponse]):
    model = AgentResponse

    async def delete_id(self, response_id: str) -> bool:
        stmt = sa.delete(AgentResponse).where(self.scoped(), AgentResponse.id == response_id)
        result = await self.session.execute(stmt)
        return bool(getattr(result, "rowcount", 0))
