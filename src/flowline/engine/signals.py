"""Answers to waiting steps: an approval decided, a child run ended, a message came.

Whoever has the answer calls ``resume_step`` in its own transaction. That only
queues a ``resume`` task, so the run goes on in whichever worker process
claims it, and the answer commits or is lost together with the caller's change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.engine import queue
from flowline.engine import repository as repo
from flowline.events.bus import Bus


async def resume_step(
    session: AsyncSession,
    bus: Bus,
    *,
    org_id: str,
    run_id: str,
    step_id: str,
    node_id: str,
    data: dict[str, Any],
    keep_timer: bool = False,
) -> None:
    """Queue the answer ``data`` for the waiting step; its node's ``on_resume`` reads it.

    The default ``on_resume`` takes ``data["outcome"]`` and ``data["output"]``.
    The step's timer is dropped unless ``keep_timer`` (a ``foreach`` that goes on waiting).
    """
    queue.enqueue(
        session,
        org_id=org_id,
        run_id=run_id,
        node_id=node_id,
        kind="resume",
        payload={"step_id": step_id, "data": data},
        step_id=step_id,
    )
    if not keep_timer:
        await repo.delete_step_timers(session, org_id, step_id)
    await queue.announce(bus, session)


TURN_NODE = "turn"
"""``node_id`` of an agent run's one ``turn`` task (the run has no flow nodes)."""


async def wake_turn(session: AsyncSession, bus: Bus, *, org_id: str, run_id: str) -> None:
    """Queue the waiting chat turn to go on (an approval or a question was answered).

    The caller holds the run's lock, and a turn has at most one task: one is
    queued only if none is.
    """
    if await repo.has_task(session, org_id, run_id, kind="turn"):
        return
    queue.enqueue(session, org_id=org_id, run_id=run_id, node_id=TURN_NODE, kind="turn")
    await queue.announce(bus, session)
