"""The email kind: SMTP to a fake server (AUTH, STARTTLS, TLS), raw messages in, signed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from email.message import EmailMessage
from typing import Any, Literal

import pytest

from flowline.channels.providers.base import ChannelContext, InboundRejected, SendFailed
from flowline.channels.providers.email import EmailProvider, html_text
from flowline.errors import ValidationFailed
from flowline.outbound.client import OutboundClient, OutboundRefused
from tests.channels.providers.contexts import INBOUND_URL, context, outgoing, secret
from tests.fakes import channel_inbound as signed
from tests.fakes.smtp_server import FakeSmtp, serve_smtp

USER = "flowline@mail.example.com"
PASSWORD = "canary-smtp-password-71c4"
INBOUND_SECRET = "inbound-secret-for-mail"
provider = EmailProvider()


@pytest.fixture
async def smtp() -> AsyncIterator[FakeSmtp]:
    async with serve_smtp(FakeSmtp(USER, PASSWORD)) as fake:
        yield fake


def _ctx(
    outbound: OutboundClient,
    port: int,
    security: Literal["starttls", "tls"] = "starttls",
    password: str = PASSWORD,
    **config: Any,
) -> ChannelContext:
    return context(
        outbound,
        {
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "security": security,
            "verify_certificate": False,
            "from_address": "Support@Shop.example.com",
            "from_name": "Shop support",
            "timeout_seconds": 5,
            **config,
        },
        {
            "smtp": secret("smtp", f"{USER}:{password}", "basic", ("127.0.0.1",)),
            "inbound_secret": secret("inbound_secret", INBOUND_SECRET),
        },
    )


async def test_text_and_html_over_starttls_with_login(
    smtp: FakeSmtp, outbound: OutboundClient
) -> None:
    message = outgoing(
        "text",
        {
            "text": "Your order shipped.",
            "html": "<p>Your order <b>shipped</b>.</p>",
            "subject": "Order 42",
        },
        to="ada@example.org",
        message_id="msg_0042",
    )
    result = await provider.send(_ctx(outbound, smtp.port), message)
    assert result.provider_message_id == "msg_0042@shop.example.com"
    (mail,) = smtp.mail
    assert smtp.logins == [(USER, True)]
    assert smtp.tls_sessions == 1
    assert mail.sender == "support@shop.example.com"
    assert mail.recipients == ["ada@example.org"]
    sent = mail.message
    assert sent["Message-ID"] == "<msg_0042@shop.example.com>"
    assert sent["Subject"] == "Order 42"
    assert sent["From"] == "Shop support <support@shop.example.com>"
    assert sent.get_content_type() == "multipart/alternative"
    plain = sent.get_body(("plain",))
    html = sent.get_body(("html",))
    assert isinstance(plain, EmailMessage)
    assert isinstance(html, EmailMessage)
    assert plain.get_content().strip() == "Your order shipped."
    assert html.get_content().strip() == "<p>Your order <b>shipped</b>.</p>"


async def test_replies_carry_the_thread(smtp: FakeSmtp, outbound: OutboundClient) -> None:
    message = outgoing(
        "text",
        {"text": "Thanks!"},
        to="ada@example.org",
        reply_to="CAF=abc@mail.example.org",
        thread={"references": ["first@mail.example.org"]},
    )
    await provider.send(_ctx(outbound, smtp.port), message)
    sent = smtp.mail[-1].message
    assert sent["In-Reply-To"] == "<CAF=abc@mail.example.org>"
    assert sent["References"] == "<first@mail.example.org> <CAF=abc@mail.example.org>"
    assert sent["Subject"] == "Message"
    assert sent.get_content_type() == "text/plain"


async def test_implicit_tls(outbound: OutboundClient) -> None:
    async with serve_smtp(FakeSmtp(USER, PASSWORD), "tls") as fake:
        await provider.send(
            _ctx(outbound, fake.port, "tls"), outgoing("text", {"text": "Hi"}, to="a@b.example")
        )
        assert len(fake.mail) == 1
        assert fake.tls_sessions == 1


async def test_an_unchecked_certificate_is_refused_by_default(
    smtp: FakeSmtp, outbound: OutboundClient
) -> None:
    ctx = _ctx(outbound, smtp.port, verify_certificate=True)
    with pytest.raises(SendFailed):
        await provider.send(ctx, outgoing("text", {"text": "Hi"}, to="a@b.example"))
    assert smtp.mail == []
    assert smtp.logins == []  # the password never left


async def test_wrong_password_fails_without_showing_it(
    smtp: FakeSmtp, outbound: OutboundClient
) -> None:
    canary = "canary-wrong-password-0099"
    ctx = _ctx(outbound, smtp.port, password=canary)
    with pytest.raises(SendFailed) as caught:
        await provider.send(ctx, outgoing("text", {"text": "Hi"}, to="a@b.example"))
    assert caught.value.error_code == "SMTP_AUTH_FAILED"
    assert not caught.value.retryable
    assert canary not in f"{caught.value} {caught.value!r} {caught.value.provider_error}"
    result = await provider.test(ctx)
    assert result["ok"] is False
    assert canary not in str(result)
    assert smtp.mail == []


@pytest.mark.parametrize(("code", "retryable"), [(451, True), (550, False)])
async def test_refused_data(
    smtp: FakeSmtp, outbound: OutboundClient, code: int, retryable: bool
) -> None:
    smtp.fail_next(1, code)
    with pytest.raises(SendFailed) as caught:
        await provider.send(
            _ctx(outbound, smtp.port), outgoing("text", {"text": "Hi"}, to="a@b.example")
        )
    assert caught.value.retryable is retryable
    assert caught.value.provider_error["code"] == code


async def test_the_network_policy_holds_for_smtp(smtp: FakeSmtp) -> None:
    closed = OutboundClient("tests@flowline.example")  # loopback not opened
    try:
        with pytest.raises(OutboundRefused, match="loopback"):
            await provider.send(
                _ctx(closed, smtp.port), outgoing("text", {"text": "Hi"}, to="a@b.example")
            )
        with pytest.raises(OutboundRefused):
            await provider.test(_ctx(closed, smtp.port, smtp_host="169.254.169.254"))
    finally:
        await closed.close()
    assert smtp.mail == []


async def test_nothing_answers_is_retryable(outbound: OutboundClient) -> None:
    from tests.fakes.smtp_server import _free_port

    with pytest.raises(SendFailed) as caught:
        await provider.send(
            _ctx(outbound, _free_port()), outgoing("text", {"text": "Hi"}, to="a@b.example")
        )
    assert caught.value.retryable


async def test_test_logs_in(smtp: FakeSmtp, outbound: OutboundClient) -> None:
    assert await provider.test(_ctx(outbound, smtp.port)) == {
        "ok": True,
        "host": "127.0.0.1",
        "security": "starttls",
    }
    assert smtp.logins == [(USER, True)]


async def test_only_text_is_sent(smtp: FakeSmtp, outbound: OutboundClient) -> None:
    with pytest.raises(ValidationFailed):
        await provider.send(
            _ctx(outbound, smtp.port), outgoing("template", {"template": "x"}, to="a@b.example")
        )


# Inbound

RAW = b"""Return-Path: <ada@example.org>
From: Ada Lovelace <Ada@Example.org>
To: support@shop.example.com
Subject: Re: Order 42
Date: Mon, 07 Dec 2026 10:15:00 +0000
Message-ID: <CAF=reply-1@mail.example.org>
In-Reply-To: <msg_0042@shop.example.com>
References: <first@mail.example.org> <msg_0042@shop.example.com>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b1"

--b1
Content-Type: text/plain; charset="utf-8"

Great, thank you!

--b1
Content-Type: text/html; charset="utf-8"

<p>Great, <i>thank you</i>!</p>
--b1--
"""

HTML_ONLY = b"""From: bob@example.org
To: support@shop.example.com
Subject: Hello
Message-ID: <html-only@example.org>
Content-Type: text/html; charset="utf-8"

<html><head><style>p{color:red}</style></head><body>
<p>First line</p><p>Second &amp; last</p><script>x()</script></body></html>
"""


def _mail_ctx(outbound: OutboundClient) -> ChannelContext:
    return _ctx(outbound, 2525)


def test_raw_message_is_verified_and_threaded(outbound: OutboundClient) -> None:
    ctx = _mail_ctx(outbound)
    request = signed.flowline(INBOUND_SECRET, RAW, content_type="message/rfc822").request(
        INBOUND_URL
    )
    provider.verify(ctx, request)
    (message,) = provider.parse(ctx, request).messages
    assert message.provider_message_id == "CAF=reply-1@mail.example.org"
    assert message.from_address == "ada@example.org"
    assert message.from_name == "Ada Lovelace"
    assert message.body == {"text": "Great, thank you!", "subject": "Re: Order 42"}
    assert message.reply_to == "msg_0042@shop.example.com"
    assert message.thread == {"references": ["first@mail.example.org", "msg_0042@shop.example.com"]}
    assert message.received_at is not None
    assert message.received_at.hour == 10


def test_html_only_mail_becomes_text(outbound: OutboundClient) -> None:
    ctx = _mail_ctx(outbound)
    request = signed.flowline(INBOUND_SECRET, HTML_ONLY).request(INBOUND_URL)
    provider.verify(ctx, request)
    (message,) = provider.parse(ctx, request).messages
    assert message.body["text"] == "First line\nSecond & last"
    assert html_text("<div>a<br>b</div>") == "a\nb"


def test_forged_altered_and_old_posts_are_refused(outbound: OutboundClient) -> None:
    ctx = _mail_ctx(outbound)
    with pytest.raises(InboundRejected):
        provider.verify(ctx, signed.flowline("wrong", RAW).request(INBOUND_URL))
    good = signed.flowline(INBOUND_SECRET, RAW)
    with pytest.raises(InboundRejected):
        provider.verify(
            ctx, signed.altered(good, RAW.replace(b"thank you", b"refund me")).request(INBOUND_URL)
        )
    old = signed.flowline(INBOUND_SECRET, RAW, timestamp=1_700_000_000)
    with pytest.raises(InboundRejected):
        provider.verify(ctx, old.request(INBOUND_URL))


def test_addresses_are_lower_cased_and_checked() -> None:
    assert provider.normalise_address(" Ada <Ada@Example.ORG> ", {}) == "ada@example.org"
    with pytest.raises(Exception, match="not an email address"):
        provider.normalise_address("ada at example", {})
