"""A turn's middle transactions: a model call that asked for tools, the tools' results,
the calls that wait for people.

Each is one :class:`Round`: the driver's moves (its pending events, the steps it
opened and moved, the run waiting) written through the one door first (the run's
row is the lock the engine takes before anything of the run's), then the model
calls' usage, the messages, the cached tool results and, when the turn waits, its
task removed under the lease. Rows that only the ORM writes (approvals, questions
and the notices sent for them) are added by the caller in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from flowline.agents.turn_store.sql import Notices, delete_task, insert_messages, table_of
from flowline.db.models import CachedToolResult
from flowline.engine.queue import Lease
from flowline.engine.transitions import RunMoves
from flowline.events.log import conversation_channel, run_channel
from flowline.usage.spending import ModelCall, record

CACHED = table_of(CachedToolResult)
INSERT_CACHED = sa.insert(CACHED)


def cached_values(row: CachedToolResult) -> dict[str, Any]:
    """A cached tool result's row as plain values (``cached_results.cached_row``)."""
    return {column.key: getattr(row, column.key) for column in CACHED.columns}


@dataclass(slots=True)
class Round:
    """One middle transaction of a turn, its moves made already (written as they are)."""

    moves: RunMoves
    conversation_id: str
    notices: Notices
    now: datetime
    calls: list[ModelCall] = field(default_factory=list)
    """Model calls whose usage is recorded and charged."""
    messages: list[dict[str, Any]] = field(default_factory=list)
    """``ConversationMessage`` values, without ids and numbers."""
    cached: list[dict[str, Any]] = field(default_factory=list)
    """``cached_tool_results`` rows: results too long to show the model whole."""
    finished: Lease | None = None
    """The turn's task, removed (the turn waits for people, holding nothing)."""

    def write(self, conn: sa.Connection) -> None:
        """Everything of the round, in the caller's transaction (``RunMoved``: the run is
        not as the driver left it; ``TaskGone``: its lease was taken over)."""
        moves = self.moves
        last = moves.write(conn)
        if self.finished is not None:
            delete_task(conn, self.finished.task_id, self.finished.token)
        for call in self.calls:
            record(conn, call, self.now)
        insert_messages(conn, moves.org_id, self.conversation_id, self.now, self.messages)
        if self.cached:
            conn.execute(INSERT_CACHED, self.cached)
        self.notices.add(run_channel(moves.run_id), str(last))
        self.notices.add(conversation_channel(self.conversation_id), moves.run_id)
        self.notices.send(conn)
