"""KV queries. Writes are single statements (upserts with RETURNING) so that
concurrent writers of one key never race between a read and a write."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import KvEntry
from flowline.db.repository import OrgRepository


def _live(now: datetime) -> sa.ColumnElement[bool]:
    return sa.or_(KvEntry.expires_at.is_(None), KvEntry.expires_at > now)


def _starts_with(prefix: str) -> sa.ColumnElement[bool]:
    """Keys starting with ``prefix``, taken literally and case-sensitively.

    Not ``LIKE``: SQLite's ignores case (``A`` would match ``apple``) and its
    wildcards would need escaping.
    """
    return sa.func.substr(KvEntry.key, 1, len(prefix)) == prefix


class KvRepository(OrgRepository[KvEntry]):
    model = KvEntry

    async def get_live(self, key: str, now: datetime) -> KvEntry | None:
        stmt = self.select().where(KvEntry.key == key, _live(now))
        return (await self.session.execute(stmt)).scalar_one_or_none()

    def live(self, now: datetime, prefix: str | None) -> sa.Select[KvEntry]:
        stmt = self.select().where(_live(now))
        if prefix:
            stmt = stmt.where(_starts_with(prefix))
        return stmt

    def _insert(self) -> Any:
        dialect = self.session.get_bind().dialect.name
        return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(KvEntry)

    async def upsert(
        self, key: str, value: Any, expires_at: datetime | None, now: datetime, *, only_new: bool
    ) -> KvEntry | None:
        """Write the key; with ``only_new`` only when absent or expired (else ``None``)."""
        table = KvEntry.__table__
        expired = sa.and_(table.c.expires_at.is_not(None), table.c.expires_at <= now)
        insert = self._insert().values(
            org_id=self.org_id,
            key=key,
            value=value,
            version=1,
            expires_at=expires_at,
            created_at=now,
            updated_at=now,
        )
        stmt = insert.on_conflict_do_update(
            index_elements=[table.c.org_id, table.c.key],
            set_={
                "value": insert.excluded.value,
                "expires_at": insert.excluded.expires_at,
                "updated_at": now,
                "version": sa.case((expired, 1), else_=table.c.version + 1),
                "created_at": sa.case((expired, now), else_=table.c.created_at),
            },
            where=expired if only_new else None,
        ).returning(KvEntry)
        result = await self.session.execute(
            sa.select(KvEntry).from_statement(stmt).execution_options(populate_existing=True)
        )
        return result.scalar_one_or_none()

    async def update_version(
        self, key: str, value: Any, expires_at: datetime | None, now: datetime, expected: int
    ) -> KvEntry | None:
        stmt = (
            sa.update(KvEntry)
            .where(self.scoped(), KvEntry.key == key, KvEntry.version == expected, _live(now))
            .values(value=value, expires_at=expires_at, updated_at=now, version=expected + 1)
            .returning(KvEntry)
        )
        result = await self.session.execute(
            sa.select(KvEntry).from_statement(stmt).execution_options(populate_existing=True)
        )
        return result.scalar_one_or_none()

    async def delete_key(self, key: str, now: datetime, expected: int | None) -> bool:
        stmt = sa.delete(KvEntry).where(self.scoped(), KvEntry.key == key, _live(now))
        if expected is not None:
            stmt = stmt.where(KvEntry.version == expected)
        result = await self.session.execute(stmt)
        return bool(getattr(result, "rowcount", 0))


async def purge_expired_kv(session: AsyncSession, now: datetime) -> int:
    """Drop expired keys of every organisation (maintenance, not a request)."""
    result = await session.execute(
        sa.delete(KvEntry).where(KvEntry.expires_at.is_not(None), KvEntry.expires_at <= now)
    )
    return int(getattr(result, "rowcount", 0) or 0)
