from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped, Timestamped
from flowline.db.types import JSONValue


class McpServer(OrgScoped, Timestamped, Base):
    """An MCP server the organisation registered, whose tools agents may call.

    ``credential`` names a secret (bound to hosts) sent as the auth header;
    ``allowed_tools`` lists the tools agents may use (``None``: every tool).
    """

    __tablename__ = "mcp_servers"
    __table_args__ = (sa.UniqueConstraint("org_id", "name"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(64))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    url: Mapped[str] = mapped_column(sa.String(2000))
    credential: Mapped[str | None] = mapped_column(sa.String(100), nullable=True)
    allowed_tools: Mapped[list[Any] | None] = mapped_column(JSONValue, nullable=True)
    timeout_seconds: Mapped[float] = mapped_column(sa.Float, default=30.0)
    version: Mapped[int] = mapped_column(sa.Integer, default=1)
    created_by_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
