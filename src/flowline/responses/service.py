"""``/v1/responses``: a response is one chat turn of an agent's conversation.

Creating one begins a turn the way every chat does (``agents.chat.begin_turn``);
with ``store`` (the default) the response's record, which turn of which
conversation it is, is written in the turn's first transaction, so
``previous_response_id`` can continue that conversation and ``GET`` can tell the
response again, from the turn's run and its stored events, at any later time.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from flowline.agents.chat import Turn, begin_turn
from flowline.agents.repository import TurnRepository
from flowline.agents.turn_store.start import TurnStart
from flowline.auth.principal import Principal
from flowline.db.models import AgentResponse
from flowline.db.types import utcnow
from flowline.errors import NotFound, ValidationFailed
from flowline.events.log import MAX_REPLAY, replay
from flowline.ids import new_id
from flowline.responses.events import RUN_STATUS, Head, Telling, usage_of
from flowline.responses.repository import ResponseRepository, insert_response
from flowline.responses.schemas import ResponseCreate
from flowline.runs.repository import RunRepository
from flowline.runs.stream import follow_events
from flowline.runtime import Runtime


def not_found(response_id: str, field: str | None = None) -> NotFound:
    details = [{"field": field, "problem": "not found"}] if field else None
    return NotFound(
        f"Response '{response_id}' not found.", code="RESPONSE_NOT_FOUND", details=details
    )


def head_of(record: AgentResponse) -> Head:
    return Head(
        id=record.id,
        run_id=record.run_id,
        created_at=int(record.created_at.timestamp()),
        model=record.agent_id,
        instructions=record.instructions,
        previous_response_id=record.previous_response_id,
        metadata=dict(record.meta or {}),
    )


async def _thread_of(runtime: Runtime, principal: Principal, body: ResponseCreate) -> str | None:
    """The conversation ``previous_response_id`` continues (``None``: a new one)."""
    previous_id = body.previous_response_id
    if previous_id is None:
        return None
    async with runtime.db.session() as session:
        previous = await ResponseRepository(session, principal.org_id).get(previous_id)
    if previous is None:
        raise not_found(previous_id, "previous_response_id")
    if previous.agent_id != body.model:
        raise ValidationFailed(
            f"Response '{previous_id}' is a turn with agent '{previous.agent_id}'; continue "
            "it with that agent as the model.",
            field="previous_response_id",
        )
    return previous.conversation_id


def _record(
    conn: sa.Connection, start: TurnStart, *, body: ResponseCreate, head: Head, now: datetime
) -> None:
    insert_response(
        conn,
        {
            "id": head.id,
            "org_id": start.org_id,
            "agent_id": start.agent_id,
            "run_id": start.run_id,
            "conversation_id": start.conversation_id,
            "previous_response_id": body.previous_response_id,
            "instructions": body.instructions,
            "metadata": dict(body.metadata or {}),
            "created_at": now,
        },
    )


async def begin(runtime: Runtime, principal: Principal, body: ResponseCreate) -> tuple[Head, Turn]:
    """Begin the response's turn (and keep its record, unless ``store`` is false)."""
    thread_id = await _thread_of(runtime, principal, body)
    now = utcnow()
    head = Head(
        id=new_id("resp"),
        run_id="",
        created_at=int(now.timestamp()),
        model=body.model,
        instructions=body.instructions,
        previous_response_id=body.previous_response_id,
        metadata=dict(body.metadata or {}),
        store=body.store,
    )
    record = functools.partial(_record, body=body, head=head, now=now) if body.store else None
    turn = await begin_turn(
        runtime,
        principal,
        body.model,
        thread_id,
        body.messages(),
        mode="stream" if body.stream else "sync",
        instructions=body.instructions,
        record=record,
    )
    return dataclasses.replace(head, run_id=turn.id), turn


async def stored_head(runtime: Runtime, org_id: str, response_id: str) -> Head:
    async with runtime.db.session() as session:
        record = await ResponseRepository(session, org_id).get(response_id)
    if record is None:
        raise not_found(response_id)
    return head_of(record)


async def delete(runtime: Runtime, org_id: str, response_id: str) -> None:
    """The record goes; the turn stays a run of its conversation, as every turn does."""
    async with runtime.db.session(write=True) as session:
        if not await ResponseRepository(session, org_id).delete_id(response_id):
            raise not_found(response_id)


async def response_of(runtime: Runtime, org_id: str, head: Head) -> dict[str, Any]:
    """The response as it stands: its turn's stored events told (``events.Telling``), the
    status of its run, and the tokens its model calls used so far."""
    telling = Telling(head)
    async with runtime.db.session() as session:
        run = await RunRepository(session, org_id).get(head.run_id)
        if run is None:
            raise not_found(head.id)
        after = 0
        while True:
            events = await replay(session, org_id, head.run_id, after, MAX_REPLAY)
            for event in events:
                telling.feed(event.type, event.seq, event.data)
                after = event.seq
            if len(events) < MAX_REPLAY:
                break
        _, tokens_in, tokens_out, _ = await TurnRepository(session, org_id).usage_of(run.id)
    telling.status = RUN_STATUS.get(run.status, telling.status)
    telling.usage = usage_of(tokens_in, tokens_out)
    return telling.response()


async def told_events(runtime: Runtime, org_id: str, head: Head) -> AsyncIterator[dict[str, Any]]:
    """The response's events, told from the turn's stored log and then as they are stored,
    until the turn ends, or waits for a person with nothing stored after."""
    telling = Telling(head)
    for told in telling.opening():
        yield told
    async for stored in follow_events(runtime.db, runtime.bus, org_id, head.run_id, 0):
        for told in telling.feed(stored.type, stored.seq, stored.data):
            yield told
        if telling.ended:
            return
        if stored.type == "run.waiting" and await _still_waiting(runtime, org_id, head, stored.seq):
            return


async def _still_waiting(runtime: Runtime, org_id: str, head: Head, seq: int) -> bool:
    """Whether the run waits still, with no event after its ``run.waiting`` number ``seq``."""
    async with runtime.db.session() as session:
        run = await RunRepository(session, org_id).get(head.run_id)
    return run is not None and run.status == "waiting" and run.event_seq <= seq
