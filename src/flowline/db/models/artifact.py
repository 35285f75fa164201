from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped, Timestamped
from flowline.db.types import JSONValue, utcnow


class Artifact(OrgScoped, Timestamped, Base):
    """A typed output of an agent (an email draft, a meeting, a task, a document, a
    table), usually in a conversation; ``state`` moves by the type's rules."""

    __tablename__ = "artifacts"

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    conversation_id: Mapped[str | None] = mapped_column(
        sa.String(40),
        sa.ForeignKey("conversations.id", ondelete="CASCADE"),
        nullable=True,
        index=True,
    )
    type: Mapped[str] = mapped_column(sa.String(32))
    title: Mapped[str] = mapped_column(sa.String(300), default="")
    content: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    state: Mapped[str] = mapped_column(sa.String(32))
    contact_id: Mapped[str | None] = mapped_column(sa.String(40), nullable=True, index=True)
    """The contact it concerns (an email's recipient), for the activity timeline."""
    scheduled_at: Mapped[datetime | None] = mapped_column(nullable=True)
    version: Mapped[int] = mapped_column(default=1)
    created_by_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )


class ArtifactInteraction(OrgScoped, Base):
    """Something a person did with an artifact (viewed, copied, edited, sent, …)."""

    __tablename__ = "artifact_interactions"

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    artifact_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("artifacts.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    action: Mapped[str] = mapped_column(sa.String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CachedToolResult(OrgScoped, Base):
    """A tool's result too large for the prompt, kept whole beside the conversation;
    the model sees a short preview and this id."""

    __tablename__ = "cached_tool_results"

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    tool_name: Mapped[str] = mapped_column(sa.String(200))
    tool_call_id: Mapped[str | None] = mapped_column(sa.String(200), nullable=True)
    payload: Mapped[Any] = mapped_column(JSONValue)
    item_count: Mapped[int] = mapped_column(default=0)
    """How many items ``/items`` pages through (the payload's list, or its first list)."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
