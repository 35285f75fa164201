"""Telegram through the Bot API.

Sends ``POST {api_base}/bot<token>/sendMessage`` (``sendPhoto`` … for media,
``setMessageReaction``), buttons as ``reply_markup.inline_keyboard``. The bot
token lives in the URL's path, so it travels as the request's
``path_credential``: the outbound client writes it in only for a host the
secret is bound to, and the URL it reports, every error and every recorded
attempt show the path without it. Telegram's updates carry
``X-Telegram-Bot-Api-Secret-Token``, the secret given to ``setWebhook``, which
must equal the channel's ``webhook_secret``.

Telegram's message ids count per chat, so ours are ``<chat id>:<message id>``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

import orjson
from pydantic import BaseModel, Field

from flowline.channels.providers.base import (
    ChannelContext,
    Inbound,
    InboundMessage,
    InboundRejected,
    InboundRequest,
    InvalidAddress,
    OutgoingMessage,
    SendFailed,
    SendResult,
)
from flowline.channels.providers.wire import (
    KindConfig,
    credential,
    invalid,
    json_of,
    required,
    same,
    secret_for_inbound,
    send_http,
    unsupported,
)
from flowline.outbound.client import OutboundRequest, OutboundResponse

_CHAT = re.compile(r"^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$")
_MEDIA = {
    "image": ("sendPhoto", "photo"),
    "document": ("sendDocument", "document"),
    "audio": ("sendAudio", "audio"),
    "video": ("sendVideo", "video"),
}


class TelegramConfig(KindConfig):
    api_base: str = Field(default="https://api.telegram.org", description="Bot API root.")


def _bot_error(response: OutboundResponse) -> tuple[str, str]:
    answer = json_of(response)
    return str(answer.get("error_code", "")), str(answer.get("description", ""))


def _chat_message_id(chat: Any, message_id: Any) -> str:
    return f"{chat}:{message_id}"


def _sender_name(person: Mapping[str, Any]) -> str | None:
    name = " ".join(str(person[k]) for k in ("first_name", "last_name") if person.get(k))
    return name or person.get("username") or None


class TelegramProvider:
    kind = "telegram"
    config_model: type[BaseModel] = TelegramConfig
    credential_roles: Mapping[str, bool] = MappingProxyType(
        {"bot_token": True, "webhook_secret": True}
    )
    supports_buttons = True
    session_window_hours: int | None = None

    def normalise_address(self, address: str, config: Mapping[str, Any]) -> str:
        value = address.strip()
        if not _CHAT.match(value):
            raise InvalidAddress(
                f"to: {address[:64]!r} is not a Telegram chat id or @channel name.",
                details=[{"field": "to", "problem": "not a Telegram chat id"}],
            )
        return value

    async def _call(
        self, ctx: ChannelContext, method: str, payload: Mapping[str, Any], key: str | None
    ) -> Any:
        config = TelegramConfig.model_validate(ctx.config)
        response = await send_http(
            ctx,
            OutboundRequest(
                "POST",
                f"{config.api_base}/bot{{credential}}/{method}",
                json_body=dict(payload),
                path_credential=credential(ctx, "bot_token"),
                idempotency_key=key,
                timeout_seconds=config.timeout_seconds,
                retry_after_of=_retry_after,
            ),
            "Telegram",
            _bot_error,
        )
        answer = json_of(response)
        if answer.get("ok") is not True:
            raise SendFailed(
                f"Telegram refused {method}: {answer.get('description', 'no reason given')}"
            )
        return answer.get("result")

    async def send(self, ctx: ChannelContext, message: OutgoingMessage) -> SendResult:
        body = message.body
        chat: Any = int(message.to) if message.to.lstrip("-").isdigit() else message.to
        method, payload = "sendMessage", {"chat_id": chat}
        if message.type == "text":
            payload["text"] = required(body, "text", "text")
        elif message.type == "interactive":
            buttons = list(body.get("buttons") or [])
            if not body.get("text") or not buttons:
                raise invalid("interactive", "needs text and at least one button")
            payload["text"] = str(body["text"])
            payload["reply_markup"] = {
                "inline_keyboard": [
                    [{"text": str(b["title"]), "callback_data": str(b["id"])[:64]}] for b in buttons
                ]
            }
        elif message.type == "media":
            kind = body.get("media_type") or "image"
            if kind not in _MEDIA:
                raise invalid("media.media_type", f"must be one of {', '.join(_MEDIA)}")
            method, field = _MEDIA[kind]
            payload[field] = required(body, "url", "media")
            if body.get("caption"):
                payload["caption"] = body["caption"]
        elif message.type == "reaction":
            await self._call(
                ctx,
                "setMessageReaction",
                {
                    "chat_id": chat,
                    "message_id": _own_id(required(body, "message_id", "reaction")),
                    "reaction": [{"type": "emoji", "emoji": body.get("emoji", "")}],
                },
                message.message_id,
            )
            return SendResult(provider_message_id=f"reaction:{message.message_id}")
        else:
            raise unsupported(self.kind, message.type)
        if message.reply_to:
            payload["reply_parameters"] = {"message_id": _own_id(message.reply_to)}
        result = await self._call(ctx, method, payload, message.message_id)
        if not isinstance(result, Mapping) or "message_id" not in result:
            raise SendFailed("Telegram answered without a message id.")
        return SendResult(
            provider_message_id=_chat_message_id(
                (result.get("chat") or {}).get("id", chat), result["message_id"]
            )
        )

    def verify(self, ctx: ChannelContext, request: InboundRequest) -> None:
        expected = secret_for_inbound(ctx, "webhook_secret")
        if not same(expected, request.headers.get("x-telegram-bot-api-secret-token")):
            raise InboundRejected("X-Telegram-Bot-Api-Secret-Token does not match.")

    def parse(self, ctx: ChannelContext, request: InboundRequest) -> Inbound:
        try:
            update = orjson.loads(request.body)
        except orjson.JSONDecodeError:
            raise invalid("body", "not JSON") from None
        if not isinstance(update, Mapping):
            raise invalid("body", "not a JSON object")
        message = update.get("message")
        if isinstance(message, Mapping) and message.get("chat"):
            return Inbound(messages=(_message(message),))
        query = update.get("callback_query")
        if isinstance(query, Mapping) and query.get("id"):
            return Inbound(messages=(_callback(query),))
        return Inbound()  # edits, channel posts, joins: nothing to route

    async def test(self, ctx: ChannelContext) -> dict[str, Any]:
        try:
            me = await self._call(ctx, "getMe", {}, None)
        except SendFailed as exc:
            return {"ok": False, "error": exc.error_code, "message": exc.message}
        me = me if isinstance(me, Mapping) else {}
        return {"ok": True, "username": me.get("username"), "id": me.get("id")}


def _own_id(provider_message_id: str) -> int:
    tail = provider_message_id.rsplit(":", 1)[-1]
    if not tail.isdigit():
        raise invalid("reply_to", "not a Telegram message id")
    return int(tail)


def _retry_after(response: OutboundResponse) -> float | None:
    """Telegram's wait after a ``429``, which it gives in the body, not in a header."""
    asked = (json_of(response).get("parameters") or {}).get("retry_after")
    return float(asked) if isinstance(asked, int | float) else None


def _message(message: Mapping[str, Any]) -> InboundMessage:
    chat = message["chat"]
    person = message.get("from") or {}
    body: dict[str, Any]
    if message.get("photo") or message.get("document"):
        files = message.get("photo") or [message.get("document")]
        body = {
            "media_type": "image" if message.get("photo") else "document",
            "media_id": (files[-1] or {}).get("file_id"),
            "caption": message.get("caption"),
        }
        kind: Any = "media"
    else:
        body, kind = {"text": str(message.get("text", ""))}, "text"
    answered = message.get("reply_to_message") or {}
    return InboundMessage(
        provider_message_id=_chat_message_id(chat.get("id"), message.get("message_id")),
        from_address=str(chat.get("id")),
        type=kind,
        body=body,
        from_name=_sender_name(person),
        received_at=_date(message.get("date")),
        reply_to=(
            _chat_message_id(chat.get("id"), answered["message_id"])
            if answered.get("message_id")
            else None
        ),
    )


def _callback(query: Mapping[str, Any]) -> InboundMessage:
    person = query.get("from") or {}
    message = query.get("message") or {}
    chat = (message.get("chat") or {}).get("id", person.get("id"))
    data = str(query.get("data", ""))
    return InboundMessage(
        provider_message_id=f"callback:{query['id']}",
        from_address=str(chat),
        type="interactive",
        body={"text": data, "button_id": data},
        from_name=_sender_name(person),
        reply_to=(
            _chat_message_id(chat, message["message_id"]) if message.get("message_id") else None
        ),
    )


def _date(value: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (TypeError, ValueError, OverflowError):
        return None
