"""``Idempotency-Key`` on POST routes that start work.

The first answer to a (caller, key) pair is kept for a day and replayed to
every repeat; the same key with a different request is refused with ``422``;
a repeat that arrives while the first is still being handled gets ``409``.
A route opts in with ``openapi_extra=IDEMPOTENT``; ``FlowlineRoute`` then adds
``_guard`` to its dependencies and records the answer.

The key is claimed inside the request's own transaction, after authentication:
if the route fails, the claim rolls back with its work and the key stays free;
if it succeeds, the claim commits with the work, so no repeat can run the work
again. The answer itself is written just after that commit, before it is sent.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import orjson
import sqlalchemy as sa
from fastapi import Depends, Request
from fastapi.routing import APIRoute
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from flowline.api.deps import CurrentPrincipal, SessionDep, get_runtime
from flowline.api.json_body import strict_json_bodies
from flowline.api.json_text import refuse_nul
from flowline.auth.principal import Principal
from flowline.db.models import IdempotencyRecord
from flowline.db.session import Database
from flowline.db.types import utcnow
from flowline.errors import Conflict, ValidationFailed

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
REPLAYED = {"Idempotent-Replayed": "true"}
"""Headers of an answer that is a repeat's, not a new one."""
_KEPT_HEADERS = ("content-type", "location")


def key_parameter(description: str) -> dict[str, Any]:
    """The header's OpenAPI description, for a route's ``openapi_extra``."""
    schema = {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH}
    parameter = {"name": HEADER, "in": "header", "required": False, "schema": schema}
    return {"parameters": [{**parameter, "description": description}]}


IDEMPOTENT: dict[str, Any] = {
    "x-idempotent": True,
    **key_parameter(
        "Makes the request safe to repeat: for 24 hours a repeat with the same key "
        "returns the first answer; the same key with a different body is refused (422)."
    ),
}


class IdempotentReplay(Exception):
    """Raised by the guard to answer with the first answer instead of running the route."""

    def __init__(self, record: IdempotencyRecord) -> None:
        super().__init__("replay")
        # Copied out now: the request's transaction rolls back before the answer is built.
        assert record.status_code is not None
        self.status_code = record.status_code
        self.headers: dict[str, str] = orjson.loads(record.headers or "{}")
        self.body = record.body or b""


def in_progress() -> Conflict:
    return Conflict(f"A request with this {HEADER} is still being handled; retry shortly.")


def _fingerprint(request: Request, body: bytes) -> str:
    digest = hashlib.sha256()
    digest.update(request.method.encode())
    digest.update(b"\0" + request.url.path.encode() + b"\0" + request.url.query.encode() + b"\0")
    digest.update(body)
    return digest.hexdigest()


async def _find(session: AsyncSession, caller: str, key: str) -> IdempotencyRecord | None:
    stmt = sa.select(IdempotencyRecord).where(
        IdempotencyRecord.caller == caller, IdempotencyRecord.key == key
    )
    return (await session.execute(stmt)).scalar_one_or_none()


@dataclass(frozen=True, slots=True)
class Claim:
    """What a request with ``Idempotency-Key`` would claim: who, which key, which request."""

    caller: str
    key: str
    request_hash: str
    ttl: timedelta


async def claim_of(request: Request, principal: Principal) -> Claim | None:
    """The request's claim, or ``None`` without the header (422 for a bad key)."""
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not 1 <= len(key) <= MAX_KEY_LENGTH:
        raise ValidationFailed(f"must be 1 to {MAX_KEY_LENGTH} characters", field=HEADER)
    ttl = timedelta(hours=get_runtime(request).settings.idempotency_ttl_hours)
    caller = principal.api_key_id or principal.user_id
    return Claim(caller, key, _fingerprint(request, await request.body()), ttl)


def reused(claim: Claim, request_hash: str) -> ValidationFailed | None:
    """The refusal of a key already used with another request, if it was."""
    if request_hash == claim.request_hash:
        return None
    return ValidationFailed("was already used with a different request", field=HEADER)


async def _guard(request: Request, session: SessionDep, principal: CurrentPrincipal) -> None:
    claim = await claim_of(request, principal)
    if claim is None:
        return
    caller, key = claim.caller, claim.key
    now = utcnow()
    earlier = await _find(session, caller, key)
    if earlier is not None and earlier.expires_at > now:
        refusal = reused(claim, earlier.request_hash)
        if refusal is not None:
            raise refusal
        if earlier.status_code is None:
            raise in_progress()
        raise IdempotentReplay(earlier)
    if earlier is not None:
        await session.delete(earlier)
        await session.flush()
    session.add(
        IdempotencyRecord(
            caller=caller,
            key=key,
            request_hash=claim.request_hash,
            created_at=now,
            expires_at=now + claim.ttl,
        )
    )
    try:
        await session.flush()
    except IntegrityError:
        raise in_progress() from None
    request.state.idempotency_claim = (caller, key)


async def _record(db: Database, caller: str, key: str, response: Response) -> None:
    where = (IdempotencyRecord.caller == caller, IdempotencyRecord.key == key)
    async with db.session(write=True) as session:
        if response.status_code >= 500:
            await session.execute(sa.delete(IdempotencyRecord).where(*where))
            return
        headers = {k: v for k, v in response.headers.items() if k in _KEPT_HEADERS}
        await session.execute(
            sa.update(IdempotencyRecord)
            .where(*where)
            .values(
                status_code=response.status_code,
                headers=orjson.dumps(headers).decode(),
                body=bytes(response.body),
            )
        )


class _RecordedResponse(Response):
    """Sends ``inner`` once its answer is recorded (after the request committed)."""

    def __init__(self, inner: Response, db: Database, caller: str, key: str) -> None:
        self.inner = inner
        self.status_code = inner.status_code
        self.body = inner.body
        self.raw_headers = inner.raw_headers
        self.background = inner.background
        self._db, self._caller, self._key = db, caller, key

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await _record(self._db, self._caller, self._key, self.inner)
        await self.inner(scope, receive, send)


def replay_response(exc: IdempotentReplay) -> Response:
    return Response(
        content=exc.body, status_code=exc.status_code, headers={**exc.headers, **REPLAYED}
    )


async def purge_expired(session: AsyncSession, now: datetime) -> int:
    result = await session.execute(
        sa.delete(IdempotencyRecord).where(IdempotencyRecord.expires_at <= now)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def _refusing_nul(
    handler: Callable[[Request], Coroutine[Any, Any, Response]],
) -> Callable[[Request], Coroutine[Any, Any, Response]]:
    async def checked(request: Request) -> Response:
        await refuse_nul(request)
        return await handler(request)

    return checked


class FlowlineRoute(APIRoute):
    """The route class of every router: reads JSON bodies strictly
    (:mod:`flowline.api.json_body`), refuses NUL in them
    (:mod:`flowline.api.json_text`) and adds idempotent replay where asked."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if (kwargs.get("openapi_extra") or {}).get("x-idempotent"):
            kwargs["dependencies"] = [*(kwargs.get("dependencies") or []), Depends(_guard)]
        super().__init__(path, endpoint, **kwargs)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        strict_json_bodies(self)
        handler = _refusing_nul(super().get_route_handler())
        if not (self.openapi_extra or {}).get("x-idempotent"):
            return handler

        async def recording_handler(request: Request) -> Response:
            response = await handler(request)
            claim: tuple[str, str] | None = getattr(request.state, "idempotency_claim", None)
            if claim is None or not hasattr(response, "body"):
                return response
            return _RecordedResponse(response, get_runtime(request).db, *claim)

        return recording_handler
