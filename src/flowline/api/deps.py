"""Typed dependencies every route uses: the session, the caller, scope checks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import HTTPConnection

from flowline.auth import service as auth_service
from flowline.auth.principal import Principal
from flowline.auth.tokens import is_well_formed_key
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


async def _session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request, committed before the answer is sent."""
    write = request.method not in auth_service.SAFE_METHODS
    async with get_runtime(request).db.session(write=write) as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(_session, scope="function")]


def presented_key(request: HTTPConnection) -> str | None:
    """The API key from ``Authorization: Bearer``, a bare ``Authorization: flk_…`` or
    ``X-API-Key``, if any.

    A bare value counts only when it is a well-formed Flowline key (prefix, length,
    checksum): seed 004's clients send ``Authorization: <key>`` without a scheme, and
    nothing else without a scheme can be mistaken for one. Read straight from the
    headers (the schemes are documented in OpenAPI by ``api/openapi.py``), which
    keeps the per-request dependency tree small.
    """
    authorization = request.headers.get("authorization")
    if authorization:
        scheme, _, credentials = authorization.strip().partition(" ")
        if scheme.lower() == "bearer" and credentials.strip():
            return credentials.strip()
        if not credentials and is_well_formed_key(scheme):
            return scheme
    return request.headers.get("x-api-key") or None


async def _principal(request: Request, session: SessionDep) -> Principal:
    runtime = get_runtime(request)
    raw_key = presented_key(request)
    if raw_key:
        outcome = await auth_service.authenticate_key(session, raw_key)
    elif cookie := request.cookies.get(SESSION_COOKIE):
        return _admitted(request, runtime, await _session_principal(request, session, cookie))
    else:
        raise _no_credentials()
    return _admitted(request, runtime, outcome.principal, outcome.stale_last_used)


async def _reading_principal(request: Request) -> Principal:
    """The caller, authenticated outside any transaction of the request's: by a key in
    one read (``Database.read``), by the session cookie in a read session of its own."""
    runtime = get_runtime(request)
    raw_key = presented_key(request)
    if raw_key:
        outcome = await auth_service.authenticate_key_in(runtime.db, raw_key)
    elif cookie := request.cookies.get(SESSION_COOKIE):
        async with runtime.db.session(single=True) as session:
            principal = await _session_principal(request, session, cookie)
        return _admitted(request, runtime, principal)
    else:
        raise _no_credentials()
    return _admitted(request, runtime, outcome.principal, outcome.stale_last_used)


async def _session_principal(request: Request, session: AsyncSession, cookie: str) -> Principal:
    return await auth_service.authenticate_session(
        session, cookie, request.headers.get(CSRF_HEADER), request.method
    )


def _no_credentials() -> Unauthorized:
    return Unauthorized(
        "Authentication required: send an API key (Authorization: Bearer, X-API-Key, "
        "or the key alone in Authorization) or log in."
    )


def _admitted(
    request: Request, runtime: Runtime, principal: Principal, stale_last_used: bool = False
) -> Principal:
    """The authenticated caller, past the rate limit; a key's use noted when it is due."""
    if stale_last_used:
        assert principal.api_key_id is not None
        runtime.last_used.seen(principal.api_key_id)
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

    ``reading``: authenticate outside any transaction of the request's, for a route
    that works only in transactions of its own (a chat turn), whatever its method;
    otherwise in the request's own transaction (``SessionDep``).
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
