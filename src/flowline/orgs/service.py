"""Organisations, their first owner, and the instance's first start."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth import tokens
from flowline.auth.principal import Principal
from flowline.auth.scopes import Role
from flowline.auth.service import new_key_row
from flowline.db.models import Organization, User
from flowline.db.repository import Page, PageRequest
from flowline.errors import Conflict, NotFound
from flowline.ids import new_id
from flowline.orgs.repository import OrganizationRepository
from flowline.users.repository import UserRepository

DEFAULT_OWNER_EMAIL = "owner@flowline.local"


@dataclass(frozen=True, slots=True)
class NewOrganization:
    org: Organization
    owner: User
    password: str
    api_key: str


async def create_organization(
    session: AsyncSession,
    *,
    name: str,
    owner_email: str,
    owner_name: str = "",
    instance_admin: bool = False,
) -> NewOrganization:
    """An organisation with its owner, a random password and a first API key."""
    org = Organization(id=new_id("org"), name=name)
    OrganizationRepository(session).add(org)
    users = UserRepository(session, org.id)
    if await users.email_taken(owner_email):
        raise Conflict(
            "A user with this email already exists.",
            details=[{"field": "owner_email", "problem": "already taken"}],
        )
    password = tokens.new_password()
    owner = User(
        id=new_id("usr"),
        email=owner_email,
        name=owner_name or owner_email.partition("@")[0],
        password_hash=tokens.hash_password(password),
        role=Role.OWNER.value,
        is_instance_admin=instance_admin,
    )
    users.add(owner)
    await session.flush()
    key, raw = new_key_row(
        org_id=org.id, user_id=owner.id, name="first key", scopes=None, expires_at=None
    )
    session.add(key)
    await session.flush()
    return NewOrganization(org, owner, password, raw)


async def list_organizations(session: AsyncSession, page: PageRequest) -> Page[Organization]:
    return await OrganizationRepository(session).page(page)


async def bootstrap_if_empty(session: AsyncSession, owner_email: str) -> NewOrganization | None:
    """On an instance with no users, create the default organisation and its owner."""
    if await OrganizationRepository(session).any_user():
        return None
    return await create_organization(
        session, name="Default", owner_email=owner_email, owner_name="Owner", instance_admin=True
    )


async def owner_principal(session: AsyncSession, org_id: str | None = None) -> Principal:
    """Act as an organisation's owner (default: the instance's first organisation).

    For the command line, whose operator has the machine and so the whole instance.
    """
    repo = OrganizationRepository(session)
    if org_id is not None and await repo.get(org_id) is None:
        raise NotFound(f"Organisation {org_id} not found.", code="ORGANIZATION_NOT_FOUND")
    owner = await repo.first_owner(org_id)
    if owner is None:
        if org_id is None:
            raise NotFound("The instance has no organisation yet; run `flowline init` first.")
        raise NotFound(f"Organisation {org_id} has no active owner.")
    return Principal(
        org_id=owner.org_id,
        user_id=owner.id,
        role=Role.OWNER,
        is_instance_admin=owner.is_instance_admin,
        via="cli",
    )
