from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped, Timestamped
from flowline.db.types import JSONValue, utcnow


class Agent(OrgScoped, Timestamped, Base):
    """A model, instructions and tools; ``config`` is ``AgentConfig`` as JSON."""

    __tablename__ = "agents"
    __table_args__ = (sa.UniqueConstraint("org_id", "name"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    config: Mapped[dict[str, Any]] = mapped_column(JSONValue)
    version: Mapped[int] = mapped_column(default=1)
    created_by_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )


class LlmUsage(OrgScoped, Base):
    """Tokens and cost of one model call, for usage reports and budgets."""

    __tablename__ = "llm_usage"
    __table_args__ = (
        sa.Index("ix_llm_usage_org_id_agent_id_created_at", "org_id", "agent_id", "created_at"),
    )

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    agent_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("agents.id", ondelete="SET NULL"), nullable=True
    )
    turn_id: Mapped[str | None] = mapped_column(  # the chat run
        sa.String(40), sa.ForeignKey("runs.id", ondelete="SET NULL"), nullable=True
    )
    user_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    model: Mapped[str] = mapped_column(sa.String(200))
    input_tokens: Mapped[int] = mapped_column(default=0)
    output_tokens: Mapped[int] = mapped_column(default=0)
    cost: Mapped[float] = mapped_column(sa.Float, default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
