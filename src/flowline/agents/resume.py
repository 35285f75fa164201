"""Chat turns in the worker: going on after an answer, or after their driver died.

A ``turn`` task is queued when a person answers a waiting turn's approval or
question (``engine.signals.wake_turn``); a turn whose driving process died has
its task's lease run out. Either way a worker claims the task and calls
:func:`take_turn`: a turn still waiting for another answer goes back to sleep
(``turn_store.take``), anything else is driven on from what is stored. Tool calls
that already have results are never run again; one that was running when its
process died is (with the same idempotency key).
"""

from __future__ import annotations

import contextlib

import structlog

from flowline.agents.chat import TurnRunner
from flowline.agents.turn_log import EventLog, TurnStopped
from flowline.agents.turn_store.take import take
from flowline.engine.queue import Lease
from flowline.runtime import Runtime

log = structlog.get_logger("flowline.agents")


async def take_turn(runtime: Runtime, lease: Lease) -> None:
    """Drive the claimed turn on, unless it has ended or still waits for someone."""
    turn = await take(runtime, lease)
    if turn is None:
        return
    log.info("turn_taken", run_id=turn.id, attempt=lease.attempt)
    runner = TurnRunner(runtime, turn, EventLog.of(turn), streaming=False)
    with contextlib.suppress(TurnStopped):
        await runner.run(resumed=True)
