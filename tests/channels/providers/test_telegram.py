"""The telegram kind against a fake Bot API; the bot token in the URL path never shows."""

from __future__ import annotations

import io
import logging
from collections.abc import AsyncIterator

import pytest

from flowline.channels.providers.base import ChannelContext, InboundRejected, SendFailed
from flowline.channels.providers.telegram import TelegramProvider
from flowline.observability.logs import configure_logging
from flowline.outbound.client import OutboundClient, OutboundRefused, OutboundRequest
from tests.channels.providers.contexts import INBOUND_URL, context, outgoing, secret
from tests.fakes import channel_inbound as signed
from tests.fakes.provider_api import serve_provider
from tests.fakes.telegram_server import FakeTelegram

TOKEN = "7000000001:AAHcanaryBotTokenValue-xyz_0123456789"
WEBHOOK_SECRET = "tg-webhook-secret-42"
SEND = f"/bot{TOKEN}/sendMessage"
provider = TelegramProvider()


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    api = FakeTelegram(TOKEN)
    async with serve_provider(api):
        yield api


def _ctx(
    outbound: OutboundClient,
    api_base: str,
    token: str = TOKEN,
    hosts: tuple[str, ...] = ("127.0.0.1",),
) -> ChannelContext:
    return context(
        outbound,
        {"api_base": api_base, "timeout_seconds": 1},
        {
            "bot_token": secret("bot_token", token, "generic", hosts),
            "webhook_secret": secret("webhook_secret", WEBHOOK_SECRET),
        },
    )


async def test_text_with_inline_keyboard_and_reply(
    fake: FakeTelegram, outbound: OutboundClient
) -> None:
    body = {
        "text": "Approve?",
        "buttons": [{"id": "yes", "title": "Yes"}, {"id": "no", "title": "No"}],
    }
    result = await provider.send(
        _ctx(outbound, fake.url),
        outgoing("interactive", body, to="123456789", reply_to="123456789:41"),
    )
    assert result.provider_message_id == "123456789:1"
    (request,) = fake.seen(SEND)
    assert request.headers["idempotency-key"] == "msg_0001"
    assert "authorization" not in request.headers
    assert request.json == {
        "chat_id": 123456789,
        "text": "Approve?",
        "reply_markup": {
            "inline_keyboard": [
                [{"text": "Yes", "callback_data": "yes"}],
                [{"text": "No", "callback_data": "no"}],
            ]
        },
        "reply_parameters": {"message_id": 41},
    }


async def test_plain_text_media_and_reaction(fake: FakeTelegram, outbound: OutboundClient) -> None:
    ctx = _ctx(outbound, fake.url)
    await provider.send(ctx, outgoing("text", {"text": "Hi"}, to="@flowline_news"))
    assert fake.seen(SEND)[-1].json == {"chat_id": "@flowline_news", "text": "Hi"}
    await provider.send(
        ctx, outgoing("media", {"url": "https://x.example/p.png", "caption": "Plot"}, to="-100200")
    )
    assert fake.seen(f"/bot{TOKEN}/sendPhoto")[-1].json == {
        "chat_id": -100200,
        "photo": "https://x.example/p.png",
        "caption": "Plot",
    }
    await provider.send(
        ctx, outgoing("reaction", {"message_id": "-100200:7", "emoji": "👍"}, to="-100200")
    )
    assert fake.seen(f"/bot{TOKEN}/setMessageReaction")[-1].json == {
        "chat_id": -100200,
        "message_id": 7,
        "reaction": [{"type": "emoji", "emoji": "👍"}],
    }


async def test_5xx_then_success_is_retried_with_the_same_key(
    fake: FakeTelegram, outbound: OutboundClient
) -> None:
    fake.fail_next(1, 500)
    await provider.send(_ctx(outbound, fake.url), outgoing("text", {"text": "Hi"}, to="42"))
    first, second = fake.seen(SEND)
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"] == "msg_0001"


async def test_429_waits_what_the_body_says(fake: FakeTelegram, outbound: OutboundClient) -> None:
    fake.fail_next(1, 429, retry_after="1")  # told in the body only, as Telegram does
    await provider.send(_ctx(outbound, fake.url), outgoing("text", {"text": "Hi"}, to="42"))
    first, second = fake.seen(SEND)
    assert (second.at - first.at).total_seconds() >= 1.0


async def test_429_that_lasts_is_retryable_with_the_wait(
    fake: FakeTelegram, outbound: OutboundClient
) -> None:
    fake.fail_next(1, 429, retry_after="120")  # longer than the client waits
    with pytest.raises(SendFailed) as caught:
        await provider.send(_ctx(outbound, fake.url), outgoing("text", {"text": "Hi"}, to="42"))
    assert caught.value.retryable
    assert caught.value.retry_after_seconds == 120
    assert len(fake.requests) == 1


async def test_the_token_never_shows(
    fake: FakeTelegram, outbound: OutboundClient, caplog: pytest.LogCaptureFixture
) -> None:
    canary = "7000000002:AAHcanaryWrongTokenValue-abc_987654"
    buffer = io.StringIO()
    configure_logging("debug", stream=buffer)
    caplog.set_level(logging.DEBUG)
    try:
        with pytest.raises(SendFailed) as caught:
            await provider.send(
                _ctx(outbound, fake.url, canary), outgoing("text", {"text": "Hi"}, to="42")
            )
        fake.fail_next(2, 503)
        with pytest.raises(SendFailed) as retried:
            await provider.send(
                _ctx(outbound, fake.url, canary), outgoing("text", {"text": "Hi"}, to="42")
            )
        response = await outbound.send(
            OutboundRequest(
                "POST",
                f"{fake.url}/bot{{credential}}/getMe",
                path_credential=secret("bot_token", canary, "generic", ("127.0.0.1",)),
            )
        )
    finally:
        configure_logging("info")
    assert fake.requests[0].path == f"/bot{canary}/sendMessage"  # it was sent…
    assert "Unauthorized" in caught.value.message
    assert response.status == 401
    assert response.url == f"{fake.url}/bot***/getMe"
    shown = [
        str(caught.value),
        repr(caught.value),
        str(caught.value.provider_error),
        str(retried.value),
        str(retried.value.provider_error),
        response.url,
        str([a.as_dict() for a in response.attempts]),
        buffer.getvalue(),
        # Ours, not the fake provider's own access log:
        *(r.getMessage() for r in caplog.records if not r.name.startswith("uvicorn")),
    ]
    assert not [text for text in shown if canary in text or canary.split(":")[1] in text]


async def test_the_token_goes_only_where_it_is_bound(
    fake: FakeTelegram, outbound: OutboundClient
) -> None:
    ctx = _ctx(outbound, fake.url, hosts=("api.telegram.org",))
    with pytest.raises(OutboundRefused, match="not bound"):
        await provider.send(ctx, outgoing("text", {"text": "Hi"}, to="42"))
    assert fake.requests == []


async def test_test_calls_get_me(fake: FakeTelegram, outbound: OutboundClient) -> None:
    assert await provider.test(_ctx(outbound, fake.url)) == {
        "ok": True,
        "username": "flowline_test_bot",
        "id": 7000000001,
    }
    assert (await provider.test(_ctx(outbound, fake.url, "1:wrong-token")))["ok"] is False


# Inbound

MESSAGE_UPDATE = {
    "update_id": 10000,
    "message": {
        "message_id": 1365,
        "from": {
            "id": 1111111,
            "is_bot": False,
            "first_name": "Test",
            "last_name": "Lastname",
            "username": "Test",
            "language_code": "en",
        },
        "chat": {
            "id": 1111111,
            "first_name": "Test",
            "last_name": "Lastname",
            "username": "Test",
            "type": "private",
        },
        "date": 1441645532,
        "text": "/start",
    },
}

CALLBACK_UPDATE = {
    "update_id": 10001,
    "callback_query": {
        "id": "4382bfdwdsb323b2d9",
        "from": {"id": 1111111, "is_bot": False, "first_name": "Test", "username": "Test"},
        "message": {
            "message_id": 88,
            "from": {"id": 7000000001, "is_bot": True, "first_name": "Flowline"},
            "chat": {"id": 1111111, "type": "private", "first_name": "Test"},
            "date": 1441645600,
            "text": "Approve?",
        },
        "chat_instance": "-8227430530520345555",
        "data": "yes",
    },
}


def test_updates_are_verified_and_parsed(outbound: OutboundClient) -> None:
    ctx = _ctx(outbound, "https://api.telegram.org")
    request = signed.telegram(WEBHOOK_SECRET, MESSAGE_UPDATE).request(INBOUND_URL)
    provider.verify(ctx, request)
    (message,) = provider.parse(ctx, request).messages
    assert message.provider_message_id == "1111111:1365"
    assert message.from_address == "1111111"
    assert message.from_name == "Test Lastname"
    assert message.body == {"text": "/start"}
    request = signed.telegram(WEBHOOK_SECRET, CALLBACK_UPDATE).request(INBOUND_URL)
    provider.verify(ctx, request)
    (pressed,) = provider.parse(ctx, request).messages
    assert pressed.type == "interactive"
    assert pressed.body == {"text": "yes", "button_id": "yes"}
    assert pressed.reply_to == "1111111:88"
    assert pressed.provider_message_id == "callback:4382bfdwdsb323b2d9"


def test_wrong_or_missing_secret_is_refused(outbound: OutboundClient) -> None:
    ctx = _ctx(outbound, "https://api.telegram.org")
    with pytest.raises(InboundRejected):
        provider.verify(ctx, signed.telegram("guess", MESSAGE_UPDATE).request(INBOUND_URL))
    missing = signed.telegram(WEBHOOK_SECRET, MESSAGE_UPDATE)
    missing.headers.pop("X-Telegram-Bot-Api-Secret-Token")
    with pytest.raises(InboundRejected):
        provider.verify(ctx, missing.request(INBOUND_URL))


def test_edits_are_not_messages(outbound: OutboundClient) -> None:
    ctx = _ctx(outbound, "https://api.telegram.org")
    edited = {"update_id": 10002, "edited_message": MESSAGE_UPDATE["message"]}
    assert (
        provider.parse(ctx, signed.telegram(WEBHOOK_SECRET, edited).request(INBOUND_URL)).messages
        == ()
    )


def test_addresses() -> None:
    assert provider.normalise_address(" -1001234567890 ", {}) == "-1001234567890"
    assert provider.normalise_address("@flowline_news", {}) == "@flowline_news"
    with pytest.raises(Exception, match="not a Telegram chat id"):
        provider.normalise_address("+14155550123", {})
