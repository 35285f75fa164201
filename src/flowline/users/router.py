from __future__ import annotations

from typing import Annotated

from fastapi import Response

from flowline.api.bodies import unwrap
from flowline.api.concurrency import IfMatch
from flowline.api.deps import SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.users import service
from flowline.users.schemas import UserCreate, UserCreated, UserRead, UserUpdate

router = make_router("/api/v1/users", "Users")
UsersRead = Annotated[Principal, require("users:read")]
UsersWrite = Annotated[Principal, require("users:write")]


@router.get("", summary="List users of your organisation")
async def list_users(
    session: SessionDep, principal: UsersRead, page: PageParams
) -> PageEnvelope[UserRead]:
    result = await service.list_users(session, principal, page)
    return page_envelope(result, UserRead.model_validate)


@router.post("", status_code=201, summary="Add a user")
async def create_user(
    body: Annotated[UserCreate, unwrap("user")], session: SessionDep, principal: UsersWrite
) -> Envelope[UserCreated]:
    user, generated = await service.create_user(session, principal, body)
    read = UserRead.model_validate(user)
    return envelope(UserCreated(**read.model_dump(), password=generated))


@router.get("/{user_id}", summary="Get a user")
async def get_user(user_id: str, session: SessionDep, principal: UsersRead) -> Envelope[UserRead]:
    return envelope(UserRead.model_validate(await service.get_user(session, principal, user_id)))


@router.patch("/{user_id}", summary="Change a user's name, role, password or status")
async def update_user(
    user_id: str,
    body: UserUpdate,
    session: SessionDep,
    principal: UsersWrite,
    if_match: IfMatch,
) -> Envelope[UserRead]:
    user = await service.update_user(session, principal, user_id, body, if_match)
    return envelope(UserRead.model_validate(user))


@router.delete("/{user_id}", status_code=204, summary="Remove a user")
async def delete_user(user_id: str, session: SessionDep, principal: UsersWrite) -> Response:
    await service.delete_user(session, principal, user_id)
    return Response(status_code=204)
