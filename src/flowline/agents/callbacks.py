"""Asynchronous chat: the turn's answer POSTed, signed, to its ``callback_url``.

When a turn with a ``callback_url`` ends (in whatever process), the same
transaction queues a ``callback`` task; a worker delivers it through the one
outbound client (SAFETY.md's network rules apply). The body is the sync
answer's JSON (``{"data": {...}}``) or, for a failed turn, the error
(``{"error", "message", "run_id"}``). It is signed with the organisation's
callback signing keys (``flowline.callbacks``; the first is made on first need):

    Flowline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">

with a second ``v1=`` while a rotated-out key still signs.

A delivery that does not get a 2xx is tried again with exponential backoff
(30 s doubling, at most 1 h apart) for 24 hours. Every attempt is a row of
``callback_attempts`` (``GET /runs/{id}/callbacks``).
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Annotated

import orjson
import sqlalchemy as sa
import structlog
from pydantic import BaseModel, ConfigDict, Field

from flowline.api.deps import SessionDep, require
from flowline.api.envelope import Envelope, envelope
from flowline.api.routing import make_router
from flowline.approvals.service import plausible_id
from flowline.auth.principal import Principal
from flowline.callbacks.service import keys_for_delivery
from flowline.db.models import CallbackAttempt, Run
from flowline.db.types import utcnow
from flowline.engine import queue
from flowline.engine.queue import Lease
from flowline.errors import FlowlineError, NotFound
from flowline.ids import new_id
from flowline.outbound.client import OutboundRequest
from flowline.outbound.retry import RetryPolicy
from flowline.runtime import Runtime
from flowline.signatures import HEADER, signature

log = structlog.get_logger("flowline.agents")

GIVE_UP_AFTER = timedelta(hours=24)
FIRST_RETRY_SECONDS = 30.0
MAX_RETRY_SECONDS = 3600.0
TIMEOUT_SECONDS = 15.0


def _body(run: Run) -> bytes:
    if run.status == "succeeded":
        return orjson.dumps({"data": run.output})
    error = run.error or {"error": "CANCELLED", "message": f"The chat turn was {run.status}."}
    return orjson.dumps({**error, "run_id": run.id, "status": run.status})


async def deliver(runtime: Runtime, lease: Lease) -> None:
    """One delivery attempt; recorded, then done or put off for the next."""
    url = str(lease.payload.get("url") or "")
    async with runtime.db.session() as session:
        run = await session.get(Run, lease.run_id)
    if run is None or run.org_id != lease.org_id or not url:
        async with runtime.db.session(write=True) as session:
            await queue.finish(session, lease)
        return
    keys = await keys_for_delivery(runtime, run.org_id)
    body = _body(run)
    headers = {
        "Content-Type": "application/json",
        "Flowline-Run-Id": run.id,
        HEADER: signature(keys, int(time.time()), body),
    }
    began = time.monotonic()
    status: int | None = None
    error: str | None = None
    try:
        response = await runtime.outbound.send(
            OutboundRequest(
                "POST",
                url,
                headers=headers,
                body=body.decode(),
                timeout_seconds=TIMEOUT_SECONDS,
                retry=RetryPolicy(attempts=1),
                idempotency_key=f"callback:{run.id}",
            )
        )
        status = response.status
    except FlowlineError as exc:
        error = exc.message
    delivered = status is not None and 200 <= status < 300
    if status is not None and not delivered:
        error = f"HTTP {status}"
    async with runtime.db.session(write=True) as session:
        session.add(
            CallbackAttempt(
                id=new_id("cba"),
                org_id=run.org_id,
                run_id=run.id,
                url=url,
                attempt=lease.attempt,
                status_code=status,
                error=error,
                duration_ms=int((time.monotonic() - began) * 1000),
                delivered=delivered,
            )
        )
        ended = run.finished_at or utcnow()
        if delivered or utcnow() - ended > GIVE_UP_AFTER:
            await queue.finish(session, lease)
            if not delivered:
                log.warning("callback_abandoned", run_id=run.id, attempts=lease.attempt)
            return
        wait = min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** (lease.attempt - 1))
        await queue.postpone(
            session, lease, utcnow() + timedelta(seconds=wait), attempt=lease.attempt + 1
        )


class CallbackAttemptRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    attempt: int
    url: str
    status_code: int | None = Field(description="The receiver's answer; `null` if none came.")
    error: str | None
    delivered: bool
    duration_ms: int
    created_at: datetime


callbacks_router = make_router("/api/v1/runs", "Runs")


@callbacks_router.get(
    "/{run_id}/callbacks",
    summary="List a chat turn's callback deliveries",
    description="Every attempt to POST an asynchronous chat's answer to its `callback_url`.",
)
async def list_callbacks(
    run_id: str, session: SessionDep, principal: Annotated[Principal, require("runs:read")]
) -> Envelope[list[CallbackAttemptRead]]:
    run = await session.get(Run, run_id) if plausible_id(run_id) else None
    if run is None or run.org_id != principal.org_id:
        raise NotFound(f"Run {run_id} not found.", code="RUN_NOT_FOUND")
    stmt = (
        sa.select(CallbackAttempt)
        .where(CallbackAttempt.org_id == principal.org_id, CallbackAttempt.run_id == run_id)
        .order_by(CallbackAttempt.attempt)
    )
    rows = (await session.execute(stmt)).scalars().all()
    return envelope([CallbackAttemptRead.model_validate(row) for row in rows])
