"""Model provider and model settings queries, always within one organisation."""

from __future__ import annotations

from collections.abc import Sequence

from flowline.db.models import LlmProvider, LlmSettings
from flowline.db.repository import OrgRepository


class LlmProviderRepository(OrgRepository[LlmProvider]):
    model = LlmProvider

    async def by_name(self, name: str, *, lock: bool = False) -> LlmProvider | None:
        stmt = self.select().where(LlmProvider.name == name)
        if lock:
            stmt = stmt.with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def all(self) -> Sequence[LlmProvider]:
        stmt = self.select().order_by(LlmProvider.name)
        return (await self.session.execute(stmt)).scalars().all()


class LlmSettingsRepository(OrgRepository[LlmSettings]):
    model = LlmSettings

    async def current(self, *, lock: bool = False) -> LlmSettings | None:
        stmt = self.select()
        if lock:
            stmt = stmt.with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()
