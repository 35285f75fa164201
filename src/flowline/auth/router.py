from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import Cookie, Response

from flowline.api.bodies import unwrap
from flowline.api.deps import SESSION_COOKIE, CurrentPrincipal, RuntimeDep, SessionDep
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.auth import service
from flowline.auth.schemas import (
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyRead,
    LoginRequest,
    LoginResult,
    MeRead,
    UserRead,
)
from flowline.auth.scopes import ROLE_SCOPES
from flowline.users.service import get_user

router = make_router("/api/v1/auth", "Auth")


@router.post(
    "/login",
    summary="Log in with email and password",
    description=(
        "Sets an HttpOnly, SameSite=Lax session cookie and returns a CSRF token that "
        "state-changing requests made with the cookie must send as `X-CSRF-Token`."
    ),
)
async def login(
    body: LoginRequest, response: Response, session: SessionDep, runtime: RuntimeDep
) -> Envelope[LoginResult]:
    ttl = timedelta(hours=runtime.settings.session_ttl_hours)
    outcome = await service.login(session, body.email, body.password, ttl)
    response.set_cookie(
        SESSION_COOKIE,
        outcome.token,
        max_age=int(ttl.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=runtime.settings.secure_cookies,
        path="/",
    )
    return envelope(
        LoginResult(
            user=UserRead.model_validate(outcome.user),
            csrf_token=outcome.csrf_token,
            expires_at=outcome.expires_at,
        )
    )


@router.post(
    "/logout",
    status_code=204,
    summary="End the browser session",
    description="Deletes the session behind the cookie and clears it. With an API key: no-op.",
)
async def logout(
    principal: CurrentPrincipal,
    session: SessionDep,
    cookie: Annotated[str | None, Cookie(alias=SESSION_COOKIE, include_in_schema=False)] = None,
) -> Response:
    answer = Response(status_code=204)
    if principal.via == "session" and cookie:
        await service.logout(session, cookie)
        answer.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
    return answer


@router.get("/me", summary="Who am I")
async def me(principal: CurrentPrincipal, session: SessionDep) -> Envelope[MeRead]:
    user = await get_user(session, principal, principal.user_id)
    held = ROLE_SCOPES[principal.role]
    if principal.key_scopes is not None:
        held = held & principal.key_scopes
    return envelope(
        MeRead(
            user=UserRead.model_validate(user),
            via=principal.via,
            api_key_id=principal.api_key_id,
            scopes=sorted(held),
        )
    )


@router.post("/api-keys", status_code=201, summary="Create an API key for yourself")
async def create_api_key(
    body: Annotated[ApiKeyCreate, unwrap("api_key")],
    principal: CurrentPrincipal,
    session: SessionDep,
) -> Envelope[ApiKeyCreated]:
    key, raw = await service.create_api_key(
        session, principal, name=body.name, scopes=body.scopes, expires_at=body.expires_at
    )
    await session.flush()
    return envelope(ApiKeyCreated(**ApiKeyRead.model_validate(key).model_dump(), key=raw))


@router.get(
    "/api-keys",
    summary="List API keys",
    description=(
        "Owners and admins see every key of the organisation; others, and keys "
        "narrowed below `users:write`, see their own user's."
    ),
)
async def list_api_keys(
    principal: CurrentPrincipal, session: SessionDep, page: PageParams
) -> PageEnvelope[ApiKeyRead]:
    result = await service.list_api_keys(session, principal, page)
    return page_envelope(result, ApiKeyRead.model_validate)


@router.delete("/api-keys/{key_id}", summary="Revoke an API key; it stops working at once")
async def revoke_api_key(
    key_id: str, principal: CurrentPrincipal, session: SessionDep
) -> Envelope[ApiKeyRead]:
    key = await service.revoke_api_key(session, principal, key_id)
    return envelope(ApiKeyRead.model_validate(key))
