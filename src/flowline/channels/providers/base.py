"""What every channel kind is: one ``ChannelProvider`` behind a registry (CHANNELS.md).

A provider knows its provider's wire format and nothing of our database: the
channels service hands it a :class:`ChannelContext` (the channel's config, its
credentials resolved from secrets, the one outbound client) and stores what it
returns. Sends go through ``ctx.outbound`` (SAFETY.md); SMTP is the one kind
that speaks another protocol.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

from pydantic import BaseModel

from flowline.errors import FlowlineError
from flowline.outbound.client import Credential, OutboundClient

MessageType = Literal["text", "template", "media", "interactive", "reaction", "status"]
DeliveryStatus = Literal["queued", "sent", "delivered", "read", "failed"]


class InboundRejected(FlowlineError):
    """An inbound request failed its kind's verification: nothing is stored."""

    status = 401
    code = "INVALID_SIGNATURE"


class InvalidAddress(FlowlineError):
    """An address this kind cannot send to (``field`` names where it came from)."""

    status = 422
    code = "INVALID_ADDRESS"


class SendFailed(FlowlineError):
    """The provider refused or never answered a send; ``retryable`` says whether to try later."""

    status = 502
    code = "SEND_FAILED"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        retryable: bool = False,
        retry_after_seconds: float | None = None,
        provider_error: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message, code=code)
        self.retryable = retryable
        self.retry_after_seconds = retry_after_seconds
        self.provider_error = dict(provider_error or {})
        """The provider's own code and message (never a credential)."""


@dataclass(frozen=True, slots=True)
class ChannelContext:
    """One channel as its provider sees it."""

    channel_id: str
    org_id: str
    config: Mapping[str, Any]
    """The channel's ``config``, validated by the provider's ``config_model``."""
    credentials: Mapping[str, Credential]
    """By role (``access_token``, ``app_secret``, ...): the secrets the channel names."""
    outbound: OutboundClient
    inbound_url: str
    """The public URL of ``channels/{id}/inbound``, as providers are told to call it."""


@dataclass(frozen=True, slots=True)
class Button:
    id: str
    title: str


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """One message to send; ``message_id`` (ours) is the idempotency key."""

    message_id: str
    to: str
    """Already normalised by :meth:`ChannelProvider.normalise_address`."""
    type: MessageType
    body: Mapping[str, Any]
    """``text``: ``{"text"}``; ``template``: ``{"template", "language", "components"}``
    (WhatsApp's components as Meta defines them); ``media``: ``{"url", "caption",
    "media_type"}``; ``interactive``: ``{"text", "buttons": [{"id", "title"}]}``;
    ``reaction``: ``{"message_id", "emoji"}``; email adds ``"subject"``, ``"html"``."""
    reply_to: str | None = None
    """The provider message id this answers (email threading, Slack threads)."""
    thread: Mapping[str, Any] = field(default_factory=dict)
    """Per kind: what keeps a conversation together (email ``references``, Slack ``thread_ts``)."""


@dataclass(frozen=True, slots=True)
class SendResult:
    provider_message_id: str
    status: DeliveryStatus = "sent"


@dataclass(frozen=True, slots=True)
class InboundRequest:
    """An HTTP request to ``channels/{id}/inbound``, exactly as it arrived."""

    method: str
    url: str
    """The full public URL the provider called (Twilio signs it)."""
    headers: Mapping[str, str]
    """Lower-cased names."""
    query: Mapping[str, str]
    body: bytes


@dataclass(frozen=True, slots=True)
class InboundMessage:
    provider_message_id: str
    from_address: str
    type: MessageType
    body: Mapping[str, Any]
    """``text``: ``{"text"}``; ``interactive`` (a button pressed): ``{"text", "button_id"}``."""
    from_name: str | None = None
    received_at: datetime | None = None
    reply_to: str | None = None
    """The provider message id it answers, when the provider says (email ``In-Reply-To``)."""
    thread: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StatusUpdate:
    provider_message_id: str
    status: DeliveryStatus
    error: Mapping[str, Any] | None = None
    at: datetime | None = None


@dataclass(frozen=True, slots=True)
class InboundAnswer:
    """What the inbound route answers the provider (a challenge, TwiML, ``{}``)."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/plain"


@dataclass(frozen=True, slots=True)
class Inbound:
    """What one verified inbound request holds."""

    messages: tuple[InboundMessage, ...] = ()
    statuses: tuple[StatusUpdate, ...] = ()
    answer: InboundAnswer = field(default_factory=InboundAnswer)


class ChannelProvider(Protocol):
    """One channel kind. Implementations are stateless; one instance serves every channel."""

    kind: str
    config_model: type[BaseModel]
    """The kind's ``config`` (``api_base`` included, defaulting to the public endpoint)."""
    credential_roles: Mapping[str, bool]
    """Credential roles the kind uses, each ``True`` when required."""
    supports_buttons: bool
    """Whether answer buttons are native (else: signed links or a reply code)."""
    session_window_hours: int | None
    """Free-form sends only this long after the contact's last inbound (WhatsApp: 24);
    ``None``: no window. Templates are outside it."""

    def normalise_address(self, address: str, config: Mapping[str, Any]) -> str:
        """The canonical ``address`` (E.164, lower-cased email), else :class:`InvalidAddress`."""
        ...

    async def send(self, ctx: ChannelContext, message: OutgoingMessage) -> SendResult:
        """Send one message; a retried call with the same ``message_id`` must not double it."""
        ...

    def verify(self, ctx: ChannelContext, request: InboundRequest) -> None:
        """Raise :class:`InboundRejected` unless the request is the provider's, and fresh."""
        ...

    def parse(self, ctx: ChannelContext, request: InboundRequest) -> Inbound:
        """The messages and statuses of a verified request, and what to answer."""
        ...

    async def test(self, ctx: ChannelContext) -> dict[str, Any]:
        """Check the credentials against the provider (``POST channels/{id}/test``)."""
        ...
