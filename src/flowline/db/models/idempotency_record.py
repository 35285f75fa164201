from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base


class IdempotencyRecord(Base):
    """The first answer to a POST carrying ``Idempotency-Key``, kept for replay.

    ``caller`` is a hash of the credential that sent it, so one caller's keys
    never meet another's. A chat keeps no answer but the turn it started
    (``run_id``): a repeat is answered from that run.
    """

    __tablename__ = "idempotency_records"
    __table_args__ = (sa.UniqueConstraint("caller", "key"),)

    id: Mapped[int] = mapped_column(
        sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True
    )
    caller: Mapped[str] = mapped_column(sa.String(64))
    key: Mapped[str] = mapped_column(sa.String(255))
    request_hash: Mapped[str] = mapped_column(sa.String(64))
    status_code: Mapped[int | None] = mapped_column(nullable=True)
    headers: Mapped[str | None] = mapped_column(sa.Text, nullable=True)
    body: Mapped[bytes | None] = mapped_column(sa.LargeBinary, nullable=True)
    run_id: Mapped[str | None] = mapped_column(sa.String(40), nullable=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)
