"""SMS through Twilio's Messages API.

Sends ``POST {api_base}/2010-04-01/Accounts/{account_sid}/Messages.json``,
form-encoded, with basic auth from the ``auth`` credential (kind ``basic``,
value ``account_sid:auth_token``) and ``StatusCallback`` set to the channel's
inbound URL, so delivery reports come back there. Twilio signs what it posts
with ``X-Twilio-Signature``: base64 HMAC-SHA1, keyed by the auth token, of the
full URL followed by every POST parameter, sorted by name, as name + value.
The answer is an empty TwiML ``<Response/>``: nothing is said back on the spot.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import urllib.parse
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel, Field

from flowline.channels.providers.base import (
    ChannelContext,
    DeliveryStatus,
    Inbound,
    InboundAnswer,
    InboundMessage,
    InboundRejected,
    InboundRequest,
    OutgoingMessage,
    SendFailed,
    SendResult,
    StatusUpdate,
)
from flowline.channels.providers.wire import (
    KindConfig,
    credential,
    form,
    invalid,
    json_of,
    phone,
    required,
    same,
    secret_for_inbound,
    send_http,
    sender,
    unsupported,
)
from flowline.outbound.client import OutboundRequest, OutboundResponse

TWIML_EMPTY = b'<?xml version="1.0" encoding="UTF-8"?><Response/>'
_STATUSES: dict[str, DeliveryStatus] = {
    "accepted": "queued",
    "queued": "queued",
    "sending": "queued",
    "sent": "sent",
    "delivered": "delivered",
    "read": "read",
    "undelivered": "failed",
    "failed": "failed",
}


class SmsConfig(KindConfig):
    api_base: str = Field(default="https://api.twilio.com", description="Twilio's API root.")
    account_sid: str = Field(pattern=r"^AC[0-9a-fA-F]{32}$", description="`AC` + 32 hex digits.")
    from_number: str | None = Field(
        default=None, description="The sending number (E.164); or give `messaging_service_sid`."
    )
    messaging_service_sid: str | None = Field(
        default=None, pattern=r"^MG[0-9a-fA-F]{32}$", description="`MG` + 32 hex digits."
    )
    default_region: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{2}$",
        description="ISO country of numbers written without a country code.",
    )


def signature(auth_token: str, url: str, params: list[tuple[str, str]]) -> str:
    """Twilio's ``X-Twilio-Signature`` of a request to ``url`` with these POST parameters."""
    signed = url + "".join(name + value for name, value in sorted(params))
    mac = hmac.new(auth_token.encode(), signed.encode(), hashlib.sha1).digest()
    return base64.b64encode(mac).decode()


def _twilio_error(response: OutboundResponse) -> tuple[str, str]:
    answer = json_of(response)
    return str(answer.get("code", "")), str(answer.get("message", ""))


def _auth_token(value: str) -> str:
    return value.split(":", 1)[1] if ":" in value else value


class SmsProvider:
    kind = "sms"
    config_model: type[BaseModel] = SmsConfig
    credential_roles: Mapping[str, bool] = MappingProxyType({"auth": True})
    supports_buttons = False
    session_window_hours: int | None = None

    def normalise_address(self, address: str, config: Mapping[str, Any]) -> str:
        return phone(address, config.get("default_region"))

    def _account(self, config: SmsConfig) -> str:
        return f"{config.api_base}/2010-04-01/Accounts/{config.account_sid}"

    async def send(self, ctx: ChannelContext, message: OutgoingMessage) -> SendResult:
        config = SmsConfig.model_validate(ctx.config)
        fields: list[tuple[str, str]] = [("To", message.to)]
        if config.messaging_service_sid:
            fields.append(("MessagingServiceSid", config.messaging_service_sid))
        elif config.from_number:
            fields.append(("From", config.from_number))
        else:
            raise invalid("config.from_number", "give from_number or messaging_service_sid")
        if message.type == "text":
            fields.append(("Body", required(message.body, "text", "text")))
        elif message.type == "media":
            if message.body.get("caption"):
                fields.append(("Body", str(message.body["caption"])))
            fields.append(("MediaUrl", required(message.body, "url", "media")))
        else:
            raise unsupported(self.kind, message.type)
        fields.append(("StatusCallback", ctx.inbound_url))
        response = await send_http(
            ctx,
            OutboundRequest(
                "POST",
                f"{self._account(config)}/Messages.json",
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                body=urllib.parse.urlencode(fields),
                credential=credential(ctx, "auth"),
                idempotency_key=message.message_id,
                timeout_seconds=config.timeout_seconds,
            ),
            "Twilio",
            _twilio_error,
        )
        answer = json_of(response)
        if not answer.get("sid"):
            raise SendFailed("Twilio answered without a message sid.", retryable=False)
        # Twilio says "queued" (in its own queue): for us the message has left, it is
        # "sent"; its status callbacks then carry it on to delivered or failed.
        return SendResult(provider_message_id=str(answer["sid"]))

    def verify(self, ctx: ChannelContext, request: InboundRequest) -> None:
        token = _auth_token(secret_for_inbound(ctx, "auth"))
        params = urllib.parse.parse_qsl(request.body.decode("utf-8", "replace"), True)
        given = request.headers.get("x-twilio-signature")
        # Twilio signs the URL it was given: behind a proxy that is the public inbound
        # URL, not the one this process saw.
        urls = [request.url]
        if ctx.inbound_url.startswith(("https://", "http://")):
            query = urllib.parse.urlsplit(request.url).query
            urls.append(ctx.inbound_url + (f"?{query}" if query else ""))
        if not any(same(signature(token, url, params), given) for url in urls):
            raise InboundRejected("X-Twilio-Signature does not sign this request.")

    def parse(self, ctx: ChannelContext, request: InboundRequest) -> Inbound:
        fields = form(request.body)
        answer = InboundAnswer(body=TWIML_EMPTY, content_type="text/xml")
        sid = fields.get("MessageSid") or fields.get("SmsSid") or ""
        if not sid:
            return Inbound(answer=answer)
        if "MessageStatus" in fields:
            status = _STATUSES.get(fields["MessageStatus"])
            if status is None:  # "received", "receiving": our own inbound, nothing to update
                return Inbound(answer=answer)
            error = None
            if status == "failed" or fields.get("ErrorCode"):
                error = {
                    "code": fields.get("ErrorCode"),
                    "message": fields.get("ErrorMessage")
                    or f"Twilio status {fields['MessageStatus']}",
                }
            return Inbound(statuses=(StatusUpdate(sid, status, error),), answer=answer)
        region = ctx.config.get("default_region")
        media = [
            {"url": fields[f"MediaUrl{i}"], "mime_type": fields.get(f"MediaContentType{i}")}
            for i in range(int(fields.get("NumMedia", "0") or 0))
            if f"MediaUrl{i}" in fields
        ]
        body: dict[str, Any] = {"text": fields.get("Body", "")}
        if media:
            body["media"] = media
        message = InboundMessage(
            provider_message_id=sid,
            from_address=sender(fields.get("From", ""), region),
            type="media" if media else "text",
            body=body,
        )
        return Inbound(messages=(message,), answer=answer)

    async def test(self, ctx: ChannelContext) -> dict[str, Any]:
        config = SmsConfig.model_validate(ctx.config)
        try:
            response = await send_http(
                ctx,
                OutboundRequest(
                    "GET",
                    f"{self._account(config)}.json",
                    credential=credential(ctx, "auth"),
                    timeout_seconds=config.timeout_seconds,
                ),
                "Twilio",
                _twilio_error,
            )
        except SendFailed as exc:
            return {"ok": False, "error": exc.error_code, "message": exc.message}
        answer = json_of(response)
        return {"ok": True, "status": answer.get("status"), "name": answer.get("friendly_name")}
