"""Callback signing key queries, always within one organisation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa

from flowline.db.models import CallbackSigningKey
from flowline.db.repository import OrgRepository

Key = CallbackSigningKey


class SigningKeyRepository(OrgRepository[CallbackSigningKey]):
    model = CallbackSigningKey

    async def signing(self, now: datetime) -> Sequence[CallbackSigningKey]:
        """The keys that sign now: the current one first, then those still overlapping."""
        stmt = (
            self.select()
            .where(sa.or_(Key.retires_at.is_(None), Key.retires_at > now))
            .order_by(Key.retires_at.is_not(None), Key.created_at.desc(), Key.id.desc())
        )
        return (await self.session.execute(stmt)).scalars().all()

    async def current(self, *, lock: bool = False) -> CallbackSigningKey | None:
        stmt = self.select().where(Key.retires_at.is_(None))
        if lock:
            stmt = stmt.with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def retire_overlapping(self, now: datetime) -> None:
        """End the overlap of every key already rotated out: only one old key signs."""
        stmt = (
            sa.update(Key)
            .where(self.scoped(), Key.retires_at.is_not(None), Key.retires_at > now)
            .values(retires_at=now)
        )
        await self.session.execute(stmt)
