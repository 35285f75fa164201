from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped
from flowline.db.types import JSONValue, utcnow


class Task(OrgScoped, Base):
    """A unit of engine work, claimed under a lease; ``lease_token`` fences results."""

    __tablename__ = "tasks"
    __table_args__ = (sa.Index("ix_tasks_available_at", "available_at"),)

    id: Mapped[int] = mapped_column(
        sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True
    )
    run_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=True, index=True
    )
    """``None`` for work of no run (a channel's sends and inbound routing)."""
    node_id: Mapped[str] = mapped_column(sa.String(64))
    kind: Mapped[str] = mapped_column(sa.String(16))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    available_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempt: Mapped[int] = mapped_column(default=1)
    step_id: Mapped[str | None] = mapped_column(sa.String(40), nullable=True, index=True)
    """The waiting step a ``timer`` or ``resume`` task is for (answered: its timer goes)."""
    lease_owner: Mapped[str | None] = mapped_column(sa.String(64), nullable=True)
    lease_expires_at: Mapped[datetime | None] = mapped_column(nullable=True)
    lease_token: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
