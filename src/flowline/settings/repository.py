"""Settings layers: one row per user, one (``user_id`` empty) for the organisation."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import UserSettings


class SettingsRepository:
    """Rows of one organisation only."""

    def __init__(self, session: AsyncSession, org_id: str) -> None:
        self.session = session
        self.org_id = org_id

    async def layer(self, user_id: str, *, lock: bool = False) -> UserSettings | None:
        return await self.session.get(
            UserSettings, (self.org_id, user_id), with_for_update=lock or None
        )

    def add(self, row: UserSettings) -> UserSettings:
        row.org_id = self.org_id
        self.session.add(row)
        return row
