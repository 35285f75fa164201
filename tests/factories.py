"""Test data made through the real services, each test in its own organisation."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from flowline.auth.principal import Principal
from flowline.auth.scopes import Role
from flowline.auth.service import new_key_row
from flowline.db.models import User
from flowline.orgs.service import create_organization
from flowline.runtime import Runtime
from flowline.users.schemas import UserCreate
from flowline.users.service import create_user


@dataclass
class Member:
    user_id: str
    email: str
    password: str
    role: Role
    api_key: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}


@dataclass
class Org:
    id: str
    name: str
    owner: Member
    members: dict[str, Member] = field(default_factory=dict)

    @property
    def headers(self) -> dict[str, str]:
        return self.owner.headers

    def principal(self) -> Principal:
        return Principal(org_id=self.id, user_id=self.owner.user_id, role=Role.OWNER)


def unique(prefix: str = "t") -> str:
    return f"{prefix}{uuid.uuid4().hex[:12]}"


class Factory:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    async def org(self, *, instance_admin: bool = False) -> Org:
        name = unique("org-")
        async with self.runtime.db.session(write=True) as session:
            made = await create_organization(
                session,
                name=name,
                owner_email=f"{name}@example.com",
                instance_admin=instance_admin,
            )
        owner = Member(made.owner.id, made.owner.email, made.password, Role.OWNER, made.api_key)
        return Org(made.org.id, name, owner)

    async def member(
        self, org: Org, role: Role = Role.MEMBER, *, scopes: list[str] | None = None
    ) -> Member:
        email = f"{unique('u-')}@example.com"
        password = "correct horse battery"
        async with self.runtime.db.session(write=True) as session:
            user, _ = await create_user(
                session, org.principal(), UserCreate(email=email, role=role, password=password)
            )
            assert isinstance(user, User)
            key, raw = new_key_row(
                org_id=org.id, user_id=user.id, name="test", scopes=scopes, expires_at=None
            )
            session.add(key)
        member = Member(user.id, email, password, role, raw)
        org.members[user.id] = member
        return member
