from __future__ import annotations

import sqlalchemy as sa

from flowline.db.models import User
from flowline.db.repository import OrgRepository


class UserRepository(OrgRepository[User]):
    model = User

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
