"""Each provider kind through the API: a channel pointing at the kind's fake, a signed inbound
stored, a send that reaches the fake, and a forged inbound that is 401 and stores nothing."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import orjson

from flowline.engine.worker import Worker
from tests.answers import assert_error
from tests.channels.builders import CHANNELS, channel_events, make_channel, message_once
from tests.factories import Factory, Org, unique
from tests.fakes import channel_inbound as signed
from tests.fakes.provider_api import serve_provider
from tests.fakes.slack_server import FakeSlack
from tests.fakes.smtp_server import FakeSmtp, serve_smtp
from tests.fakes.telegram_server import FakeTelegram
from tests.fakes.twilio_server import FakeTwilio
from tests.fakes.whatsapp_server import FakeWhatsApp

LOOPBACK = ["127.0.0.1"]
Post = Callable[[str], signed.Signed]


async def _secret(
    client: httpx.AsyncClient, org: Org, value: str, kind: str = "generic", **extra: Any
) -> str:
    name = unique("sec")
    body = {"name": name, "kind": kind, "value": value, **extra}
    r = await client.post("/api/v1/secrets", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return name


async def _inbound(
    client: httpx.AsyncClient, channel_id: str, made: signed.Signed
) -> httpx.Response:
    url = f"{CHANNELS}/{channel_id}/inbound"
    if made.method == "GET":
        return await client.get(url, params=made.query)
    return await client.post(url, content=made.body, headers=made.headers)


async def _slack_channel(
    client: httpx.AsyncClient, org: Org, fake: FakeSlack, token: str
) -> dict[str, Any]:
    return await make_channel(
        client,
        org,
        "slack",
        config={"api_base": f"{fake.url}/api"},
        credentials={
            "bot_token": await _secret(client, org, token, "bearer", hosts=LOOPBACK),
            "signing_secret": await _secret(client, org, "slack-signing-1"),
        },
    )


async def _received(client: httpx.AsyncClient, org: Org, channel_id: str) -> list[dict[str, Any]]:
    r = await client.get(f"{CHANNELS}/{channel_id}/messages?direction=in", headers=org.headers)
    assert r.status_code == 200, r.text
    data: list[dict[str, Any]] = r.json()["data"]
    return data


async def _round_trip(
    client: httpx.AsyncClient,
    org: Org,
    channel: dict[str, Any],
    good: signed.Signed,
    forged: signed.Signed,
    to: str,
    sent: Callable[[], Awaitable[bool]] | Callable[[], bool],
) -> dict[str, Any]:
    """Forged in: 401, nothing stored; signed in: stored; a send: it reaches the fake."""
    cid = channel["id"]
    assert_error(await _inbound(client, cid, forged), 401, "INVALID_SIGNATURE")
    assert await _received(client, org, cid) == []
    r = await _inbound(client, cid, good)
    assert r.status_code == 200, r.text
    async with asyncio.timeout(20):
        while True:  # stored by the worker, after the 200
            stored = await _received(client, org, cid)
            if stored:
                break
            await asyncio.sleep(0.05)
    r = await client.post(
        f"{CHANNELS}/{cid}/send", json={"to": to, "text": "Thanks, on its way"}, headers=org.headers
    )
    assert r.status_code == 202, r.text
    message = await message_once(client, org, r.json()["data"]["id"], {"sent", "failed"})
    assert message["status"] == "sent", message
    result = sent()
    assert (await result) if isinstance(result, Awaitable) else result
    return stored[0]


async def test_whatsapp(client: httpx.AsyncClient, factory: Factory, worker: Worker) -> None:
    org = await factory.org()
    fake = FakeWhatsApp("EAAapi-token-value", "106540352242922")
    async with serve_provider(fake):
        channel = await make_channel(
            client,
            org,
            "whatsapp",
            config={"api_base": fake.url, "phone_number_id": "106540352242922"},
            credentials={
                "access_token": await _secret(
                    client, org, "EAAapi-token-value", "bearer", hosts=LOOPBACK
                ),
                "app_secret": await _secret(client, org, "app-secret-1"),
                "verify_token": await _secret(client, org, "verify-1"),
            },
        )
        r = await _inbound(client, channel["id"], signed.whatsapp_verification("verify-1", "777"))
        assert (r.status_code, r.text) == (200, "777")
        assert (
            await _inbound(client, channel["id"], signed.whatsapp_verification("x"))
        ).status_code == 401
        payload = {
            "object": "whatsapp_business_account",
            "entry": [
                {
                    "id": "1",
                    "changes": [
                        {
                            "field": "messages",
                            "value": {
                                "messaging_product": "whatsapp",
                                "contacts": [{"profile": {"name": "Ada"}, "wa_id": "14155550123"}],
                                "messages": [
                                    {
                                        "from": "14155550123",
                                        "id": "wamid.IN1",
                                        "timestamp": str(int(time.time())),
                                        "type": "text",
                                        "text": {"body": "Where is my order?"},
                                    }
                                ],
                            },
                        }
                    ],
                }
            ],
        }
        stored = await _round_trip(
            client,
            org,
            channel,
            signed.whatsapp("app-secret-1", payload),
            signed.whatsapp("forged", payload),
            "+14155550123",
            lambda: (
                fake.seen("/v21.0/106540352242922/messages")[-1].json["text"]["body"]
                == "Thanks, on its way"
            ),
        )
        assert stored["provider_message_id"] == "wamid.IN1"
        assert stored["body"] == {"text": "Where is my order?"}


async def test_sms(client: httpx.AsyncClient, factory: Factory, worker: Worker) -> None:
    org = await factory.org()
    sid, token = "AC" + "1" * 32, "twilio-auth-token-1"
    fake = FakeTwilio(sid, token)
    async with serve_provider(fake):
        channel = await make_channel(
            client,
            org,
            "sms",
            config={"api_base": fake.url, "account_sid": sid, "from_number": "+14155550100"},
            credentials={
                "auth": await _secret(client, org, f"{sid}:{token}", "basic", hosts=LOOPBACK)
            },
        )
        url = f"http://flowline.test{CHANNELS}/{channel['id']}/inbound"
        params = [
            ("MessageSid", "SM" + "2" * 32),
            ("SmsSid", "SM" + "2" * 32),
            ("AccountSid", sid),
            ("From", "+14155550123"),
            ("To", "+14155550100"),
            ("Body", "Where is my order?"),
            ("NumMedia", "0"),
        ]
        stored = await _round_trip(
            client,
            org,
            channel,
            signed.twilio(token, url, params),
            signed.twilio("forged", url, params),
            "+14155550123",
            lambda: fake.form()["Body"] == ["Thanks, on its way"],
        )
        assert stored["provider_message_id"] == "SM" + "2" * 32


async def test_email(client: httpx.AsyncClient, factory: Factory, worker: Worker) -> None:
    org = await factory.org()
    async with serve_smtp(FakeSmtp("bot@shop.example.com", "smtp-pass-1")) as smtp:
        channel = await make_channel(
            client,
            org,
            "email",
            config={
                "smtp_host": "127.0.0.1",
                "smtp_port": smtp.port,
                "verify_certificate": False,
                "from_address": "support@shop.example.com",
            },
            credentials={
                "smtp": await _secret(
                    client, org, "bot@shop.example.com:smtp-pass-1", "basic", hosts=LOOPBACK
                ),
                "inbound_secret": await _secret(client, org, "mail-inbound-1"),
            },
        )
        raw = (
            b"From: Ada <ada@example.org>\r\nTo: support@shop.example.com\r\n"
            b"Subject: Order\r\nMessage-ID: <in-1@example.org>\r\n\r\nWhere is my order?\r\n"
        )
        stored = await _round_trip(
            client,
            org,
            channel,
            signed.flowline("mail-inbound-1", raw, content_type="message/rfc822"),
            signed.flowline("forged", raw, content_type="message/rfc822"),
            "ada@example.org",
            lambda: len(smtp.mail) == 1 and smtp.mail[0].recipients == ["ada@example.org"],
        )
        assert stored["provider_message_id"] == "in-1@example.org"


async def test_slack(client: httpx.AsyncClient, factory: Factory, worker: Worker) -> None:
    org = await factory.org()
    fake = FakeSlack("xoxb-api-token-1")
    async with serve_provider(fake):
        channel = await _slack_channel(client, org, fake, "xoxb-api-token-1")
        challenge = {"type": "url_verification", "challenge": "abc", "token": "t"}
        r = await _inbound(client, channel["id"], signed.slack_event("slack-signing-1", challenge))
        assert (r.status_code, r.text) == (200, "abc")
        event = {
            "type": "event_callback",
            "event": {
                "type": "message",
                "channel": "C024BE91L",
                "user": "U2147483697",
                "text": "Where is my order?",
                "ts": "1355517523.000005",
            },
        }
        stored = await _round_trip(
            client,
            org,
            channel,
            signed.slack_event("slack-signing-1", event),
            signed.slack_event("forged", event),
            "U2147483697",
            lambda: fake.seen("/api/chat.postMessage")[-1].json["text"] == "Thanks, on its way",
        )
        assert stored["provider_message_id"] == "1355517523.000005"


async def test_telegram(client: httpx.AsyncClient, factory: Factory, worker: Worker) -> None:
    org = await factory.org()
    token = "7000000001:AAHapiTokenValue"
    fake = FakeTelegram(token)
    async with serve_provider(fake):
        channel = await make_channel(
            client,
            org,
            "telegram",
            config={"api_base": fake.url},
            credentials={
                "bot_token": await _secret(client, org, token, hosts=LOOPBACK),
                "webhook_secret": await _secret(client, org, "tg-secret-1"),
            },
        )
        update = {
            "update_id": 1,
            "message": {
                "message_id": 5,
                "from": {"id": 4242, "is_bot": False, "first_name": "Ada"},
                "chat": {"id": 4242, "type": "private"},
                "date": 1441645532,
                "text": "Where is my order?",
            },
        }
        stored = await _round_trip(
            client,
            org,
            channel,
            signed.telegram("tg-secret-1", update),
            signed.telegram("forged", update),
            "4242",
            lambda: (
                fake.seen(f"/bot{token}/sendMessage")[-1].json
                == {"chat_id": 4242, "text": "Thanks, on its way"}
            ),
        )
        assert stored["provider_message_id"] == "4242:5"


async def test_webhook(client: httpx.AsyncClient, factory: Factory, worker: Worker) -> None:
    from tests.fakes.http import serve_fake

    org = await factory.org()
    async with serve_fake() as fake:
        channel = await make_channel(
            client,
            org,
            "webhook",
            config={"api_base": f"{fake.url}/out"},
            credentials={"signing_secret": await _secret(client, org, "hook-secret-1")},
        )
        body = orjson.dumps({"from": "user-7", "text": "Where is my order?", "id": "w-1"})
        stored = await _round_trip(
            client,
            org,
            channel,
            signed.flowline("hook-secret-1", body),
            signed.flowline("forged", body),
            "user-7",
            lambda: fake.seen("/out")[-1].json["body"] == {"text": "Thanks, on its way"},
        )
        assert stored["provider_message_id"] == "w-1"


async def test_a_telegram_token_never_shows_in_messages_or_events(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    canary = "7000000009:AAHcanaryThroughTheApi-0123456789"
    fake = FakeTelegram("7000000001:the-right-token")  # refuses the canary: 401
    async with serve_provider(fake):
        channel = await make_channel(
            client,
            org,
            "telegram",
            config={"api_base": fake.url},
            credentials={
                "bot_token": await _secret(client, org, canary, hosts=LOOPBACK),
                "webhook_secret": await _secret(client, org, "tg-secret-2"),
            },
        )
        r = await client.post(
            f"{CHANNELS}/{channel['id']}/send",
            json={"to": "4242", "text": "x"},
            headers=org.headers,
        )
        assert r.status_code == 202, r.text
        failed = await message_once(client, org, r.json()["data"]["id"], {"failed"})
        tested = await client.post(f"{CHANNELS}/{channel['id']}/test", headers=org.headers)
    assert fake.requests[0].path == f"/bot{canary}/sendMessage"  # it was sent to the fake…
    assert "Unauthorized" in orjson.dumps(failed).decode()
    events = await channel_events(client, org, channel["id"])
    shown = [orjson.dumps(failed).decode(), orjson.dumps(events).decode(), tested.text]
    assert not [text for text in shown if canary.split(":")[1] in text]  # …and shown nowhere


async def test_the_check_answers_one_shape_whether_the_provider_accepts_or_refuses(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    fake = FakeSlack("xoxb-check-token-1")
    async with serve_provider(fake):
        answers = []
        for token in ("xoxb-check-token-1", "xoxb-someone-else"):
            channel = await _slack_channel(client, org, fake, token)
            r = await client.post(f"{CHANNELS}/{channel['id']}/test", headers=org.headers)
            assert r.status_code == 200, r.text
            answers.append(r.json()["data"])
    accepted, refused = answers
    assert accepted["ok"] is True
    assert accepted["error"] is None
    assert set(accepted["detail"]) == {"team", "user", "bot_id"}
    assert refused["ok"] is False
    assert refused["detail"] == {}
    assert refused["error"] == {
        "code": "PROVIDER_REFUSED",
        "message": "Slack refused auth.test: invalid_auth",
    }
    assert "xoxb-someone-else" not in orjson.dumps(refused).decode()
