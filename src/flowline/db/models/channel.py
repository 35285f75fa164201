"""Channels and what passes through them: contacts, messages, the channel's event log,
and the runs waiting for a message (CHANNELS.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped, Timestamped
from flowline.db.types import JSONValue, utcnow


class Channel(OrgScoped, Timestamped, Base):
    """One way of reaching people (a WhatsApp number, an SMS sender, the sandbox…).

    ``credentials`` maps a role to a secret's *name*; values stay in ``secrets``.
    ``event_seq`` numbers the channel's events (the row is locked to take one), and
    ``send_tat`` is the rate limiter's state (GCRA's theoretical arrival time), kept
    here so that the limit holds across processes.
    """

    __tablename__ = "channels"
    __table_args__ = (sa.UniqueConstraint("org_id", "name"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[str] = mapped_column(sa.String(32))
    config: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    credentials: Mapped[dict[str, str]] = mapped_column(JSONValue, default=dict)
    on_message: Mapped[dict[str, str] | None] = mapped_column(JSONValue, nullable=True)
    status: Mapped[str] = mapped_column(sa.String(16), default="active")
    limits: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    version: Mapped[int] = mapped_column(default=1)
    event_seq: Mapped[int] = mapped_column(default=0)
    send_tat: Mapped[datetime | None] = mapped_column(nullable=True)


class Contact(OrgScoped, Timestamped, Base):
    """A person on one channel, by the address the channel knows them by."""

    __tablename__ = "contacts"
    __table_args__ = (sa.UniqueConstraint("channel_id", "address"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    channel_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("channels.id", ondelete="CASCADE")
    )
    address: Mapped[str] = mapped_column(sa.String(320))
    name: Mapped[str | None] = mapped_column(sa.String(200), nullable=True)
    opted_out_at: Mapped[datetime | None] = mapped_column(nullable=True)
    last_inbound_at: Mapped[datetime | None] = mapped_column(nullable=True)
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", JSONValue, default=dict)
    conversation_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("conversations.id", ondelete="SET NULL"), nullable=True
    )
    version: Mapped[int] = mapped_column(default=1)


class ChannelMessage(OrgScoped, Base):
    """One message in or out; ``provider_message_id`` is unique per channel (the dedupe key
    of inbound messages, and how status callbacks find an outbound one)."""

    __tablename__ = "channel_messages"
    __table_args__ = (
        sa.UniqueConstraint("channel_id", "provider_message_id"),
        sa.Index("ix_channel_messages_channel_id_created_at", "channel_id", "created_at"),
        sa.Index("ix_channel_messages_contact_id_created_at", "contact_id", "created_at"),
    )

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    channel_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("channels.id", ondelete="CASCADE")
    )
    contact_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("contacts.id", ondelete="CASCADE")
    )
    direction: Mapped[str] = mapped_column(sa.String(3))
    type: Mapped[str] = mapped_column(sa.String(16))
    body: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    provider_message_id: Mapped[str | None] = mapped_column(sa.String(255), nullable=True)
    status: Mapped[str] = mapped_column(sa.String(16))
    error: Mapped[dict[str, Any] | None] = mapped_column(JSONValue, nullable=True)
    run_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("runs.id", ondelete="SET NULL"), nullable=True, index=True
    )
    step_id: Mapped[str | None] = mapped_column(sa.String(40), nullable=True)
    """The waiting ``send_*`` step told when the send ends."""
    conversation_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("conversations.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    status_at: Mapped[datetime | None] = mapped_column(nullable=True)
    held: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    """An inbound message waiting for its conversation's agent turn (``agent_turns.py``)."""


class ChannelEvent(OrgScoped, Base):
    """The channel's log, numbered per channel: what its stream replays."""

    __tablename__ = "channel_events"
    __table_args__ = (sa.UniqueConstraint("channel_id", "seq"),)

    id: Mapped[int] = mapped_column(
        sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True
    )
    channel_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("channels.id", ondelete="CASCADE")
    )
    seq: Mapped[int] = mapped_column()
    type: Mapped[str] = mapped_column(sa.String(32))
    message_id: Mapped[str | None] = mapped_column(sa.String(40), nullable=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ChannelWait(OrgScoped, Base):
    """A run's ``wait_for_message`` step, waiting for ``address`` on the channel.

    Deleting the row is how one message claims the wait: whoever deletes it (the
    routing or the step's time-out) is the only one to answer the step.
    """

    __tablename__ = "channel_waits"
    __table_args__ = (sa.Index("ix_channel_waits_channel_id_address", "channel_id", "address"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    channel_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("channels.id", ondelete="CASCADE")
    )
    address: Mapped[str] = mapped_column(sa.String(320))
    run_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("runs.id", ondelete="CASCADE"), index=True
    )
    step_id: Mapped[str] = mapped_column(sa.String(40), unique=True)
    node_id: Mapped[str] = mapped_column(sa.String(64))
    match: Mapped[str | None] = mapped_column(sa.Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
