"""The slack kind against a fake Web API: postMessage, ok:false, rate limits, signed events."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from flowline.channels.providers.base import ChannelContext, InboundRejected, SendFailed
from flowline.channels.providers.slack import SlackProvider
from flowline.outbound.client import OutboundClient
from tests.channels.providers.contexts import INBOUND_URL, context, outgoing, secret
from tests.fakes import channel_inbound as signed
from tests.fakes.provider_api import serve_provider
from tests.fakes.slack_server import FakeSlack

BOT_TOKEN = "xoxb-17653672481-19874698323-canaryBotTokenValue"
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
provider = SlackProvider()


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    api = FakeSlack(BOT_TOKEN)
    async with serve_provider(api):
        yield api


def _ctx(outbound: OutboundClient, api_base: str, token: str = BOT_TOKEN) -> ChannelContext:
    return context(
        outbound,
        {"api_base": api_base, "timeout_seconds": 1},
        {
            "bot_token": secret("bot_token", token, "bearer", ("127.0.0.1",)),
            "signing_secret": secret("signing_secret", SIGNING_SECRET),
        },
    )


async def test_text(fake: FakeSlack, outbound: OutboundClient) -> None:
    result = await provider.send(
        _ctx(outbound, f"{fake.url}/api"), outgoing("text", {"text": "Hello"}, to="C024BE91L")
    )
    assert result.provider_message_id == "1700000000.000100"
    (request,) = fake.seen("/api/chat.postMessage")
    assert request.headers["authorization"] == f"Bearer {BOT_TOKEN}"
    assert request.headers["idempotency-key"] == "msg_0001"
    assert request.json == {"channel": "C024BE91L", "text": "Hello"}


async def test_buttons_are_blocks_and_threads_keep_their_ts(
    fake: FakeSlack, outbound: OutboundClient
) -> None:
    body = {"text": "Approve the refund?", "buttons": [{"id": "yes", "title": "Approve"}]}
    await provider.send(
        _ctx(outbound, f"{fake.url}/api"),
        outgoing("interactive", body, to="C024BE91L", thread={"thread_ts": "1355517523.000005"}),
    )
    assert fake.seen("/api/chat.postMessage")[-1].json == {
        "channel": "C024BE91L",
        "text": "Approve the refund?",
        "thread_ts": "1355517523.000005",
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": "Approve the refund?"}},
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": "Approve"},
                        "action_id": "yes",
                        "value": "yes",
                    }
                ],
            },
        ],
    }


async def test_media_and_reaction(fake: FakeSlack, outbound: OutboundClient) -> None:
    ctx = _ctx(outbound, f"{fake.url}/api")
    await provider.send(
        ctx, outgoing("media", {"url": "https://x.example/p.png", "caption": "Plot"}, to="C1234567")
    )
    assert fake.seen("/api/chat.postMessage")[-1].json["blocks"] == [
        {"type": "image", "image_url": "https://x.example/p.png", "alt_text": "Plot"}
    ]
    await provider.send(
        ctx,
        outgoing(
            "reaction", {"message_id": "1700000000.000100", "emoji": ":thumbsup:"}, to="C1234567"
        ),
    )
    assert fake.seen("/api/reactions.add")[-1].json == {
        "channel": "C1234567",
        "timestamp": "1700000000.000100",
        "name": "thumbsup",
    }


async def test_ok_false_is_a_clear_failure(fake: FakeSlack, outbound: OutboundClient) -> None:
    fake.refuse_next("channel_not_found")
    with pytest.raises(SendFailed) as caught:
        await provider.send(
            _ctx(outbound, f"{fake.url}/api"), outgoing("text", {"text": "x"}, to="C1234567")
        )
    assert "channel_not_found" in caught.value.message
    assert caught.value.error_code == "PROVIDER_REFUSED"
    assert not caught.value.retryable
    assert len(fake.requests) == 1


async def test_ratelimited_in_a_200_is_retryable_with_retry_after(
    fake: FakeSlack, outbound: OutboundClient
) -> None:
    fake.refuse_next("ratelimited", retry_after="30")
    with pytest.raises(SendFailed) as caught:
        await provider.send(
            _ctx(outbound, f"{fake.url}/api"), outgoing("text", {"text": "x"}, to="C1234567")
        )
    assert caught.value.retryable
    assert caught.value.retry_after_seconds == 30


async def test_429_waits_what_retry_after_says(fake: FakeSlack, outbound: OutboundClient) -> None:
    fake.fail_next(1, 429, retry_after="1")
    await provider.send(
        _ctx(outbound, f"{fake.url}/api"), outgoing("text", {"text": "x"}, to="C1234567")
    )
    first, second = fake.seen("/api/chat.postMessage")
    assert (second.at - first.at).total_seconds() >= 1.0


async def test_5xx_then_success_is_retried_with_the_same_key(
    fake: FakeSlack, outbound: OutboundClient
) -> None:
    fake.fail_next(1, 502)
    await provider.send(
        _ctx(outbound, f"{fake.url}/api"), outgoing("text", {"text": "x"}, to="C1234567")
    )
    first, second = fake.seen("/api/chat.postMessage")
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"] == "msg_0001"


async def test_bad_token_fails_without_showing_it(
    fake: FakeSlack, outbound: OutboundClient
) -> None:
    canary = "xoxb-canary-000000000000-wrongwrongwrong"
    with pytest.raises(SendFailed) as caught:
        await provider.send(
            _ctx(outbound, f"{fake.url}/api", canary),
            outgoing("text", {"text": "x"}, to="C1234567"),
        )
    assert "invalid_auth" in caught.value.message
    assert canary not in f"{caught.value} {caught.value!r} {caught.value.provider_error}"
    assert (await provider.test(_ctx(outbound, f"{fake.url}/api", canary)))["ok"] is False


async def test_test_calls_auth_test(fake: FakeSlack, outbound: OutboundClient) -> None:
    assert await provider.test(_ctx(outbound, f"{fake.url}/api")) == {
        "ok": True,
        "team": "Flowline Test",
        "user": "flowline",
        "bot_id": "B0BOT0001",
    }


# Inbound

MESSAGE_EVENT = {
    "token": "one-long-verification-token",
    "team_id": "T061EG9R6",
    "api_app_id": "A0PNCHHK2",
    "event": {
        "type": "message",
        "channel": "C024BE91L",
        "user": "U2147483697",
        "text": "Live long and prospect.",
        "ts": "1355517523.000005",
        "event_ts": "1355517523.000005",
        "channel_type": "channel",
        "client_msg_id": "4f3c7f4e-0d3e-4d3a-9e6a-1b5c2a3d4e5f",
    },
    "type": "event_callback",
    "authed_users": ["U0BOT0001"],
    "event_id": "Ev0PV52K21",
    "event_time": 1355517523,
}

BLOCK_ACTIONS = {
    "type": "block_actions",
    "team": {"id": "T9TK3CUKW", "domain": "example"},
    "user": {
        "id": "UA8RXUSPL",
        "username": "jtorrance",
        "name": "jtorrance",
        "team_id": "T9TK3CUKW",
    },
    "api_app_id": "AABA1ABCD",
    "token": "9s8d9as89d8as9d8as989",
    "container": {"type": "message", "message_ts": "1548261231.000200", "channel_id": "CBR2V3XEX"},
    "trigger_id": "12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3",
    "channel": {"id": "CBR2V3XEX", "name": "review-updates"},
    "message": {"type": "message", "ts": "1548261231.000200", "text": "Approve the refund?"},
    "response_url": "https://hooks.slack.com/actions/AABA1ABCD/1232321423432/D09sSasdasdAS9091209",
    "actions": [
        {
            "action_id": "yes",
            "block_id": "=qXel",
            "text": {"type": "plain_text", "text": "Approve", "emoji": True},
            "value": "yes",
            "type": "button",
            "action_ts": "1548426417.840180",
        }
    ],
}


def _ctx_inbound(outbound: OutboundClient) -> ChannelContext:
    return _ctx(outbound, "https://slack.com/api")


def test_url_verification_answers_the_challenge(outbound: OutboundClient) -> None:
    payload = {
        "token": "Jhj5dZrVaK7ZwHHjRyZWjbDl",
        "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
        "type": "url_verification",
    }
    request = signed.slack_event(SIGNING_SECRET, payload).request(INBOUND_URL)
    provider.verify(_ctx_inbound(outbound), request)
    answer = provider.parse(_ctx_inbound(outbound), request).answer
    assert answer.body == b"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"


def test_message_event_is_parsed_and_a_retry_still_verifies(outbound: OutboundClient) -> None:
    ctx = _ctx_inbound(outbound)
    for retry in (None, 1):
        request = signed.slack_event(SIGNING_SECRET, MESSAGE_EVENT, retry=retry).request(
            INBOUND_URL
        )
        provider.verify(ctx, request)
        (message,) = provider.parse(ctx, request).messages
        assert message.provider_message_id == "1355517523.000005"
        assert message.from_address == "U2147483697"
        assert message.body == {"text": "Live long and prospect."}
        assert message.thread == {"channel": "C024BE91L", "thread_ts": "1355517523.000005"}


@pytest.mark.parametrize(
    "change",
    [
        {"bot_id": "B0BOT0001", "subtype": "bot_message"},
        {"subtype": "message_changed"},
        {"subtype": "message_deleted"},
        {"bot_id": "B0BOT0001"},
    ],
)
def test_bot_messages_and_edits_are_ignored(
    outbound: OutboundClient, change: dict[str, Any]
) -> None:
    payload = {**MESSAGE_EVENT, "event": {**MESSAGE_EVENT["event"], **change}}
    request = signed.slack_event(SIGNING_SECRET, payload).request(INBOUND_URL)
    provider.verify(_ctx_inbound(outbound), request)
    assert provider.parse(_ctx_inbound(outbound), request).messages == ()


def test_block_actions_come_form_encoded(outbound: OutboundClient) -> None:
    ctx = _ctx_inbound(outbound)
    request = signed.slack_interaction(SIGNING_SECRET, BLOCK_ACTIONS).request(INBOUND_URL)
    provider.verify(ctx, request)
    (pressed,) = provider.parse(ctx, request).messages
    assert pressed.type == "interactive"
    assert pressed.body == {"text": "Approve", "button_id": "yes"}
    assert pressed.from_address == "UA8RXUSPL"
    assert pressed.reply_to == "1548261231.000200"


def test_forged_altered_and_replayed_requests_are_refused(outbound: OutboundClient) -> None:
    ctx = _ctx_inbound(outbound)
    with pytest.raises(InboundRejected):
        provider.verify(ctx, signed.slack_event("wrong-secret", MESSAGE_EVENT).request(INBOUND_URL))
    good = signed.slack_event(SIGNING_SECRET, MESSAGE_EVENT)
    tampered = good.body.replace(b"prospect", b"perish")
    with pytest.raises(InboundRejected):
        provider.verify(ctx, signed.altered(good, tampered).request(INBOUND_URL))
    stale = signed.slack_event(SIGNING_SECRET, MESSAGE_EVENT, timestamp=int(time.time()) - 6 * 60)
    with pytest.raises(InboundRejected):
        provider.verify(ctx, stale.request(INBOUND_URL))
    garbled = signed.slack_event(SIGNING_SECRET, MESSAGE_EVENT)
    garbled.headers["X-Slack-Request-Timestamp"] = "soon"
    with pytest.raises(InboundRejected):
        provider.verify(ctx, garbled.request(INBOUND_URL))


def test_addresses() -> None:
    assert provider.normalise_address(" c024be91l ", {}) == "C024BE91L"
    with pytest.raises(Exception, match="not a Slack channel"):
        provider.normalise_address("#general", {})
