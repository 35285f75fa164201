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

    @staticmethod
    def all_statement(org_id: str) -> sa.Select[LlmProvider]:
        return sa.select(LlmProvider).where(LlmProvider.org_id == org_id).order_by(LlmProvider.name)

    async def all(self) -> Sequence[LlmProvider]:
        return (await self.session.execute(self.all_statement(self.org_id))).scalars().all()


class LlmSettingsRepository(OrgRepository[LlmSettings]):
    model = LlmSettings

    @staticmethod
    def statement(org_id: str) -> sa.Select[LlmSettings]:
        return sa.select(LlmSettings).where(LlmSettings.org_id == org_id)

    async def current(self, *, lock: bool = False) -> LlmSettings | None:
        stmt = self.statement(self.org_id)
        if lock:
            stmt = stmt.with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()
