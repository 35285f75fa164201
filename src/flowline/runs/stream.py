"""Following a run's event log live: replay, then every new event exactly once, in order.

A stream lives far longer than a request's transaction, so it reads through
short read-only sessions of its own. It subscribes to the run's channel
*before* its first read, so an event committed between that read and the first
notification is still announced. Notifications only say "look again": every
event sent comes from the table, after the last sequence number sent, so
repeated, lost or reordered notifications change nothing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.session import Database
from flowline.engine.transitions import RUN_TERMINAL
from flowline.events.bus import Bus, Lagged
from flowline.events.log import TERMINAL_EVENTS, replay, run_channel
from flowline.runs.repository import RunRepository
from flowline.runs.schemas import RunEventRead

BATCH = 100


async def follow_events(
    db: Database, bus: Bus, org_id: str, run_id: str, after_seq: int
) -> AsyncIterator[RunEventRead]:
    """The run's events numbered above ``after_seq``, then new ones as they commit.

    Ends after a terminal run event (``run.succeeded``, ``run.failed``,
    ``run.cancelled``), at once if the caller has already seen the end of a
    finished run, or when the bus closes.
    """
    last = after_seq
    async with bus.subscribe(run_channel(run_id)) as subscription:
        while True:
            async with db.session() as session:
                events = await replay(session, org_id, run_id, last, BATCH)
                finished = not events and await _ended_before(session, org_id, run_id, last)
            if finished:
                return
            for event in events:
                yield RunEventRead.model_validate(event)
                last = event.seq
                if event.type in TERMINAL_EVENTS:
                    return
            if len(events) == BATCH:
                continue  # more are waiting; no need to be told
            try:
                await anext(subscription)
            except Lagged:
                pass  # something may have been missed: the next read finds it
            except StopAsyncIteration:
                return


async def _ended_before(session: AsyncSession, org_id: str, run_id: str, seen: int) -> bool:
    """Whether the run is gone, or finished with no event after ``seen``."""
    run = await RunRepository(session, org_id).get(run_id)
    return run is None or (run.status in RUN_TERMINAL and run.event_seq <= seen)
