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

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.turn_store.sql import Notices
from flowline.channels import context as chan
from flowline.channels import conversation_log
from flowline.channels.agent_turns import route_to_agent
from flowline.channels.approval_notices import answer as answer_approval
from flowline.channels.providers.base import (
    ChannelProvider,
    Inbound,
    InboundAnswer,
    InboundMessage,
    InboundRequest,
    InvalidAddress,
)
from flowline.channels.repository import (
    ChannelRepository,
    ContactRepository,
    InboundSql,
    MessageRepository,
    WaitRepository,
    inbound_channel,
)
from flowline.channels.schemas import ContactRead, Limits
from flowline.channels.sending import carry_sends, contact_for, deliver_carried
from flowline.channels.statuses import apply_status
from flowline.channels.wait_match import matches
from flowline.db.models import Channel, ChannelMessage, Contact
from flowline.db.types import utcnow
from flowline.engine import queue
from flowline.engine.executor import Executor
from flowline.engine.queue import TASKS_CHANNEL, Lease, LeaseLost
from flowline.engine.signals import resume_step
from flowline.engine.start import start_run
from flowline.errors import Conflict, FlowlineError
from flowline.ids import new_id
from flowline.runtime import Runtime
from flowline.secrets.repository import secrets_named

log = structlog.get_logger("flowline.channels")

ROUTE_TASK = "channel_route"
ROUTE_BATCH = 8
"""Messages routed in one transaction at most (``route_many``)."""
MESSAGE_COLUMNS = {
    attr.key: attr.columns[0].name
    for attr in sa.inspect(ChannelMessage).column_attrs
    if attr.key != "org_id"
}


async def receive(runtime: Runtime, channel_id: str, request: InboundRequest) -> InboundAnswer:
    """A provider's request to ``channels/{id}/inbound``: verified, stored, answered."""

    def read(conn: sa.Connection) -> tuple[dict[str, Any] | None, list[Any]]:
        channel = inbound_channel(conn, channel_id)
        if channel is None or not channel["credentials"]:
            return channel, []
        return channel, secrets_named(conn, channel["org_id"], channel["credentials"].values())

    channel, secrets = await runtime.db.read(read)
    if channel is None:
        raise chan.channel_not_found(channel_id)
    provider = chan.provider_of(channel["kind"])
    ctx = chan.inbound_context(runtime, channel, secrets, request.url)
    org_id, active = channel["org_id"], channel["status"] == "active"
    provider.verify(ctx, request)
    inbound = provider.parse(ctx, request)
    if not active:
        raise Conflict(f"Channel {channel_id} is disabled.", code="CHANNEL_DISABLED")
    if inbound.statuses:
        async with runtime.db.session(write=True) as session:
            await store(session, runtime, org_id, channel_id, inbound)
    elif inbound.messages:
        await store_messages(runtime, org_id, channel_id, inbound.messages)
    return inbound.answer


async def store_messages(
    runtime: Runtime, org_id: str, channel_id: str, items: Sequence[InboundMessage]
) -> list[str]:
    """A request of messages only (most of them), stored as :func:`store` would, in one
    ``Database.transact`` transaction of plain statements; answers the new messages' ids."""
    notices = Notices(runtime.bus)

    def write(conn: sa.Connection) -> list[str]:
        sql = InboundSql(conn, org_id, channel_id)
        channel = sql.lock()
        if channel is None:
            raise chan.channel_not_found(channel_id)
        provider = chan.provider_of(channel["kind"])
        limits = Limits.model_validate(channel["limits"])
        stored = []
        for item in items:
            if sql.seen(item.provider_message_id):
                continue  # the provider's retry: stored and routed already
            address = _address(provider, item, channel["config"])
            contact = sql.contact(address) or sql.add_contact(
                new_id("ctc"), address, item.from_name
            )
            now = utcnow()
            at = item.received_at or now
            changes: dict[str, Any] = {}
            if contact["name"] is None and item.from_name:
                changes["name"] = item.from_name[:200]
            if contact["last_inbound_at"] is None or contact["last_inbound_at"] < at:
                changes["last_inbound_at"] = at
            message = ChannelMessage(
                id=new_id("msg"),
                channel_id=channel_id,
                contact_id=contact["id"],
                direction="in",
                type=item.type,
                body=_body(item),
                provider_message_id=item.provider_message_id,
                status="received",
                conversation_id=contact["conversation_id"],
                created_at=now,
                status_at=at,
                held=False,
            )
            row = {c: getattr(message, a) for a, c in MESSAGE_COLUMNS.items()}
            sql.add_message({c: v for c, v in row.items() if v is not None})
            conversation_log.append_on(conn, org_id, message, now)
            stored.append(message.id)
            seq = sql.append_event("message.received", message.id, chan.message_data(message))
            notices.add(chan.stream_channel(channel_id), str(seq))
            keyword = _keyword(item, limits)
            if keyword is not None:
                changes["opted_out_at"] = now if keyword == "opted_out" else None
                changes["version"] = contact["version"] + 1
                data = {**chan.message_data(message), "contact_id": contact["id"]}
                seq = sql.append_event(f"contact.{keyword}", message.id, data)
                notices.add(chan.stream_channel(channel_id), str(seq))
            else:
                sql.add_task(ROUTE_TASK, message.id, {"message_id": message.id})
                notices.add(TASKS_CHANNEL, "")
            if changes:
                sql.update_contact(contact["id"], **changes)
        notices.send(conn)
        return stored

    stored = await runtime.db.transact(write)
    await notices.publish()
    return stored


def _address(provider: ChannelProvider, item: InboundMessage, config: dict[str, Any]) -> str:
    try:
        return provider.normalise_address(item.from_address, config)
    except InvalidAddress:
        return item.from_address.strip()[:320]  # kept as the provider gave it


def _body(item: InboundMessage) -> dict[str, Any]:
    body = dict(item.body)
    if item.reply_to:
        body["reply_to"] = item.reply_to
    if item.thread:
        body["thread"] = dict(item.thread)
    return body


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
    address = _address(chan.provider_of(channel.kind), item, channel.config)
    contact = await contact_for(session, channel, address, item.from_name)
    now = utcnow()
    at = item.received_at or now
    if contact.name is None and item.from_name:
        contact.name = item.from_name[:200]
    if contact.last_inbound_at is None or contact.last_inbound_at < at:
        contact.last_inbound_at = at
    body = _body(item)
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
    await conversation_log.append(session, message, now)
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
    """The ``channel_route`` task: hand one stored message to whoever takes it. The sends
    its routing queues (a flow's first ``send_text``) leave as soon as it commits."""
    await route_many(runtime, [lease])


async def route_many(runtime: Runtime, leases: list[Lease]) -> None:
    """``channel_route`` tasks claimed together, routed in one transaction in the order
    they were queued, as one would be; the sends they queue leave together once it
    commits. At most ``ROUTE_BATCH`` a transaction, so that the database's write lock
    is never held long (an inbound request's store waits for it). If a transaction
    fails, each of its messages is routed in one of its own, so that one that cannot be
    routed fails alone (its task is tried again later)."""
    for start in range(0, len(leases), ROUTE_BATCH):
        await _route_batch(runtime, leases[start : start + ROUTE_BATCH])


async def _route_batch(runtime: Runtime, leases: list[Lease]) -> None:
    try:
        carried = await _route_together(runtime, leases)
    except Exception:
        if len(leases) == 1:
            raise
        log.exception("route_batch_failed", count=len(leases))
        for lease in leases:
            try:
                await route(runtime, lease)
            except Exception:
                log.exception("route_failed", message_id=lease.payload.get("message_id"))
        return
    await deliver_carried(runtime, carried)


async def _route_together(runtime: Runtime, leases: list[Lease]) -> list[Lease]:
    async with runtime.db.session(write=True) as session:
        carried = carry_sends(session)
        if len(leases) > 1:
            await _lock_channels(session, leases)
        for lease in sorted(leases, key=lambda lease: lease.task_id):
            try:
                await queue.finish(session, lease)
            except LeaseLost:
                continue  # taken over by another worker: its routing (nothing was written)
            await _route(session, runtime, lease)
    return carried


async def _lock_channels(session: AsyncSession, leases: list[Lease]) -> None:
    """Lock the channels of a batch's messages in one order (their ids) before routing
    any, so that two batches never wait on each other's channels in a ring."""
    pairs = [(lease.org_id, str(lease.payload.get("message_id"))) for lease in leases]
    stmt = (
        sa.select(ChannelMessage.org_id, ChannelMessage.channel_id)
        .where(sa.tuple_(ChannelMessage.org_id, ChannelMessage.id).in_(pairs))
        .distinct()
    )
    for org_id, channel_id in sorted((await session.execute(stmt)).tuples()):
        await ChannelRepository(session, org_id).lock(channel_id)


async def _route(session: AsyncSession, runtime: Runtime, lease: Lease) -> None:
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
        if wait.match is not None and not await matches(
            session, channel.org_id, wait.run_id, wait.node_id, wait.match, payload
        ):
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
            # Its first nodes (a send_text's queued send) commit with the routing.
            run_now=Executor(runtime, "channel").run_created,
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
