from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped, Timestamped
from flowline.db.types import JSONValue


class Secret(OrgScoped, Timestamped, Base):
    """An encrypted value (credential, token, provider key). Never returned."""

    __tablename__ = "secrets"
    __table_args__ = (sa.UniqueConstraint("org_id", "name"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(128))
    kind: Mapped[str] = mapped_column(sa.String(32))
    ciphertext: Mapped[str] = mapped_column(sa.Text)
    last4: Mapped[str] = mapped_column(sa.String(4))
    hosts: Mapped[list[str]] = mapped_column(JSONValue, default=list)
    header: Mapped[str | None] = mapped_column(sa.String(128), nullable=True)
    param: Mapped[str | None] = mapped_column(sa.String(128), nullable=True)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    confirm: Mapped[str | None] = mapped_column(sa.String(16), nullable=True)
    """``never``, ``writes`` or ``always``: confirmation of requests carrying it; null for
    no opinion (docs/confirmation.md)."""
    version: Mapped[int] = mapped_column(default=1)
