from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped, Timestamped
from flowline.db.types import utcnow


class MemoryBlock(OrgScoped, Timestamped, Base):
    """A piece of text an agent reads in its prompt every turn and edits with its memory
    tools. ``subject`` is ``""`` for the agent's own blocks, ``user:<id>`` or
    ``contact:<id>`` for what it keeps about one person. Every write is compare-and-set
    on ``version``."""

    __tablename__ = "memory_blocks"
    __table_args__ = (sa.UniqueConstraint("agent_id", "subject", "type"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    agent_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("agents.id", ondelete="CASCADE")
    )
    subject: Mapped[str] = mapped_column(sa.String(60), default="")
    type: Mapped[str] = mapped_column(sa.String(40))
    value: Mapped[str] = mapped_column(sa.Text, default="")
    char_limit: Mapped[int] = mapped_column(default=5000)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    version: Mapped[int] = mapped_column(default=1)
    updated_by: Mapped[str | None] = mapped_column(sa.String(60), nullable=True)
    """Who wrote the current value: ``user:<id>``, or ``run:<id>`` for an agent's turn."""


class MemoryArchive(OrgScoped, Base):
    """An agent's archival memory (of everyone, ``subject`` ``""``, or of one person): a
    knowledge base of kind ``archival`` whose documents are the saved passages, searched
    by the knowledge bases' hybrid search."""

    __tablename__ = "memory_archives"
    __table_args__ = (sa.UniqueConstraint("agent_id", "subject"),)

    kb_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("knowledge_bases.id", ondelete="CASCADE"), primary_key=True
    )
    agent_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("agents.id", ondelete="CASCADE")
    )
    subject: Mapped[str] = mapped_column(sa.String(60), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
