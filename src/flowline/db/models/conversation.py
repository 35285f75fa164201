from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped, Timestamped
from flowline.db.types import JSONValue, utcnow


class Conversation(OrgScoped, Timestamped, Base):
    """A thread of messages, usually with one agent.

    ``busy_turn_id`` is the lock of a running chat turn: taken by one conditional
    ``UPDATE`` (so of two requests exactly one gets it), cleared when the turn ends.
    """

    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    agent_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("agents.id", ondelete="CASCADE"), nullable=True, index=True
    )
    # A channel's conversation: one per contact (CHANNELS.md). No foreign keys: SQLite
    # adds one only by rebuilding the table, which would cascade into its messages; the
    # channels service deletes a channel's conversations with it.
    channel_id: Mapped[str | None] = mapped_column(sa.String(40), nullable=True, index=True)
    contact_id: Mapped[str | None] = mapped_column(
        sa.String(40), nullable=True, index=True, unique=True
    )
    title: Mapped[str] = mapped_column(sa.String(200), default="")
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", JSONValue, default=dict)
    message_seq: Mapped[int] = mapped_column(default=0)
    busy_turn_id: Mapped[str | None] = mapped_column(sa.String(40), nullable=True)
    busy_since: Mapped[datetime | None] = mapped_column(nullable=True)
    version: Mapped[int] = mapped_column(default=1)
    created_by_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )


class ConversationMessage(OrgScoped, Base):
    """One message: a user's or system's text, a model call's answer (with its tool
    calls, tokens, cost and duration) or a tool call's result.

    ``kind`` is ``message``, or ``summary`` for a compaction's summary (a ``system``
    message standing for messages ``summary_from_seq`` to ``summary_to_seq``, which
    stay for history but are no longer given to the model).
    """

    __tablename__ = "conversation_messages"
    __table_args__ = (sa.UniqueConstraint("conversation_id", "seq"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("conversations.id", ondelete="CASCADE")
    )
    seq: Mapped[int] = mapped_column()
    turn_id: Mapped[str | None] = mapped_column(sa.String(40), nullable=True, index=True)
    role: Mapped[str] = mapped_column(sa.String(16))
    kind: Mapped[str] = mapped_column(sa.String(16), default="message", server_default="message")
    summary_from_seq: Mapped[int | None] = mapped_column(nullable=True)
    summary_to_seq: Mapped[int | None] = mapped_column(nullable=True)
    content: Mapped[str] = mapped_column(sa.Text, default="")
    tool_calls: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONValue, nullable=True)
    """On an assistant message: ``[{"id", "name", "arguments"}]``."""
    tool_call_id: Mapped[str | None] = mapped_column(sa.String(200), nullable=True)
    name: Mapped[str | None] = mapped_column(sa.String(200), nullable=True)
    """On a tool message: the tool's name."""
    tool_result: Mapped[Any | None] = mapped_column(JSONValue, nullable=True)
    """On a tool message: the result as JSON (``content`` is its text)."""
    model: Mapped[str | None] = mapped_column(sa.String(200), nullable=True)
    input_tokens: Mapped[int] = mapped_column(default=0)
    output_tokens: Mapped[int] = mapped_column(default=0)
    cost: Mapped[float] = mapped_column(sa.Float, default=0.0)
    duration_ms: Mapped[int | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    channel_message_id: Mapped[str | None] = mapped_column(
        sa.String(40), nullable=True, index=True, unique=True
    )
    """A channel's conversation: the channel message (``msg_``) this is, so each is
    written once. No foreign key (a channel's rows are deleted by its service)."""
    meta: Mapped[dict[str, Any] | None] = mapped_column("metadata", JSONValue, nullable=True)
    """A channel message's ``channel_id``, ``direction``, ``type``, ``kind`` and
    ``template``/``language`` (its delivery status is read from the channel message)."""
