from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped
from flowline.db.types import JSONValue, utcnow

QUESTION_STATUSES = ("pending", "answered", "cancelled")


class Question(OrgScoped, Base):
    """What an agent asked a person (its ``ask_user`` tool call); the turn waits for the answer.

    Only a conditional update from ``pending`` changes ``status``, so exactly one
    answer wins.
    """

    __tablename__ = "questions"
    __table_args__ = (
        sa.UniqueConstraint("step_id"),
        sa.Index("ix_questions_org_id_status_created_at", "org_id", "status", "created_at"),
    )

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    run_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("runs.id", ondelete="CASCADE"), index=True
    )
    step_id: Mapped[str | None] = mapped_column(sa.String(40), nullable=True)
    agent_id: Mapped[str | None] = mapped_column(sa.String(40), nullable=True)
    conversation_id: Mapped[str | None] = mapped_column(sa.String(40), nullable=True)
    tool_call_id: Mapped[str | None] = mapped_column(sa.String(200), nullable=True)
    question: Mapped[str] = mapped_column(sa.Text)
    options: Mapped[list[str] | None] = mapped_column(JSONValue, nullable=True)
    status: Mapped[str] = mapped_column(sa.String(16), default="pending")
    answer: Mapped[Any | None] = mapped_column(JSONValue, nullable=True)
    answered_by_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    answered_at: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CallbackAttempt(OrgScoped, Base):
    """One try at delivering an asynchronous chat's answer to its ``callback_url``."""

    __tablename__ = "callback_attempts"

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    run_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("runs.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(sa.Text)
    attempt: Mapped[int]
    status_code: Mapped[int | None] = mapped_column(nullable=True)
    error: Mapped[str | None] = mapped_column(sa.Text, nullable=True)
    duration_ms: Mapped[int] = mapped_column(default=0)
    delivered: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
