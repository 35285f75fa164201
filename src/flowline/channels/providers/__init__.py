"""Every channel kind that can be used here, by ``kind`` (CHANNELS.md).

Adding a kind is a module in this folder and one line in ``_ALL``. A kind the
channels schema knows but no module provides yet cannot be used (422 at create).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from flowline.channels.providers import sandbox
from flowline.channels.providers.base import ChannelProvider
from flowline.channels.providers.email import EmailProvider
from flowline.channels.providers.slack import SlackProvider
from flowline.channels.providers.sms import SmsProvider
from flowline.channels.providers.telegram import TelegramProvider
from flowline.channels.providers.webhook import WebhookProvider
from flowline.channels.providers.whatsapp import WhatsAppProvider

_ALL: tuple[ChannelProvider, ...] = (
    sandbox.PROVIDER,
    WhatsAppProvider(),
    SmsProvider(),
    EmailProvider(),
    SlackProvider(),
    TelegramProvider(),
    WebhookProvider(),
)

_REGISTRY: dict[str, ChannelProvider] = {provider.kind: provider for provider in _ALL}
PROVIDERS: Mapping[str, ChannelProvider] = MappingProxyType(_REGISTRY)
"""The registered providers, by kind."""


def install(provider: ChannelProvider) -> None:
    """Register one more kind at run time (tests register their own test providers)."""
    _REGISTRY[provider.kind] = provider


def remove(kind: str) -> ChannelProvider | None:
    """Unregister a kind (tests of an instance without it); answers what was removed."""
    return _REGISTRY.pop(kind, None)
