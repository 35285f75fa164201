"""Delivery statuses from the provider (``delivered``, ``read``, ``failed``) applied to the
messages they name.

A status can outrun the send it is about: a provider may call back before the send
task has committed the provider's message id. Such a status is not dropped: it is
kept as a ``channel_status`` task and applied once the message is known (tried again
with backoff, about two minutes in all, then given up: a status of a message sent
outside Flowline never matches).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.channels import context as chan
from flowline.channels.providers.base import StatusUpdate
from flowline.channels.repository import ChannelRepository, MessageRepository
from flowline.db.models import Channel
from flowline.db.types import utcnow
from flowline.engine import queue
from flowline.engine.queue import Lease
from flowline.runtime import Runtime

STATUS_TASK = "channel_status"
LATE_ATTEMPTS = 7
"""1 + 2 + … + 64 s: about two minutes for the send to commit its provider id."""
RANK = {"queued": 0, "sent": 1, "delivered": 2, "read": 3}
"""Delivery statuses only move forward; ``failed`` ends a message not yet delivered."""


async def apply_status(
    session: AsyncSession, runtime: Runtime, channel: Channel, update: StatusUpdate
) -> None:
    """Apply one update in the caller's transaction (the channel is locked by the caller);
    one for a message not known yet is kept for later."""
    if not await _apply_known(session, runtime, channel, update):
        _keep(session, channel, update)
        await queue.announce(runtime.bus, session)


async def _apply_known(
    session: AsyncSession, runtime: Runtime, channel: Channel, update: StatusUpdate
) -> bool:
    """Whether the message is known (applied, or ignored as stale)."""
    messages = MessageRepository(session, channel.org_id)
    message = await messages.by_provider_id(channel.id, update.provider_message_id)
    if message is None:
        return False
    if message.direction != "out" or message.status == "failed":
        return True
    if update.status == "failed":
        if RANK.get(message.status, 9) > RANK["sent"]:
            return True
        message.error = dict(update.error or {"message": "The provider reported a failure."})
    elif RANK.get(update.status, -1) <= RANK.get(message.status, 9):
        return True
    message.status = update.status
    message.status_at = update.at or utcnow()
    await session.flush()
    await chan.record(session, runtime.bus, channel, f"message.{update.status}", message)
    return True


def _keep(session: AsyncSession, channel: Channel, update: StatusUpdate) -> None:
    queue.enqueue(
        session,
        org_id=channel.org_id,
        run_id=None,
        node_id=update.provider_message_id[:64],
        kind=STATUS_TASK,
        payload={
            "channel_id": channel.id,
            "provider_message_id": update.provider_message_id,
            "status": update.status,
            "error": dict(update.error) if update.error is not None else None,
            "at": update.at.isoformat() if update.at is not None else None,
        },
        available_at=utcnow() + timedelta(seconds=1),
    )


async def apply_late(runtime: Runtime, lease: Lease) -> None:
    """The ``channel_status`` task: a kept status, applied once its message is known."""
    data = lease.payload
    update = StatusUpdate(
        provider_message_id=str(data["provider_message_id"]),
        status=data["status"],
        error=data.get("error"),
        at=datetime.fromisoformat(data["at"]) if data.get("at") else None,
    )
    async with runtime.db.session(write=True) as session:
        channel = await ChannelRepository(session, lease.org_id).lock(str(data["channel_id"]))
        known = channel is None or await _apply_known(session, runtime, channel, update)
        if not known and lease.attempt < LATE_ATTEMPTS:
            wait = timedelta(seconds=2**lease.attempt)
            await queue.postpone(session, lease, utcnow() + wait, attempt=lease.attempt + 1)
            return
        await queue.finish(session, lease)
