from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base
from flowline.db.types import utcnow


class Budget(Base):
    """What one organisation, user or agent may spend, and has spent this month.

    ``subject_type`` says whose row it is: ``org`` (``subject_id`` is the
    organisation's id) holds the credits balance and the monthly budget; ``user``
    a user's monthly cap; ``agent`` only an agent's spend (its limit lives in the
    agent's configuration). ``period_spend_usd`` is what was charged in
    ``period`` (``YYYY-MM``, UTC); a row of an earlier month has spent nothing
    this month. Counters are kept whether or not a limit is set, so that a
    budget set mid-month counts what was already spent.
    """

    __tablename__ = "budgets"

    org_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    subject_type: Mapped[str] = mapped_column(sa.String(8), primary_key=True)
    subject_id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    credits_usd: Mapped[float | None] = mapped_column(sa.Float, nullable=True)
    """The balance left (org rows only); ``NULL``: unmetered."""
    monthly_limit_usd: Mapped[float | None] = mapped_column(sa.Float, nullable=True)
    period: Mapped[str] = mapped_column(sa.String(7))
    period_spend_usd: Mapped[float] = mapped_column(sa.Float, default=0.0)
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
