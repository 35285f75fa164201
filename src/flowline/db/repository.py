"""The one place organisation scoping happens.

Every domain repository derives from ``OrgRepository``: it is built with the
caller's organisation id and every statement it issues starts from
``self.select()`` (or carries ``self.scoped()``), so a query can only see that
organisation's rows. Another organisation's id simply is not found.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.base import Base

M = TypeVar("M", bound=Base)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PageRequest:
    page: int = 0
    size: int = 25

    @property
    def offset(self) -> int:
        return self.page * self.size


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: Sequence[T]
    total: int
    page: int
    size: int

    @classmethod
    def of(cls, items: Sequence[T], page: PageRequest) -> Page[T]:
        """One page of a list held in memory (a few dozen items, such as an agent's tools)."""
        chosen = items[page.offset : page.offset + page.size]
        return cls(items=chosen, total=len(items), page=page.page, size=page.size)

    @property
    def pages(self) -> int:
        return math.ceil(self.total / self.size) if self.size else 0


class OrgRepository(Generic[M]):
    """Base for repositories of organisation-owned rows."""

    model: ClassVar[type[Any]]

    def __init__(self, session: AsyncSession, org_id: str) -> None:
        self.session = session
        self.org_id = org_id

    def scoped(self) -> sa.ColumnElement[bool]:
        return self.model.org_id == self.org_id  # type: ignore[no-any-return]

    def select(self) -> sa.Select[M]:
        return sa.select(self.model).where(self.scoped())

    async def get(self, id_: str) -> M | None:
        result = await self.session.execute(self.select().where(self.model.id == id_))
        return result.scalar_one_or_none()

    def add(self, obj: M) -> M:
        obj.org_id = self.org_id  # type: ignore[attr-defined]
        self.session.add(obj)
        return obj

    async def delete(self, obj: M) -> None:
        await self.session.delete(obj)

    async def paginate(
        self, stmt: sa.Select[M], page: PageRequest, *, order_by: Any = None
    ) -> Page[M]:
        """Run ``stmt`` one page at a time, newest first unless ``order_by`` says."""
        count_stmt = sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery())
        total = (await self.session.execute(count_stmt)).scalar_one()
        if order_by is None:
            order_by = self.model.id.desc()
        if total == 0 or page.offset >= total:
            return Page(items=[], total=total, page=page.page, size=page.size)
        rows = await self.session.execute(
            stmt.order_by(order_by).limit(page.size).offset(page.offset)
        )
        return Page(items=rows.scalars().all(), total=total, page=page.page, size=page.size)
