"""A channel as its provider sees it, and what every channel path shares: the provider of
its kind, addresses in their canonical form, the channel's events and their stream channel."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.channels.providers import PROVIDERS
from flowline.channels.providers.base import ChannelContext, ChannelProvider, InvalidAddress
from flowline.channels.repository import ChannelRepository
from flowline.channels.schemas import MessageRead
from flowline.db.models import Channel, ChannelMessage
from flowline.errors import FlowlineError, NotFound, ValidationFailed
from flowline.events.bus import Bus
from flowline.outbound.client import Credential
from flowline.runtime import Runtime
from flowline.secrets.service import credential

INBOUND_PATH = "/api/v1/channels/{id}/inbound"


class KindNotAvailable(FlowlineError):
    status = 422
    code = "CHANNEL_KIND_NOT_AVAILABLE"


def channel_not_found(channel_id: str) -> NotFound:
    return NotFound(f"Channel {channel_id} not found.", code="CHANNEL_NOT_FOUND")


def provider_of(kind: str) -> ChannelProvider:
    provider = PROVIDERS.get(kind)
    if provider is None:
        raise KindNotAvailable(
            f"Channels of kind {kind!r} cannot be used on this instance yet.",
            details=[{"field": "kind", "problem": "no provider for this kind is installed"}],
        )
    return provider


def inbound_url(runtime: Runtime, channel_id: str) -> str:
    path = INBOUND_PATH.format(id=channel_id)
    base = runtime.settings.public_url
    return f"{base.rstrip('/')}{path}" if base else path


def normalise(provider: ChannelProvider, config: dict[str, Any], address: str, field: str) -> str:
    """The canonical address, or 422 naming ``field``."""
    try:
        return provider.normalise_address(address, config)
    except InvalidAddress as exc:
        problem = exc.message.removeprefix(f"{field}: ")
        raise ValidationFailed(f"{field}: {problem}", field=field, code="INVALID_ADDRESS") from None


async def context_of(
    session: AsyncSession, runtime: Runtime, channel: Channel, *, url: str | None = None
) -> ChannelContext:
    """The provider's view; the channel's secrets are resolved (and so masked in logs)."""
    credentials: dict[str, Credential] = {}
    for role, name in channel.credentials.items():
        found = await credential(session, channel.org_id, name, runtime.secret_box)
        if found is not None:
            credentials[role] = found
    return ChannelContext(
        channel_id=channel.id,
        org_id=channel.org_id,
        config=dict(channel.config),
        credentials=credentials,
        outbound=runtime.outbound,
        inbound_url=url or inbound_url(runtime, channel.id),
    )


def stream_channel(channel_id: str) -> str:
    """The bus channel announcing new events of one channel."""
    return f"chn:{channel_id}"


def message_data(message: ChannelMessage) -> dict[str, Any]:
    return {"message": MessageRead.model_validate(message).model_dump(mode="json")}


async def record(
    session: AsyncSession,
    bus: Bus,
    channel: Channel,
    type: str,
    message: ChannelMessage | None = None,
    **data: Any,
) -> None:
    """Append one event to the channel's log and wake its streams on commit."""
    payload = {**(message_data(message) if message is not None else {}), **data}
    seq = await ChannelRepository(session, channel.org_id).append_event(
        channel.id, type, message_id=message.id if message is not None else None, data=payload
    )
    await bus.notify_in_transaction(session, stream_channel(channel.id), str(seq))


async def routed(
    session: AsyncSession,
    runtime: Runtime,
    channel: Channel,
    message: ChannelMessage,
    **where: Any,
) -> None:
    """The routing's event: ``to`` (``run``, ``flow``, ``agent`` or ``stored``) and why."""
    await record(session, runtime.bus, channel, "message.routed", message, **where)
