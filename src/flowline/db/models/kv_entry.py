from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, Timestamped
from flowline.db.types import JSONValue


class KvEntry(Timestamped, Base):
    """One key of an organisation's KV store; expired rows read as absent."""

    __tablename__ = "kv_entries"

    org_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(sa.String(512), primary_key=True)
    value: Mapped[Any] = mapped_column(JSONValue)
    version: Mapped[int] = mapped_column(default=1)
    expires_at: Mapped[datetime | None] = mapped_column(nullable=True, index=True)
