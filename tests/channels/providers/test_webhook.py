"""The webhook kind: signed JSON out to a URL, signed JSON in."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import AsyncIterator

import orjson
import pytest

from flowline.channels.providers.base import ChannelContext, InboundRejected, SendFailed
from flowline.channels.providers.webhook import WebhookProvider
from flowline.errors import ValidationFailed
from flowline.outbound.client import OutboundClient
from tests.channels.providers.contexts import CHANNEL_ID, INBOUND_URL, context, outgoing, secret
from tests.fakes import channel_inbound as signed
from tests.fakes.http import Answer, FakeApi, serve_fake

SIGNING_SECRET = "canary-webhook-signing-secret-77"
provider = WebhookProvider()


@pytest.fixture
async def api() -> AsyncIterator[FakeApi]:
    async with serve_fake() as fake:
        yield fake


def _ctx(outbound: OutboundClient, url: str) -> ChannelContext:
    return context(
        outbound,
        {"api_base": url, "timeout_seconds": 1},
        {"signing_secret": secret("signing_secret", SIGNING_SECRET)},
    )


async def test_send_posts_signed_json(api: FakeApi, outbound: OutboundClient) -> None:
    api.answer("/hooks/in", Answer(200, {"id": "their-77"}))
    message = outgoing("text", {"text": "Hello"}, to="user-7", reply_to="their-70")
    result = await provider.send(_ctx(outbound, f"{api.url}/hooks/in"), message)
    assert result.provider_message_id == "their-77"
    (request,) = api.seen("/hooks/in")
    assert request.headers["content-type"] == "application/json"
    assert request.headers["idempotency-key"] == "msg_0001"
    assert request.json == {
        "id": "msg_0001",
        "channel_id": CHANNEL_ID,
        "to": "user-7",
        "type": "text",
        "body": {"text": "Hello"},
        "reply_to": "their-70",
        "thread": {},
    }
    stamp, mac = request.headers["flowline-signature"].split(",")
    timestamp = stamp.removeprefix("t=")
    expected = hmac.new(
        SIGNING_SECRET.encode(), f"{timestamp}.".encode() + request.body, hashlib.sha256
    ).hexdigest()
    assert mac == f"v1={expected}"


async def test_5xx_then_success_is_retried_with_the_same_key(
    api: FakeApi, outbound: OutboundClient
) -> None:
    api.answer("/h", Answer(503), Answer(200, {}))
    result = await provider.send(_ctx(outbound, f"{api.url}/h"), outgoing("text", {"text": "x"}))
    assert result.provider_message_id == "msg_0001"
    first, second = api.seen("/h")
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"] == "msg_0001"


async def test_429_waits_what_retry_after_says(api: FakeApi, outbound: OutboundClient) -> None:
    api.answer("/h", Answer(429, {}, headers={"retry-after": "1"}), Answer(200, {}))
    await provider.send(_ctx(outbound, f"{api.url}/h"), outgoing("text", {"text": "x"}))
    first, second = api.seen("/h")
    assert (second.at - first.at).total_seconds() >= 1.0


async def test_refusal_is_final_and_shows_no_secret(api: FakeApi, outbound: OutboundClient) -> None:
    api.answer("/h", Answer(400, {"error": "BAD", "message": "no such user"}))
    with pytest.raises(SendFailed) as caught:
        await provider.send(_ctx(outbound, f"{api.url}/h"), outgoing("text", {"text": "x"}))
    assert "no such user" in caught.value.message
    assert not caught.value.retryable
    assert SIGNING_SECRET not in f"{caught.value!r} {caught.value.provider_error}"
    assert len(api.seen("/h")) == 1


def test_inbound_is_verified_and_parsed(outbound: OutboundClient) -> None:
    ctx = _ctx(outbound, "https://hooks.example.com/in")
    body = orjson.dumps({"from": " user-7 ", "text": "Hi", "id": "their-1", "name": "Ada"})
    request = signed.flowline(SIGNING_SECRET, body).request(INBOUND_URL)
    provider.verify(ctx, request)
    (message,) = provider.parse(ctx, request).messages
    assert (message.provider_message_id, message.from_address, message.from_name) == (
        "their-1",
        "user-7",
        "Ada",
    )
    assert message.body == {"text": "Hi"}


def test_inbound_without_id_dedupes_on_the_body(outbound: OutboundClient) -> None:
    ctx = _ctx(outbound, "https://hooks.example.com/in")
    body = orjson.dumps({"from": "user-7", "text": "Hi"})
    first = provider.parse(ctx, signed.flowline(SIGNING_SECRET, body).request(INBOUND_URL))
    again = provider.parse(ctx, signed.flowline(SIGNING_SECRET, body).request(INBOUND_URL))
    assert first.messages[0].provider_message_id == again.messages[0].provider_message_id
    assert first.messages[0].provider_message_id.startswith("sha256:")


def test_forged_altered_and_old_are_refused(outbound: OutboundClient) -> None:
    ctx = _ctx(outbound, "https://hooks.example.com/in")
    body = orjson.dumps({"from": "user-7", "text": "Hi"})
    with pytest.raises(InboundRejected):
        provider.verify(ctx, signed.flowline("wrong", body).request(INBOUND_URL))
    good = signed.flowline(SIGNING_SECRET, body)
    with pytest.raises(InboundRejected):
        provider.verify(ctx, signed.altered(good, body.replace(b"Hi", b"Yo")).request(INBOUND_URL))
    with pytest.raises(InboundRejected):
        provider.verify(
            ctx, signed.flowline(SIGNING_SECRET, body, timestamp=1_700_000_000).request(INBOUND_URL)
        )
    unsigned = signed.altered(good, body)
    unsigned.headers.pop("Flowline-Signature")
    with pytest.raises(InboundRejected):
        provider.verify(ctx, unsigned.request(INBOUND_URL))


@pytest.mark.parametrize(
    ("body", "field"),
    [({"text": "x"}, "from"), ({"from": "a"}, "text"), ({"from": "", "text": "x"}, "from")],
)
def test_bad_inbound_names_the_field(
    outbound: OutboundClient, body: dict[str, str], field: str
) -> None:
    ctx = _ctx(outbound, "https://hooks.example.com/in")
    request = signed.flowline(SIGNING_SECRET, orjson.dumps(body)).request(INBOUND_URL)
    with pytest.raises(ValidationFailed) as caught:
        provider.parse(ctx, request)
    assert caught.value.details is not None
    assert caught.value.details[0]["field"] == field


async def test_test_needs_only_config(outbound: OutboundClient) -> None:
    ctx = _ctx(outbound, "https://hooks.example.com/in")
    assert await provider.test(ctx) == {"ok": True, "url": "https://hooks.example.com/in"}
