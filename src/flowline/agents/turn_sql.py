"""A chat turn's start and end as plain statements on one connection.

These two transactions are on every turn's path, so they are written for
speed: SQLAlchemy Core on a synchronous connection (``Database.transact``),
each table written by one statement, nothing read back that the turn already
knows. The run's and its steps' states and the events' numbers are the one
door's (``engine/transitions.RunMoves``): this module writes the thread, the
task, the messages, the usage and what follows the turn's end.

Each function runs inside the caller's transaction; raising rolls it back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from flowline.conversations.compaction import HOLD_PREFIX, STALE_HOLD
from flowline.db.models import (
    Conversation,
    ConversationMessage,
    Run,
    Task,
)
from flowline.db.types import utcnow
from flowline.engine import queue
from flowline.engine.children import ended_data, ended_task
from flowline.engine.queue import TASKS_CHANNEL
from flowline.engine.transitions import RunMoves
from flowline.events.bus import Bus
from flowline.events.log import conversation_channel, run_channel
from flowline.ids import new_id
from flowline.usage.spending import ModelCall, record

CALLBACK_NODE = "callback"
ON_END_NODE = "on_end"


def _table(model: type[Any]) -> sa.Table:
    table = model.__table__
    assert isinstance(table, sa.Table)
    return table


TASKS = _table(Task)
MESSAGES = _table(ConversationMessage)
CONVERSATIONS = _table(Conversation)


def _param(name: str, column: sa.Column[Any] | None = None) -> Any:
    return sa.bindparam(name, type_=column.type if column is not None else None)


# Built once: a statement made afresh on every call costs more to key and cache than
# to run. Parameters are ``p_…`` (a column's own name is the value it is set to).
_CONV = CONVERSATIONS.c
_ORG_AND_THREAD = (_CONV.org_id == _param("p_org"), _CONV.id == _param("p_thread"))
INSERT_CONVERSATION = sa.insert(CONVERSATIONS)
TAKE_THREAD = (
    sa.update(CONVERSATIONS)
    .where(
        *_ORG_AND_THREAD,
        sa.or_(
            _CONV.busy_turn_id.is_(None),
            # A compaction whose process died (a turn's lock ends with its run).
            sa.and_(
                _CONV.busy_turn_id.startswith(f"{HOLD_PREFIX}_", autoescape=True),
                _CONV.busy_since < _param("p_stale", _CONV.busy_since),
            ),
        ),
    )
    .values(
        busy_turn_id=_param("p_run"),
        busy_since=_param("p_now", _CONV.busy_since),
        message_seq=_CONV.message_seq + _param("p_count"),
    )
    .returning(_CONV.message_seq)
)
THREAD_EXISTS = sa.select(_CONV.id).where(*_ORG_AND_THREAD)
RELEASE_THREAD = (
    sa.update(CONVERSATIONS)
    .where(*_ORG_AND_THREAD)
    .values(
        message_seq=_CONV.message_seq + _param("p_count"),
        busy_turn_id=sa.case(
            (_CONV.busy_turn_id == _param("p_run"), None), else_=_CONV.busy_turn_id
        ),
        busy_since=sa.case((_CONV.busy_turn_id == _param("p_run"), None), else_=_CONV.busy_since),
        updated_at=_param("p_now", _CONV.updated_at),
    )
    .returning(_CONV.message_seq)
)
INSERT_TASK = sa.insert(TASKS)
INSERT_LEASED_TASK = sa.insert(TASKS).returning(TASKS.c.id)
DELETE_TASK = sa.delete(TASKS).where(
    TASKS.c.id == _param("p_task"), TASKS.c.lease_token == _param("p_token")
)
INSERT_MESSAGES = sa.insert(MESSAGES)


class ThreadBusy(Exception):
    """Another turn holds the conversation."""


class ThreadGone(Exception):
    """The conversation does not exist (any more)."""


class TaskGone(Exception):
    """The turn's task is no longer leased under the driver's token."""


@dataclass(slots=True)
class Notices:
    """Bus notifications of one transaction: sent in it (PostgreSQL) or after it."""

    bus: Bus
    after: list[tuple[str, str]] = field(default_factory=list)
    calls: list[sa.ColumnElement[Any]] = field(default_factory=list)

    def add(self, channel: str, payload: str) -> None:
        call = self.bus.notify_call(channel, payload)
        if call is None:
            self.after.append((channel, payload))
        else:
            self.calls.append(call)

    def send(self, conn: sa.Connection) -> None:
        """Within the transaction: the notifications that travel in it, in one statement."""
        if self.calls:
            conn.execute(sa.select(*self.calls))
            self.calls = []

    async def publish(self) -> None:
        """After the commit: what could not travel inside the transaction."""
        for channel, payload in self.after:
            await self.bus.publish(channel, payload)


def message_row(
    org_id: str, conversation_id: str, seq: int, now: datetime, **values: Any
) -> dict[str, Any]:
    row = {
        "id": new_id("msg"),
        "org_id": org_id,
        "conversation_id": conversation_id,
        "seq": seq,
        "turn_id": None,
        "role": "user",
        "kind": "message",
        "content": "",
        "tool_calls": None,
        "tool_call_id": None,
        "name": None,
        "tool_result": None,
        "model": None,
        "input_tokens": 0,
        "output_tokens": 0,
        "cost": 0.0,
        "duration_ms": None,
        "created_at": now,
    }
    row.update(values)
    return row


def as_message(row: dict[str, Any]) -> ConversationMessage:
    """A detached message with a written row's values (what the model is shown)."""
    return ConversationMessage(**{k: v for k, v in row.items() if k != "org_id"})


async def queue_on_end(session: AsyncSession, bus: Bus | None, run: Run) -> None:
    """Queue the ``on_end`` task a turn's run names (if any), in the caller's transaction:
    for a turn that ends by failing or being cancelled (``end_turn`` does it on success).
    Without ``bus`` the workers find it at their next poll."""
    kind = (run.input or {}).get("on_end")
    if not isinstance(kind, str):
        return
    queue.enqueue(session, org_id=run.org_id, run_id=run.id, node_id=ON_END_NODE, kind=kind)
    if bus is not None:
        await queue.announce(bus, session)


# ------------------------------------------------------------------ the start


@dataclass(slots=True)
class TurnStart:
    org_id: str
    run_id: str
    agent_id: str
    user_id: str | None
    conversation_id: str
    new_title: str | None
    """Set: the conversation is new, with this title."""
    run_input: dict[str, Any]
    started_event: dict[str, Any]
    messages: list[dict[str, Any]]
    """``{"role", "content"}`` of the incoming messages."""
    lease_owner: str | None
    """The process driving the turn from its start; ``None``: whichever worker claims it."""
    lease_seconds: float
    parent: ParentStep | None = None
    now: datetime = field(default_factory=utcnow)


@dataclass(frozen=True, slots=True)
class ParentStep:
    """The flow step (an ``agent`` node) a turn runs for, and which its end answers."""

    run_id: str
    node_id: str
    step_id: str


@dataclass(slots=True)
class TurnStarted:
    task_id: int
    thread: list[ConversationMessage]
    """What the first model call sees: the latest summary onward, the new messages last."""


def start_turn(conn: sa.Connection, start: TurnStart) -> TurnStarted:
    """Take the thread, record the run (through the one door), its leased task, its first
    event and the messages."""
    org_id, now = start.org_id, start.now
    first = _take_thread(conn, start)
    moves = RunMoves.new(_run_row(start))
    moves.move_run("running", start.started_event)
    moves.write(conn)
    task_id = conn.execute(INSERT_LEASED_TASK, _leased_task(start)).scalar_one()
    rows = [
        message_row(
            org_id,
            start.conversation_id,
            first + i,
            now,
            turn_id=start.run_id,
            role=m["role"],
            content=m["content"],
        )
        for i, m in enumerate(start.messages)
    ]
    if rows:  # a channel's turn may take messages the conversation holds already
        conn.execute(INSERT_MESSAGES, rows)
    if start.new_title is not None:
        thread = [as_message(row) for row in rows]
    else:
        thread = model_messages(conn, org_id, start.conversation_id)
    return TurnStarted(int(task_id), thread)


def _take_thread(conn: sa.Connection, start: TurnStart) -> int:
    """Make the conversation, or take its lock; the number of the turn's first message."""
    org_id, now, count = start.org_id, start.now, len(start.messages)
    if start.new_title is not None:
        conn.execute(
            INSERT_CONVERSATION,
            {
                "id": start.conversation_id,
                "org_id": org_id,
                "agent_id": start.agent_id,
                "title": start.new_title,
                "metadata": {},
                "message_seq": count,
                "busy_turn_id": start.run_id,
                "busy_since": now,
                "version": 1,
                "created_by_id": start.user_id,
                "created_at": now,
                "updated_at": now,
            },
        )
        return 1
    which = {"p_org": org_id, "p_thread": start.conversation_id}
    params = {"p_run": start.run_id, "p_now": now, "p_count": count, "p_stale": now - STALE_HOLD}
    taken = conn.execute(TAKE_THREAD, {**which, **params}).scalar()
    if taken is None:
        exists = conn.execute(THREAD_EXISTS, which).scalar()
        raise ThreadBusy() if exists is not None else ThreadGone()
    return int(taken) - count + 1


def _run_row(start: TurnStart) -> dict[str, Any]:
    parent = start.parent
    return {
        "id": start.run_id,
        "org_id": start.org_id,
        "kind": "agent",
        "agent_id": start.agent_id,
        "conversation_id": start.conversation_id,
        "trigger": "chat" if parent is None else "flow",
        "input": start.run_input,
        "parent_run_id": parent.run_id if parent else None,
        "parent_node_id": parent.node_id if parent else None,
        "vars": {},
        "attempt_group": 1,
        "created_by_id": start.user_id,
        "created_at": start.now,
    }


def _leased_task(start: TurnStart) -> dict[str, Any]:
    """The turn's task, leased to the process that drives it from its start (if any)."""
    now, owner = start.now, start.lease_owner
    return {
        "org_id": start.org_id,
        "run_id": start.run_id,
        "node_id": "turn",
        "kind": "turn",
        "payload": {},
        "available_at": now,
        "attempt": 1,
        "lease_owner": owner,
        "lease_expires_at": now + timedelta(seconds=start.lease_seconds) if owner else None,
        "lease_token": 1 if owner else 0,
        "created_at": now,
    }


_OF_THREAD = sa.select(ConversationMessage).where(
    ConversationMessage.org_id == _param("p_org"),
    ConversationMessage.conversation_id == _param("p_thread"),
)
LATEST_SUMMARY = (
    _OF_THREAD.where(ConversationMessage.kind == "summary")
    .order_by(ConversationMessage.seq.desc())
    .limit(1)
)
MESSAGES_AFTER = _OF_THREAD.where(
    ConversationMessage.kind == "message", ConversationMessage.seq > _param("p_after")
).order_by(ConversationMessage.seq)
ALL_MESSAGES = _OF_THREAD.order_by(ConversationMessage.seq)


def model_messages(
    conn: sa.Connection, org_id: str, conversation_id: str
) -> list[ConversationMessage]:
    """The latest summary (if any) and the plain messages after it, oldest first."""
    which = {"p_org": org_id, "p_thread": conversation_id}
    with Session(bind=conn) as session:
        summary = session.execute(LATEST_SUMMARY, which).scalar_one_or_none()
        after = (summary.summary_to_seq or 0) if summary is not None else 0
        rows = list(session.execute(MESSAGES_AFTER, {**which, "p_after": after}).scalars())
        session.expunge_all()
    return [summary, *rows] if summary is not None else rows


def all_messages(
    conn: sa.Connection, org_id: str, conversation_id: str
) -> list[ConversationMessage]:
    """Every message of the conversation, summaries too, oldest first."""
    which = {"p_org": org_id, "p_thread": conversation_id}
    with Session(bind=conn) as session:
        rows = list(session.execute(ALL_MESSAGES, which).scalars())
        session.expunge_all()
    return rows


# ------------------------------------------------------------------ the end


def on_end_task(org_id: str, run_id: str, kind: str, now: datetime) -> dict[str, Any]:
    """The task a turn's ``on_end`` names, as plain values, for the turn's last transaction."""
    return {
        "org_id": org_id,
        "run_id": run_id,
        "node_id": ON_END_NODE,
        "kind": kind,
        "payload": {},
        "available_at": now,
        "attempt": 1,
        "lease_token": 0,
        "created_at": now,
    }


@dataclass(slots=True)
class TurnEnd:
    """What the turn's last transaction writes (``finish`` in ``turn_store.py``)."""

    org_id: str
    run_id: str
    conversation_id: str
    task_id: int
    lease_token: int
    stored_seq: int
    """The run's ``event_seq`` as the driver last wrote it."""
    events: list[dict[str, Any]]
    """The driver's pending events (``EventLog.pending``), numbered from ``stored_seq + 1``."""
    step: dict[str, Any]
    """The last model call's step row, without its events."""
    call: ModelCall
    """The last model call, its usage recorded and charged with the turn's end."""
    messages: list[dict[str, Any]]
    """The turn's last messages: ``ConversationMessage`` values, without ids and numbers."""
    known: list[ConversationMessage] | None
    """The conversation's messages before these, if the driver knows them all."""
    callback_url: str | None
    notices: Notices
    now: datetime
    parent: ParentStep | None = None
    answer: Any = None
    """What the parent step is told the turn answered (with ``parent``)."""
    on_end: str | None = None
    """A task kind to queue for the run (``Opening.on_end``)."""


def end_turn(
    conn: sa.Connection,
    end: TurnEnd,
    output_of: Callable[[list[ConversationMessage]], Any],
) -> Any:
    """The last model call's step and usage, the messages, the run succeeded, the task gone.

    ``output_of`` makes the run's output from the conversation's whole history, this
    turn's last messages included; it is returned.
    """
    org_id = end.org_id
    before = end.known if end.known is not None else all_messages(conn, org_id, end.conversation_id)
    output = output_of([*before, *(ConversationMessage(**m) for m in end.messages)])
    # The run first: its row is the lock the engine takes before anything of the run's.
    last = _end_run(conn, end, output)
    gone = conn.execute(DELETE_TASK, {"p_task": end.task_id, "p_token": end.lease_token})
    if not gone.rowcount:
        raise TaskGone()
    _store_messages(conn, end)
    record(conn, end.call, end.now)
    _queue_followers(conn, end)
    end.notices.add(run_channel(end.run_id), str(last))
    end.notices.add(conversation_channel(end.conversation_id), end.run_id)
    end.notices.send(conn)
    return output


def _end_run(conn: sa.Connection, end: TurnEnd, output: Any) -> int:
    """The driver's pending events, the last model call's step and the run's success,
    through the one door; the run's last event number (``RunMoved``: not as the driver
    left it)."""
    moves = RunMoves.known(end.org_id, end.run_id, status="running", seq=end.stored_seq)
    for event in end.events:
        moves.event(event["type"], {k: v for k, v in event["data"].items() if k != "run_id"})
    step = moves.start_step(end.step)
    moves.move_step(step, "succeeded")
    moves.move_run("succeeded", output=output)
    return moves.write(conn)


def _store_messages(conn: sa.Connection, end: TurnEnd) -> None:
    """The turn's last messages, numbered in the thread, whose lock the turn lets go."""
    count = len(end.messages)
    which = {"p_org": end.org_id, "p_thread": end.conversation_id}
    params = {"p_count": count, "p_run": end.run_id, "p_now": end.now}
    reserved = conn.execute(RELEASE_THREAD, {**which, **params}).scalar()
    if reserved is None:
        raise ThreadGone()
    first = int(reserved) - count + 1
    rows = [
        message_row(end.org_id, end.conversation_id, first + i, end.now, **m)
        for i, m in enumerate(end.messages)
    ]
    conn.execute(INSERT_MESSAGES, rows)


def _queue_followers(conn: sa.Connection, end: TurnEnd) -> None:
    """The tasks that follow the turn's end: its callback, its ``on_end``, its flow step."""
    org_id, run_id, now = end.org_id, end.run_id, end.now
    tasks = []
    if end.callback_url:
        tasks.append(
            {
                "org_id": org_id,
                "run_id": run_id,
                "node_id": CALLBACK_NODE,
                "kind": "callback",
                "payload": {"url": end.callback_url},
                "available_at": now,
                "attempt": 1,
                "lease_token": 0,
                "created_at": now,
            }
        )
    if end.on_end is not None:
        tasks.append(on_end_task(org_id, run_id, end.on_end, now))
    if end.parent is not None:
        # The flow step waiting for this turn goes on, committed with the turn's end.
        data = ended_data(run_id, "succeeded", end.answer, None)
        parent = end.parent
        tasks.append(
            ended_task(
                org_id=org_id,
                parent_run_id=parent.run_id,
                node_id=parent.node_id,
                step_id=parent.step_id,
                data=data,
                now=now,
            )
        )
    for task in tasks:
        conn.execute(INSERT_TASK, task)
    if tasks:
        end.notices.add(TASKS_CHANNEL, "")
