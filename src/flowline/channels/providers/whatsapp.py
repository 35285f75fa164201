"""WhatsApp Business through Meta's Cloud API.

Sends ``POST {api_base}/{version}/{phone_number_id}/messages`` with the
``access_token`` as a Bearer token. Meta calls the inbound URL with ``GET`` once
to verify it (``hub.verify_token`` must equal the ``verify_token`` credential;
the answer is ``hub.challenge``) and then ``POST``s messages and statuses signed
``X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`` with the app
secret. Numbers are E.164 here and bare digits (``wa_id``) on Meta's side.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

import orjson
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
    invalid,
    json_of,
    phone,
    required,
    same,
    secret_for_inbound,
    send_http,
    unsupported,
)
from flowline.channels.providers.wire import (
    sender as sender_address,
)
from flowline.outbound.client import OutboundRequest, OutboundResponse

MAX_BUTTONS = 3
MAX_BUTTON_TITLE = 20
MAX_LIST_ROWS = 10
MAX_ROW_TITLE = 24
MEDIA_TYPES = ("image", "document", "audio", "video")
_STATUSES: dict[str, DeliveryStatus] = {
    "sent": "sent",
    "delivered": "delivered",
    "read": "read",
    "failed": "failed",
}


class WhatsAppConfig(KindConfig):
    api_base: str = Field(
        default="https://graph.facebook.com", description="Graph API root (http or https)."
    )
    version: str = Field(default="v21.0", pattern=r"^v\d+\.\d+$", description="Graph API version.")
    phone_number_id: str = Field(
        pattern=r"^\d{1,32}$", description="The business phone number's id (digits)."
    )
    default_region: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{2}$",
        description="ISO country of numbers written without a country code.",
    )


def _graph_error(response: OutboundResponse) -> tuple[str, str]:
    error = json_of(response).get("error") or {}
    return str(error.get("code", "")), str(error.get("message", ""))


def _timestamp(value: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (TypeError, ValueError, OverflowError):
        return None


class WhatsAppProvider:
    kind = "whatsapp"
    config_model: type[BaseModel] = WhatsAppConfig
    credential_roles: Mapping[str, bool] = MappingProxyType(
        {
            "access_token": True,
            "app_secret": True,
            "verify_token": True,
        }
    )
    supports_buttons = True
    session_window_hours: int | None = 24

    def normalise_address(self, address: str, config: Mapping[str, Any]) -> str:
        return phone(address, config.get("default_region"))

    def _url(self, config: WhatsAppConfig, leaf: str = "") -> str:
        return f"{config.api_base}/{config.version}/{config.phone_number_id}{leaf}"

    async def send(self, ctx: ChannelContext, message: OutgoingMessage) -> SendResult:
        config = WhatsAppConfig.model_validate(ctx.config)
        payload: dict[str, Any] = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": message.to.removeprefix("+"),
            **self._content(message),
        }
        if message.reply_to and message.type != "reaction":
            payload["context"] = {"message_id": message.reply_to}
        response = await send_http(
            ctx,
            OutboundRequest(
                "POST",
                self._url(config, "/messages"),
                json_body=payload,
                credential=credential(ctx, "access_token"),
                idempotency_key=message.message_id,
                timeout_seconds=config.timeout_seconds,
            ),
            "WhatsApp",
            _graph_error,
        )
        sent = json_of(response).get("messages") or []
        if not sent or not isinstance(sent[0], Mapping) or not sent[0].get("id"):
            raise SendFailed("WhatsApp answered without a message id.", retryable=False)
        return SendResult(provider_message_id=str(sent[0]["id"]))

    def _content(self, message: OutgoingMessage) -> dict[str, Any]:
        body = message.body
        if message.type == "text":
            text = required(body, "text", "text")
            return {"type": "text", "text": {"preview_url": False, "body": text}}
        if message.type == "template":
            template: dict[str, Any] = {
                "name": required(body, "template", "template"),
                "language": {"code": body.get("language") or "en_US"},
            }
            if body.get("components"):
                template["components"] = list(body["components"])
            return {"type": "template", "template": template}
        if message.type == "media":
            kind = body.get("media_type") or "image"
            if kind not in MEDIA_TYPES:
                raise invalid("media.media_type", f"must be one of {', '.join(MEDIA_TYPES)}")
            media: dict[str, Any] = {"link": required(body, "url", "media")}
            if body.get("caption") and kind != "audio":
                media["caption"] = body["caption"]
            if kind == "document" and body.get("filename"):
                media["filename"] = body["filename"]
            return {"type": kind, kind: media}
        if message.type == "interactive":
            return {"type": "interactive", "interactive": _interactive(body)}
        if message.type == "reaction":
            return {
                "type": "reaction",
                "reaction": {
                    "message_id": required(body, "message_id", "reaction"),
                    "emoji": body.get("emoji", ""),
                },
            }
        raise unsupported(self.kind, message.type)

    def verify(self, ctx: ChannelContext, request: InboundRequest) -> None:
        if request.method == "GET":
            expected = secret_for_inbound(ctx, "verify_token")
            if request.query.get("hub.mode") != "subscribe" or not same(
                expected, request.query.get("hub.verify_token")
            ):
                raise InboundRejected("The verification request's verify token does not match.")
            return
        secret = secret_for_inbound(ctx, "app_secret")
        given = request.headers.get("x-hub-signature-256", "")
        mac = hmac.new(secret.encode(), request.body, hashlib.sha256).hexdigest()
        if not given.startswith("sha256=") or not same(mac, given.removeprefix("sha256=")):
            raise InboundRejected("X-Hub-Signature-256 does not sign this body.")

    def parse(self, ctx: ChannelContext, request: InboundRequest) -> Inbound:
        if request.method == "GET":
            challenge = request.query.get("hub.challenge", "")
            return Inbound(answer=InboundAnswer(body=challenge.encode()))
        try:
            payload = orjson.loads(request.body)
        except orjson.JSONDecodeError:
            raise invalid("body", "not JSON") from None
        messages: list[InboundMessage] = []
        statuses: list[StatusUpdate] = []
        for value in _values(payload):
            names = {
                str(c.get("wa_id")): (c.get("profile") or {}).get("name")
                for c in value.get("contacts") or []
                if isinstance(c, Mapping)
            }
            for item in value.get("messages") or []:
                if isinstance(item, Mapping) and item.get("id") and item.get("from"):
                    messages.append(self._message(item, names, ctx.config))
            for item in value.get("statuses") or []:
                if isinstance(item, Mapping) and item.get("status") in _STATUSES:
                    statuses.append(_status(item))
        return Inbound(messages=tuple(messages), statuses=tuple(statuses))

    def _message(
        self, item: Mapping[str, Any], names: Mapping[str, Any], config: Mapping[str, Any]
    ) -> InboundMessage:
        kind = str(item.get("type", "text"))
        message_type: Any = "text"
        body: dict[str, Any]
        if kind == "text":
            body = {"text": (item.get("text") or {}).get("body", "")}
        elif kind == "button":  # a template's quick-reply button
            button = item.get("button") or {}
            body = {"text": button.get("text", ""), "button_id": button.get("payload", "")}
            message_type = "interactive"
        elif kind == "interactive":
            answer = item.get("interactive") or {}
            chosen = answer.get("button_reply") or answer.get("list_reply") or {}
            body = {"text": chosen.get("title", ""), "button_id": chosen.get("id", "")}
            message_type = "interactive"
        elif kind in (*MEDIA_TYPES, "sticker"):
            media = item.get(kind) or {}
            body = {
                "media_type": kind,
                "media_id": media.get("id"),
                "mime_type": media.get("mime_type"),
                "sha256": media.get("sha256"),
                "caption": media.get("caption"),
                "filename": media.get("filename"),
            }
            body = {k: v for k, v in body.items() if v is not None}
            message_type = "media"
        elif kind == "reaction":
            reaction = item.get("reaction") or {}
            body = {"message_id": reaction.get("message_id"), "emoji": reaction.get("emoji", "")}
            message_type = "reaction"
        else:  # location, contacts, unsupported, …: kept, not interpreted
            body = {"text": "", "unsupported": kind}
        who = str(item["from"])
        return InboundMessage(
            provider_message_id=str(item["id"]),
            from_address=sender_address(who, config.get("default_region")),
            type=message_type,
            body=body,
            from_name=names.get(who),
            received_at=_timestamp(item.get("timestamp")),
            reply_to=(item.get("context") or {}).get("id"),
        )

    async def test(self, ctx: ChannelContext) -> dict[str, Any]:
        config = WhatsAppConfig.model_validate(ctx.config)
        try:
            response = await send_http(
                ctx,
                OutboundRequest(
                    "GET",
                    self._url(config),
                    query={"fields": "display_phone_number,verified_name"},
                    credential=credential(ctx, "access_token"),
                    timeout_seconds=config.timeout_seconds,
                ),
                "WhatsApp",
                _graph_error,
            )
        except SendFailed as exc:
            return {"ok": False, "error": exc.error_code, "message": exc.message}
        answer = json_of(response)
        return {
            "ok": True,
            "display_phone_number": answer.get("display_phone_number"),
            "verified_name": answer.get("verified_name"),
        }


def _interactive(body: Mapping[str, Any]) -> dict[str, Any]:
    text = str(body.get("text") or "")
    if not text:
        raise invalid("interactive.text", "is required")
    if body.get("sections"):
        rows = [row for section in body["sections"] for row in section.get("rows", [])]
        if not 1 <= len(rows) <= MAX_LIST_ROWS:
            raise invalid("interactive.sections", f"must hold 1 to {MAX_LIST_ROWS} rows")
        if any(len(str(row.get("title", ""))) > MAX_ROW_TITLE for row in rows):
            raise invalid("interactive.sections", f"row titles are at most {MAX_ROW_TITLE} chars")
        return {
            "type": "list",
            "body": {"text": text},
            "action": {"button": body.get("button") or "Choose", "sections": body["sections"]},
        }
    buttons = list(body.get("buttons") or [])
    if not 1 <= len(buttons) <= MAX_BUTTONS:
        raise invalid("interactive.buttons", f"WhatsApp takes 1 to {MAX_BUTTONS} buttons")
    for button in buttons:
        if not 1 <= len(str(button.get("title", ""))) <= MAX_BUTTON_TITLE:
            raise invalid("interactive.buttons", f"titles are 1 to {MAX_BUTTON_TITLE} chars")
    return {
        "type": "button",
        "body": {"text": text},
        "action": {
            "buttons": [
                {"type": "reply", "reply": {"id": str(b["id"]), "title": str(b["title"])}}
                for b in buttons
            ]
        },
    }


def _values(payload: Any) -> Iterator[Mapping[str, Any]]:
    if not isinstance(payload, Mapping):
        return
    for entry in payload.get("entry") or []:
        for change in (entry or {}).get("changes") or []:
            value = (change or {}).get("value")
            if isinstance(value, Mapping):
                yield value


def _status(item: Mapping[str, Any]) -> StatusUpdate:
    errors = item.get("errors") or []
    error = None
    if errors and isinstance(errors[0], Mapping):
        first = errors[0]
        error = {
            "code": first.get("code"),
            "title": first.get("title"),
            "message": first.get("message") or first.get("title"),
            "details": (first.get("error_data") or {}).get("details"),
        }
    return StatusUpdate(
        provider_message_id=str(item.get("id", "")),
        status=_STATUSES[str(item["status"])],
        error=error,
        at=_timestamp(item.get("timestamp")),
    )
