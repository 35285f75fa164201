"""A chat turn's events: numbered like every run event, streamed live and stored.

The turn's driver is the only writer of its run's events while it runs (it
holds the turn's lease), so it numbers them itself as they happen: a
``message.delta`` reaches a live stream at once, with the ``seq`` it is stored
under when its model call is recorded. Every write transaction stores the
events pending so far under the run's lock (``flush``); one that finds the run
changed under it (cancelled) stops the turn.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Run
from flowline.engine.transitions import RUN_TERMINAL, append_event

CHAT_EVENTS = frozenset(
    {
        "run.started",
        "message.delta",
        "tool_call.started",
        "tool_call.completed",
        "approval.requested",
        "question.asked",
        "message.completed",
        "run.completed",
        "error",
    }
)
"""The events a chat stream shows (AGENTS.md); the run's other events stay in its log."""
TERMINAL = frozenset({"run.completed", "error"})
WAITING = "run.waiting"
"""Not a chat event: a live stream goes on from the stored log once it sees this."""


class TurnStopped(Exception):
    """The run changed under the turn's driver (it was cancelled): stop, write nothing."""


@dataclass(slots=True)
class EventLog:
    run_id: str
    seq: int
    """The number of the last event, stored or pending."""
    queue: asyncio.Queue[dict[str, Any]] | None = None
    pending: list[dict[str, Any]] = field(default_factory=list)
    held: list[dict[str, Any]] = field(default_factory=list)
    stored: int = 0

    def __post_init__(self) -> None:
        self.stored = self.seq

    def emit(self, type_: str, data: dict[str, Any], *, held: bool = False) -> None:
        """Number the event and keep it for storing; show it live now, or once stored."""
        self.seq += 1
        event = {
            "seq": self.seq,
            "type": type_,
            "data": {"run_id": self.run_id, "seq": self.seq, **data},
        }
        self.pending.append(event)
        if held:
            self.held.append(event)
        else:
            self._show(event)

    def show_held(self) -> None:
        """Show the held events (what people are asked), now that they are stored."""
        for event in self.held:
            self._show(event)
        self.held = []

    def _show(self, event: dict[str, Any]) -> None:
        if self.queue is not None:
            self.queue.put_nowait(event)

    def show(self, type_: str, data: dict[str, Any]) -> None:
        """Tell the live stream only (the stored log already has it, or must not)."""
        self._show({"seq": self.seq, "type": type_, "data": {"run_id": self.run_id, **data}})

    def flush(self, session: AsyncSession, run: Run) -> None:
        """Append the pending events to the locked run; ``TurnStopped`` if it moved on."""
        if run.event_seq != self.stored or run.status in RUN_TERMINAL:
            raise TurnStopped(f"Run {run.id} is {run.status}.")
        for event in self.pending:
            data = {k: v for k, v in event["data"].items() if k != "run_id"}
            append_event(session, run, event["type"], data)
        self.pending = []
        self.stored = self.seq = run.event_seq

    def synced(self, run: Run) -> None:
        """After a transaction that appended more events (step moves): follow its count."""
        self.stored = self.seq = run.event_seq
