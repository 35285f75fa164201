from __future__ import annotations

import sqlalchemy as sa

from flowline.db.models import Organization, User
from flowline.db.repository import OrgRepository


class UserRepository(OrgRepository[User]):
    model = User

    async def lock_people(self) -> None:
        """Make changes to this organisation's people wait for one another.

        Locks the organisation's row (``FOR NO KEY UPDATE``, so inserts that
        reference it are not held up) until the transaction ends. Under it, a
        version check or an owner count cannot be overtaken by a concurrent
        change: two owners demoting each other at once queue, and the second
        sees the first. SQLite needs nothing: its writers already queue.
        """
        stmt = (
            sa.select(Organization.id)
            .where(Organization.id == self.org_id)
            .with_for_update(key_share=True)
        )
        await self.session.execute(stmt)

    async def get_fresh(self, user_id: str) -> User | None:
        """The row as committed now, even if this session loaded it before the lock."""
        stmt = self.select().where(User.id == user_id).execution_options(populate_existing=True)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def count_owners(self) -> int:
        stmt = sa.select(sa.func.count()).where(
            self.scoped(), User.role == "owner", User.is_active.is_(True)
        )
        return (await self.session.execute(stmt)).scalar_one()

    async def email_taken(self, email: str) -> bool:
        # Emails are unique across the instance, so this check is deliberately unscoped.
        stmt = sa.select(sa.func.count()).where(User.email == email)
        return bool((await self.session.execute(stmt)).scalar_one())

    async def existing_ids(self, ids: list[str]) -> set[str]:
        stmt = sa.select(User.id).where(self.scoped(), User.id.in_(ids))
        return set((await self.session.execute(stmt)).scalars().all())
