"""A worker taking a turn over: its ``turn`` task claimed after an answer came (the run
waits) or after the process driving it died (its lease ran out)."""

from __future__ import annotations

import contextlib
from typing import cast

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.chat import Turn, turn_of
from flowline.agents.turn_store.sql import Notices
from flowline.auth.principal import Principal
from flowline.auth.scopes import Role
from flowline.db.models import Approval, Question, Run
from flowline.engine import queue
from flowline.engine.queue import Lease, LeaseLost
from flowline.engine.transitions import RUN_TERMINAL, RunMoves, lock_run
from flowline.events.log import conversation_channel, run_channel
from flowline.runtime import Runtime


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


async def take(runtime: Runtime, lease: Lease) -> Turn | None:
    """The claimed turn, running (a waiting one resumed through the one door); ``None``
    (its task done) when it has ended or still waits for someone."""
    notices = Notices(runtime.bus)
    async with runtime.db.session(write=True) as session:
        run = await lock_run(session, lease.org_id, lease.run_id)
        if run is None or run.status in RUN_TERMINAL or run.kind != "agent":
            with contextlib.suppress(LeaseLost):
                await queue.finish(session, lease)
            return None
        seq = run.event_seq
        if run.status == "waiting":
            if await _still_asked(session, run):
                await queue.finish(session, lease)
                return None
            moves = RunMoves.known(run.org_id, run.id, status="waiting", seq=seq)
            moves.move_run("running")
            if run.conversation_id is not None:
                notices.add(conversation_channel(run.conversation_id), run.id)
            seq = await session.run_sync(lambda sync: _resume(sync.connection(), moves, notices))
        spec = run.input or {}
        principal = Principal(
            org_id=run.org_id,
            user_id=run.created_by_id or "",
            role=cast(Role, spec.get("role") or "member"),
        )
        turn = turn_of(run, lease, principal)
        turn.event_seq = seq
    await notices.publish()
    return turn


def _resume(conn: sa.Connection, moves: RunMoves, notices: Notices) -> int:
    last = moves.write(conn)
    notices.add(run_channel(moves.run_id), str(last))
    notices.send(conn)
    return last
