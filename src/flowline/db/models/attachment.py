from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped, Timestamped


class Attachment(OrgScoped, Timestamped, Base):
    """A stored body that is not text (a recording, a PDF) or too large to keep as text.

    The bytes live in the row: outbound bodies are capped (10 MiB by default),
    the row goes when its organisation or run goes, and every worker of a
    scale-out deployment reads the same database while it shares no disk.
    """

    __tablename__ = "attachments"

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    run_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=True, index=True
    )
    step_id: Mapped[str | None] = mapped_column(sa.String(40), nullable=True)
    content_type: Mapped[str] = mapped_column(sa.String(255))
    size: Mapped[int] = mapped_column(sa.BigInteger)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    data: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)
