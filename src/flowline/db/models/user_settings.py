from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, Timestamped
from flowline.db.types import JSONValue

ORGANIZATION = ""
"""``user_id`` of the organisation's own defaults (the layer between the platform's and
each user's)."""


class UserSettings(Timestamped, Base):
    """One layer of settings: a user's overrides, or (``user_id`` empty) the
    organisation's defaults. The merged view is platform, then organisation, then user."""

    __tablename__ = "user_settings"

    org_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    values: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    version: Mapped[int] = mapped_column(default=1)
