from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped, Timestamped


class Attachment(OrgScoped, Timestamped, Base):
    """A stored body: one a step brought back (a recording, a PDF), an upload, a batch file.

    A step's body lives in the row (``data``; ``storage`` is ``None``): outbound
    bodies are capped (10 MiB by default), the row goes when its organisation or
    run goes, and every worker of a scale-out deployment reads the same database.
    Uploads are streamed to a storage backend instead (``storage`` is ``local``,
    the data dir, or ``s3``) under ``storage_key``; their bytes never pass through
    the database.
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
    data: Mapped[bytes | None] = mapped_column(sa.LargeBinary, nullable=True, deferred=True)
    name: Mapped[str | None] = mapped_column(sa.String(255), nullable=True)
    """The uploaded file's name (``None`` for a step's body)."""
    purpose: Mapped[str] = mapped_column(sa.String(16), default="step", server_default="step")
    """``step``, ``upload`` (attachments, s3/upload) or ``batch`` (``POST /files``)."""
    storage: Mapped[str | None] = mapped_column(sa.String(16), nullable=True)
    storage_key: Mapped[str | None] = mapped_column(sa.String(300), nullable=True)
    created_by_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    format: Mapped[str | None] = mapped_column(sa.String(8), nullable=True)
    """A batch file's format: ``csv``, ``json`` or ``jsonl``."""
    row_count: Mapped[int | None] = mapped_column(nullable=True)
