"""Queries of the auth domain.

``CredentialRepository`` is the one repository that does not start from an
organisation: it turns a presented credential (a key or session hash) into the
principal, and that is how the organisation becomes known in the first place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import ApiKey, User, UserSession
from flowline.db.repository import OrgRepository


@dataclass(frozen=True, slots=True)
class KeyCredential:
    key_id: str
    org_id: str
    scopes: list[str] | None
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None
    user_id: str
    role: str
    is_instance_admin: bool
    is_active: bool


KEY_CREDENTIAL = (
    sa.select(
        ApiKey.id,
        ApiKey.org_id,
        ApiKey.scopes,
        ApiKey.expires_at,
        ApiKey.revoked_at,
        ApiKey.last_used_at,
        User.id,
        User.role,
        User.is_instance_admin,
        User.is_active,
    )
    .join(User, User.id == ApiKey.user_id)
    .where(ApiKey.key_hash == sa.bindparam("key_hash"))
)
"""The columns authentication needs, in one query (built once: it is on every request)."""


def key_credential_on(conn: sa.Connection, key_hash: str) -> KeyCredential | None:
    """:meth:`CredentialRepository.key_credential` on a synchronous connection."""
    row = conn.execute(KEY_CREDENTIAL, {"key_hash": key_hash}).first()
    return KeyCredential(*tuple(row)) if row else None


class CredentialRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def key_credential(self, key_hash: str) -> KeyCredential | None:
        row = (await self.session.execute(KEY_CREDENTIAL, {"key_hash": key_hash})).first()
        return KeyCredential(*tuple(row)) if row else None

    async def session_with_user(self, token_hash: str) -> tuple[UserSession, User] | None:
        stmt = (
            sa.select(UserSession, User)
            .join(User, User.id == UserSession.user_id)
            .where(UserSession.token_hash == token_hash)
        )
        row = (await self.session.execute(stmt)).first()
        return (row[0], row[1]) if row else None

    async def user_by_email(self, email: str) -> User | None:
        stmt = sa.select(User).where(User.email == email)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def touch_key(self, key_id: str, when: datetime) -> None:
        await self.session.execute(
            sa.update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=when)
        )

    async def delete_session(self, token_hash: str) -> None:
        await self.session.execute(
            sa.delete(UserSession).where(UserSession.token_hash == token_hash)
        )

    async def delete_expired_sessions(self, now: datetime) -> int:
        result = await self.session.execute(
            sa.delete(UserSession).where(UserSession.expires_at <= now)
        )
        return int(getattr(result, "rowcount", 0) or 0)


class ApiKeyRepository(OrgRepository[ApiKey]):
    model = ApiKey

    def for_user(self, user_id: str | None) -> sa.Select[ApiKey]:
        stmt = self.select()
        if user_id is not None:
            stmt = stmt.where(ApiKey.user_id == user_id)
        return stmt
