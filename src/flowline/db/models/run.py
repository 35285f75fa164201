from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped
from flowline.db.types import JSONValue, utcnow


class Run(OrgScoped, Base):
    """One durable execution: of one pinned flow version, or one agent's chat turn.

    ``kind`` is ``flow`` (``flow_id``, ``flow_version_id``) or ``agent`` (a chat
    turn: ``agent_id``, ``conversation_id``; no flow; its model and tool calls
    are its steps).

    Only ``engine/transitions.py`` changes ``status``.
    """

    __tablename__ = "runs"
    __table_args__ = (
        sa.UniqueConstraint("org_id", "flow_id", "idempotency_key"),
        sa.Index("ix_runs_org_id_flow_id_created_at", "org_id", "flow_id", "created_at"),
        sa.Index("ix_runs_org_id_status", "org_id", "status"),
        sa.Index(
            "ix_runs_org_id_conversation_id_created_at", "org_id", "conversation_id", "created_at"
        ),
        sa.Index("ix_runs_org_id_agent_id_created_at", "org_id", "agent_id", "created_at"),
        # Retention finds finished runs whose steps and events are still kept.
        sa.Index(
            "ix_runs_unpruned_finished_at",
            "finished_at",
            sqlite_where=sa.text("pruned_at IS NULL"),
            postgresql_where=sa.text("pruned_at IS NULL"),
        ),
    )

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16), default="flow", server_default="flow")
    flow_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("flows.id", ondelete="CASCADE"), nullable=True
    )
    flow_version_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("flow_versions.id", ondelete="CASCADE"), nullable=True
    )
    agent_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("agents.id", ondelete="CASCADE"), nullable=True
    )
    conversation_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("conversations.id", ondelete="CASCADE"), nullable=True
    )
    status: Mapped[str] = mapped_column(sa.String(16))
    trigger: Mapped[str] = mapped_column(sa.String(16))
    input: Mapped[Any] = mapped_column(JSONValue)
    output: Mapped[Any | None] = mapped_column(JSONValue, nullable=True)
    error: Mapped[dict[str, Any] | None] = mapped_column(JSONValue, nullable=True)
    vars: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    scope: Mapped[dict[str, Any] | None] = mapped_column(JSONValue, nullable=True)
    """``{"item", "index"}`` of a ``foreach`` child run, for its templates."""
    idempotency_key: Mapped[str | None] = mapped_column(sa.String(255), nullable=True)
    parent_run_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=True, index=True
    )
    parent_node_id: Mapped[str | None] = mapped_column(sa.String(64), nullable=True)
    created_by_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    attempt_group: Mapped[int] = mapped_column(default=1)
    event_seq: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(nullable=True)
    pruned_at: Mapped[datetime | None] = mapped_column(nullable=True)
    """When retention removed this run's steps and events (``engine/retention.py``)."""


class Step(OrgScoped, Base):
    """One attempt of one node of a run."""

    __tablename__ = "steps"
    __table_args__ = (sa.Index("ix_steps_run_id_node_id", "run_id", "node_id"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    run_id: Mapped[str] = mapped_column(sa.String(40), sa.ForeignKey("runs.id", ondelete="CASCADE"))
    node_id: Mapped[str] = mapped_column(sa.String(64))
    node_type: Mapped[str] = mapped_column(sa.String(32))
    attempt: Mapped[int] = mapped_column(default=1)
    attempt_group: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = mapped_column(sa.String(16))
    outcome: Mapped[str | None] = mapped_column(sa.String(64), nullable=True)
    input: Mapped[Any | None] = mapped_column(JSONValue, nullable=True)
    output: Mapped[Any | None] = mapped_column(JSONValue, nullable=True)
    error: Mapped[dict[str, Any] | None] = mapped_column(JSONValue, nullable=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(nullable=True)
