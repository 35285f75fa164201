from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped
from flowline.db.types import JSONValue, utcnow

APPROVAL_STATUSES = ("pending", "approved", "denied", "expired", "cancelled")
APPROVAL_KINDS = ("flow", "tool")


class Approval(OrgScoped, Base):
    """A person's decision that a waiting step (or an agent's tool call) needs.

    ``kind="flow"`` rows belong to the ``approval`` node's step (``step_id``, one
    row per step); ``kind="tool"`` rows gate an agent's call of ``tool_id`` and
    may have no step. Only a conditional update from ``pending`` ever changes
    ``status``, so exactly one answer wins.
    """

    __tablename__ = "approvals"
    __table_args__ = (
        sa.UniqueConstraint("step_id"),
        sa.Index("ix_approvals_org_id_status_created_at", "org_id", "status", "created_at"),
        sa.Index("ix_approvals_org_id_tool_id", "org_id", "tool_id"),
        sa.Index("ix_approvals_status_expires_at", "status", "expires_at"),
    )

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16), default="flow")
    run_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=True, index=True
    )
    step_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("steps.id", ondelete="CASCADE"), nullable=True
    )
    node_id: Mapped[str | None] = mapped_column(sa.String(64), nullable=True)
    flow_id: Mapped[str | None] = mapped_column(sa.String(40), nullable=True)
    tool_id: Mapped[str | None] = mapped_column(sa.String(200), nullable=True)
    title: Mapped[str] = mapped_column(sa.Text)
    description: Mapped[str | None] = mapped_column(sa.Text, nullable=True)
    assignees: Mapped[list[str]] = mapped_column(JSONValue, default=list)
    """User ids who may answer (besides the group's members and admins)."""
    group_id: Mapped[str | None] = mapped_column(sa.String(40), nullable=True)
    payload: Mapped[Any | None] = mapped_column(JSONValue, nullable=True)
    payload_schema: Mapped[dict[str, Any] | None] = mapped_column(JSONValue, nullable=True)
    status: Mapped[str] = mapped_column(sa.String(16), default="pending")
    on_timeout: Mapped[str] = mapped_column(sa.String(16), default="expired")
    """The outcome once ``expires_at`` passes unanswered (kept here so that a sweep
    needs no flow definition)."""
    arguments: Mapped[Any | None] = mapped_column(JSONValue, nullable=True)
    """The edited payload the approver sent, which replaces ``payload`` downstream."""
    comment: Mapped[str | None] = mapped_column(sa.Text, nullable=True)
    decided_by_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    decided_at: Mapped[datetime | None] = mapped_column(nullable=True)
    expires_at: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
