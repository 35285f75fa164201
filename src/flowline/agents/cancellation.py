"""``/cancel``: stop agents' chat turns that are running or waiting, at once.

A cancelled turn's run ends ``cancelled`` (its open steps, approvals and
questions with it) and the conversation is free again; the process driving the
turn is told on the bus (``runs.cancel``) and cancels its model call and tool
calls where they are. Flow runs are cancelled with ``POST /runs/{id}/cancel``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import sqlalchemy as sa
from pydantic import BaseModel, Field

from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, envelope
from flowline.api.routing import make_router
from flowline.approvals.service import plausible_id
from flowline.auth.principal import Principal
from flowline.db.models import Run
from flowline.engine.control import cancel_run
from flowline.errors import NotFound

router = make_router("/api/v1/cancel", "Cancellation")
Cancels = Annotated[Principal, require("agents:chat")]
ACTIVE = ("running", "waiting")
MAX_LISTED = 1000


class ActiveCall(BaseModel):
    call_id: str = Field(description="The turn's run id; `POST /cancel/{call_id}` stops it.")
    agent_id: str | None
    conversation_id: str | None
    status: str = Field(description="`running`, or `waiting` for an approval or an answer.")
    model: str | None
    user_id: str | None
    started_at: datetime | None


class Cancelled(BaseModel):
    cancelled: list[str] = Field(description="The call ids stopped.")


def _active(principal: Principal) -> sa.Select[Run]:
    return (
        sa.select(Run)
        .where(Run.org_id == principal.org_id, Run.kind == "agent", Run.status.in_(ACTIVE))
        .order_by(Run.created_at.desc())
        .limit(MAX_LISTED)
    )


@router.get(
    "/active-calls",
    summary="List the chat turns running or waiting",
    description=f"The organisation's agent turns not yet ended, newest first (≤ {MAX_LISTED}).",
)
async def active_calls(session: SessionDep, principal: Cancels) -> Envelope[list[ActiveCall]]:
    runs = (await session.execute(_active(principal))).scalars().all()
    return envelope(
        [
            ActiveCall(
                call_id=run.id,
                agent_id=run.agent_id,
                conversation_id=run.conversation_id,
                status=run.status,
                model=(run.input or {}).get("model"),
                user_id=run.created_by_id,
                started_at=run.started_at,
            )
            for run in runs
        ]
    )


async def _stop(
    session: SessionDep, runtime: RuntimeDep, principal: Principal, ids: list[str]
) -> None:
    for run_id in ids:
        await cancel_run(session, runtime, principal.org_id, run_id)
    await session.commit()
    for run_id in ids:  # this process's own turns stop now; others hear it on the bus
        runtime.live.interrupt(run_id)


@router.post(
    "/all",
    summary="Cancel every chat turn of the organisation",
    description="Stops every agent turn that is running or waiting.",
)
async def cancel_all(
    session: SessionDep, principal: Cancels, runtime: RuntimeDep
) -> Envelope[Cancelled]:
    ids = list((await session.execute(_active(principal).with_only_columns(Run.id))).scalars())
    await _stop(session, runtime, principal, ids)
    return envelope(Cancelled(cancelled=ids))


@router.post(
    "/{call_id}",
    summary="Cancel one chat turn",
    description="Stops the turn's model call and tool calls where they are; `409` once it ended.",
)
async def cancel_call(
    call_id: str, session: SessionDep, principal: Cancels, runtime: RuntimeDep
) -> Envelope[Cancelled]:
    run = await session.get(Run, call_id) if plausible_id(call_id) else None
    if run is None or run.org_id != principal.org_id or run.kind != "agent":
        raise NotFound(f"No chat turn {call_id}.", code="CALL_NOT_FOUND")
    await _stop(session, runtime, principal, [call_id])
    return envelope(Cancelled(cancelled=[call_id]))
