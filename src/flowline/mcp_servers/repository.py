"""MCP servers, always within one organisation."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from flowline.db.models import McpServer
from flowline.db.repository import OrgRepository


class McpServerRepository(OrgRepository[McpServer]):
    model = McpServer

    async def by_ref(self, ref: str) -> McpServer | None:
        """The server named ``ref``, or whose id it is."""
        stmt = self.select().where(sa.or_(McpServer.name == ref, McpServer.id == ref))
        return (await self.session.execute(stmt)).scalars().first()

    async def by_name(self, name: str) -> McpServer | None:
        stmt = self.select().where(McpServer.name == name)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def all_by_name(self) -> Sequence[McpServer]:
        stmt = self.select().order_by(McpServer.name)
        return (await self.session.execute(stmt)).scalars().all()


def allows(server: McpServer, tool: str) -> bool:
    """Whether agents may call ``tool`` of ``server`` (``allowed_tools`` ``None``: all)."""
    return server.allowed_tools is None or tool in server.allowed_tools
