"""The sms kind against a fake Twilio: the form it posts, retries, signatures, callbacks."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator

import pytest

from flowline.channels.providers.base import ChannelContext, InboundRejected, SendFailed
from flowline.channels.providers.sms import SmsProvider, signature
from flowline.errors import ValidationFailed
from flowline.outbound.client import OutboundClient
from tests.channels.providers.contexts import INBOUND_URL, context, outgoing, secret
from tests.fakes import channel_inbound as signed
from tests.fakes.provider_api import serve_provider
from tests.fakes.twilio_server import FakeTwilio

SID = "AC" + "0123456789abcdef" * 2
TOKEN = "canary-auth-token-5f1e2d3c4b5a6978"
PATH = f"/2010-04-01/Accounts/{SID}/Messages.json"
provider = SmsProvider()


@pytest.fixture
async def fake() -> AsyncIterator[FakeTwilio]:
    api = FakeTwilio(SID, TOKEN)
    async with serve_provider(api):
        yield api


def _ctx(outbound: OutboundClient, url: str, token: str = TOKEN, **config: str) -> ChannelContext:
    return context(
        outbound,
        {
            "api_base": url,
            "account_sid": SID,
            "from_number": "+14155550100",
            "timeout_seconds": 1,
            **config,
        },
        {"auth": secret("auth", f"{SID}:{token}", "basic", ("127.0.0.1",))},
    )


async def test_text_is_form_encoded_with_basic_auth_and_status_callback(
    fake: FakeTwilio, outbound: OutboundClient
) -> None:
    result = await provider.send(_ctx(outbound, fake.url), outgoing("text", {"text": "Hi there"}))
    assert result.provider_message_id == "SM" + "0" * 31 + "1"
    assert result.status == "sent"
    (request,) = fake.seen(PATH)
    assert request.method == "POST"
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert (
        request.headers["authorization"]
        == "Basic " + base64.b64encode(f"{SID}:{TOKEN}".encode()).decode()
    )
    assert request.headers["idempotency-key"] == "msg_0001"
    assert fake.form() == {
        "To": ["+14155550123"],
        "From": ["+14155550100"],
        "Body": ["Hi there"],
        "StatusCallback": [INBOUND_URL],
    }


async def test_media_and_messaging_service(fake: FakeTwilio, outbound: OutboundClient) -> None:
    ctx = _ctx(outbound, fake.url, messaging_service_sid="MG" + "ab" * 16)
    body = {"url": "https://cdn.example.com/p.jpg", "caption": "Your receipt"}
    await provider.send(ctx, outgoing("media", body))
    assert fake.form() == {
        "To": ["+14155550123"],
        "MessagingServiceSid": ["MG" + "ab" * 16],
        "Body": ["Your receipt"],
        "MediaUrl": ["https://cdn.example.com/p.jpg"],
        "StatusCallback": [INBOUND_URL],
    }


async def test_templates_are_not_an_sms_thing(fake: FakeTwilio, outbound: OutboundClient) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await provider.send(_ctx(outbound, fake.url), outgoing("template", {"template": "x"}))
    assert caught.value.details is not None
    assert caught.value.details[0]["field"] == "type"
    assert fake.requests == []


async def test_5xx_then_success_is_retried_with_the_same_key(
    fake: FakeTwilio, outbound: OutboundClient
) -> None:
    fake.fail_next(1, 500)
    await provider.send(_ctx(outbound, fake.url), outgoing("text", {"text": "Hi"}))
    first, second = fake.seen(PATH)
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"] == "msg_0001"
    assert first.body == second.body


async def test_429_waits_what_retry_after_says(fake: FakeTwilio, outbound: OutboundClient) -> None:
    fake.fail_next(1, 429, retry_after="1")
    await provider.send(_ctx(outbound, fake.url), outgoing("text", {"text": "Hi"}))
    first, second = fake.seen(PATH)
    assert (second.at - first.at).total_seconds() >= 1.0


async def test_refusal_carries_twilio_code_not_the_token(
    fake: FakeTwilio, outbound: OutboundClient
) -> None:
    canary = "canary-wrong-token-000111222333"
    with pytest.raises(SendFailed) as caught:
        await provider.send(_ctx(outbound, fake.url, canary), outgoing("text", {"text": "Hi"}))
    assert caught.value.provider_error["code"] == "20003"
    assert not caught.value.retryable
    assert canary not in f"{caught.value} {caught.value!r} {caught.value.provider_error}"


async def test_test_gets_the_account(fake: FakeTwilio, outbound: OutboundClient) -> None:
    assert await provider.test(_ctx(outbound, fake.url)) == {
        "ok": True,
        "status": "active",
        "name": "Flowline test",
    }
    assert fake.requests[-1].path == f"/2010-04-01/Accounts/{SID}.json"


def test_signature_matches_twilios_documented_example() -> None:
    # The example of Twilio's own security documentation and SDK tests.
    url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    params = [
        ("CallSid", "CA1234567890ABCDE"),
        ("Caller", "+12349013030"),
        ("Digits", "1234"),
        ("From", "+12349013030"),
        ("To", "+18005551212"),
    ]
    assert signature("12345", url, params) == "0/KCTR6DLpKmkAf8muzZqo1nDgQ="


INBOUND_SMS = [
    ("ToCountry", "US"),
    ("ToState", "CA"),
    ("SmsMessageSid", "SM1f0e8ae6ade43cb3c0ce4525424e404f"),
    ("NumMedia", "0"),
    ("ToCity", "SAN FRANCISCO"),
    ("FromZip", "94105"),
    ("SmsSid", "SM1f0e8ae6ade43cb3c0ce4525424e404f"),
    ("FromState", "CA"),
    ("SmsStatus", "received"),
    ("FromCity", "SAN FRANCISCO"),
    ("Body", "Is my order on its way?"),
    ("FromCountry", "US"),
    ("To", "+14155550100"),
    ("MessagingServiceSid", "MG" + "ab" * 16),
    ("ToZip", "94105"),
    ("NumSegments", "1"),
    ("MessageSid", "SM1f0e8ae6ade43cb3c0ce4525424e404f"),
    ("AccountSid", SID),
    ("From", "+14155550123"),
    ("ApiVersion", "2010-04-01"),
]


def test_inbound_message_is_verified_parsed_and_answered_with_empty_twiml(
    outbound: OutboundClient,
) -> None:
    ctx = _ctx(outbound, "https://api.twilio.com")
    request = signed.twilio(TOKEN, INBOUND_URL, INBOUND_SMS).request(INBOUND_URL)
    provider.verify(ctx, request)
    inbound = provider.parse(ctx, request)
    (message,) = inbound.messages
    assert message.provider_message_id == "SM1f0e8ae6ade43cb3c0ce4525424e404f"
    assert message.from_address == "+14155550123"
    assert message.body == {"text": "Is my order on its way?"}
    assert inbound.answer.content_type == "text/xml"
    assert inbound.answer.body == b'<?xml version="1.0" encoding="UTF-8"?><Response/>'


def test_inbound_mms_keeps_media(outbound: OutboundClient) -> None:
    ctx = _ctx(outbound, "https://api.twilio.com")
    params = [p for p in INBOUND_SMS if p[0] != "NumMedia"] + [
        ("NumMedia", "1"),
        ("MediaUrl0", f"https://api.twilio.com/2010-04-01/Accounts/{SID}/Messages/MM1/Media/ME1"),
        ("MediaContentType0", "image/jpeg"),
    ]
    request = signed.twilio(TOKEN, INBOUND_URL, params).request(INBOUND_URL)
    provider.verify(ctx, request)
    (message,) = provider.parse(ctx, request).messages
    assert message.type == "media"
    assert message.body["media"] == [{"url": params[-2][1], "mime_type": "image/jpeg"}]


def test_forged_altered_and_other_url_requests_are_refused(outbound: OutboundClient) -> None:
    ctx = _ctx(outbound, "https://api.twilio.com")
    with pytest.raises(InboundRejected):
        provider.verify(
            ctx, signed.twilio("not-the-token", INBOUND_URL, INBOUND_SMS).request(INBOUND_URL)
        )
    good = signed.twilio(TOKEN, INBOUND_URL, INBOUND_SMS)
    altered = signed.altered(good, good.body.replace(b"on+its+way", b"free"))
    with pytest.raises(InboundRejected):
        provider.verify(ctx, altered.request(INBOUND_URL))
    other_channel = INBOUND_URL.replace("chn_test", "chn_else")
    replayed = signed.twilio(TOKEN, other_channel, INBOUND_SMS)  # signed for another channel
    with pytest.raises(InboundRejected):
        provider.verify(ctx, replayed.request(INBOUND_URL))


def test_the_public_url_is_what_twilio_signs_behind_a_proxy(outbound: OutboundClient) -> None:
    ctx = _ctx(outbound, "https://api.twilio.com")
    seen_here = "http://10.0.0.5:8420/api/v1/channels/chn_test0000000000000000000/inbound"
    request = signed.twilio(TOKEN, INBOUND_URL, INBOUND_SMS).request(seen_here)
    provider.verify(ctx, request)
    forged = signed.twilio(TOKEN, seen_here.replace("inbound", "other"), INBOUND_SMS)
    with pytest.raises(InboundRejected):
        provider.verify(ctx, forged.request(seen_here))


@pytest.mark.parametrize(
    ("status", "expected"),
    [("sent", "sent"), ("delivered", "delivered"), ("undelivered", "failed"), ("failed", "failed")],
)
def test_status_callbacks(outbound: OutboundClient, status: str, expected: str) -> None:
    ctx = _ctx(outbound, "https://api.twilio.com")
    params = [
        ("AccountSid", SID),
        ("ApiVersion", "2010-04-01"),
        ("From", "+14155550100"),
        ("MessageSid", "SM" + "0" * 31 + "1"),
        ("MessageStatus", status),
        ("SmsSid", "SM" + "0" * 31 + "1"),
        ("SmsStatus", status),
        ("To", "+14155550123"),
    ]
    if expected == "failed":
        params.append(("ErrorCode", "30003"))
    request = signed.twilio(TOKEN, INBOUND_URL, params).request(INBOUND_URL)
    provider.verify(ctx, request)
    inbound = provider.parse(ctx, request)
    assert inbound.messages == ()
    (update,) = inbound.statuses
    assert (update.provider_message_id, update.status) == ("SM" + "0" * 31 + "1", expected)
    if expected == "failed":
        assert update.error is not None
        assert update.error["code"] == "30003"
    else:
        assert update.error is None


def test_addresses() -> None:
    assert provider.normalise_address("+44 7911 123456", {}) == "+447911123456"
    assert provider.normalise_address("(415) 555-0123", {"default_region": "US"}) == "+14155550123"
    assert provider.session_window_hours is None


def test_a_sender_that_is_not_a_number_is_kept_as_written(outbound: OutboundClient) -> None:
    ctx = _ctx(outbound, "https://api.twilio.com")
    params = [(k, "ACME" if k == "From" else v) for k, v in INBOUND_SMS]
    request = signed.twilio(TOKEN, INBOUND_URL, params).request(INBOUND_URL)
    provider.verify(ctx, request)
    (message,) = provider.parse(ctx, request).messages
    assert message.from_address == "ACME"


async def test_a_missing_text_is_422_naming_it(fake: FakeTwilio, outbound: OutboundClient) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await provider.send(_ctx(outbound, fake.url), outgoing("text", {}))
    assert caught.value.details == [{"field": "text.text", "problem": "is required"}]
    assert fake.requests == []
