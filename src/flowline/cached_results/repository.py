"""Cached tool results, always within one organisation."""

from __future__ import annotations

from flowline.db.models import CachedToolResult
from flowline.db.repository import OrgRepository


class CachedResultRepository(OrgRepository[CachedToolResult]):
    model = CachedToolResult

    async def in_conversation(self, conversation_id: str, cache_id: str) -> CachedToolResult | None:
        stmt = self.select().where(
            CachedToolResult.id == cache_id, CachedToolResult.conversation_id == conversation_id
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()
