from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped, Timestamped


class AgentTask(OrgScoped, Timestamped, Base):
    """A prompt given to an agent on a schedule.

    It rides on the schedules machinery: ``flow_id`` is a small flow (one ``agent``
    step whose thread is the task's id, so every firing continues the task's
    conversation) and ``schedule_id`` the schedule firing it.
    """

    __tablename__ = "agent_tasks"

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    agent_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("agents.id", ondelete="CASCADE"), index=True
    )
    prompt: Mapped[str] = mapped_column(sa.Text)
    cron: Mapped[str] = mapped_column(sa.String(200))
    timezone: Mapped[str] = mapped_column(sa.String(64))
    active: Mapped[bool] = mapped_column(default=True)
    flow_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("flows.id", ondelete="SET NULL"), nullable=True
    )
    schedule_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("schedules.id", ondelete="SET NULL"), nullable=True
    )
    artifact_id: Mapped[str | None] = mapped_column(
        sa.String(40),
        sa.ForeignKey("artifacts.id", ondelete="SET NULL"),
        nullable=True,
        unique=True,
    )
    """The artifact whose scheduled task this is (``artifacts/{id}/scheduled-task``)."""
    version: Mapped[int] = mapped_column(default=1)
    created_by_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
