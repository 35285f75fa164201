from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped
from flowline.db.types import utcnow


class UserSession(OrgScoped, Base):
    """A browser login. Both tokens are stored only as SHA-256 hashes."""

    __tablename__ = "user_sessions"

    token_hash: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    csrf_hash: Mapped[str] = mapped_column(sa.String(64))
    user_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
