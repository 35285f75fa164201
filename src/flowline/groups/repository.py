"""Group and membership queries, always within one organisation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from flowline.db.models import Group, GroupMember, User
from flowline.db.repository import OrgRepository, Page, PageRequest


@dataclass(frozen=True, slots=True)
class MemberRow:
    """A user of a group, with when they were added."""

    id: str
    email: str
    name: str
    role: str
    added_at: datetime


class GroupRepository(OrgRepository[Group]):
    model = Group

    async def get_for_update(self, group_id: str) -> Group | None:
        """The group, row-locked until the transaction ends (PostgreSQL; SQLite
        already serialises writers)."""
        stmt = self.select().where(Group.id == group_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def name_taken(self, name: str, *, besides: str | None = None) -> bool:
        stmt = sa.select(sa.func.count()).where(self.scoped(), Group.name == name)
        if besides is not None:
            stmt = stmt.where(Group.id != besides)
        return bool((await self.session.execute(stmt)).scalar_one())


class GroupMemberRepository(OrgRepository[GroupMember]):
    model = GroupMember

    def _user_scoped(self) -> sa.ColumnElement[bool]:
        return User.org_id == self.org_id

    async def counts(self, group_ids: Sequence[str]) -> dict[str, int]:
        """Members per group, for the groups given (absent ones have none)."""
        if not group_ids:
            return {}
        stmt = (
            sa.select(GroupMember.group_id, sa.func.count())
            .where(self.scoped(), GroupMember.group_id.in_(group_ids))
            .group_by(GroupMember.group_id)
        )
        rows = (await self.session.execute(stmt)).all()
        return {group_id: count for group_id, count in rows}

    async def existing_user_ids(self, user_ids: Sequence[str]) -> set[str]:
        """Those of ``user_ids`` that are users of this organisation."""
        stmt = sa.select(User.id).where(self._user_scoped(), User.id.in_(user_ids))
        return set((await self.session.execute(stmt)).scalars().all())

    def _insert(self) -> Any:
        dialect = self.session.get_bind().dialect.name
        return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(GroupMember)

    async def add_many(self, group_id: str, user_ids: Sequence[str], now: datetime) -> None:
        """Add the users; ones already in the group stay as they are."""
        if not user_ids:
            return
        rows = [
            {"org_id": self.org_id, "group_id": group_id, "user_id": uid, "added_at": now}
            for uid in user_ids
        ]
        stmt = (
            self._insert()
            .values(rows)
            .on_conflict_do_nothing(index_elements=["group_id", "user_id"])
        )
        await self.session.execute(stmt)

    async def remove(self, group_id: str, user_id: str) -> bool:
        stmt = sa.delete(GroupMember).where(
            self.scoped(), GroupMember.group_id == group_id, GroupMember.user_id == user_id
        )
        result = await self.session.execute(stmt)
        return bool(getattr(result, "rowcount", 0))

    async def members_page(self, group_id: str, page: PageRequest) -> Page[MemberRow]:
        """The group's users with when they joined, most recent first."""
        base = (
            sa.select(
                User.id, User.email, User.name, User.role, GroupMember.added_at.label("added_at")
            )
            .join(GroupMember, GroupMember.user_id == User.id)
            .where(self.scoped(), self._user_scoped(), GroupMember.group_id == group_id)
        )
        count_stmt = sa.select(sa.func.count()).select_from(base.subquery())
        total = (await self.session.execute(count_stmt)).scalar_one()
        if total == 0 or page.offset >= total:
            return Page(items=[], total=total, page=page.page, size=page.size)
        rows = await self.session.execute(
            base.order_by(GroupMember.added_at.desc(), User.id.desc())
            .limit(page.size)
            .offset(page.offset)
        )
        items = [MemberRow(*row) for row in rows.all()]
        return Page(items=items, total=total, page=page.page, size=page.size)
