from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped, Timestamped
from flowline.db.types import JSONValue


class AgentTool(OrgScoped, Timestamped, Base):
    """A tool defined for one agent: an HTTP operation, a flow, or a sub-agent.

    ``parameters`` is the JSON Schema the model is offered; ``config`` is the
    kind's own settings (``flowline.tools.kinds``); ``approval`` is ``never``,
    ``always`` or ``mutating``, or null for the kind's default. An ``agent`` tool
    names its sub-agent in ``subagent_id`` too, so deleting the sub-agent deletes it.
    """

    __tablename__ = "agent_tools"
    __table_args__ = (sa.UniqueConstraint("agent_id", "name"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    agent_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("agents.id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(sa.String(64))
    kind: Mapped[str] = mapped_column(sa.String(16))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    parameters: Mapped[dict[str, Any]] = mapped_column(JSONValue)
    config: Mapped[dict[str, Any]] = mapped_column(JSONValue)
    approval: Mapped[str | None] = mapped_column(sa.String(16), nullable=True)
    subagent_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("agents.id", ondelete="CASCADE"), nullable=True, index=True
    )
    version: Mapped[int] = mapped_column(default=1)
    created_by_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
