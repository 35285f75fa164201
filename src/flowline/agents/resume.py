"""Chat turns in the worker: going on after an answer, or after their driver died.

A ``turn`` task is queued when a person answers a waiting turn's approval or
question (``engine.signals.wake_turn``); a turn whose driving process died has
its task's lease run out. Either way a worker claims the task and calls
:func:`take_turn`: a turn still waiting for another answer goes back to sleep,
anything else is driven on from what is stored. Tool calls that already have
results are never run again; one that was running when its process died is
(with the same idempotency key).
"""

from __future__ import annotations

import contextlib
from typing import cast

import sqlalchemy as sa
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.chat import TurnRunner, turn_of
from flowline.agents.turn_log import EventLog, TurnStopped
from flowline.auth.principal import Principal
from flowline.auth.scopes import Role
from flowline.db.models import Approval, Question, Run
from flowline.engine import queue
from flowline.engine.queue import Lease, LeaseLost
from flowline.engine.transitions import RUN_TERMINAL, lock_run, move_run
from flowline.events.log import notify_appended
from flowline.runtime import Runtime

log = structlog.get_logger("flowline.agents")


async def _still_asked(session: AsyncSession, run: Run) -> bool:
    """Whether an approval or a question of the run is still unanswered."""
    for model in (Approval, Question):
        stmt = (
            sa.select(model.id)
            .where(model.org_id == run.org_id, model.run_id == run.id, model.status == "pending")
            .limit(1)
        )
        if (await session.execute(stmt)).first() is not None:
            return True
    return False


async def take_turn(runtime: Runtime, lease: Lease) -> None:
    """Drive the claimed turn on, unless it has ended or still waits for someone."""
    async with runtime.db.session(write=True) as session:
        run = await lock_run(session, lease.org_id, lease.run_id)
        if run is None or run.status in RUN_TERMINAL or run.kind != "agent":
            with contextlib.suppress(LeaseLost):
                await queue.finish(session, lease)
            return
        if run.status == "waiting":
            if await _still_asked(session, run):
                await queue.finish(session, lease)
                return
            move_run(session, run, "running")
            await notify_appended(runtime.bus, session, run)
        spec = run.input or {}
        principal = Principal(
            org_id=run.org_id,
            user_id=run.created_by_id or "",
            role=cast(Role, spec.get("role") or "member"),
        )
        turn = turn_of(run, lease, principal)
    log.info("turn_taken", run_id=run.id, attempt=lease.attempt)
    runner = TurnRunner(runtime, turn, EventLog(run.id, seq=turn.event_seq), streaming=False)
    with contextlib.suppress(TurnStopped):
        await runner.run(resumed=True)
