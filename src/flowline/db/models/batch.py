from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped, Timestamped
from flowline.db.types import JSONValue, utcnow


class Batch(OrgScoped, Timestamped, Base):
    """One operation applied to every row of an uploaded file, on the engine.

    Its progress is the ``batch_results`` rows: a row is done once its result is
    committed, and a resumed batch skips those rows.
    """

    __tablename__ = "batches"
    __table_args__ = (sa.Index("ix_batches_org_id_created_at", "org_id", "created_at"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    file_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("attachments.id", ondelete="SET NULL"), nullable=True
    )
    created_by_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    operation: Mapped[dict[str, Any]] = mapped_column(JSONValue)
    status: Mapped[str] = mapped_column(sa.String(16), default="queued")
    """``queued``, ``running``, ``completed``, ``failed`` or ``cancelled``."""
    total_rows: Mapped[int] = mapped_column(default=0)
    concurrency: Mapped[int] = mapped_column(default=8)
    max_attempts: Mapped[int] = mapped_column(default=3)
    error: Mapped[dict[str, Any] | None] = mapped_column(JSONValue, nullable=True)
    started_at: Mapped[datetime | None] = mapped_column(nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(nullable=True)


class BatchResult(OrgScoped, Base):
    """The committed outcome of one row of a batch (``row`` counts from 0)."""

    __tablename__ = "batch_results"

    batch_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("batches.id", ondelete="CASCADE"), primary_key=True
    )
    row: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    status: Mapped[str] = mapped_column(sa.String(16))
    """``succeeded`` or ``failed`` (after its last attempt)."""
    attempts: Mapped[int] = mapped_column(default=1)
    output: Mapped[Any] = mapped_column(JSONValue, nullable=True)
    error: Mapped[dict[str, Any] | None] = mapped_column(JSONValue, nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
