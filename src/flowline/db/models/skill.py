from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped, Timestamped
from flowline.db.types import JSONValue


class Skill(OrgScoped, Timestamped, Base):
    """A skill an organisation uploaded: the Markdown file as sent, and its parsed parts.

    ``text`` is kept verbatim so that the content route gives back exactly the file;
    ``front_matter`` and ``body`` are what parsing it gave, stored so that listing
    needs no re-parse. Skills from the skills directory and the built-in ones are
    files, not rows.
    """

    __tablename__ = "skills"
    __table_args__ = (sa.UniqueConstraint("org_id", "name"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(64))
    title: Mapped[str | None] = mapped_column(sa.String(200), nullable=True)
    version: Mapped[str | None] = mapped_column(sa.String(64), nullable=True)
    description: Mapped[str] = mapped_column(sa.Text)
    front_matter: Mapped[dict[str, Any]] = mapped_column(JSONValue)
    body: Mapped[str] = mapped_column(sa.Text)
    text: Mapped[str] = mapped_column(sa.Text)
    created_by_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
