from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped, Timestamped
from flowline.db.types import JSONValue


class Schedule(OrgScoped, Timestamped, Base):
    """A flow started by a cron expression on the wall clock of an IANA time zone.

    ``next_run_at`` is the next firing still to make (null while disabled); the
    scheduler fires every schedule whose ``next_run_at`` has come, across all
    organisations, and moves it on in the same transaction as the runs it starts.
    """

    __tablename__ = "schedules"
    __table_args__ = (sa.Index("ix_schedules_next_run_at", "next_run_at"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    flow_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("flows.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(200))
    cron: Mapped[str] = mapped_column(sa.String(200))
    timezone: Mapped[str] = mapped_column(sa.String(64))
    input: Mapped[Any] = mapped_column(JSONValue)
    enabled: Mapped[bool] = mapped_column(default=True)
    catch_up: Mapped[str] = mapped_column(sa.String(8))
    next_run_at: Mapped[datetime | None] = mapped_column(nullable=True)
    last_run_at: Mapped[datetime | None] = mapped_column(nullable=True)
    """The firing time of the latest run started (not when the scheduler got to it)."""
    last_run_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("runs.id", ondelete="SET NULL"), nullable=True
    )
    last_error: Mapped[str | None] = mapped_column(sa.Text, nullable=True)
    """Why the latest firing started no run (flow inactive, deleted, …); null after a run."""
    version: Mapped[int] = mapped_column(default=1)
    created_by_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
