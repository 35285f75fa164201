from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped, Timestamped
from flowline.db.types import JSONValue


class LlmProvider(OrgScoped, Timestamped, Base):
    """A model provider an organisation configured; its key is encrypted, never returned."""

    __tablename__ = "llm_providers"
    __table_args__ = (sa.UniqueConstraint("org_id", "name"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(64))
    kind: Mapped[str] = mapped_column(sa.String(32))
    base_url: Mapped[str | None] = mapped_column(sa.Text, nullable=True)
    ciphertext: Mapped[str | None] = mapped_column(sa.Text, nullable=True)
    last4: Mapped[str] = mapped_column(sa.String(4), default="")
    default_model: Mapped[str | None] = mapped_column(sa.String(200), nullable=True)
    models: Mapped[list[str]] = mapped_column(JSONValue, default=list)
    version: Mapped[int] = mapped_column(default=1)


class LlmSettings(Timestamped, Base):
    """An organisation's model settings: platform or own keys, default model, prices."""

    __tablename__ = "llm_settings"

    org_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    mode: Mapped[str] = mapped_column(sa.String(16), default="platform")
    default_model: Mapped[str | None] = mapped_column(sa.String(200), nullable=True)
    price_overrides: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    use_case_models: Mapped[dict[str, str]] = mapped_column(
        JSONValue, default=dict, server_default="{}"
    )
    """Which model each backend use case (``email_draft``, ``meeting_summary``, …) calls."""
    version: Mapped[int] = mapped_column(default=1)
