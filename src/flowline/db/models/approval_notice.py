"""An approval's request sent to a person on a channel (``notify``), and how they answer it."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped
from flowline.db.types import utcnow


class ApprovalNotice(OrgScoped, Base):
    """One ``notify`` target of an approval: the contact asked, and the reply code
    (``YES 4821``) that answers it on channels without buttons."""

    __tablename__ = "approval_notices"
    __table_args__ = (
        sa.UniqueConstraint("approval_id", "contact_id"),
        sa.Index("ix_approval_notices_contact_id_code", "contact_id", "code"),
    )

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    approval_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("approvals.id", ondelete="CASCADE")
    )
    channel_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("channels.id", ondelete="CASCADE")
    )
    contact_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("contacts.id", ondelete="CASCADE")
    )
    code: Mapped[str] = mapped_column(sa.String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
