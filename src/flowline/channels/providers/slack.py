"""Slack through the Web API and the Events API.

Sends ``chat.postMessage`` (and ``reactions.add``) with the bot token as a
Bearer token. Slack answers most refusals with ``200 {"ok": false, "error"}``:
those become :class:`SendFailed`, and ``ratelimited`` a retryable one with
Slack's ``Retry-After``. Inbound requests (Events API JSON, interactivity's
form-encoded ``payload=``) are signed ``X-Slack-Signature: v0=<hex>`` over
``v0:<X-Slack-Request-Timestamp>:<body>`` with the signing secret; Slack's own
``SignatureVerifier`` checks it and refuses timestamps more than five minutes
away, so a replayed request fails even with its signature. Slack's retries
(``X-Slack-Retry-Num``) are verified like any request; dedupe is on the message's
``ts``.
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
    InboundAnswer,
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
    form,
    invalid,
    json_of,
    required,
    secret_for_inbound,
    send_http,
    unsupported,
)
from flowline.outbound.client import OutboundRequest, OutboundResponse
from flowline.outbound.retry import retry_after

_ID = re.compile(r"^[CDGUW][A-Z0-9]{6,}$")
_PASSED_SUBTYPES = frozenset({None, "file_share", "thread_broadcast"})
"""Subtypes that are a person writing; edits, deletions, joins and bots are not."""


class SlackConfig(KindConfig):
    api_base: str = Field(default="https://slack.com/api", description="Slack's Web API root.")


def _slack_error(response: OutboundResponse) -> tuple[str, str]:
    error = str(json_of(response).get("error", ""))
    return error, error


def _timestamp(ts: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(float(ts), UTC)
    except (TypeError, ValueError, OverflowError):
        return None


class SlackProvider:
    kind = "slack"
    config_model: type[BaseModel] = SlackConfig
    credential_roles: Mapping[str, bool] = MappingProxyType(
        {"bot_token": True, "signing_secret": True}
    )
    supports_buttons = True
    session_window_hours: int | None = None

    def normalise_address(self, address: str, config: Mapping[str, Any]) -> str:
        value = address.strip().upper()
        if not _ID.match(value):
            raise InvalidAddress(
                f"to: {address[:64]!r} is not a Slack channel or user id (C…, D…, G…, U…, W…).",
                details=[{"field": "to", "problem": "not a Slack channel or user id"}],
            )
        return value

    async def _call(
        self, ctx: ChannelContext, method: str, payload: Mapping[str, Any], key: str | None
    ) -> Mapping[str, Any]:
        config = SlackConfig.model_validate(ctx.config)
        response = await send_http(
            ctx,
            OutboundRequest(
                "POST",
                f"{config.api_base}/{method}",
                headers={"Content-Type": "application/json; charset=utf-8"},
                json_body=dict(payload),
                credential=credential(ctx, "bot_token"),
                idempotency_key=key,
                timeout_seconds=config.timeout_seconds,
            ),
            "Slack",
            _slack_error,
        )
        answer = json_of(response)
        if answer.get("ok") is True:
            return answer
        error = str(answer.get("error") or "unknown_error")
        limited = error == "ratelimited"
        raise SendFailed(
            f"Slack refused {method}: {error}",
            code="PROVIDER_RATE_LIMITED" if limited else "PROVIDER_REFUSED",
            retryable=limited,
            retry_after_seconds=retry_after(response.headers.get("retry-after")),
            provider_error={"status": response.status, "code": error, "message": error},
        )

    async def send(self, ctx: ChannelContext, message: OutgoingMessage) -> SendResult:
        body = message.body
        if message.type == "reaction":
            await self._call(
                ctx,
                "reactions.add",
                {
                    "channel": message.to,
                    "timestamp": required(body, "message_id", "reaction"),
                    "name": str(body.get("emoji", "")).strip(":"),
                },
                message.message_id,
            )
            return SendResult(provider_message_id=f"reaction:{message.message_id}")
        payload: dict[str, Any] = {"channel": message.to, **_content(message)}
        thread_ts = message.thread.get("thread_ts") or message.reply_to
        if thread_ts:
            payload["thread_ts"] = str(thread_ts)
        answer = await self._call(ctx, "chat.postMessage", payload, message.message_id)
        return SendResult(provider_message_id=str(answer.get("ts", "")))

    def verify(self, ctx: ChannelContext, request: InboundRequest) -> None:
        from slack_sdk.signature import SignatureVerifier  # loaded on first use

        secret = secret_for_inbound(ctx, "signing_secret")
        stamp = request.headers.get("x-slack-request-timestamp", "")
        # The verifier reads the timestamp with int(): anything else would raise, not refuse.
        if not stamp.isdigit() or not SignatureVerifier(secret).is_valid(
            request.body, stamp, request.headers.get("x-slack-signature")
        ):
            raise InboundRejected("X-Slack-Signature does not sign this request, or it is stale.")

    def parse(self, ctx: ChannelContext, request: InboundRequest) -> Inbound:
        if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            raw = form(request.body).get("payload", "")
        else:
            raw = request.body.decode("utf-8", "replace")
        try:
            payload = orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise invalid("body", "not Slack's JSON") from None
        if not isinstance(payload, Mapping):
            raise invalid("body", "not a JSON object")
        kind = payload.get("type")
        if kind == "url_verification":
            challenge = str(payload.get("challenge", ""))
            return Inbound(answer=InboundAnswer(body=challenge.encode()))
        if kind == "event_callback":
            event = payload.get("event") or {}
            message = _event_message(event)
            return Inbound(messages=(message,) if message is not None else ())
        if kind == "block_actions":
            return Inbound(messages=tuple(_actions(payload)))
        return Inbound()

    async def test(self, ctx: ChannelContext) -> dict[str, Any]:
        try:
            answer = await self._call(ctx, "auth.test", {}, None)
        except SendFailed as exc:
            return {"ok": False, "error": exc.error_code, "message": exc.message}
        return {
            "ok": True,
            "team": answer.get("team"),
            "user": answer.get("user"),
            "bot_id": answer.get("bot_id"),
        }


def _content(message: OutgoingMessage) -> dict[str, Any]:
    body = message.body
    if message.type == "text":
        return {"text": required(body, "text", "text")}
    if message.type == "media":
        caption = str(body.get("caption") or "")
        url = required(body, "url", "media")
        block = {"type": "image", "image_url": url, "alt_text": caption or "image"}
        return {"text": caption or url, "blocks": [block]}
    if message.type == "interactive":
        text = str(body.get("text") or "")
        buttons = list(body.get("buttons") or [])
        if not text or not buttons:
            raise invalid("interactive", "needs text and at least one button")
        return {
            "text": text,
            "blocks": [
                {"type": "section", "text": {"type": "mrkdwn", "text": text}},
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "button",
                            "text": {"type": "plain_text", "text": str(b["title"])},
                            "action_id": str(b["id"]),
                            "value": str(b["id"]),
                        }
                        for b in buttons
                    ],
                },
            ],
        }
    raise unsupported("slack", message.type)


def _event_message(event: Mapping[str, Any]) -> InboundMessage | None:
    if event.get("type") != "message" or event.get("bot_id"):
        return None
    if event.get("subtype") not in _PASSED_SUBTYPES or not event.get("user"):
        return None
    ts = str(event.get("ts", ""))
    thread_ts = event.get("thread_ts")
    return InboundMessage(
        provider_message_id=ts,
        from_address=str(event["user"]),
        type="text",
        body={"text": str(event.get("text", ""))},
        received_at=_timestamp(ts),
        reply_to=str(thread_ts) if thread_ts and thread_ts != ts else None,
        thread={"channel": event.get("channel"), "thread_ts": thread_ts or ts},
    )


def _actions(payload: Mapping[str, Any]) -> list[InboundMessage]:
    user = payload.get("user") or {}
    answered = (payload.get("message") or {}).get("ts") or (payload.get("container") or {}).get(
        "message_ts"
    )
    channel = (payload.get("channel") or {}).get("id")
    found: list[InboundMessage] = []
    for action in payload.get("actions") or []:
        if not isinstance(action, Mapping) or not user.get("id"):
            continue
        label = (action.get("text") or {}).get("text", "")
        pressed = f"action:{action.get('action_ts', '')}:{action.get('action_id')}"
        found.append(
            InboundMessage(
                provider_message_id=pressed,
                from_address=str(user["id"]),
                type="interactive",
                body={"text": label, "button_id": action.get("value") or action.get("action_id")},
                from_name=user.get("name") or user.get("username"),
                received_at=_timestamp(action.get("action_ts")),
                reply_to=str(answered) if answered else None,
                thread={"channel": channel, "thread_ts": answered},
            )
        )
    return found
