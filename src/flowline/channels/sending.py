"""Sending: the one way a message leaves, from the API and from flow nodes alike.

:func:`send` checks the rules (CHANNELS.md: address, country allow-list, opt-out,
WhatsApp's 24-hour window, the contact's hourly cap, the channel's rate) and, only
when all pass, stores the message ``queued`` and queues a ``channel_send`` task in
the caller's transaction. The caller answers 202; nothing is sent before that
commit. :func:`deliver` (the task) makes the provider call outside any
transaction, with the message id as the idempotency key, then commits the result.
A worker killed between the two leaves the task leased; once the lease runs out
the message is sent again with the same key, never as a second message. A
provider's temporary failure (5xx, 429, network) is tried again with backoff.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

import phonenumbers
import sqlalchemy as sa
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.channels import context as chan
from flowline.channels import conversation_log
from flowline.channels.providers import PROVIDERS
from flowline.channels.providers.base import (
    ChannelProvider,
    MessageType,
    OutgoingMessage,
    SendFailed,
    SendResult,
)
from flowline.channels.repository import (
    ChannelRepository,
    ContactRepository,
    MessageRepository,
    send_rows,
)
from flowline.channels.schemas import Limits
from flowline.db.models import Channel, ChannelMessage, Contact
from flowline.db.types import utcnow
from flowline.engine import queue
from flowline.engine.heartbeat import leased as _heartbeat
from flowline.engine.queue import Lease, LeaseLost
from flowline.engine.signals import resume_step
from flowline.errors import Conflict, FlowlineError, RateLimited, ValidationFailed
from flowline.ids import new_id
from flowline.ratelimit import retry_after_header
from flowline.runtime import Runtime
from flowline.secrets.repository import secrets_named

log = structlog.get_logger("flowline.channels")

SEND_TASK = "channel_send"
MAX_SEND_ATTEMPTS = 8
FIRST_RETRY_SECONDS = 2.0
MAX_RETRY_SECONDS = 600.0
Attempted = tuple[str, SendResult | SendFailed] | None
"""A send's provider call: ``(channel_id, result)``, or ``None`` (nothing to send)."""
SETTLE_BATCH = 16
"""Sends' results settled in one transaction at most (``deliver_many``)."""


@dataclass(frozen=True, slots=True)
class Outgoing:
    """What to send, before the channel's rules have seen it."""

    to: str
    type: MessageType
    body: dict[str, Any]
    reply_to: str | None = None
    """A message of ours (``msg_...``) on the same channel and contact this answers."""


class ChannelRateLimited(RateLimited):
    """The channel's own send rate (or a contact's cap) is used up; ``wait`` seconds."""

    def __init__(self, message: str, wait: float, *, code: str, field: str) -> None:
        super().__init__(
            message,
            code=code,
            details=[{"field": field, "problem": message}],
            headers={"Retry-After": retry_after_header(wait)},
        )
        self.wait = wait


class ContactOptedOut(Conflict):
    code = "CONTACT_OPTED_OUT"


class OutsideSessionWindow(ValidationFailed):
    code = "OUTSIDE_SESSION_WINDOW"


def _check_country(limits: Limits, address: str) -> None:
    if limits.allowed_countries is None:
        return
    region = None
    if address.startswith("+"):
        with contextlib.suppress(phonenumbers.NumberParseException):
            region = phonenumbers.region_code_for_number(phonenumbers.parse(address))
    if region not in limits.allowed_countries:
        raise ValidationFailed(
            f"to: {region or 'this address'} is not in the channel's allowed_countries "
            f"({', '.join(limits.allowed_countries)}).",
            code="COUNTRY_NOT_ALLOWED",
            details=[{"field": "to", "problem": "country not in limits.allowed_countries"}],
        )


def _check_window(
    provider: ChannelProvider, contact: Contact | None, type: str, now: datetime
) -> None:
    hours = getattr(provider, "session_window_hours", None)
    if not hours or type == "template":
        return
    last = contact.last_inbound_at if contact is not None else None
    if last is None or now - last > timedelta(hours=hours):
        raise OutsideSessionWindow(
            f"The contact last wrote more than {hours} hours ago (or never): outside that "
            "window only templates may be sent (POST channels/{id}/templates/send).",
            details=[{"field": "to", "problem": f"outside the {hours}-hour session window"}],
        )


async def _check_cap(
    session: AsyncSession, org_id: str, limits: Limits, contact: Contact | None, now: datetime
) -> None:
    cap = limits.max_per_contact_per_hour
    if cap is None or contact is None:
        return
    sent = await ContactRepository(session, org_id).sent_since(contact.id, now - timedelta(hours=1))
    if sent >= cap:
        raise ChannelRateLimited(
            f"The contact has had {sent} messages in the last hour; the cap is {cap}.",
            3600.0,
            code="CONTACT_HOURLY_CAP",
            field="limits.max_per_contact_per_hour",
        )


async def _take_slot(
    session: AsyncSession, channel: Channel, limits: Limits, now: datetime
) -> None:
    """GCRA on ``channels.send_tat``: the row is locked, so the rate holds across processes."""
    interval = timedelta(seconds=1.0 / limits.messages_per_second)
    tolerance = interval * (limits.burst - 1)
    tat = max(channel.send_tat or now, now)
    if tat - now > tolerance:
        wait = (tat - tolerance - now).total_seconds()
        raise ChannelRateLimited(
            f"The channel sends at most {limits.messages_per_second:g} messages a second; "
            f"try again in {wait:.2f} s.",
            wait,
            code="CHANNEL_RATE_LIMITED",
            field="limits.messages_per_second",
        )
    await ChannelRepository(session, channel.org_id).set_send_tat(channel.id, tat + interval)


async def send(
    session: AsyncSession,
    runtime: Runtime,
    org_id: str,
    channel_id: str,
    outgoing: Outgoing,
    *,
    run_id: str | None = None,
    step_id: str | None = None,
    answer: str | None = None,
) -> ChannelMessage:
    """Accept one message for sending, in the caller's transaction (the caller commits).

    Every rule is checked before anything is written, so a refusal changes nothing:
    404 ``CHANNEL_NOT_FOUND``, 409 ``CHANNEL_DISABLED``, 422 ``INVALID_ADDRESS`` /
    ``COUNTRY_NOT_ALLOWED`` / ``OUTSIDE_SESSION_WINDOW``, 409 ``CONTACT_OPTED_OUT``,
    429 ``CONTACT_HOURLY_CAP`` / ``CHANNEL_RATE_LIMITED``. With ``run_id`` and
    ``step_id`` (a ``send_*`` node), that step is resumed when the send ends. The message
    is written into the contact's conversation, unless it sends ``answer``, an agent
    turn's answer already there (``conversation_log``).
    """
    now = utcnow()
    channel, contact, address, body = await _checked(session, org_id, channel_id, outgoing, now)
    if contact is None:
        contact = await contact_for(session, channel, address)
    message = ChannelMessage(
        id=new_id("msg"),
        org_id=org_id,
        channel_id=channel.id,
        contact_id=contact.id,
        direction="out",
        type=outgoing.type,
        body=body,
        status="queued",
        run_id=run_id,
        step_id=step_id,
        conversation_id=contact.conversation_id,
        created_at=now,
        status_at=now,
    )
    session.add(message)
    if answer is None:
        await conversation_log.append(session, message, now)
    else:
        await conversation_log.link_answer(session, message, answer)
    await chan.record(session, runtime.bus, channel, "message.queued", message)
    await _queue_send(session, runtime, message)
    return message


async def _checked(
    session: AsyncSession, org_id: str, channel_id: str, outgoing: Outgoing, now: datetime
) -> tuple[Channel, Contact | None, str, dict[str, Any]]:
    """The channel (locked), the contact if known, the normalised address and the body to
    send, once every rule passed; the channel's send slot is taken last."""
    channel = await ChannelRepository(session, org_id).lock(channel_id)
    if channel is None:
        raise chan.channel_not_found(channel_id)
    if channel.status != "active":
        raise Conflict(f"Channel {channel_id} is disabled.", code="CHANNEL_DISABLED")
    provider = chan.provider_of(channel.kind)
    address = chan.normalise(provider, channel.config, outgoing.to, "to")
    limits = Limits.model_validate(channel.limits)
    _check_country(limits, address)
    contact = await ContactRepository(session, org_id).by_address(channel.id, address)
    if contact is not None and contact.opted_out_at is not None:
        raise ContactOptedOut(
            f"The contact {contact.id} opted out; it must send START (or be opted back in).",
            details=[{"field": "to", "problem": "the contact opted out"}],
        )
    _check_window(provider, contact, outgoing.type, now)
    body = outgoing.body
    if outgoing.reply_to is not None:
        body = await _threaded(session, org_id, channel, contact, outgoing)
    await _check_cap(session, org_id, limits, contact, now)
    await _take_slot(session, channel, limits, now)
    return channel, contact, address, body


async def _queue_send(session: AsyncSession, runtime: Runtime, message: ChannelMessage) -> None:
    """The message's ``channel_send`` task: announced to the workers, or carried by the
    transaction's owner, which delivers it once it commits (``carry_sends``)."""
    carried: list[Lease] | None = session.info.get(_CARRIED)
    task: dict[str, Any] = {
        "org_id": message.org_id,
        "run_id": None,
        "node_id": message.id,
        "kind": SEND_TASK,
        "payload": {"message_id": message.id},
    }
    if carried is None:
        queue.enqueue(session, **task)
        await queue.announce(runtime.bus, session)
        return
    lease_seconds = runtime.settings.lease_seconds
    lease = await queue.add_leased(
        session, **task, attempt=1, owner=CARRIER, lease_seconds=lease_seconds
    )
    carried.append(lease)


_CARRIED = "flowline_carried_sends"
CARRIER = "channel-carrier"
"""``lease_owner`` of a send task leased to the transaction that queued it."""


def carry_sends(session: AsyncSession) -> list[Lease]:
    """From here on in ``session``'s transaction (a message's routing), the sends it
    queues are written already leased to this process (``queue.add_leased``, as the
    executor carries a run's next effect); the caller hands the leases this answers to
    :func:`deliver_carried` once the transaction commits, so each is sent with no
    worker's wake-up or claim in between.

    They are the same ``channel_send`` tasks under the same lease: if this process dies
    before it sends them, the lease runs out and a worker does (one provider request per
    message, its id the idempotency key). A transaction (or savepoint) that rolls back
    leaves nothing to send: the message is not found queued and its lease is void."""
    carried: list[Lease] = []
    session.info[_CARRIED] = carried
    return carried


async def deliver_carried(runtime: Runtime, carried: list[Lease]) -> None:
    """Deliver the sends :func:`carry_sends` kept, after their transaction committed."""
    if not carried:
        return
    try:
        await deliver_many(runtime, carried)
    except Exception:
        # Left leased: a worker sends them once the lease runs out, as after a crash.
        log.exception("carried_send_failed", message_ids=[lease.node_id for lease in carried])


async def _threaded(
    session: AsyncSession,
    org_id: str,
    channel: Channel,
    contact: Contact | None,
    outgoing: Outgoing,
) -> dict[str, Any]:
    """The body with ``reply_to`` (ours), and an email's subject as ``Re:`` the answered one's.

    The provider's own ids (``In-Reply-To``/``References``, ``thread_ts``,
    ``context.message_id``) are read from the answered message when it is sent.
    """
    answered = await MessageRepository(session, org_id).get(str(outgoing.reply_to))
    if answered is None or answered.channel_id != channel.id:
        raise ValidationFailed(
            f"reply_to: no message {outgoing.reply_to} on channel {channel.id}.", field="reply_to"
        )
    if contact is None or answered.contact_id != contact.id:
        raise ValidationFailed(
            "reply_to: the message answered is another contact's.", field="reply_to"
        )
    body = {**outgoing.body, "reply_to": answered.id}
    subject = str(answered.body.get("subject") or "")
    if channel.kind == "email" and subject and "subject" not in body:
        body["subject"] = subject if subject.lower().startswith("re:") else f"Re: {subject}"
    return body


async def contact_for(
    session: AsyncSession, channel: Channel, address: str, name: str | None = None
) -> Contact:
    """The channel's contact at ``address`` (normalised), made with its conversation if new."""
    contacts = ContactRepository(session, channel.org_id)
    found = await contacts.by_address(channel.id, address)
    if found is not None:
        return found
    now = utcnow()
    return await contacts.add_with_conversation(
        Contact(
            id=new_id("ctc"),
            channel_id=channel.id,
            address=address,
            name=name,
            meta={},
            conversation_id=new_id("conv"),
            version=1,
            created_at=now,
            updated_at=now,
        )
    )


async def text_to(
    session: AsyncSession,
    runtime: Runtime,
    contact: Contact,
    text: str,
    *,
    run_id: str | None = None,
    reply_to: str | None = None,
    answer: str | None = None,
) -> ChannelMessage:
    """Send ``text`` to the contact through the one durable send, in a savepoint of the
    caller's transaction (a refusal leaves the rest of it standing). ``answer``: the
    conversation message (a turn's answer) the text is, written already."""
    async with session.begin_nested():
        return await send(
            session,
            runtime,
            contact.org_id,
            contact.channel_id,
            Outgoing(contact.address, "text", {"text": text}, reply_to),
            run_id=run_id,
            answer=answer,
        )


# ------------------------------------------------------------------ the task


def _as_failure(exc: FlowlineError) -> SendFailed:
    if isinstance(exc, SendFailed):
        return exc
    retryable = bool(getattr(exc, "retryable", exc.status >= 500 or exc.status == 429))
    return SendFailed(exc.message, code=exc.error_code, retryable=retryable)


async def _attempt(runtime: Runtime, lease: Lease) -> Attempted:
    """The provider call for the task's message: ``(channel_id, result)``, or ``None``
    when there is nothing (more) to send."""
    message_id = str(lease.payload.get("message_id"))
    found = await _read_send(runtime, lease.org_id, message_id)
    if found is None:
        return None
    row, answered, secrets = found
    channel_id = row["channel_id"]
    provider = PROVIDERS.get(row["kind"])
    if provider is None or row["channel_status"] != "active":
        why = "is disabled" if provider is not None else f"kind {row['kind']!r} is not installed"
        return channel_id, SendFailed(f"The channel {why}.", code="CHANNEL_UNAVAILABLE")
    channel = {"id": channel_id, "org_id": lease.org_id, **row}
    ctx = chan.inbound_context(runtime, channel, secrets, chan.inbound_url(runtime, channel_id))
    try:
        async with _heartbeat(runtime, lease):
            return channel_id, await provider.send(ctx, _outgoing(message_id, row, answered))
    except FlowlineError as exc:
        return channel_id, _as_failure(exc)


async def _read_send(runtime: Runtime, org_id: str, message_id: str) -> tuple[Any, ...] | None:
    """A queued message's row, the row of the message it answers (or ``None``) and its
    channel's secrets, read in two statements (three for an answer) outside any
    transaction (``Database.read``); ``None`` if it is not queued (sent already)."""

    def read(conn: sa.Connection) -> tuple[Any, ...] | None:
        rows = send_rows(conn, org_id, message_id)
        if rows is None or rows[0]["status"] != "queued":
            return None
        names = rows[0]["credentials"].values()
        return *rows, secrets_named(conn, org_id, names) if names else []

    return await runtime.db.read(read)


def _outgoing(
    message_id: str, row: dict[str, Any], answered: dict[str, Any] | None
) -> OutgoingMessage:
    body = dict(row["body"])
    body.pop("reply_to", None)
    return OutgoingMessage(
        message_id=message_id,
        to=row["address"],
        type=cast(MessageType, row["type"]),
        body=body,
        reply_to=answered["provider_message_id"] if answered is not None else None,
        thread=dict((answered["body"].get("thread") or {}) if answered is not None else {}),
    )


async def deliver(runtime: Runtime, lease: Lease) -> None:
    """The ``channel_send`` task: one provider call, then its result in one commit."""
    await deliver_many(runtime, [lease])


async def deliver_many(runtime: Runtime, leases: list[Lease]) -> None:
    """``channel_send`` tasks claimed (or carried) together: their provider calls at once,
    then their results in one transaction (``SETTLE_BATCH`` at most, so that the write
    lock is never held long); if that fails, each result in one of its own
    (never a second provider call for it). A call that failed unexpectedly leaves its
    task leased, to be sent again (same key) once the lease runs out."""
    attempts = await asyncio.gather(
        *(_attempt(runtime, lease) for lease in leases), return_exceptions=True
    )
    done: list[tuple[Lease, Attempted]] = []
    for lease, attempted in zip(leases, attempts, strict=True):
        if isinstance(attempted, BaseException):
            if not isinstance(attempted, LeaseLost | asyncio.CancelledError):
                log.error("send_attempt_failed", message_id=lease.node_id, exc_info=attempted)
            continue
        done.append((lease, attempted))
    # One channel's rows are locked one after the other: in channel order, so two
    # transactions settling sends on the same channels never wait on each other in a ring.
    done.sort(key=lambda pair: (pair[1][0] if pair[1] is not None else "", pair[0].task_id))
    for start in range(0, len(done), SETTLE_BATCH):
        await _settle_batch(runtime, done[start : start + SETTLE_BATCH])


async def _settle_batch(runtime: Runtime, done: list[tuple[Lease, Attempted]]) -> None:
    try:
        async with runtime.db.session(write=True) as tx:
            for lease, attempted in done:
                await _settle_attempt(tx, runtime, lease, attempted)
    except Exception:
        if len(done) <= 1:
            raise
        log.exception("send_batch_settle_failed", count=len(done))
        for lease, attempted in done:
            try:
                async with runtime.db.session(write=True) as tx:
                    await _settle_attempt(tx, runtime, lease, attempted)
            except Exception:
                log.exception("send_settle_failed", message_id=lease.node_id)


async def _settle_attempt(
    tx: AsyncSession,
    runtime: Runtime,
    lease: Lease,
    attempted: Attempted,
) -> None:
    """One attempt's end, in the caller's transaction: its task finished (or postponed for
    a retry) under its lease, the message settled. A lost lease writes nothing."""
    try:
        if attempted is not None and _retrying(attempted[1], lease):
            await _postpone(tx, lease, attempted[1])
            return
        await queue.finish(tx, lease)
    except LeaseLost:
        return  # taken over by another worker, whose result it is
    if attempted is None:
        return
    channel_id, result = attempted
    channel = await ChannelRepository(tx, lease.org_id).lock(channel_id)
    message = await MessageRepository(tx, lease.org_id).get(str(lease.payload["message_id"]))
    if channel is None or message is None or message.status != "queued":
        return
    await settle(tx, runtime, channel, message, result)


def _retrying(result: SendResult | SendFailed, lease: Lease) -> bool:
    return isinstance(result, SendFailed) and result.retryable and lease.attempt < MAX_SEND_ATTEMPTS


async def _postpone(tx: AsyncSession, lease: Lease, result: SendResult | SendFailed) -> None:
    assert isinstance(result, SendFailed)
    wait = result.retry_after_seconds
    if wait is None:
        wait = min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** (lease.attempt - 1))
    await queue.postpone(tx, lease, utcnow() + timedelta(seconds=wait), attempt=lease.attempt + 1)
    log.info("send_retry", message_id=lease.node_id, attempt=lease.attempt, code=result.error_code)


async def settle(
    session: AsyncSession,
    runtime: Runtime,
    channel: Channel,
    message: ChannelMessage,
    result: SendResult | SendFailed,
) -> None:
    """Write a send's end on the message, its event, and the waiting node's answer."""
    message.status_at = utcnow()
    data: dict[str, Any]
    if isinstance(result, SendResult):
        message.status = result.status
        message.provider_message_id = result.provider_message_id
        message.error = None
        await session.flush()
        await chan.record(session, runtime.bus, channel, f"message.{message.status}", message)
        data = {
            "outcome": "next",
            "output": {
                "message_id": message.id,
                "status": message.status,
                "provider_message_id": message.provider_message_id,
                "contact_id": message.contact_id,
            },
        }
    else:
        message.status = "failed"
        message.error = {"code": result.error_code, "message": result.message}
        if result.provider_error:
            message.error["provider"] = result.provider_error
        await session.flush()
        await chan.record(session, runtime.bus, channel, "message.failed", message)
        data = {"error": {**message.error, "message_id": message.id}}
    if message.run_id is not None and message.step_id is not None:
        await resume_step(
            session,
            runtime.bus,
            org_id=message.org_id,
            run_id=message.run_id,
            step_id=message.step_id,
            node_id=await MessageRepository(session, message.org_id).node_of_step(message.step_id),
            data=data,
        )
