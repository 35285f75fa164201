"""Inbound: a provider's request verified, stored once, and routed by a task.

:func:`receive` runs the kind's ``verify`` before anything is read into the
database's rows (401 on failure), then ``parse``, then :func:`store` in one
transaction: status updates applied, each new message stored once (a repeated
``provider_message_id`` is a provider's retry and is skipped), opt-out keywords
applied, and one ``channel_route`` task queued per message. It answers the
provider at once; :func:`route` (the task) does the rest: (1) a run waiting in
``wait_for_message`` for this contact, else (2) the channel's ``on_message``, else
(3) nothing (stored only). Each routing commits with its task's deletion under
the lease, so a message is routed exactly once.
"""

from __future__ import annotations

from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.channels import context as chan
from flowline.channels.agent_turns import route_to_agent
from flowline.channels.approval_notices import answer as answer_approval
from flowline.channels.providers.base import (
    Inbound,
    InboundAnswer,
    InboundMessage,
    InboundRequest,
    InvalidAddress,
)
from flowline.channels.repository import (
    ChannelRepository,
    ContactRepository,
    MessageRepository,
    WaitRepository,
    channel_for_inbound,
)
from flowline.channels.schemas import ContactRead, Limits
from flowline.channels.sending import contact_for
from flowline.channels.statuses import apply_status
from flowline.db.models import Channel, ChannelMessage, Contact
from flowline.db.types import utcnow
from flowline.engine import queue
from flowline.engine.queue import Lease
from flowline.engine.signals import resume_step
from flowline.engine.start import start_run
from flowline.engine.templates import is_true
from flowline.errors import Conflict, ExpressionError, FlowlineError
from flowline.ids import new_id
from flowline.runtime import Runtime

log = structlog.get_logger("flowline.channels")

ROUTE_TASK = "channel_route"


async def receive(runtime: Runtime, channel_id: str, request: InboundRequest) -> InboundAnswer:
    """A provider's request to ``channels/{id}/inbound``: verified, stored, answered."""
    async with runtime.db.session() as session:
        channel = await channel_for_inbound(session, channel_id)
        if channel is None:
            raise chan.channel_not_found(channel_id)
        provider = chan.provider_of(channel.kind)
        ctx = await chan.context_of(session, runtime, channel, url=request.url)
        org_id, active = channel.org_id, channel.status == "active"
    provider.verify(ctx, request)
    inbound = provider.parse(ctx, request)
    if not active:
        raise Conflict(f"Channel {channel_id} is disabled.", code="CHANNEL_DISABLED")
    if inbound.messages or inbound.statuses:
        async with runtime.db.session(write=True) as session:
            await store(session, runtime, org_id, channel_id, inbound)
    return inbound.answer


async def store(
    session: AsyncSession, runtime: Runtime, org_id: str, channel_id: str, inbound: Inbound
) -> list[ChannelMessage]:
    """Apply a verified request in the caller's transaction; answers the new messages.

    Also the sandbox's way in (``POST channels/{id}/sandbox/messages``), and the one a
    later inbound path (an agent's test console) should take.
    """
    channel = await ChannelRepository(session, org_id).lock(channel_id)
    if channel is None:
        raise chan.channel_not_found(channel_id)
    for update in inbound.statuses:
        await apply_status(session, runtime, channel, update)
    stored = []
    for item in inbound.messages:
        message = await _store_message(session, runtime, channel, item)
        if message is not None:
            stored.append(message)
    return stored


def _keyword(item: InboundMessage, limits: Limits) -> str | None:
    text = item.body.get("text") if item.type == "text" else None
    if not isinstance(text, str):
        return None
    word = " ".join(text.split()).upper()
    if word in limits.opt_out_keywords:
        return "opted_out"
    if word in limits.opt_in_keywords:
        return "opted_in"
    return None


async def _store_message(
    session: AsyncSession, runtime: Runtime, channel: Channel, item: InboundMessage
) -> ChannelMessage | None:
    messages = MessageRepository(session, channel.org_id)
    if await messages.by_provider_id(channel.id, item.provider_message_id) is not None:
        return None  # the provider's retry: stored and routed already
    provider = chan.provider_of(channel.kind)
    try:
        address = provider.normalise_address(item.from_address, channel.config)
    except InvalidAddress:
        address = item.from_address.strip()[:320]  # kept as the provider gave it
    contact = await contact_for(session, channel, address, item.from_name)
    now = utcnow()
    at = item.received_at or now
    if contact.name is None and item.from_name:
        contact.name = item.from_name[:200]
    if contact.last_inbound_at is None or contact.last_inbound_at < at:
        contact.last_inbound_at = at
    body = dict(item.body)
    if item.reply_to:
        body["reply_to"] = item.reply_to
    if item.thread:
        body["thread"] = dict(item.thread)
    message = ChannelMessage(
        id=new_id("msg"),
        org_id=channel.org_id,
        channel_id=channel.id,
        contact_id=contact.id,
        direction="in",
        type=item.type,
        body=body,
        provider_message_id=item.provider_message_id,
        status="received",
        conversation_id=contact.conversation_id,
        created_at=now,
        status_at=at,
    )
    session.add(message)
    await session.flush()
    await chan.record(session, runtime.bus, channel, "message.received", message)
    keyword = _keyword(item, Limits.model_validate(channel.limits))
    if keyword is not None:
        contact.opted_out_at = now if keyword == "opted_out" else None
        contact.version += 1
        await chan.record(
            session, runtime.bus, channel, f"contact.{keyword}", message, contact_id=contact.id
        )
        return message  # a keyword is an instruction to us, not a message to route
    queue.enqueue(
        session,
        org_id=channel.org_id,
        run_id=None,
        node_id=message.id,
        kind=ROUTE_TASK,
        payload={"message_id": message.id},
    )
    await queue.announce(runtime.bus, session)
    return message


# ------------------------------------------------------------------ routing


def routed_payload(message: ChannelMessage, contact: Contact) -> dict[str, Any]:
    """What a run is handed: ``{"message", "contact"}`` as the API shows them."""
    return {
        **chan.message_data(message),
        "contact": ContactRead.model_validate(contact).model_dump(mode="json"),
    }


async def route(runtime: Runtime, lease: Lease) -> None:
    """The ``channel_route`` task: hand one stored message to whoever takes it."""
    async with runtime.db.session(write=True) as session:
        await queue.finish(session, lease)
        message = await MessageRepository(session, lease.org_id).get(
            str(lease.payload.get("message_id"))
        )
        if message is None:
            return
        channel = await ChannelRepository(session, lease.org_id).lock(message.channel_id)
        contact = await ContactRepository(session, lease.org_id).get(message.contact_id)
        if channel is None or contact is None:
            return
        if await answer_approval(session, runtime, channel, contact, message):
            return
        payload = routed_payload(message, contact)
        if await _to_waiting_run(session, runtime, channel, contact, message, payload):
            return
        target = channel.on_message or {}
        if "flow_id" in target:
            await _to_flow(session, runtime, channel, message, target["flow_id"], payload)
        elif "agent_id" in target:
            handled = await route_to_agent(session, runtime, channel, contact, message)
            if not handled:
                await chan.routed(
                    session,
                    runtime,
                    channel,
                    message,
                    to="stored",
                    agent_id=target["agent_id"],
                    reason="Agent answers on channels are not available on this instance yet.",
                )
        else:
            await chan.routed(session, runtime, channel, message, to="stored")


async def _to_waiting_run(
    session: AsyncSession,
    runtime: Runtime,
    channel: Channel,
    contact: Contact,
    message: ChannelMessage,
    payload: dict[str, Any],
) -> bool:
    """(1) The longest-waiting run whose ``match`` holds takes the message."""
    waits = WaitRepository(session, channel.org_id)
    for wait, step_status in await waits.waiting_for(channel.id, contact.address):
        if step_status != "waiting":
            await waits.take(wait.id)  # its run ended or moved on: a stale wait
            continue
        if wait.match is not None and not _matches(wait.match, payload, wait.node_id):
            continue
        if not await waits.take(wait.id):
            continue  # its time-out got there first
        await resume_step(
            session,
            runtime.bus,
            org_id=channel.org_id,
            run_id=wait.run_id,
            step_id=wait.step_id,
            node_id=wait.node_id,
            data={"outcome": "message", "output": payload},
        )
        message.run_id = wait.run_id
        await chan.routed(
            session,
            runtime,
            channel,
            message,
            to="run",
            run_id=wait.run_id,
            step_id=wait.step_id,
        )
        return True
    return False


def _matches(expression: str, payload: dict[str, Any], node_id: str) -> bool:
    try:
        return is_true(expression, payload, node_id=node_id)
    except ExpressionError as exc:
        log.info("wait_match_failed", node_id=node_id, problem=exc.reason)
        return False


async def _to_flow(
    session: AsyncSession,
    runtime: Runtime,
    channel: Channel,
    message: ChannelMessage,
    flow_id: str,
    payload: dict[str, Any],
) -> None:
    """(2) The channel's ``on_message`` flow starts a run (trigger ``message``)."""
    try:
        started = await start_run(
            session,
            runtime.bus,
            org_id=channel.org_id,
            flow_id=flow_id,
            input=payload,
            trigger="message",
            idempotency_key=f"message:{message.id}",
        )
    except FlowlineError as exc:  # not found, inactive, a draft: stored, and why
        await chan.routed(
            session,
            runtime,
            channel,
            message,
            to="stored",
            flow_id=flow_id,
            reason=exc.message,
        )
        return
    message.run_id = started.run.id
    await chan.routed(
        session,
        runtime,
        channel,
        message,
        to="flow",
        flow_id=flow_id,
        run_id=started.run.id,
    )
