"""Model provider and model settings queries, always within one organisation."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from flowline.db.models import LlmProvider, LlmSettings
from flowline.db.repository import OrgRepository


class LlmProviderRepository(OrgRepository[LlmProvider]):
    model = LlmProvider

    async def by_name(self, name: str, *, lock: bool = False) -> LlmProvider | None:
        stmt = self.select().where(LlmProvider.name == name)
        if lock:
            stmt = stmt.with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    ALL = (
        sa.select(LlmProvider)
        .where(LlmProvider.org_id == sa.bindparam("p_org"))
        .order_by(LlmProvider.name)
    )
    """An organisation's providers by name (``p_org``); built once, it is on every turn's path."""

    ALL_ROWS = (
        sa.select(*LlmProvider.__table__.c)
        .where(LlmProvider.org_id == sa.bindparam("p_org"))
        .order_by(LlmProvider.name)
    )
    """``ALL`` as plain rows (a turn's start reads them without an ORM session)."""

    async def all(self) -> Sequence[LlmProvider]:
        return (await self.session.execute(self.ALL, {"p_org": self.org_id})).scalars().all()


class LlmSettingsRepository(OrgRepository[LlmSettings]):
    model = LlmSettings

    CURRENT = sa.select(LlmSettings).where(LlmSettings.org_id == sa.bindparam("p_org"))
    """An organisation's settings (``p_org``); built once, it is on every turn's path."""
    CURRENT_ROW = sa.select(*LlmSettings.__table__.c).where(
        LlmSettings.org_id == sa.bindparam("p_org")
    )
    """``CURRENT`` as a plain row."""

    async def current(self, *, lock: bool = False) -> LlmSettings | None:
        stmt = self.CURRENT.with_for_update() if lock else self.CURRENT
        return (await self.session.execute(stmt, {"p_org": self.org_id})).scalar_one_or_none()
