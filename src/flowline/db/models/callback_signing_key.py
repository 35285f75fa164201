from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped
from flowline.db.types import utcnow


class CallbackSigningKey(OrgScoped, Base):
    """A key callbacks are signed with (``Flowline-Signature``), encrypted, never listed.

    The organisation's current key has no ``retires_at``; a rotated-out key keeps
    signing beside the new one until ``retires_at`` (the overlap window).
    """

    __tablename__ = "callback_signing_keys"
    __table_args__ = (
        # One current key per organisation, even when two first needs race.
        sa.Index(
            "uq_callback_signing_keys_current",
            "org_id",
            unique=True,
            sqlite_where=sa.text("retires_at IS NULL"),
            postgresql_where=sa.text("retires_at IS NULL"),
        ),
    )

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    ciphertext: Mapped[str] = mapped_column(sa.Text)
    last4: Mapped[str] = mapped_column(sa.String(4))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revealed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    """When its value was shown (once); ``None`` for a key made on first need."""
    retires_at: Mapped[datetime | None] = mapped_column(nullable=True)
