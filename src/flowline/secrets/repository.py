"""Secret queries, always within one organisation."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import sqlalchemy as sa

from flowline.db.models import Secret
from flowline.db.repository import OrgRepository


class SecretRepository(OrgRepository[Secret]):
    model = Secret

    async def by_name(self, name: str, *, lock: bool = False) -> Secret | None:
        """The named secret; with ``lock``, row-locked until the transaction ends."""
        stmt = self.select().where(Secret.name == name)
        if lock:
            stmt = stmt.with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def name_taken(self, name: str) -> bool:
        stmt = sa.select(sa.func.count()).where(self.scoped(), Secret.name == name)
        return bool((await self.session.execute(stmt)).scalar_one())

    async def all_for_update(self) -> Sequence[Secret]:
        stmt = self.select().order_by(Secret.id).with_for_update()
        return (await self.session.execute(stmt)).scalars().all()

    async def all(self) -> Sequence[Secret]:
        return (await self.session.execute(self.select().order_by(Secret.id))).scalars().all()


def secrets_named(conn: sa.Connection, org_id: str, names: Collection[str]) -> list[Any]:
    """The named secrets of one organisation as rows, in one statement on a plain
    connection (a hot path's, ``Database.read``)."""
    table = Secret.__table__
    assert isinstance(table, sa.Table)
    stmt = sa.select(table).where(table.c.org_id == org_id, table.c.name.in_(list(names)))
    return list(conn.execute(stmt))
