"""A turn's end: succeeded (its last transaction), failed, or cancelled from outside.

The run's move and its events are the one door's (``RunMoves``, made by the caller
before the transaction: a transaction run again writes the same); this module writes
the rest of the end in the same transaction: the last messages, the usage, the task
gone under the lease, the thread let go, and what follows the end (the callback, the
``on_end`` task, the flow step waiting for the turn).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.turn_store.sql import (
    CALLBACK_NODE,
    DELETE_TASK,
    INSERT_MESSAGES,
    INSERT_TASK,
    ON_END_NODE,
    RELEASE_THREAD,
    Notices,
    TaskGone,
    ThreadGone,
    all_messages,
    message_row,
    task_row,
)
from flowline.conversations.repository import ConversationRepository
from flowline.db.models import ConversationMessage, Run
from flowline.db.types import utcnow
from flowline.engine import queue
from flowline.engine.children import ended_data, ended_task
from flowline.engine.queue import TASKS_CHANNEL
from flowline.engine.transitions import RunMoves
from flowline.events.log import conversation_channel, run_channel
from flowline.questions.repository import QuestionRepository
from flowline.usage.spending import ModelCall, record


@dataclass(frozen=True, slots=True)
class ParentStep:
    """The flow step (an ``agent`` node) a turn runs for, and which its end answers."""

    run_id: str
    node_id: str
    step_id: str


@dataclass(slots=True)
class Followers:
    """What follows a turn's end, whichever way it ends."""

    callback_url: str | None = None
    on_end: str | None = None
    """A task kind to queue for the run (``Opening.on_end``)."""
    parent: ParentStep | None = None


@dataclass(slots=True)
class TurnEnd:
    """What the turn's last transaction writes (``TurnStore.finish``)."""

    moves: RunMoves
    """The driver's moves: its pending events, the last model call's step and the run's
    success made already; the run's output is set by :func:`end_turn`."""
    conversation_id: str
    task_id: int
    lease_token: int
    call: ModelCall
    """The last model call, its usage recorded and charged with the turn's end."""
    messages: list[dict[str, Any]]
    """The turn's last messages: ``ConversationMessage`` values, without ids and numbers."""
    known: list[ConversationMessage] | None
    """The conversation's messages before these, if the driver knows them all."""
    followers: Followers
    notices: Notices
    now: datetime
    answer: Any = None
    """What the parent step is told the turn answered (with ``followers.parent``)."""


def end_turn(
    conn: sa.Connection,
    end: TurnEnd,
    output_of: Callable[[list[ConversationMessage]], Any],
) -> Any:
    """The run succeeded (and the driver's moves), the task gone, the messages, the usage.

    ``output_of`` makes the run's output from the conversation's whole history, this
    turn's last messages included; it is returned.
    """
    moves = end.moves
    org_id, run_id = moves.org_id, moves.run_id
    before = end.known if end.known is not None else all_messages(conn, org_id, end.conversation_id)
    output = output_of([*before, *(ConversationMessage(**m) for m in end.messages)])
    moves.values["output"] = output  # a column of the success already moved to
    # The run first: its row is the lock the engine takes before anything of the run's.
    last = moves.write(conn)
    if not conn.execute(DELETE_TASK, {"p_task": end.task_id, "p_token": end.lease_token}).rowcount:
        raise TaskGone()
    _let_go(conn, org_id, run_id, end.conversation_id, end.now, end.messages)
    record(conn, end.call, end.now)
    data = ended_data(run_id, "succeeded", end.answer, None)
    _queue_followers(conn, moves, end.followers, data, end.notices, end.now)
    _announce(end.notices, run_id, end.conversation_id, last)
    end.notices.send(conn)
    return output


@dataclass(slots=True)
class TurnFailure:
    """What a failed turn's last transaction writes (``TurnStore.fail``)."""

    moves: RunMoves
    """The driver's moves, the run's failure made already."""
    conversation_id: str
    task_id: int
    lease_token: int
    error: dict[str, Any]
    followers: Followers
    notices: Notices
    now: datetime


def fail_turn(conn: sa.Connection, failure: TurnFailure) -> None:
    """The run failed (and the driver's moves), the thread let go, the task gone (if the
    lease still holds), what follows the end queued."""
    moves = failure.moves
    last = moves.write(conn)
    conn.execute(DELETE_TASK, {"p_task": failure.task_id, "p_token": failure.lease_token})
    _let_go(conn, moves.org_id, moves.run_id, failure.conversation_id, failure.now, [])
    data = ended_data(moves.run_id, "failed", None, failure.error)
    _queue_followers(conn, moves, failure.followers, data, failure.notices, failure.now)
    _announce(failure.notices, moves.run_id, failure.conversation_id, last)
    failure.notices.send(conn)


def _announce(notices: Notices, run_id: str, conversation_id: str, last: int) -> None:
    notices.add(run_channel(run_id), str(last))
    notices.add(conversation_channel(conversation_id), run_id)


def _let_go(
    conn: sa.Connection,
    org_id: str,
    run_id: str,
    conversation_id: str,
    now: datetime,
    messages: list[dict[str, Any]],
) -> None:
    """The turn's last messages, numbered in the thread, whose lock the turn lets go."""
    count = len(messages)
    which = {"p_org": org_id, "p_thread": conversation_id}
    params = {"p_count": count, "p_run": run_id, "p_now": now}
    reserved = conn.execute(RELEASE_THREAD, {**which, **params}).scalar()
    if not messages:
        return  # a thread gone meanwhile has nothing to let go
    if reserved is None:
        raise ThreadGone()
    first = int(reserved) - count + 1
    rows = [
        message_row(org_id, conversation_id, first + i, now, **m) for i, m in enumerate(messages)
    ]
    conn.execute(INSERT_MESSAGES, rows)


def _queue_followers(
    conn: sa.Connection,
    moves: RunMoves,
    followers: Followers,
    ended: dict[str, Any],
    notices: Notices,
    now: datetime,
) -> None:
    """The tasks that follow the turn's end: its callback, its ``on_end``, its flow step
    (told ``ended``)."""
    org_id, run_id = moves.org_id, moves.run_id
    tasks = []
    if followers.callback_url:
        payload = {"url": followers.callback_url}
        tasks.append(task_row(org_id, run_id, CALLBACK_NODE, "callback", now, payload))
    if followers.on_end is not None:
        tasks.append(task_row(org_id, run_id, ON_END_NODE, followers.on_end, now))
    parent = followers.parent
    if parent is not None:
        # The flow step waiting for this turn goes on, committed with the turn's end.
        tasks.append(
            ended_task(
                org_id=org_id,
                parent_run_id=parent.run_id,
                node_id=parent.node_id,
                step_id=parent.step_id,
                data=ended,
                now=now,
            )
        )
    for task in tasks:
        conn.execute(INSERT_TASK, task)
    if tasks:
        notices.add(TASKS_CHANNEL, "")


async def cancelled(tx: AsyncSession, run: Run) -> None:
    """A turn cancelled from outside (the engine's ``cancel_run`` holds the run's lock and
    moved it): the thread let go, its questions withdrawn, its ``on_end`` task queued (a
    cancelled channel turn's next messages go on; the workers find it at their next poll)."""
    now = utcnow()
    if run.conversation_id is not None:
        await ConversationRepository(tx, run.org_id).release_lock(run.conversation_id, run.id, now)
    await QuestionRepository(tx, run.org_id).cancel_for_run(run.id, now)
    kind = (run.input or {}).get("on_end")
    if isinstance(kind, str):
        queue.enqueue(tx, org_id=run.org_id, run_id=run.id, node_id=ON_END_NODE, kind=kind)
