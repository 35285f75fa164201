from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth import tokens
from flowline.auth.principal import Principal
from flowline.auth.scopes import ROLE_RANK, Role
from flowline.db.models import User
from flowline.db.repository import Page, PageRequest
from flowline.errors import Conflict, Forbidden, NotFound, ValidationFailed
from flowline.ids import new_id
from flowline.users.repository import UserRepository
from flowline.users.schemas import UserCreate, UserUpdate


def check_version(current: int, expected: int | None, what: str) -> None:
    """Optimistic concurrency: refuse a change made against an older version."""
    if expected is not None and expected != current:
        raise Conflict(
            f"{what} is at version {current}, not {expected}; reload and try again.",
            details=[{"field": "expected_version", "problem": f"current version is {current}"}],
        )


async def list_users(session: AsyncSession, principal: Principal, page: PageRequest) -> Page[User]:
    repo = UserRepository(session, principal.org_id)
    return await repo.paginate(repo.select(), page)


def _found(user: User | None, user_id: str) -> User:
    if user is None:
        raise NotFound(f"User {user_id} not found.", code="USER_NOT_FOUND")
    return user


async def get_user(session: AsyncSession, principal: Principal, user_id: str) -> User:
    return _found(await UserRepository(session, principal.org_id).get(user_id), user_id)


async def _user_to_change(repo: UserRepository, user_id: str) -> User:
    """The user, read under the organisation's people lock so no change overtakes ours."""
    await repo.lock_people()
    return _found(await repo.get_fresh(user_id), user_id)


def _check_can_grant(principal: Principal, role: Role) -> None:
    if ROLE_RANK[role] > ROLE_RANK[principal.role]:
        raise Forbidden(f"You cannot give the role '{role}', which is above your own.")


def _email_taken() -> Conflict:
    return Conflict(
        "A user with this email already exists.",
        details=[{"field": "email", "problem": "already taken"}],
    )


async def create_user(
    session: AsyncSession, principal: Principal, data: UserCreate
) -> tuple[User, str | None]:
    repo = UserRepository(session, principal.org_id)
    _check_can_grant(principal, data.role)
    if await repo.email_taken(data.email):
        raise _email_taken()
    generated = None if data.password else tokens.new_password()
    user = User(
        id=new_id("usr"),
        email=data.email,
        name=data.name or data.email.partition("@")[0],
        password_hash=tokens.hash_password(data.password or generated or ""),
        role=data.role.value,
    )
    repo.add(user)
    try:
        await session.flush()
    except IntegrityError:  # the same email created at the same moment
        raise _email_taken() from None
    return user, generated


async def update_user(
    session: AsyncSession,
    principal: Principal,
    user_id: str,
    data: UserUpdate,
    if_match: int | None,
) -> User:
    repo = UserRepository(session, principal.org_id)
    user = await _user_to_change(repo, user_id)
    check_version(user.version, data.expected_version or if_match, "The user")
    if ROLE_RANK[Role(user.role)] > ROLE_RANK[principal.role]:
        raise Forbidden("You cannot change a user whose role is above your own.")
    # Only an active owner counts, so demoting an inactive one loses nobody.
    losing_owner = (
        user.role == Role.OWNER
        and user.is_active
        and ((data.role is not None and data.role != Role.OWNER) or data.is_active is False)
    )
    if losing_owner and await repo.count_owners() <= 1:
        raise Conflict("An organisation needs at least one active owner.")
    if data.role is not None:
        _check_can_grant(principal, data.role)
        user.role = data.role.value
    if data.name is not None:
        user.name = data.name
    if data.password is not None:
        user.password_hash = tokens.hash_password(data.password)
    if data.is_active is not None:
        if data.is_active is False and user.id == principal.user_id:
            raise ValidationFailed("you cannot deactivate yourself", field="is_active")
        user.is_active = data.is_active
    user.version += 1
    await session.flush()
    return user


async def delete_user(session: AsyncSession, principal: Principal, user_id: str) -> None:
    repo = UserRepository(session, principal.org_id)
    user = await _user_to_change(repo, user_id)
    if user.id == principal.user_id:
        raise Conflict("You cannot delete yourself.")
    if ROLE_RANK[Role(user.role)] > ROLE_RANK[principal.role]:
        raise Forbidden("You cannot delete a user whose role is above your own.")
    if user.role == Role.OWNER and user.is_active and await repo.count_owners() <= 1:
        raise Conflict("An organisation needs at least one active owner.")
    await repo.delete(user)
