"""``on_message: {"agent_id"}``: a person's messages answered by an agent turn.

Each contact has one conversation per channel; an inbound message the channel
hands to its agent starts a turn on that conversation through the one way a turn
begins (``agents.chat.open_turn``), in the routing task's transaction. The turn
is queued (any worker drives it, as for a flow's ``agent`` step) and names
:data:`REPLY_TASK` as its ``on_end``: however the turn ends (answered, failed,
cancelled, or answered only after a person approved one of its tool calls), its
last transaction queues that task, which sends the answer back with the one
durable send (``sending.send``) and starts the next turn if messages wait.

Several quick messages from one person: a conversation never has two turns at
once, so a message arriving while a turn holds the conversation is *held*
(``channel_messages.held``); when the turn ends, the next turn takes every held
message at once, oldest first, as its user messages (one answer to the whole
burst, as a person would give). Routing and the reply task both hold the
channel's row lock, so a message is either held before the reply task looks, or
finds the conversation free and starts the turn itself: none is lost, none
answered twice, and the order is kept.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.chat import Opening, open_turn
from flowline.agents.schemas import MessageIn
from flowline.agents.turn_store.sql import ThreadBusy, ThreadGone
from flowline.auth.principal import Principal
from flowline.auth.scopes import Role
from flowline.channels import context as chan
from flowline.channels import conversation_log
from flowline.channels.conversation_log import content_of
from flowline.channels.repository import AgentQueueRepository, ChannelRepository
from flowline.channels.sending import ChannelRateLimited, text_to
from flowline.conversations.repository import MessageRepository as ConversationMessages
from flowline.db.models import Channel, ChannelMessage, Contact
from flowline.db.types import utcnow
from flowline.engine import queue
from flowline.engine.queue import Lease
from flowline.errors import FlowlineError
from flowline.ids import new_id
from flowline.runtime import Runtime

REPLY_TASK = "channel_reply"
MAX_TURN_TEXT = 4096


async def route_to_agent(
    session: AsyncSession,
    runtime: Runtime,
    channel: Channel,
    contact: Contact,
    message: ChannelMessage,
) -> bool:
    """Start a turn on the contact's conversation, or hold the message for the next one.

    Called by the routing task with the channel locked; answers ``True`` (the message is
    the agent's either way)."""
    agent_id = str((channel.on_message or {}).get("agent_id"))
    repo = AgentQueueRepository(session, channel.org_id)
    conversation_id = contact.conversation_id
    if conversation_id is None:
        await chan.routed(
            session,
            runtime,
            channel,
            message,
            to="stored",
            agent_id=agent_id,
            reason="The contact's conversation was deleted.",
        )
        return True
    if await repo.busy_turn(conversation_id) is not None:
        await _hold(session, runtime, channel, message, agent_id)
        return True
    waiting = [m for m in await repo.held(contact.id) if m.id != message.id]
    await _start(session, runtime, channel, conversation_id, agent_id, [*waiting, message])
    return True


async def _hold(
    session: AsyncSession,
    runtime: Runtime,
    channel: Channel,
    message: ChannelMessage,
    agent_id: str,
) -> None:
    message.held = True
    await session.flush()
    await chan.routed(
        session,
        runtime,
        channel,
        message,
        to="agent",
        agent_id=agent_id,
        held=True,
        reason="A turn is answering this contact; the message goes to the next turn.",
    )


async def _start(
    session: AsyncSession,
    runtime: Runtime,
    channel: Channel,
    conversation_id: str,
    agent_id: str,
    messages: list[ChannelMessage],
) -> str | None:
    """One turn for ``messages`` (oldest first); ``None`` when it cannot start (the last
    message is then held, or recorded as stored with why)."""
    last = messages[-1]
    try:
        run_id = await _open(session, runtime, channel.org_id, conversation_id, agent_id, messages)
    except ThreadBusy:
        await _hold(session, runtime, channel, last, agent_id)
        return None
    except (ThreadGone, FlowlineError) as exc:
        reason = exc.message if isinstance(exc, FlowlineError) else "The conversation is gone."
        for message in messages:
            message.held = False
        await session.flush()
        await chan.routed(
            session,
            runtime,
            channel,
            last,
            to="stored",
            agent_id=agent_id,
            reason=reason,
        )
        return None
    await queue.announce(runtime.bus, session)
    for message in messages:
        message.held = False
        message.run_id = run_id
    await session.flush()
    for message in messages:
        await chan.routed(
            session,
            runtime,
            channel,
            message,
            to="agent",
            agent_id=agent_id,
            run_id=run_id,
        )
    return run_id


async def _open(
    session: AsyncSession,
    runtime: Runtime,
    org_id: str,
    conversation_id: str,
    agent_id: str,
    messages: list[ChannelMessage],
) -> str:
    """Begin the turn (``open_turn``) in a savepoint; answers its run's id."""
    run_id = new_id("run")
    async with session.begin_nested():
        # The messages are in the conversation since they were stored: the turn takes
        # them (one stored before conversations kept every message is written by it).
        found = await conversation_log.take_for_turn(
            session, org_id, conversation_id, messages, run_id
        )
        unwritten = [
            MessageIn(role="user", content=content_of(m.type, m.body or {}))
            for m in messages
            if m.id not in found
        ]
        # The turn runs as the organisation's agent, not as any user: a member's rights.
        principal = Principal(org_id=org_id, user_id="", role=Role.MEMBER)
        opening = Opening(
            principal,
            agent_id,
            conversation_id,
            unwritten,
            conversation_id,
            run_id=run_id,
            on_end=REPLY_TASK,
            queued=True,
        )
        conn = await session.connection()
        await conn.run_sync(lambda sync: open_turn(sync, runtime, opening))
    return run_id


def answer_of(output: Any) -> str | None:
    """The text of a finished turn's answer (``ChatResult``'s ``message.content``)."""
    if not isinstance(output, dict):
        return None
    message = output.get("message")
    content = message.get("content") if isinstance(message, dict) else None
    return content if isinstance(content, str) and content.strip() else None


async def reply(runtime: Runtime, lease: Lease) -> None:
    """The ``channel_reply`` task: a channel turn ended; its answer goes out, and the
    messages held meanwhile start the next turn."""
    async with runtime.db.session(write=True) as session:
        repo = AgentQueueRepository(session, lease.org_id)
        run = await repo.turn_of(lease.run_id or "")
        contact = (
            await repo.contact_of(run.conversation_id)
            if run is not None and run.conversation_id is not None
            else None
        )
        channel = (
            await ChannelRepository(session, lease.org_id).lock(contact.channel_id)
            if contact is not None
            else None
        )
        if run is None or contact is None or channel is None:
            await queue.finish(session, lease)
            return
        try:
            await _answer(session, runtime, channel, contact, run.id, run.status, run.output)
        except ChannelRateLimited as exc:
            # The channel's send rate: the answer goes out as soon as it allows.
            await queue.postpone(session, lease, _after(exc.wait), attempt=lease.attempt + 1)
            return
        await queue.finish(session, lease)
        agent_id = (channel.on_message or {}).get("agent_id")
        held = await repo.held(contact.id)
        thread = contact.conversation_id
        if held and agent_id and thread is not None and await repo.busy_turn(thread) is None:
            await _start(session, runtime, channel, thread, agent_id, held)


def _after(seconds: float) -> datetime:
    return utcnow() + timedelta(seconds=max(0.05, seconds))


async def _answer(
    session: AsyncSession,
    runtime: Runtime,
    channel: Channel,
    contact: Contact,
    run_id: str,
    status: str,
    output: Any,
) -> None:
    text = answer_of(output) if status == "succeeded" else None
    if text is None:
        why = "its answer was empty" if status == "succeeded" else f"the turn {status}"
        await chan.record(
            session, runtime.bus, channel, "agent.unanswered", run_id=run_id, reason=why
        )
        return
    # The answer goes in the thread of the last message the turn took (an email's Re:).
    answered = await AgentQueueRepository(session, channel.org_id).answered_by(run_id)
    # The turn wrote its answer into the conversation: the send is linked to it.
    written = None
    if contact.conversation_id is not None:
        written = await ConversationMessages(session, channel.org_id).answer_of(
            contact.conversation_id, run_id
        )
    try:
        await text_to(
            session,
            runtime,
            contact,
            text[:MAX_TURN_TEXT],
            run_id=run_id,
            reply_to=answered,
            answer=written,
        )
    except FlowlineError as exc:
        if isinstance(exc, ChannelRateLimited):
            raise
        # The person opted out meanwhile, the window closed…: said on the channel's stream.
        await chan.record(
            session,
            runtime.bus,
            channel,
            "agent.unanswered",
            run_id=run_id,
            reason=exc.message,
            error=exc.error_code,
        )
