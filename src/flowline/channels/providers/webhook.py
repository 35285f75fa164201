"""A plain webhook: our messages POSTed as JSON to a URL, people's messages POSTed back.

Both directions are signed ``Flowline-Signature: t=<unix>,v1=<hex HMAC-SHA256 of
"t.body">`` (the callbacks' format, ``flowline.signatures``) with the channel's
``signing_secret``. What we send::

    {"id": "<our message id>", "channel_id", "to", "type", "body", "reply_to", "thread"}

What the other side posts: ``{"from", "text", "id"?, "name"?, "reply_to"?}``;
without an ``id`` the body's hash is the dedupe key, so a retried post is stored once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from flowline.channels.providers.base import (
    ChannelContext,
    Inbound,
    InboundMessage,
    InboundRejected,
    InboundRequest,
    InvalidAddress,
    OutgoingMessage,
    SendResult,
)
from flowline.channels.providers.wire import (
    KindConfig,
    credential,
    invalid,
    json_of,
    secret_for_inbound,
    send_http,
)
from flowline.outbound.client import OutboundRequest, OutboundResponse
from flowline.signatures import HEADER, is_valid, sign_now

MAX_ADDRESS = 256


class WebhookConfig(KindConfig):
    api_base: str = Field(description="The URL our messages are POSTed to.")


class WebhookInbound(BaseModel):
    model_config = ConfigDict(extra="ignore")

    from_: str = Field(alias="from", min_length=1, max_length=MAX_ADDRESS)
    text: str = Field(max_length=64_000)
    id: str | None = Field(default=None, min_length=1, max_length=200)
    name: str | None = Field(default=None, max_length=200)
    reply_to: str | None = Field(default=None, max_length=200)

    @field_validator("from_")
    @classmethod
    def _from(cls, value: str) -> str:
        return value.strip()


def _error(response: OutboundResponse) -> tuple[str, str]:
    answer = json_of(response)
    return str(answer.get("error", "")), str(answer.get("message", ""))


class WebhookProvider:
    kind = "webhook"
    config_model: type[BaseModel] = WebhookConfig
    credential_roles: Mapping[str, bool] = MappingProxyType({"signing_secret": True})
    supports_buttons = False
    session_window_hours: int | None = None

    def normalise_address(self, address: str, config: Mapping[str, Any]) -> str:
        value = address.strip()
        if not 1 <= len(value) <= MAX_ADDRESS:
            raise InvalidAddress(
                f"to: must be 1 to {MAX_ADDRESS} characters.",
                details=[{"field": "to", "problem": f"1 to {MAX_ADDRESS} characters"}],
            )
        return value

    async def send(self, ctx: ChannelContext, message: OutgoingMessage) -> SendResult:
        config = WebhookConfig.model_validate(ctx.config)
        body = orjson.dumps(
            {
                "id": message.message_id,
                "channel_id": ctx.channel_id,
                "to": message.to,
                "type": message.type,
                "body": dict(message.body),
                "reply_to": message.reply_to,
                "thread": dict(message.thread),
            }
        )
        key = credential(ctx, "signing_secret").value
        response = await send_http(
            ctx,
            OutboundRequest(
                "POST",
                config.api_base,
                headers={"Content-Type": "application/json", HEADER: sign_now(key, body)},
                body=body.decode(),
                idempotency_key=message.message_id,
                timeout_seconds=config.timeout_seconds,
            ),
            "The webhook",
            _error,
        )
        answered = json_of(response).get("id")
        return SendResult(provider_message_id=str(answered or message.message_id))

    def verify(self, ctx: ChannelContext, request: InboundRequest) -> None:
        secret = secret_for_inbound(ctx, "signing_secret")
        if not is_valid(secret, request.headers.get("flowline-signature"), request.body):
            raise InboundRejected("Flowline-Signature does not sign this body, or is too old.")

    def parse(self, ctx: ChannelContext, request: InboundRequest) -> Inbound:
        try:
            posted = WebhookInbound.model_validate_json(request.body)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "body"
            raise invalid(where.replace("from_", "from"), first["msg"]) from None
        message = InboundMessage(
            provider_message_id=posted.id or "sha256:" + hashlib.sha256(request.body).hexdigest(),
            from_address=self.normalise_address(posted.from_, ctx.config),
            type="text",
            body={"text": posted.text},
            from_name=posted.name,
            reply_to=posted.reply_to,
        )
        return Inbound(messages=(message,))

    async def test(self, ctx: ChannelContext) -> dict[str, Any]:
        config = WebhookConfig.model_validate(ctx.config)
        if ctx.credentials.get("signing_secret") is None:
            return {"ok": False, "error": "CHANNEL_CREDENTIAL_MISSING", "message": "signing_secret"}
        return {"ok": True, "url": config.api_base}
