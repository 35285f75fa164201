"""The whatsapp kind against a fake Cloud API: the wire requests, retries, verification, parsing."""

from __future__ import annotations

import io
import logging
from collections.abc import AsyncIterator
from typing import Any

import orjson
import pytest

from flowline.channels.providers.base import (
    ChannelContext,
    InboundRejected,
    InvalidAddress,
    SendFailed,
)
from flowline.channels.providers.whatsapp import WhatsAppProvider
from flowline.errors import ValidationFailed
from flowline.observability.logs import configure_logging
from flowline.outbound.client import OutboundClient
from tests.channels.providers.contexts import INBOUND_URL, context, outgoing, secret
from tests.fakes import channel_inbound as signed
from tests.fakes.provider_api import serve_provider
from tests.fakes.whatsapp_server import FakeWhatsApp

TOKEN = "EAAGm0PX4ZCpsBAcanaryTokenValue123"
APP_SECRET = "app-secret-9f8e7d"
VERIFY_TOKEN = "verify-me-please"
NUMBER_ID = "106540352242922"
PATH = f"/v21.0/{NUMBER_ID}/messages"
provider = WhatsAppProvider()


@pytest.fixture
async def fake() -> AsyncIterator[FakeWhatsApp]:
    api = FakeWhatsApp(TOKEN, NUMBER_ID)
    async with serve_provider(api):
        yield api


def _ctx(outbound: OutboundClient, fake: FakeWhatsApp, token: str = TOKEN) -> ChannelContext:
    return context(
        outbound,
        {"api_base": fake.url, "phone_number_id": NUMBER_ID, "timeout_seconds": 1},
        {
            "access_token": secret("access_token", token, "bearer", ("127.0.0.1",)),
            "app_secret": secret("app_secret", APP_SECRET),
            "verify_token": secret("verify_token", VERIFY_TOKEN),
        },
    )


async def _sent(fake: FakeWhatsApp, outbound: OutboundClient, type_: Any, body: Any) -> Any:
    result = await provider.send(_ctx(outbound, fake), outgoing(type_, body))
    assert result.provider_message_id.startswith("wamid.")
    request = fake.seen(PATH)[-1]
    assert request.method == "POST"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["idempotency-key"] == "msg_0001"
    assert request.headers["content-type"] == "application/json"
    return request.json


async def test_text(fake: FakeWhatsApp, outbound: OutboundClient) -> None:
    assert await _sent(fake, outbound, "text", {"text": "Hello"}) == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "14155550123",
        "type": "text",
        "text": {"preview_url": False, "body": "Hello"},
    }


async def test_template_components_go_as_meta_defines_them(
    fake: FakeWhatsApp, outbound: OutboundClient
) -> None:
    components = [
        {"type": "header", "parameters": [{"type": "image", "image": {"link": "https://x/y.png"}}]},
        {"type": "body", "parameters": [{"type": "text", "text": "Ada"}]},
        {
            "type": "button",
            "sub_type": "quick_reply",
            "index": "0",
            "parameters": [{"type": "payload", "payload": "YES"}],
        },
    ]
    body = {"template": "order_update", "language": "en_GB", "components": components}
    sent = await _sent(fake, outbound, "template", body)
    assert sent["type"] == "template"
    assert sent["template"] == {
        "name": "order_update",
        "language": {"code": "en_GB"},
        "components": components,
    }


@pytest.mark.parametrize("kind", ["image", "document", "video"])
async def test_media_by_link(fake: FakeWhatsApp, outbound: OutboundClient, kind: str) -> None:
    sent = await _sent(
        fake,
        outbound,
        "media",
        {"url": "https://cdn.example.com/f", "caption": "Look", "media_type": kind},
    )
    assert sent["type"] == kind
    assert sent[kind] == {"link": "https://cdn.example.com/f", "caption": "Look"}


async def test_audio_has_no_caption(fake: FakeWhatsApp, outbound: OutboundClient) -> None:
    body = {"url": "https://cdn.example.com/a.ogg", "caption": "x", "media_type": "audio"}
    sent = await _sent(fake, outbound, "media", body)
    assert sent["audio"] == {"link": "https://cdn.example.com/a.ogg"}


async def test_reply_buttons(fake: FakeWhatsApp, outbound: OutboundClient) -> None:
    body = {
        "text": "Approve?",
        "buttons": [{"id": "yes", "title": "Yes"}, {"id": "no", "title": "No"}],
    }
    sent = await _sent(fake, outbound, "interactive", body)
    assert sent["interactive"] == {
        "type": "button",
        "body": {"text": "Approve?"},
        "action": {
            "buttons": [
                {"type": "reply", "reply": {"id": "yes", "title": "Yes"}},
                {"type": "reply", "reply": {"id": "no", "title": "No"}},
            ]
        },
    }


async def test_list(fake: FakeWhatsApp, outbound: OutboundClient) -> None:
    sections = [
        {"title": "Sizes", "rows": [{"id": "s", "title": "Small"}, {"id": "l", "title": "Large"}]}
    ]
    sent = await _sent(
        fake, outbound, "interactive", {"text": "Pick", "button": "Sizes", "sections": sections}
    )
    assert sent["interactive"] == {
        "type": "list",
        "body": {"text": "Pick"},
        "action": {"button": "Sizes", "sections": sections},
    }


async def test_reaction_and_reply_context(fake: FakeWhatsApp, outbound: OutboundClient) -> None:
    sent = await _sent(fake, outbound, "reaction", {"message_id": "wamid.ABC", "emoji": "👍"})
    assert sent["reaction"] == {"message_id": "wamid.ABC", "emoji": "👍"}
    assert "context" not in sent
    await provider.send(
        _ctx(outbound, fake), outgoing("text", {"text": "Re"}, reply_to="wamid.ABC")
    )
    assert fake.seen(PATH)[-1].json["context"] == {"message_id": "wamid.ABC"}


@pytest.mark.parametrize(
    ("buttons", "field"),
    [
        ([{"id": str(i), "title": f"B{i}"} for i in range(4)], "interactive.buttons"),
        ([{"id": "a", "title": "x" * 21}], "interactive.buttons"),
        ([], "interactive.buttons"),
    ],
)
async def test_button_limits_refused_before_sending(
    fake: FakeWhatsApp, outbound: OutboundClient, buttons: list[Any], field: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await provider.send(
            _ctx(outbound, fake), outgoing("interactive", {"text": "?", "buttons": buttons})
        )
    assert caught.value.details == [{"field": field, "problem": caught.value.details[0]["problem"]}]
    assert fake.requests == []


async def test_5xx_then_success_is_retried_with_the_same_key(
    fake: FakeWhatsApp, outbound: OutboundClient
) -> None:
    fake.fail_next(1, 500)
    result = await provider.send(_ctx(outbound, fake), outgoing("text", {"text": "Hi"}))
    assert result.provider_message_id.startswith("wamid.")
    seen = fake.seen(PATH)
    assert len(seen) == 2
    assert [r.headers["idempotency-key"] for r in seen] == ["msg_0001", "msg_0001"]
    assert seen[0].body == seen[1].body


async def test_timeout_then_success_is_retried(
    fake: FakeWhatsApp, outbound: OutboundClient
) -> None:
    fake.hang_next(1, seconds=3)
    result = await provider.send(_ctx(outbound, fake), outgoing("text", {"text": "Hi"}))
    assert result.provider_message_id.startswith("wamid.")
    assert len(fake.seen(PATH)) == 2


async def test_429_waits_what_retry_after_says(
    fake: FakeWhatsApp, outbound: OutboundClient
) -> None:
    fake.fail_next(1, 429, retry_after="1")
    await provider.send(_ctx(outbound, fake), outgoing("text", {"text": "Hi"}))
    first, second = fake.seen(PATH)
    assert (second.at - first.at).total_seconds() >= 1.0


async def test_5xx_every_time_is_a_retryable_failure(
    fake: FakeWhatsApp, outbound: OutboundClient
) -> None:
    fake.fail_next(3, 503)
    with pytest.raises(SendFailed) as caught:
        await provider.send(_ctx(outbound, fake), outgoing("text", {"text": "Hi"}))
    assert caught.value.retryable
    assert caught.value.provider_error["status"] == 503


async def test_refusal_names_graph_error_and_never_the_token(
    fake: FakeWhatsApp, outbound: OutboundClient, caplog: pytest.LogCaptureFixture
) -> None:
    canary = "EAAcanaryTOKEN0000000000000000zz"
    buffer = io.StringIO()
    configure_logging("debug", stream=buffer)
    caplog.set_level(logging.DEBUG)
    try:
        with pytest.raises(SendFailed) as caught:
            await provider.send(_ctx(outbound, fake, canary), outgoing("text", {"text": "Hi"}))
    finally:
        configure_logging("info")
    failure = caught.value
    assert not failure.retryable
    assert failure.provider_error["code"] == "190"
    assert "Invalid OAuth access token" in failure.message
    shown = " ".join(
        [
            str(failure),
            repr(failure),
            orjson.dumps(failure.provider_error).decode(),
            buffer.getvalue(),
            caplog.text,
        ]
    )
    assert canary not in shown
    assert len(fake.requests) == 1  # a 401 is final


async def test_test_reads_the_number(fake: FakeWhatsApp, outbound: OutboundClient) -> None:
    assert await provider.test(_ctx(outbound, fake)) == {
        "ok": True,
        "display_phone_number": "+1 555-010-0199",
        "verified_name": "Flowline Test",
    }
    assert fake.requests[-1].path == f"/v21.0/{NUMBER_ID}"
    bad = await provider.test(_ctx(outbound, fake, "EAAwrong-token-value"))
    assert bad["ok"] is False


async def test_credential_not_bound_to_the_host_is_not_sent(
    fake: FakeWhatsApp, outbound: OutboundClient
) -> None:
    ctx = _ctx(outbound, fake)
    unbound = dict(ctx.credentials)
    unbound["access_token"] = secret("access_token", TOKEN, "bearer", ("graph.facebook.com",))
    ctx = context(outbound, ctx.config, unbound)
    with pytest.raises(Exception, match="not bound to host"):
        await provider.send(ctx, outgoing("text", {"text": "Hi"}))
    assert fake.requests == []


# Inbound

TEXT_WEBHOOK = {
    "object": "whatsapp_business_account",
    "entry": [
        {
            "id": "102290129340398",
            "changes": [
                {
                    "field": "messages",
                    "value": {
                        "messaging_product": "whatsapp",
                        "metadata": {
                            "display_phone_number": "15550783881",
                            "phone_number_id": NUMBER_ID,
                        },
                        "contacts": [
                            {"profile": {"name": "Sheena Nelson"}, "wa_id": "16505551234"}
                        ],
                        "messages": [
                            {
                                "from": "16505551234",
                                "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEw",
                                "timestamp": "1749416383",
                                "type": "text",
                                "text": {"body": "Does it come in another color?"},
                            }
                        ],
                    },
                }
            ],
        }
    ],
}


def _value(**value: Any) -> dict[str, Any]:
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "1", "changes": [{"field": "messages", "value": value}]}],
    }


def test_signed_post_is_verified_and_parsed(outbound: OutboundClient) -> None:
    ctx = _ctx(outbound, FakeWhatsApp(TOKEN))
    request = signed.whatsapp(APP_SECRET, TEXT_WEBHOOK).request(INBOUND_URL)
    provider.verify(ctx, request)
    inbound = provider.parse(ctx, request)
    (message,) = inbound.messages
    assert message.provider_message_id.startswith("wamid.HBgLMTY1")
    assert message.from_address == "+16505551234"
    assert message.from_name == "Sheena Nelson"
    assert message.type == "text"
    assert message.body == {"text": "Does it come in another color?"}
    assert message.received_at is not None
    assert message.received_at.year == 2025
    assert inbound.answer.status == 200


def test_forged_and_altered_posts_are_refused(outbound: OutboundClient) -> None:
    ctx = _ctx(outbound, FakeWhatsApp(TOKEN))
    forged = signed.whatsapp("not-the-app-secret", TEXT_WEBHOOK).request(INBOUND_URL)
    with pytest.raises(InboundRejected):
        provider.verify(ctx, forged)
    good = signed.whatsapp(APP_SECRET, TEXT_WEBHOOK)
    tampered = orjson.dumps(TEXT_WEBHOOK).replace(b"another color", b"free shipping")
    with pytest.raises(InboundRejected):
        provider.verify(ctx, signed.altered(good, tampered).request(INBOUND_URL))
    unsigned = signed.altered(good, good.body)
    unsigned.headers.pop("X-Hub-Signature-256")
    with pytest.raises(InboundRejected):
        provider.verify(ctx, unsigned.request(INBOUND_URL))


def test_verification_echoes_the_challenge_only_with_the_right_token(
    outbound: OutboundClient,
) -> None:
    ctx = _ctx(outbound, FakeWhatsApp(TOKEN))
    request = signed.whatsapp_verification(VERIFY_TOKEN, "1158201444").request(INBOUND_URL)
    provider.verify(ctx, request)
    answer = provider.parse(ctx, request).answer
    assert (answer.status, answer.body, answer.content_type) == (200, b"1158201444", "text/plain")
    wrong = signed.whatsapp_verification("guess", "1158201444").request(INBOUND_URL)
    with pytest.raises(InboundRejected):
        provider.verify(ctx, wrong)
    other_mode = signed.whatsapp_verification(VERIFY_TOKEN)
    other_mode.query["hub.mode"] = "unsubscribe"
    with pytest.raises(InboundRejected):
        provider.verify(ctx, other_mode.request(INBOUND_URL))


def test_replies_media_and_statuses_are_parsed(outbound: OutboundClient) -> None:
    ctx = _ctx(outbound, FakeWhatsApp(TOKEN))
    payload = _value(
        messaging_product="whatsapp",
        contacts=[{"profile": {"name": "Ada"}, "wa_id": "447700900123"}],
        messages=[
            {
                "context": {"from": "15550783881", "id": "wamid.ASKED"},
                "from": "16505551234",
                "id": "wamid.B1",
                "timestamp": "1749416383",
                "type": "interactive",
                "interactive": {
                    "type": "button_reply",
                    "button_reply": {"id": "yes", "title": "Yes"},
                },
            },
            {
                "from": "16505551234",
                "id": "wamid.B2",
                "timestamp": "1749416384",
                "type": "button",
                "button": {"payload": "STOP_PROMOS", "text": "Stop promotions"},
            },
            {
                "from": "16505551234",
                "id": "wamid.L1",
                "timestamp": "1749416385",
                "type": "interactive",
                "interactive": {
                    "type": "list_reply",
                    "list_reply": {"id": "l", "title": "Large", "description": "Big"},
                },
            },
            {
                "from": "16505551234",
                "id": "wamid.I1",
                "timestamp": "1749416386",
                "type": "image",
                "image": {
                    "caption": "the receipt",
                    "mime_type": "image/jpeg",
                    "sha256": "Jc4W4Pr7xJo3gNvfbfvVTdbw1Rc4Ma9XzVdjBvYkm6w=",
                    "id": "1003383421387256",
                },
            },
        ],
        statuses=[
            {
                "id": "wamid.SENT1",
                "status": "delivered",
                "timestamp": "1750263773",
                "recipient_id": "16505551234",
            },
            {
                "id": "wamid.SENT2",
                "status": "failed",
                "timestamp": "1750263774",
                "recipient_id": "16505551234",
                "errors": [
                    {
                        "code": 131047,
                        "title": "Re-engagement message",
                        "message": "Re-engagement message",
                        "error_data": {
                            "details": "Message failed to send because more than 24 hours "
                            "have passed since the customer last replied to this number."
                        },
                        "href": "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
                    }
                ],
            },
        ],
    )
    request = signed.whatsapp(APP_SECRET, payload).request(INBOUND_URL)
    provider.verify(ctx, request)
    inbound = provider.parse(ctx, request)
    button, quick, listed, image = inbound.messages
    assert (button.type, button.body, button.reply_to) == (
        "interactive",
        {"text": "Yes", "button_id": "yes"},
        "wamid.ASKED",
    )
    assert quick.body == {"text": "Stop promotions", "button_id": "STOP_PROMOS"}
    assert listed.body == {"text": "Large", "button_id": "l"}
    assert image.type == "media"
    assert image.body == {
        "media_type": "image",
        "media_id": "1003383421387256",
        "mime_type": "image/jpeg",
        "sha256": "Jc4W4Pr7xJo3gNvfbfvVTdbw1Rc4Ma9XzVdjBvYkm6w=",
        "caption": "the receipt",
    }
    delivered, failed = inbound.statuses
    assert (delivered.provider_message_id, delivered.status, delivered.error) == (
        "wamid.SENT1",
        "delivered",
        None,
    )
    assert failed.status == "failed"
    assert failed.error is not None
    assert failed.error["code"] == 131047
    assert "24 hours" in failed.error["details"]


@pytest.mark.parametrize(
    ("given", "region", "expected"),
    [
        ("+1 (415) 555-0123", None, "+14155550123"),
        ("14155550123", None, "+14155550123"),
        ("(415) 555-0123", "US", "+14155550123"),
        ("0151 23456789", "DE", "+4915123456789"),
    ],
)
def test_addresses_are_e164(given: str, region: str | None, expected: str) -> None:
    assert provider.normalise_address(given, {"default_region": region}) == expected


@pytest.mark.parametrize("given", ["", "hello", "+1 555", "4155550123"])
def test_bad_addresses_are_refused_naming_the_field(given: str) -> None:
    with pytest.raises(InvalidAddress) as caught:
        provider.normalise_address(given, {})
    assert caught.value.details == [{"field": "to", "problem": "not a valid phone number"}]


def test_declares_the_session_window() -> None:
    assert provider.session_window_hours == 24


@pytest.mark.parametrize(
    ("type_", "body", "field"),
    [
        ("text", {}, "text.text"),
        ("template", {"language": "en"}, "template.template"),
        ("media", {"media_type": "image"}, "media.url"),
        ("reaction", {"emoji": "x"}, "reaction.message_id"),
    ],
)
async def test_missing_parts_are_422_naming_them(
    fake: FakeWhatsApp, outbound: OutboundClient, type_: Any, body: Any, field: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await provider.send(_ctx(outbound, fake), outgoing(type_, body))
    assert caught.value.details == [{"field": field, "problem": "is required"}]
    assert fake.requests == []
