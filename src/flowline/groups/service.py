"""Groups of users within an organisation, and who is in them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.db.models import Group
from flowline.db.repository import Page, PageRequest
from flowline.db.types import utcnow
from flowline.errors import Conflict, MissingReference, NotFound, ValidationFailed
from flowline.groups.repository import GroupMemberRepository, GroupRepository, MemberRow
from flowline.groups.schemas import GroupCreate, GroupUpdate
from flowline.ids import new_id
from flowline.users.service import check_version


@dataclass(frozen=True, slots=True)
class GroupView:
    """A group as the API shows it: the row plus how many members it has."""

    id: str
    name: str
    description: str
    member_count: int
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, group: Group, member_count: int) -> GroupView:
        return cls(
            id=group.id,
            name=group.name,
            description=group.description,
            member_count=member_count,
            version=group.version,
            created_at=group.created_at,
            updated_at=group.updated_at,
        )


def _not_found(group_id: str) -> NotFound:
    return NotFound(f"Group {group_id} not found.", code="GROUP_NOT_FOUND")


def _name_taken(name: str) -> Conflict:
    return Conflict(
        f"A group named '{name}' already exists.",
        details=[{"field": "name", "problem": "already taken"}],
    )


async def _group(repo: GroupRepository, group_id: str, *, lock: bool = False) -> Group:
    group = await (repo.get_for_update(group_id) if lock else repo.get(group_id))
    if group is None:
        raise _not_found(group_id)
    return group


async def _view(session: AsyncSession, org_id: str, group: Group) -> GroupView:
    counts = await GroupMemberRepository(session, org_id).counts([group.id])
    return GroupView.of(group, counts.get(group.id, 0))


async def _check_users(members: GroupMemberRepository, user_ids: Sequence[str], field: str) -> None:
    """Every id must be a user of the organisation (another's users do not exist here)."""
    if not user_ids:
        return
    known = await members.existing_user_ids(user_ids)
    unknown = [uid for uid in user_ids if uid not in known]
    if unknown:
        raise MissingReference(
            f"not users of this organisation: {', '.join(unknown[:10])}"
            + (f" and {len(unknown) - 10} more" if len(unknown) > 10 else ""),
            field=field,
        )


async def _flush_named(session: AsyncSession, name: str) -> None:
    """Flush, turning a concurrent writer's duplicate name into a 409."""
    try:
        await session.flush()
    except IntegrityError:
        raise _name_taken(name) from None


async def list_groups(
    session: AsyncSession, principal: Principal, page: PageRequest
) -> Page[GroupView]:
    """The organisation's groups, newest first, each with its member count."""
    repo = GroupRepository(session, principal.org_id)
    result = await repo.paginate(repo.select(), page)
    counts = await GroupMemberRepository(session, principal.org_id).counts(
        [g.id for g in result.items]
    )
    views = [GroupView.of(g, counts.get(g.id, 0)) for g in result.items]
    return Page(items=views, total=result.total, page=result.page, size=result.size)


async def get_group(session: AsyncSession, principal: Principal, group_id: str) -> GroupView:
    group = await _group(GroupRepository(session, principal.org_id), group_id)
    return await _view(session, principal.org_id, group)


async def create_group(session: AsyncSession, principal: Principal, data: GroupCreate) -> GroupView:
    """A new group, with its first members when ``member_ids`` are given."""
    repo = GroupRepository(session, principal.org_id)
    members = GroupMemberRepository(session, principal.org_id)
    await _check_users(members, data.member_ids, "member_ids")
    if await repo.name_taken(data.name):
        raise _name_taken(data.name)
    now = utcnow()
    group = repo.add(
        Group(
            id=new_id("grp"),
            name=data.name,
            description=data.description,
            version=1,
            created_at=now,
            updated_at=now,
        )
    )
    await _flush_named(session, data.name)
    await members.add_many(group.id, data.member_ids, now)
    return GroupView.of(group, len(data.member_ids))


async def update_group(
    session: AsyncSession,
    principal: Principal,
    group_id: str,
    data: GroupUpdate,
    if_match: int | None,
) -> GroupView:
    """Rename or re-describe a group; ``If-Match``/``expected_version`` guard the change."""
    if data.name is None and data.description is None:
        raise ValidationFailed("give a new name and/or description", field="body")
    repo = GroupRepository(session, principal.org_id)
    group = await _group(repo, group_id, lock=True)
    check_version(group.version, if_match, "The group")
    check_version(group.version, data.expected_version, "The group")
    if data.name is not None and data.name != group.name:
        if await repo.name_taken(data.name, besides=group.id):
            raise _name_taken(data.name)
        group.name = data.name
    if data.description is not None:
        group.description = data.description
    group.version += 1
    await _flush_named(session, group.name)
    return await _view(session, principal.org_id, group)


async def delete_group(
    session: AsyncSession, principal: Principal, group_id: str, if_match: int | None
) -> None:
    """Delete the group; its memberships go with it (the users stay)."""
    repo = GroupRepository(session, principal.org_id)
    group = await _group(repo, group_id, lock=True)
    check_version(group.version, if_match, "The group")
    await repo.delete(group)
    await session.flush()


async def list_members(
    session: AsyncSession, principal: Principal, group_id: str, page: PageRequest
) -> Page[MemberRow]:
    """The group's users (id, email, name, role, added_at), most recently added first."""
    await _group(GroupRepository(session, principal.org_id), group_id)
    members = GroupMemberRepository(session, principal.org_id)
    return await members.members_page(group_id, page)


async def add_members(
    session: AsyncSession, principal: Principal, group_id: str, user_ids: Sequence[str]
) -> GroupView:
    """Add users to the group; all must be users of the organisation, or none is added."""
    # Locked so that a concurrent delete of the group cannot slip in between.
    group = await _group(GroupRepository(session, principal.org_id), group_id, lock=True)
    members = GroupMemberRepository(session, principal.org_id)
    await _check_users(members, user_ids, "user_ids")
    await members.add_many(group.id, user_ids, utcnow())
    return await _view(session, principal.org_id, group)


async def remove_member(
    session: AsyncSession, principal: Principal, group_id: str, user_id: str
) -> None:
    await _group(GroupRepository(session, principal.org_id), group_id)
    if not await GroupMemberRepository(session, principal.org_id).remove(group_id, user_id):
        raise NotFound(
            f"User {user_id} is not a member of group {group_id}.", code="MEMBER_NOT_FOUND"
        )
