"""Authentication (keys, sessions, login) and API key management."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth import tokens
from flowline.auth.principal import Principal
from flowline.auth.repository import (
    ApiKeyRepository,
    CredentialRepository,
    KeyCredential,
    key_credential_on,
)
from flowline.auth.scopes import ROLE_SCOPES, Role
from flowline.db.models import ApiKey, User, UserSession
from flowline.db.repository import Page, PageRequest
from flowline.db.session import Database
from flowline.db.types import utcnow
from flowline.errors import Forbidden, NotFound, Unauthorized, ValidationFailed
from flowline.ids import new_id

TOUCH_INTERVAL = timedelta(seconds=60)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True, slots=True)
class KeyAuthentication:
    principal: Principal
    stale_last_used: bool


async def authenticate_key(session: AsyncSession, raw: str) -> KeyAuthentication:
    """Resolve an API key; a malformed one is refused before any query."""
    key_hash = key_hash_of(raw)
    return key_authentication(await CredentialRepository(session).key_credential(key_hash))


async def authenticate_key_in(db: Database, raw: str) -> KeyAuthentication:
    """:func:`authenticate_key` in a read of its own (``Database.read``): no session."""
    key_hash = key_hash_of(raw)
    return key_authentication(await db.read(lambda conn: key_credential_on(conn, key_hash)))


def key_hash_of(raw: str) -> str:
    if not tokens.is_well_formed_key(raw):
        raise Unauthorized("The API key is not valid.")
    return tokens.token_hash(raw)


def key_authentication(key: KeyCredential | None) -> KeyAuthentication:
    """The caller that a key's stored credential (``None``: no such key) stands for."""
    if key is None:
        raise Unauthorized("The API key is not valid.")
    now = utcnow()
    if key.revoked_at is not None:
        raise Unauthorized("The API key has been revoked.")
    if key.expires_at is not None and key.expires_at <= now:
        raise Unauthorized("The API key has expired.")
    if not key.is_active:
        raise Unauthorized("The API key's user is deactivated.")
    principal = Principal(
        org_id=key.org_id,
        user_id=key.user_id,
        role=Role(key.role),
        is_instance_admin=key.is_instance_admin,
        api_key_id=key.key_id,
        key_scopes=frozenset(key.scopes) if key.scopes is not None else None,
        key_expires_at=key.expires_at,
        via="api_key",
    )
    stale = key.last_used_at is None or now - key.last_used_at >= TOUCH_INTERVAL
    return KeyAuthentication(principal, stale)


async def authenticate_session(
    session: AsyncSession, token: str, csrf: str | None, method: str
) -> Principal:
    found = await CredentialRepository(session).session_with_user(tokens.token_hash(token))
    if found is None:
        raise Unauthorized("The session is not valid; log in again.")
    user_session, user = found
    if user_session.expires_at <= utcnow():
        raise Unauthorized("The session has expired; log in again.")
    if not user.is_active:
        raise Unauthorized("The user is deactivated.")
    if method not in SAFE_METHODS and (
        csrf is None or tokens.token_hash(csrf) != user_session.csrf_hash
    ):
        raise Forbidden(
            "State-changing requests made with the session cookie need the X-CSRF-Token header.",
            code="CSRF_FAILED",
        )
    return Principal(
        org_id=user.org_id,
        user_id=user.id,
        role=Role(user.role),
        is_instance_admin=user.is_instance_admin,
        via="session",
    )


@dataclass(frozen=True, slots=True)
class LoginOutcome:
    user: User
    token: str
    csrf_token: str
    expires_at: datetime


async def login(session: AsyncSession, email: str, password: str, ttl: timedelta) -> LoginOutcome:
    repo = CredentialRepository(session)
    user = await repo.user_by_email(email.strip().lower())
    if user is None:
        tokens.burn_password_check(password)
        raise Unauthorized("Wrong email or password.")
    if not tokens.verify_password(user.password_hash, password) or not user.is_active:
        raise Unauthorized("Wrong email or password.")
    token, csrf = tokens.new_token(), tokens.new_token()
    expires_at = utcnow() + ttl
    session.add(
        UserSession(
            token_hash=tokens.token_hash(token),
            csrf_hash=tokens.token_hash(csrf),
            user_id=user.id,
            org_id=user.org_id,
            expires_at=expires_at,
        )
    )
    return LoginOutcome(user, token, csrf, expires_at)


async def logout(session: AsyncSession, token: str) -> None:
    await CredentialRepository(session).delete_session(tokens.token_hash(token))


def new_key_row(
    *, org_id: str, user_id: str, name: str, scopes: list[str] | None, expires_at: datetime | None
) -> tuple[ApiKey, str]:
    raw = tokens.new_api_key()
    key = ApiKey(
        id=new_id("key"),
        org_id=org_id,
        user_id=user_id,
        name=name,
        key_hash=tokens.token_hash(raw),
        prefix=tokens.display_prefix(raw),
        scopes=scopes,
        expires_at=expires_at,
    )
    return key, raw


async def create_api_key(
    session: AsyncSession,
    principal: Principal,
    *,
    name: str,
    scopes: list[str] | None,
    expires_at: datetime | None,
) -> tuple[ApiKey, str]:
    """A key for the calling user; it can never hold more than the caller holds."""
    if scopes is not None:
        beyond = [s for s in scopes if not principal.allows(s)]
        if beyond:
            raise ValidationFailed(
                f"You cannot grant scopes you do not hold: {', '.join(beyond)}.", field="scopes"
            )
    elif principal.key_scopes is not None:
        scopes = sorted(principal.key_scopes & ROLE_SCOPES[principal.role])
    if expires_at is not None and expires_at <= utcnow():
        raise ValidationFailed("must be in the future", field="expires_at")
    limit = principal.key_expires_at
    if limit is not None:  # a key never makes a key that outlives it
        if expires_at is None:
            expires_at = limit
        elif expires_at > limit:
            raise ValidationFailed(
                f"must not be after the expiry of the key making it ({limit.isoformat()})",
                field="expires_at",
            )
    key, raw = new_key_row(
        org_id=principal.org_id,
        user_id=principal.user_id,
        name=name,
        scopes=scopes,
        expires_at=expires_at,
    )
    ApiKeyRepository(session, principal.org_id).add(key)
    return key, raw


def _sees_all_keys(principal: Principal) -> bool:
    """Owners and admins manage everyone's keys, unless their key was narrowed.

    Only those roles hold ``users:write``; asking for the scope, not the role,
    keeps a leaked ``kv:read`` key of an owner from revoking the whole team's keys.
    """
    return principal.allows("users:write")


async def list_api_keys(
    session: AsyncSession, principal: Principal, page: PageRequest
) -> Page[ApiKey]:
    repo = ApiKeyRepository(session, principal.org_id)
    owner = None if _sees_all_keys(principal) else principal.user_id
    return await repo.paginate(repo.for_user(owner), page)


async def revoke_api_key(session: AsyncSession, principal: Principal, key_id: str) -> ApiKey:
    key = await ApiKeyRepository(session, principal.org_id).get(key_id)
    if key is None or (key.user_id != principal.user_id and not _sees_all_keys(principal)):
        raise NotFound(f"API key {key_id} not found.", code="API_KEY_NOT_FOUND")
    if key.revoked_at is None:
        key.revoked_at = utcnow()
    return key
