from __future__ import annotations

from typing import Annotated

from fastapi import Response

from flowline.api.bodies import unwrap
from flowline.api.concurrency import IfMatch
from flowline.api.deps import SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.idempotency import IDEMPOTENT
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.groups import service
from flowline.groups.schemas import (
    GroupCreate,
    GroupMemberRead,
    GroupRead,
    GroupUpdate,
    MembersAdd,
)

router = make_router("/api/v1/groups", "Groups")
GroupsRead = Annotated[Principal, require("groups:read")]
GroupsWrite = Annotated[Principal, require("groups:write")]


@router.get(
    "",
    summary="List groups",
    description="The organisation's groups, newest first, each with its member count.",
)
async def list_groups(
    session: SessionDep, principal: GroupsRead, page: PageParams
) -> PageEnvelope[GroupRead]:
    result = await service.list_groups(session, principal, page)
    return page_envelope(result, GroupRead.model_validate)


@router.post(
    "",
    status_code=201,
    summary="Create a group",
    description=(
        "The name must be unique in the organisation (409 otherwise). `member_ids` adds "
        "users at once; each must be a user of the organisation. The body may be wrapped "
        'as `{"group": {...}}`.'
    ),
    openapi_extra=IDEMPOTENT,
)
async def create_group(
    body: Annotated[GroupCreate, unwrap("group")], session: SessionDep, principal: GroupsWrite
) -> Envelope[GroupRead]:
    return envelope(GroupRead.model_validate(await service.create_group(session, principal, body)))


@router.get("/{group_id}", summary="Get a group")
async def get_group(
    group_id: str, session: SessionDep, principal: GroupsRead
) -> Envelope[GroupRead]:
    return envelope(GroupRead.model_validate(await service.get_group(session, principal, group_id)))


@router.put(
    "/{group_id}",
    summary="Rename or describe a group",
    description=(
        "Changes `name` and/or `description`; omitted fields keep their value. With "
        "`If-Match` or `expected_version`, only when the group is at that version (else 409)."
    ),
)
async def update_group(
    group_id: str,
    body: Annotated[GroupUpdate, unwrap("group")],
    session: SessionDep,
    principal: GroupsWrite,
    if_match: IfMatch,
) -> Envelope[GroupRead]:
    group = await service.update_group(session, principal, group_id, body, if_match)
    return envelope(GroupRead.model_validate(group))


@router.delete(
    "/{group_id}",
    status_code=204,
    summary="Delete a group",
    description=(
        "Its memberships go with it; the users stay. With `If-Match`, only when the group "
        "is at that version (else 409)."
    ),
)
async def delete_group(
    group_id: str, session: SessionDep, principal: GroupsWrite, if_match: IfMatch
) -> Response:
    await service.delete_group(session, principal, group_id, if_match)
    return Response(status_code=204)


@router.get(
    "/{group_id}/members",
    summary="List a group's members",
    description="Users in the group, most recently added first.",
)
async def list_members(
    group_id: str, session: SessionDep, principal: GroupsRead, page: PageParams
) -> PageEnvelope[GroupMemberRead]:
    result = await service.list_members(session, principal, group_id, page)
    return page_envelope(result, GroupMemberRead.model_validate)


@router.post(
    "/{group_id}/members",
    summary="Add users to a group",
    description=(
        "Every id must be a user of the organisation, else 422 and nobody is added. Users "
        "already in the group are left as they are. Returns the group."
    ),
)
async def add_members(
    group_id: str, body: MembersAdd, session: SessionDep, principal: GroupsWrite
) -> Envelope[GroupRead]:
    group = await service.add_members(session, principal, group_id, body.user_ids)
    return envelope(GroupRead.model_validate(group))


@router.delete(
    "/{group_id}/members/{user_id}",
    status_code=204,
    summary="Remove a user from a group",
    description="404 when the user is not in the group.",
)
async def remove_member(
    group_id: str, user_id: str, session: SessionDep, principal: GroupsWrite
) -> Response:
    await service.remove_member(session, principal, group_id, user_id)
    return Response(status_code=204)
