from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped, Timestamped
from flowline.db.types import JSONValue


class PromptBlock(OrgScoped, Timestamped, Base):
    """A named piece of prompt agents put after their instructions.

    ``static``: ``body`` as written. ``dynamic``: ``source`` (an HTTP GET or a KV key)
    gives ``data``, ``body`` is the template rendered over it; the rendered text is
    kept in ``cached_text`` until ``expires_at`` (``ttl_seconds`` after ``cached_at``),
    shared by every process. A row whose ``source`` is ``{"type": "builtin"}`` holds
    the organisation's overrides of a built-in dynamic block.
    """

    __tablename__ = "prompt_blocks"
    __table_args__ = (sa.UniqueConstraint("org_id", "name"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(64))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    kind: Mapped[str] = mapped_column(sa.String(16))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    source: Mapped[dict[str, Any] | None] = mapped_column(JSONValue, nullable=True)
    ttl_seconds: Mapped[int] = mapped_column(sa.Integer, default=300)
    cached_text: Mapped[str | None] = mapped_column(sa.Text, nullable=True)
    cached_at: Mapped[datetime | None] = mapped_column(nullable=True)
    expires_at: Mapped[datetime | None] = mapped_column(nullable=True)
    last_error: Mapped[str | None] = mapped_column(sa.Text, nullable=True)
    version: Mapped[int] = mapped_column(sa.Integer, default=1)
    created_by_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
