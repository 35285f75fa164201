"""Typed dependencies every route uses: the session, the caller, scope checks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import APIKeyCookie, APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth import service as auth_service
from flowline.auth.principal import Principal
from flowline.errors import Forbidden, RateLimited, Unauthorized
from flowline.ratelimit import retry_after_header
from flowline.runtime import Runtime

SESSION_COOKIE = "flowline_session"
CSRF_HEADER = "X-CSRF-Token"


def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime  # type: ignore[no-any-return]


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def _session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request, committed before the answer is sent."""
    write = request.method not in auth_service.SAFE_METHODS
    async with get_runtime(request).db.session(write=write) as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(_session, scope="function")]

# These only document the schemes in OpenAPI; parsing happens in _principal.
_bearer = HTTPBearer(auto_error=False, description="An API key: `Authorization: Bearer flk_…`.")
_api_key = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key.")
_cookie = APIKeyCookie(
    name=SESSION_COOKIE,
    auto_error=False,
    description="Session from POST /api/v1/auth/login; writes also need X-CSRF-Token.",
)


async def _principal(
    request: Request,
    session: SessionDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    api_key: Annotated[str | None, Depends(_api_key)],
    cookie: Annotated[str | None, Depends(_cookie)],
) -> Principal:
    runtime = get_runtime(request)
    raw_key = bearer.credentials if bearer is not None else api_key
    if raw_key:
        outcome = await auth_service.authenticate_key(session, raw_key)
        principal = outcome.principal
        if outcome.stale_last_used:
            await _touch(runtime, session, request.method, principal)
    elif cookie:
        principal = await auth_service.authenticate_session(
            session, cookie, request.headers.get(CSRF_HEADER), request.method
        )
    else:
        raise Unauthorized(
            "Authentication required: send an API key (Authorization: Bearer or X-API-Key) "
            "or log in."
        )
    wait = runtime.rate_limiter.acquire(principal.rate_key)
    if wait:
        raise RateLimited(
            "Too many requests for this key; slow down.",
            headers={"Retry-After": retry_after_header(wait)},
        )
    request.state.principal = principal
    return principal


async def _touch(
    runtime: Runtime, session: AsyncSession, method: str, principal: Principal
) -> None:
    """Record ``last_used_at`` (at most once a minute per key).

    Writers already hold the write transaction, so they record it there; readers
    use a short transaction of their own rather than upgrade their read.
    """
    assert principal.api_key_id is not None
    if method not in auth_service.SAFE_METHODS:
        await auth_service.touch_key(session, principal.api_key_id)
        return
    async with runtime.db.session(write=True) as own:
        await auth_service.touch_key(own, principal.api_key_id)


CurrentPrincipal = Annotated[Principal, Depends(_principal)]


def require(scope: str) -> Any:
    """Dependency that lets the call through only when the caller holds ``scope``."""

    async def _check(principal: CurrentPrincipal) -> Principal:
        if not principal.allows(scope):
            raise Forbidden(f"This needs the '{scope}' permission.")
        return principal

    return Depends(_check)


async def _instance_admin(principal: CurrentPrincipal) -> Principal:
    if not principal.is_instance_admin or not principal.allows("admin"):
        raise Forbidden("Only instance administrators may do this.")
    return principal


InstanceAdmin = Annotated[Principal, Depends(_instance_admin)]
