from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped, Timestamped
from flowline.db.types import JSONValue


class VoiceConfig(Timestamped, Base):
    """An organisation's Vapi server-URL secret (kept as its SHA-256, which finds the
    organisation of a webhook) and the flow an end-of-call report starts, if any."""

    __tablename__ = "voice_configs"

    org_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    secret_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    flow_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("flows.id", ondelete="SET NULL"), nullable=True
    )


class Call(OrgScoped, Timestamped, Base):
    """A voice call Vapi reports on: its live state, transcript and end-of-call report."""

    __tablename__ = "calls"
    __table_args__ = (sa.UniqueConstraint("org_id", "vapi_call_id"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    vapi_call_id: Mapped[str] = mapped_column(sa.String(200))
    phone: Mapped[str | None] = mapped_column(sa.String(40), nullable=True, index=True)
    status: Mapped[str] = mapped_column(sa.String(32), default="queued")
    transcript: Mapped[list[dict[str, Any]]] = mapped_column(JSONValue, default=list)
    summary: Mapped[str | None] = mapped_column(sa.Text, nullable=True)
    ended_reason: Mapped[str | None] = mapped_column(sa.String(200), nullable=True)
    cost: Mapped[float | None] = mapped_column(sa.Float, nullable=True)
    conversation_id: Mapped[str | None] = mapped_column(sa.String(40), nullable=True)
    run_id: Mapped[str | None] = mapped_column(sa.String(40), nullable=True)
    ended_at: Mapped[datetime | None] = mapped_column(nullable=True)
