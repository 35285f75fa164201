"""Prompt blocks, always within one organisation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa

from flowline.db.models import PromptBlock
from flowline.db.repository import OrgRepository


class PromptBlockRepository(OrgRepository[PromptBlock]):
    model = PromptBlock

    async def by_name(self, name: str) -> PromptBlock | None:
        stmt = self.select().where(PromptBlock.name == name)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def named(self, names: Sequence[str]) -> dict[str, PromptBlock]:
        stmt = self.select().where(PromptBlock.name.in_(list(names)))
        return {b.name: b for b in (await self.session.execute(stmt)).scalars()}

    async def all_by_name(self) -> Sequence[PromptBlock]:
        stmt = self.select().order_by(PromptBlock.name)
        return (await self.session.execute(stmt)).scalars().all()

    async def store_render(
        self,
        block_id: str,
        text: str | None,
        at: datetime,
        expires_at: datetime | None,
        error: str | None,
    ) -> None:
        """Keep a render (``text``) or, with ``text`` ``None``, only why it failed."""
        values: dict[str, object] = {"last_error": error}
        if text is not None:
            values |= {"cached_text": text, "cached_at": at, "expires_at": expires_at}
        stmt = (
            sa.update(PromptBlock).where(self.scoped(), PromptBlock.id == block_id).values(**values)
        )
        await self.session.execute(stmt)

    async def clear_cache(self, block_id: str) -> None:
        stmt = (
            sa.update(PromptBlock)
            .where(self.scoped(), PromptBlock.id == block_id)
            .values(cached_text=None, cached_at=None, expires_at=None)
        )
        await self.session.execute(stmt)
