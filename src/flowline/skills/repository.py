"""Uploaded skills, always within one organisation."""

from __future__ import annotations

from collections.abc import Sequence

from flowline.db.models import Skill
from flowline.db.repository import OrgRepository


class SkillRepository(OrgRepository[Skill]):
    model = Skill

    async def by_name(self, name: str) -> Skill | None:
        stmt = self.select().where(Skill.name == name)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def all_by_name(self) -> Sequence[Skill]:
        stmt = self.select().order_by(Skill.name)
        return (await self.session.execute(stmt)).scalars().all()
