"""The turn store's statements: built once, as SQLAlchemy Core on a plain connection.

A statement made afresh on every call costs more to key and cache than to run, so
each is built here once; parameters are ``p_…`` (a column's own name is the value it
is set to). The store's modules (``start``, ``rounds``, ``end``) run them inside the
caller's transaction; raising rolls it back. Runs, steps and events are not written
here: they are the one door's (``engine/transitions.RunMoves``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from flowline.conversations.compaction import HOLD_PREFIX
from flowline.db.models import Conversation, ConversationMessage, Task
from flowline.events.bus import Bus
from flowline.ids import new_id

CALLBACK_NODE = "callback"
ON_END_NODE = "on_end"


def table_of(model: type[Any]) -> sa.Table:
    table = model.__table__
    assert isinstance(table, sa.Table)
    return table


TASKS = table_of(Task)
MESSAGES = table_of(ConversationMessage)
CONVERSATIONS = table_of(Conversation)


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


RESERVE_SEQS = (
    sa.update(CONVERSATIONS)
    .where(*_ORG_AND_THREAD)
    .values(message_seq=_CONV.message_seq + _param("p_count"))
    .returning(_CONV.message_seq)
)


def insert_messages(
    conn: sa.Connection,
    org_id: str,
    conversation_id: str,
    now: datetime,
    messages: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Number ``messages`` (``ConversationMessage`` values) after the thread's last and
    insert them in one statement; their rows. The thread's lock is not touched."""
    if not messages:
        return []
    which = {"p_org": org_id, "p_thread": conversation_id, "p_count": len(messages)}
    last = conn.execute(RESERVE_SEQS, which).scalar()
    if last is None:
        raise ThreadGone()
    first = int(last) - len(messages) + 1
    rows = [
        message_row(org_id, conversation_id, first + i, now, **m) for i, m in enumerate(messages)
    ]
    conn.execute(INSERT_MESSAGES, rows)
    return rows


def task_row(
    org_id: str,
    run_id: str,
    node_id: str,
    kind: str,
    now: datetime,
    payload: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A task for any worker to claim (a callback, an ``on_end``), as plain values."""
    return {
        "org_id": org_id,
        "run_id": run_id,
        "node_id": node_id,
        "kind": kind,
        "payload": payload or {},
        "available_at": now,
        "attempt": 1,
        "lease_token": 0,
        "created_at": now,
    }


def delete_task(conn: sa.Connection, task_id: int, token: int) -> None:
    """Remove the turn's task under its lease (:class:`TaskGone` if the lease is lost)."""
    if not conn.execute(DELETE_TASK, {"p_task": task_id, "p_token": token}).rowcount:
        raise TaskGone()
