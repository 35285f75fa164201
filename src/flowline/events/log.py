"""The run event log: reading it back in order, and announcing what was appended.

``engine/transitions.py`` appends events; the engine then calls
``notify_appended`` in the same transaction so that streams following the run
(``run_channel``), or its conversation (``conversation_channel``), re-read the
table once the transaction commits. The
notification carries only the latest sequence number: readers take the events
themselves from the table, so a lost notification never loses an event.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models.run import Run
from flowline.db.models.run_event import RunEvent
from flowline.events.bus import Bus
from flowline.events.repository import RunEventRepository

TERMINAL_EVENTS: Final = frozenset({"run.succeeded", "run.failed", "run.cancelled"})
"""Events after which a stream of the run ends (a failed run may still be retried)."""

MAX_REPLAY: Final = 1000


def run_channel(run_id: str) -> str:
    """The bus channel announcing new events of one run."""
    return f"run:{run_id}"


def conversation_channel(conversation_id: str) -> str:
    """The bus channel announcing new events of any run of one conversation."""
    return f"conversation:{conversation_id}"


async def replay(
    session: AsyncSession, org_id: str, run_id: str, after_seq: int = 0, limit: int = 100
) -> list[RunEvent]:
    """Up to ``limit`` of the run's events numbered above ``after_seq``, in order."""
    if not 1 <= limit <= MAX_REPLAY:
        raise ValueError(f"limit must be 1 to {MAX_REPLAY}")
    return list(await RunEventRepository(session, org_id).read(run_id, after_seq, limit))


async def notify_appended(bus: Bus, session: AsyncSession, run: Run) -> None:
    """Announce the run's new events when ``session`` commits (call after appending);
    a chat turn's also on its conversation's channel."""
    await bus.notify_in_transaction(session, run_channel(run.id), str(run.event_seq))
    if run.conversation_id is not None:
        await bus.notify_in_transaction(session, conversation_channel(run.conversation_id), run.id)
