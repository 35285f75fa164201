from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped, Timestamped
from flowline.db.types import JSONValue, utcnow


class Flow(OrgScoped, Timestamped, Base):
    """A flow; its definitions live in ``flow_versions``, the newest is current.

    Deleting a flow only stamps ``deleted_at``: runs keep pointing at the
    versions they executed, and the name becomes free again.
    """

    __tablename__ = "flows"
    __table_args__ = (
        sa.Index(
            "uq_flows_org_id_name_live",
            "org_id",
            "name",
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        ),
    )

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(16))
    version: Mapped[int] = mapped_column(default=1)
    # No foreign key: flows and versions would reference each other; the service
    # sets both in one transaction.
    current_version_id: Mapped[str | None] = mapped_column(sa.String(40), nullable=True)
    created_by_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    last_executed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    execution_count: Mapped[int] = mapped_column(default=0)
    hook_token: Mapped[str | None] = mapped_column(sa.String(64), nullable=True, unique=True)
    deleted_at: Mapped[datetime | None] = mapped_column(nullable=True)


class FlowVersion(OrgScoped, Base):
    """One saved definition of a flow; never changed after it is written."""

    __tablename__ = "flow_versions"
    __table_args__ = (sa.UniqueConstraint("flow_id", "number"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    flow_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("flows.id", ondelete="CASCADE")
    )
    number: Mapped[int]
    definition: Mapped[dict[str, Any]] = mapped_column(JSONValue)
    created_by_id: Mapped[str | None] = mapped_column(
        sa.String(40), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
