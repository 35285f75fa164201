"""A turn's first transaction: the checks, the thread taken, the run (through the one
door), its task and the incoming messages.

:func:`open_turn` is the one way a turn begins: ``chat.begin_turn`` for a chat, in a
transaction of its own; ``flow_turns`` for a flow's ``agent`` step, in the engine's;
channels and batches in theirs. Plain statements on the caller's connection, each table
written once, nothing read back that the turn knows already.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from flowline.agents.repeat import claim_turn
from flowline.agents.schemas import AgentConfig, MessageIn
from flowline.agents.service import config_of
from flowline.agents.service import not_found as agent_not_found
from flowline.agents.turn_store.end import ParentStep
from flowline.agents.turn_store.sql import (
    INSERT_CONVERSATION,
    INSERT_LEASED_TASK,
    INSERT_MESSAGES,
    TAKE_THREAD,
    THREAD_EXISTS,
    ThreadBusy,
    ThreadGone,
    as_message,
    message_row,
    model_messages,
)
from flowline.api.idempotency import Claim
from flowline.auth.principal import Principal
from flowline.conversations.compaction import STALE_HOLD
from flowline.conversations.service import not_found as conversation_not_found
from flowline.db.models import Agent, Conversation, ConversationMessage
from flowline.db.types import utcnow
from flowline.engine.transitions import RunMoves
from flowline.ids import new_id
from flowline.llm.service import OrgModels, org_models_on
from flowline.runtime import Runtime
from flowline.tools.toolset import Toolset, load_toolset_on
from flowline.usage.spending import ensure_can_spend_now

AGENT_BY_ID = sa.select(Agent.id, Agent.config).where(
    Agent.org_id == sa.bindparam("p_org"), Agent.id == sa.bindparam("p_id")
)
THREAD_AGENT = sa.select(Conversation.agent_id).where(
    Conversation.org_id == sa.bindparam("p_org"), Conversation.id == sa.bindparam("p_id")
)
Recorder = Callable[[sa.Connection, "TurnStart"], None]
"""Writes what a turn's caller keeps of it (a Responses API record), in its first
transaction."""
DRIVER = "api"
"""``lease_owner`` of a turn task taken by the process that received the chat."""


@dataclass(frozen=True, slots=True)
class Opening:
    """What a turn is asked to do: by a chat request, or by a flow's ``agent`` step."""

    principal: Principal
    agent_id: str
    thread_id: str | None
    """An existing conversation to continue (``None``: a new one)."""
    incoming: list[MessageIn]
    conversation_id: str
    """``thread_id``, or the id the new conversation gets."""
    run_id: str = field(default_factory=lambda: new_id("run"))
    mode: str = "sync"
    callback_url: str | None = None
    claim: Claim | None = None
    keyed: bool = False
    """``thread_id`` names a flow's keyed conversation: created when it does not exist."""
    parent: ParentStep | None = None
    """The flow step the turn runs for (its task is then left for any worker to claim)."""
    instructions: str | None = None
    """Added to the agent's instructions, for this turn only."""
    record: Recorder | None = None
    on_end: str | None = None
    """A task kind queued for the run when the turn ends (succeeded, failed or cancelled):
    how a domain that starts turns acts on their end (a channel sends the answer back)."""
    queued: bool = False
    """No process drives the turn from its start: any worker claims its task (as for a
    flow's step), so the caller's transaction may be the engine's."""


def open_turn(conn: sa.Connection, runtime: Runtime, opening: Opening) -> Begun:
    """Check the agent, budget and thread; take the thread's lock, record the run and the
    messages (:func:`start_turn`), in the caller's transaction on ``conn``. Its reads are
    the first model call's too (the models, the toolset and, on a thread, its messages)."""
    principal, incoming, thread_id = opening.principal, opening.incoming, opening.thread_id
    org_id = principal.org_id
    if opening.claim is not None:
        claim_turn(conn, opening.claim, org_id, opening.run_id, utcnow())
    # Plain rows throughout: an ORM session's loading cost more than the reads.
    agent = conn.execute(AGENT_BY_ID, {"p_org": org_id, "p_id": opening.agent_id}).first()
    if agent is None:
        raise agent_not_found(opening.agent_id)
    ensure_can_spend_now(conn, org_id, principal.user_id or None, agent.id)
    config = config_of(agent)
    if opening.instructions:
        added = "\n\n".join(filter(None, (config.instructions, opening.instructions)))
        config = config.model_copy(update={"instructions": added})
    models = org_models_on(conn, org_id, runtime.settings, runtime.secret_box)
    model = config.model or models.default_model
    models.registry.resolve(model)  # an unknown provider is 404 before anything is kept
    if thread_id is not None:
        owner = conn.execute(THREAD_AGENT, {"p_org": org_id, "p_id": thread_id}).first()
        if owner is None and opening.keyed:
            thread_id = None  # the key's first turn: its conversation is made now
        elif owner is None or owner.agent_id not in (None, agent.id):
            raise conversation_not_found(thread_id)
    toolset = load_toolset_on(conn, org_id, agent, config)
    title = next((m.content for m in incoming if m.role == "user"), "")[:200]
    parent = opening.parent
    start = TurnStart(
        org_id=org_id,
        run_id=opening.run_id,
        agent_id=agent.id,
        user_id=principal.user_id or None,
        conversation_id=opening.conversation_id,
        new_title=None if thread_id is not None else title,
        run_input={
            "messages": [m.model_dump() for m in incoming],
            "model": model,
            "config": config.model_dump(mode="json"),
            "mode": opening.mode,
            "callback_url": opening.callback_url,
            "role": principal.role,
            **({"parent_step_id": parent.step_id} if parent is not None else {}),
            **({"on_end": opening.on_end} if opening.on_end is not None else {}),
        },
        started_event={
            "seq": 1,
            "agent_id": agent.id,
            "thread_id": opening.conversation_id,
            "model": model,
        },
        messages=[{"role": m.role, "content": m.content} for m in incoming],
        lease_owner=DRIVER if parent is None and not opening.queued else None,
        lease_seconds=runtime.settings.lease_seconds,
        parent=parent,
    )
    started = start_turn(conn, start)
    if opening.record is not None:
        opening.record(conn, start)
    return Begun(agent.id, config, models, model, toolset, start, started)


@dataclass(frozen=True, slots=True)
class Begun:
    """What :func:`open_turn` found and wrote."""

    agent_id: str
    config: AgentConfig
    models: OrgModels
    model: str
    toolset: Toolset
    start: TurnStart
    started: TurnStarted


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
