"""A chat turn's events: numbered by the one door as they happen, streamed live.

The turn's driver holds its run's moves (``engine/transitions.RunMoves``) while it
runs (it holds the turn's lease): an event is numbered there when it happens, so a
``message.delta`` reaches a live stream at once with the ``seq`` it is stored under,
and the turn store writes the events pending so far with its next transaction
(``RunMoves.write``: a compare-and-set on the run's status and last event number, so a
run that another writer moved, e.g. cancelled, stops the turn).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flowline.engine.transitions import RunMoves

if TYPE_CHECKING:
    from flowline.agents.chat import Turn

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
    moves: RunMoves
    """The run's moves and events not yet written: the turn store writes them."""
    queue: asyncio.Queue[dict[str, Any]] | None = None
    held: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def of(cls, turn: Turn, queue: asyncio.Queue[dict[str, Any]] | None = None) -> EventLog:
        """The log of a running turn whose last stored event is ``turn.event_seq``."""
        org_id = turn.principal.org_id
        moves = RunMoves.known(org_id, turn.id, status="running", seq=turn.event_seq)
        return cls(moves, queue)

    @property
    def run_id(self) -> str:
        return self.moves.run_id

    @property
    def seq(self) -> int:
        """The number of the last event, stored or pending."""
        return self.moves.seq

    def emit(self, type_: str, data: dict[str, Any], *, held: bool = False) -> None:
        """Number the event and keep it for storing; show it live now, or once stored."""
        seq = self.moves.seq + 1
        data = {"seq": seq, **data}
        self.moves.event(type_, data)
        event = {"seq": seq, "type": type_, "data": {"run_id": self.run_id, **data}}
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
