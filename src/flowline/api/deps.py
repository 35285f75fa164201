"""Typed dependencies every route uses: the session, the caller, scope checks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import HTTPConnection

from flowline.auth import service as auth_service
from flowline.auth.principal import Principal
from flowline.errors import Forbidden, RateLimited, Unauthorized
from flowline.ratelimit import retry_after_header
from flowline.runtime import Runtime

SESSION_COOKIE = "flowline_session"
CSRF_HEADER = "X-CSRF-Token"


def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime  # type: ignore[no-any-return]


async def _runtime(request: Request) -> Runtime:
    # A dependency, so async: FastAPI runs a plain function's in a thread of its pool,
    # a hop to another thread and back for every request.
    return get_runtime(request)


RuntimeDep = Annotated[Runtime, Depends(_runtime)]


async def _read_session(request: Request) -> AsyncIterator[AsyncSession]:
    """Reads of one statement each (the caller's authentication, a chat's checks): on
    PostgreSQL without a transaction around them (``Database.session(single=True)``)."""
    async with get_runtime(request).db.session(single=True) as session:
        yield session


ReadSessionDep = Annotated[AsyncSession, Depends(_read_session, scope="function")]
"""For a route that changes nothing in the request's own transaction and reads one
statement at a time (a chat turn writes in transactions of its own), whatever its
method."""


async def _session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request, committed before the answer is sent."""
    write = request.method not in auth_service.SAFE_METHODS
    async with get_runtime(request).db.session(write=write) as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(_session, scope="function")]


def presented_key(request: HTTPConnection) -> str | None:
    """The API key from ``Authorization: Bearer`` or ``X-API-Key``, if any.

    Read straight from the headers (the schemes are documented in OpenAPI by
    ``api/openapi.py``), which keeps the per-request dependency tree small.
    """
    authorization = request.headers.get("authorization")
    if authorization:
        scheme, _, credentials = authorization.partition(" ")
        if scheme.lower() == "bearer" and credentials.strip():
            return credentials.strip()
    return request.headers.get("x-api-key") or None


async def _principal(request: Request, session: SessionDep) -> Principal:
    return await _authenticate(request, session)


async def _reading_principal(request: Request, session: ReadSessionDep) -> Principal:
    """The caller, authenticated in a read transaction (``ReadSessionDep``)."""
    return await _authenticate(request, session)


async def _authenticate(request: Request, session: AsyncSession) -> Principal:
    runtime = get_runtime(request)
    raw_key = presented_key(request)
    if raw_key:
        outcome = await auth_service.authenticate_key(session, raw_key)
        principal = outcome.principal
        if outcome.stale_last_used:
            assert principal.api_key_id is not None
            runtime.last_used.seen(principal.api_key_id)
    elif cookie := request.cookies.get(SESSION_COOKIE):
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


CurrentPrincipal = Annotated[Principal, Depends(_principal)]
ReadingPrincipal = Annotated[Principal, Depends(_reading_principal)]
authenticate = _principal
"""The dependency that authenticates a caller (OpenAPI marks the routes using it)."""
AUTHENTICATORS = (_principal, _reading_principal)
"""Every dependency that authenticates a caller (OpenAPI marks the routes using one)."""


def require(scope: str, *, reading: bool = False) -> Any:
    """Dependency that lets the call through only when the caller holds ``scope``.

    ``reading``: authenticate in the read transaction of ``ReadSessionDep``, for a
    route that writes only in transactions of its own (a chat turn), whatever its
    method; otherwise in the request's own transaction (``SessionDep``).
    """
    if reading:

        async def _check_reading(principal: ReadingPrincipal) -> Principal:
            return _allowed(principal, scope)

        return Depends(_check_reading)

    async def _check(principal: CurrentPrincipal) -> Principal:
        return _allowed(principal, scope)

    return Depends(_check)


def _allowed(principal: Principal, scope: str) -> Principal:
    if not principal.allows(scope):
        raise Forbidden(f"This needs the '{scope}' permission.")
    return principal


async def _instance_admin(principal: CurrentPrincipal) -> Principal:
    if not principal.is_instance_admin or not principal.allows("admin"):
        raise Forbidden("Only instance administrators may do this.")
    return principal


InstanceAdmin = Annotated[Principal, Depends(_instance_admin)]
