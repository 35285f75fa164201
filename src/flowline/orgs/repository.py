from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Organization, User
from flowline.db.repository import Page, PageRequest


class OrganizationRepository:
    """Organisations themselves: only instance administrators list across them."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, org: Organization) -> None:
        self.session.add(org)

    async def get(self, org_id: str) -> Organization | None:
        return await self.session.get(Organization, org_id)

    async def page(self, page: PageRequest) -> Page[Organization]:
        total = (
            await self.session.execute(sa.select(sa.func.count()).select_from(Organization))
        ).scalar_one()
        rows = await self.session.execute(
            sa.select(Organization)
            .order_by(Organization.id.desc())
            .limit(page.size)
            .offset(page.offset)
        )
        return Page(items=rows.scalars().all(), total=total, page=page.page, size=page.size)

    async def any_user(self) -> bool:
        return (await self.session.execute(sa.select(User.id).limit(1))).first() is not None

    async def first_owner(self, org_id: str | None) -> User | None:
        """The earliest active owner of ``org_id``; with ``None``, of the instance's
        first organisation (the one whose owner is an instance administrator)."""
        stmt = sa.select(User).where(User.role == "owner", User.is_active.is_(True))
        if org_id is None:
            stmt = stmt.where(User.is_instance_admin.is_(True))
        else:
            stmt = stmt.where(User.org_id == org_id)
        result = await self.session.execute(stmt.order_by(User.id).limit(1))
        return result.scalar_one_or_none()
