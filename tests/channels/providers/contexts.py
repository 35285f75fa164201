"""A channel as a provider sees it, for provider tests: config, credentials, the real client."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flowline.channels.providers.base import ChannelContext, OutgoingMessage
from flowline.outbound.client import Credential, OutboundClient

CHANNEL_ID = "chn_test0000000000000000000"
INBOUND_URL = f"https://flowline.example.com/api/v1/channels/{CHANNEL_ID}/inbound"


def secret(role: str, value: str, kind: str = "generic", hosts: tuple[str, ...] = ()) -> Credential:
    return Credential(name=f"{role}_secret", kind=kind, value=value, hosts=hosts)


def context(
    outbound: OutboundClient,
    config: Mapping[str, Any],
    credentials: Mapping[str, Credential],
) -> ChannelContext:
    return ChannelContext(
        channel_id=CHANNEL_ID,
        org_id="org_test000000000000000000",
        config=dict(config),
        credentials=dict(credentials),
        outbound=outbound,
        inbound_url=INBOUND_URL,
    )


def outgoing(
    type_: Any,
    body: Mapping[str, Any],
    to: str = "+14155550123",
    message_id: str = "msg_0001",
    **extra: Any,
) -> OutgoingMessage:
    return OutgoingMessage(message_id=message_id, to=to, type=type_, body=body, **extra)
