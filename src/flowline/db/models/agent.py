from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped, Timestamped
from flowline.db.types import JSONValue, utcnow


class Agent(OrgScoped, Timestamped, Base):
    """A model, instructions and tools; ``config`` is ``AgentConfig`` as JSON.

    With ``parent_id`` it is a sub-agent: deleting the parent deletes it too.
    """

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
    parent_id: Mapped[str | None] = mapped_column(sa.String(40), nullable=True, index=True)
    """A sub-agent's parent, which is offered it as a tool; fixed at creation. No foreign
    key: SQLite cannot add one to a table without rebuilding it, and a rebuild of
    ``agents`` would cascade into every conversation; ``delete_agent`` deletes the
    sub-agents itself."""


class AgentTurn(OrgScoped, Base):
    """One chat turn of an agent: its model and tool calls, totals and outcome.

    ``status`` is ``running``, ``succeeded`` or ``failed``; ``event_seq`` is the
    number of the last event stored for it (``agent_turn_events``).
    """

    __tablename__ = "agent_turns"

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    agent_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("agents.id", ondelete="CASCADE"), index=True
    )
    conversation_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    status: Mapped[str] = mapped_column(sa.String(16))
    model: Mapped[str] = mapped_column(sa.String(200))
    model_calls: Mapped[int] = mapped_column(default=0)
    input_tokens: Mapped[int] = mapped_column(default=0)
    output_tokens: Mapped[int] = mapped_column(default=0)
    cost: Mapped[float] = mapped_column(sa.Float, default=0.0)
    error: Mapped[dict[str, Any] | None] = mapped_column(JSONValue, nullable=True)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSONValue, nullable=True)
    """The sync answer's ``data``, once the turn is over."""
    event_seq: Mapped[int] = mapped_column(default=0)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(nullable=True)


class AgentTurnEvent(OrgScoped, Base):
    """One event of a turn's stream, kept so that ``Last-Event-ID`` can resume it."""

    __tablename__ = "agent_turn_events"

    turn_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("agent_turns.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    type: Mapped[str] = mapped_column(sa.String(40))
    data: Mapped[dict[str, Any]] = mapped_column(JSONValue)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


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
    turn_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("agent_turns.id", ondelete="SET NULL"), nullable=True
    )
    user_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    model: Mapped[str] = mapped_column(sa.String(200))
    input_tokens: Mapped[int] = mapped_column(default=0)
    output_tokens: Mapped[int] = mapped_column(default=0)
    cost: Mapped[float] = mapped_column(sa.Float, default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
