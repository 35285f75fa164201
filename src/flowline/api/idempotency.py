"""``Idempotency-Key`` on POST routes that start work.

The first answer to a (caller, key) pair is kept for a day and replayed to
every repeat; the same key with a different request is refused with ``422``;
a repeat that arrives while the first is still being handled gets ``409``.
A route opts in with ``openapi_extra=IDEMPOTENT``; ``FlowlineRoute`` does the rest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Coroutine
from contextlib import AsyncExitStack
from datetime import datetime, timedelta
from typing import Any

import orjson
import sqlalchemy as sa
from fastapi import Request
from fastapi.routing import APIRoute
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from flowline.db.models import IdempotencyRecord
from flowline.db.session import Database
from flowline.db.types import utcnow
from flowline.errors import Conflict, ValidationFailed

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
_REPLAYED = "Idempotent-Replayed"
_KEPT_HEADERS = ("content-type", "location")

IDEMPOTENT: dict[str, Any] = {
    "x-idempotent": True,
    "parameters": [
        {
            "name": HEADER,
            "in": "header",
            "required": False,
            "schema": {"type": "string", "maxLength": MAX_KEY_LENGTH},
            "description": (
                "Makes the request safe to repeat: for 24 hours a repeat with the same key "
                "returns the first answer; the same key with a different body is refused (422)."
            ),
        }
    ],
}


def _caller(request: Request) -> str | None:
    """A hash of the credential presented, so keys are per caller."""
    credential = (
        request.headers.get("authorization")
        or request.headers.get("x-api-key")
        or request.cookies.get("flowline_session")
    )
    if not credential:
        return None
    return hashlib.sha256(credential.encode()).hexdigest()


def _fingerprint(request: Request, body: bytes) -> str:
    digest = hashlib.sha256()
    digest.update(request.method.encode())
    digest.update(b"\0" + request.url.path.encode() + b"\0" + request.url.query.encode() + b"\0")
    digest.update(body)
    return digest.hexdigest()


class IdempotencyStore:
    def __init__(self, db: Database, ttl: timedelta) -> None:
        self.db = db
        self.ttl = ttl

    async def claim(self, caller: str, key: str, request_hash: str) -> IdempotencyRecord | None:
        """Reserve the key; return the earlier record if it was already taken."""
        now = utcnow()
        async with self.db.session(write=True) as session:
            existing = (
                await session.execute(
                    sa.select(IdempotencyRecord).where(
                        IdempotencyRecord.caller == caller, IdempotencyRecord.key == key
                    )
                )
            ).scalar_one_or_none()
            if existing is not None and existing.expires_at > now:
                return existing
            if existing is not None:
                await session.delete(existing)
                await session.flush()
            session.add(
                IdempotencyRecord(
                    caller=caller,
                    key=key,
                    request_hash=request_hash,
                    created_at=now,
                    expires_at=now + self.ttl,
                )
            )
        return None

    async def finish(self, caller: str, key: str, response: Response) -> None:
        headers = {k: v for k, v in response.headers.items() if k in _KEPT_HEADERS}
        async with self.db.session(write=True) as session:
            await session.execute(
                sa.update(IdempotencyRecord)
                .where(IdempotencyRecord.caller == caller, IdempotencyRecord.key == key)
                .values(
                    status_code=response.status_code,
                    headers=orjson.dumps(headers).decode(),
                    body=bytes(response.body),
                )
            )

    async def release(self, caller: str, key: str) -> None:
        async with self.db.session(write=True) as session:
            await session.execute(
                sa.delete(IdempotencyRecord).where(
                    IdempotencyRecord.caller == caller, IdempotencyRecord.key == key
                )
            )


async def purge_expired(session: AsyncSession, now: datetime) -> int:
    result = await session.execute(
        sa.delete(IdempotencyRecord).where(IdempotencyRecord.expires_at <= now)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def _replay(record: IdempotencyRecord) -> Response:
    headers = orjson.loads(record.headers or "{}")
    headers[_REPLAYED] = "true"
    assert record.status_code is not None
    return Response(content=record.body or b"", status_code=record.status_code, headers=headers)


# FastAPI closes "function"-scoped dependencies (the request's database session)
# on the exit stack it keeps under this scope key, after the route handler returns.
_FUNCTION_STACK = "fastapi_function_astack"


async def _handle_to_commit(
    handler: Callable[[Request], Coroutine[Any, Any, Response]], request: Request
) -> Response:
    """Run the route and close its dependencies before returning.

    The answer is recorded only once the request's transaction has committed
    (and released once it has rolled back): recording earlier could replay a
    write that never happened, and on SQLite would wait on the request's own
    write lock.
    """
    outer = request.scope.get(_FUNCTION_STACK)
    async with AsyncExitStack() as stack:
        request.scope[_FUNCTION_STACK] = stack
        try:
            response = await handler(request)
        finally:
            request.scope[_FUNCTION_STACK] = outer
    return response


class FlowlineRoute(APIRoute):
    """The route class of every router: adds idempotent replay where asked."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if not (self.openapi_extra or {}).get("x-idempotent"):
            return handler

        async def idempotent_handler(request: Request) -> Response:
            key = request.headers.get(HEADER)
            caller = _caller(request)
            if key is None or caller is None:
                return await handler(request)
            if not key or len(key) > MAX_KEY_LENGTH:
                raise ValidationFailed(f"must be 1 to {MAX_KEY_LENGTH} characters", field=HEADER)
            store: IdempotencyStore = request.app.state.idempotency
            request_hash = _fingerprint(request, await request.body())
            try:
                earlier = await store.claim(caller, key, request_hash)
            except IntegrityError:
                raise Conflict(
                    f"A request with this {HEADER} is still being handled; retry shortly."
                ) from None
            if earlier is not None:
                if earlier.request_hash != request_hash:
                    raise ValidationFailed(
                        "was already used with a different request", field=HEADER
                    )
                if earlier.status_code is None:
                    raise Conflict(
                        f"A request with this {HEADER} is still being handled; retry shortly."
                    )
                return _replay(earlier)
            try:
                response = await _handle_to_commit(handler, request)
            except BaseException:
                await store.release(caller, key)
                raise
            if response.status_code >= 500 or not hasattr(response, "body"):
                await store.release(caller, key)
            else:
                await store.finish(caller, key, response)
            return response

        return idempotent_handler
