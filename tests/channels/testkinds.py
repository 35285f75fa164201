"""A test-only channel kind, ``test_http``, speaking to a loopback fake through the one
outbound client, so the channels domain is exercised through its Protocol alone:
signatures, statuses, a 24-hour window, provider failures and retries.

Wire format (the fake's, ours to choose): a send is ``POST {api_base}/messages``
``{"to", "type", "body"}`` with the message id as ``Idempotency-Key``, answered
``{"id": provider_message_id}``. Inbound is JSON ``{"messages": [{"id", "from",
"text", "name"?}], "statuses": [{"id", "status", "error"?}]}`` signed with
``X-Test-Signature: hex HMAC-SHA256(body, app_secret)``.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import orjson
import phonenumbers
from pydantic import BaseModel, ConfigDict

from flowline.channels.providers import install
from flowline.channels.providers.base import (
    ChannelContext,
    Inbound,
    InboundAnswer,
    InboundMessage,
    InboundRejected,
    InboundRequest,
    InvalidAddress,
    OutgoingMessage,
    SendFailed,
    SendResult,
    StatusUpdate,
)
from flowline.outbound.client import OutboundFailed, OutboundRequest
from flowline.outbound.retry import RetryPolicy

KIND = "test_http"


class TestConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    api_base: str


def sign(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class TestHttpProvider:
    kind: str = KIND
    config_model: type[BaseModel] = TestConfig
    credential_roles: Mapping[str, bool] = MappingProxyType({"app_secret": True, "token": False})
    supports_buttons: bool = True
    session_window_hours: int | None = 24

    def normalise_address(self, address: str, config: Mapping[str, Any]) -> str:
        try:
            number = phonenumbers.parse(address.strip(), None)
        except phonenumbers.NumberParseException:
            raise InvalidAddress("is not a phone number in E.164") from None
        if not phonenumbers.is_valid_number(number):
            raise InvalidAddress("is not a phone number in E.164")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    async def send(self, ctx: ChannelContext, message: OutgoingMessage) -> SendResult:
        request = OutboundRequest(
            "POST",
            f"{ctx.config['api_base']}/messages",
            json_body={"to": message.to, "type": message.type, "body": dict(message.body)},
            credential=ctx.credentials.get("token"),
            idempotency_key=message.message_id,
            retry=RetryPolicy(attempts=1),
            timeout_seconds=30,
        )
        try:
            response = await ctx.outbound.send(request)
        except OutboundFailed as exc:
            raise SendFailed(exc.message, code=exc.error_code, retryable=exc.retryable) from None
        if response.status >= 300:
            wait = response.headers.get("retry-after")
            raise SendFailed(
                f"HTTP {response.status}",
                code="PROVIDER_REFUSED",
                retryable=response.status >= 500,
                retry_after_seconds=float(wait) if wait is not None else None,
                provider_error={"status": response.status},
            )
        return SendResult(provider_message_id=str(response.body["id"]))

    def verify(self, ctx: ChannelContext, request: InboundRequest) -> None:
        secret = ctx.credentials["app_secret"].value
        given = request.headers.get("x-test-signature", "")
        if not hmac.compare_digest(sign(secret, request.body), given):
            raise InboundRejected("The X-Test-Signature does not match.")

    def parse(self, ctx: ChannelContext, request: InboundRequest) -> Inbound:
        if request.method == "GET":
            challenge = request.query.get("challenge", "").encode()
            return Inbound(answer=InboundAnswer(200, challenge))
        data = orjson.loads(request.body)
        messages = tuple(
            InboundMessage(
                provider_message_id=m["id"],
                from_address=m["from"],
                type="text",
                body={"text": m["text"]},
                from_name=m.get("name"),
            )
            for m in data.get("messages", [])
        )
        statuses = tuple(
            StatusUpdate(provider_message_id=s["id"], status=s["status"], error=s.get("error"))
            for s in data.get("statuses", [])
        )
        return Inbound(messages, statuses, InboundAnswer(200, b'{"ok":true}', "application/json"))

    async def test(self, ctx: ChannelContext) -> dict[str, Any]:
        return {"ok": "app_secret" in ctx.credentials}


PROVIDER = TestHttpProvider()


def install_test_kinds() -> None:
    install(PROVIDER)
