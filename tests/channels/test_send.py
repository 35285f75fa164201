"""Sending: 202 at once, the provider called by the engine, and every rule's refusal."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import orjson
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from flowline.channels.sending import ChannelRateLimited, Outgoing
from flowline.channels.sending import send as accept
from flowline.db.models import Contact
from flowline.db.session import Database
from flowline.db.types import utcnow
from flowline.engine.worker import Worker
from flowline.runtime import Runtime
from tests.answers import assert_error, error_fields
from tests.channels.builders import (
    CHANNELS,
    OTHER_PHONE,
    PHONE,
    channel_events,
    make_channel,
    make_http_channel,
    message_once,
    say,
    send,
)
from tests.channels.sse import read_until
from tests.channels.testkinds import sign
from tests.factories import Factory
from tests.fakes.http import Answer, FakeApi, serve_fake
from tests.runs.streaming import StreamingTransport

SSE = {"Accept": "text/event-stream"}
APP_SECRET = "test-app-secret-123456"


@pytest.fixture
async def live(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=StreamingTransport(app), base_url="http://flowline.test"
    ) as c:
        yield c


@pytest.fixture
async def fake() -> AsyncIterator[FakeApi]:
    async with serve_fake() as made:
        yield made


async def test_a_sandbox_send_answers_202_then_is_sent_and_seen_live(
    client: httpx.AsyncClient, live: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    channel = await make_channel(client, org)
    seen: list[tuple[int, str, dict[str, Any]]] = []

    def sent(events: list[tuple[int, str, dict[str, Any]]]) -> bool:
        return any(kind == "message.sent" for _, kind, _ in events)

    url = f"{CHANNELS}/{channel['id']}/stream"
    async with live.stream("GET", url, headers=org.headers | SSE) as stream:
        assert stream.status_code == 200
        r = await send(client, org, channel["id"], "Hello there", to="+1 (415) 555-0123")
        assert r.status_code == 202, r.text
        message = r.json()["data"]
        assert message["status"] == "queued"
        assert message["direction"] == "out"
        assert message["body"] == {"text": "Hello there"}
        await asyncio.wait_for(read_until(stream.aiter_lines(), sent, seen), 20)
    assert [kind for _, kind, _ in seen] == ["message.queued", "message.sent"]
    assert [seq for seq, _, _ in seen] == [1, 2]
    done = seen[-1][2]["data"]["message"]
    assert done["id"] == message["id"]
    assert done["status"] == "sent"
    assert done["provider_message_id"] == f"sandbox:{message['id']}"
    contact = await client.get(f"/api/v1/contacts/{message['contact_id']}", headers=org.headers)
    assert contact.json()["data"]["address"] == PHONE  # normalised to E.164

    # Reconnecting after event 1 replays only what came after it.
    again: list[tuple[int, str, dict[str, Any]]] = []
    headers = org.headers | SSE | {"Last-Event-ID": "1"}
    async with live.stream("GET", url, headers=headers) as stream:
        await asyncio.wait_for(read_until(stream.aiter_lines(), sent, again), 20)
    assert [seq for seq, _, _ in again] == [2]


async def test_idempotency_key_answers_the_first_message(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    channel = await make_channel(client, org)
    headers = org.headers | {"Idempotency-Key": "order-42-confirmation"}
    body = {"to": PHONE, "text": "Your order shipped"}
    first = await client.post(f"{CHANNELS}/{channel['id']}/send", json=body, headers=headers)
    second = await client.post(f"{CHANNELS}/{channel['id']}/send", json=body, headers=headers)
    assert first.status_code == second.status_code == 202
    assert first.json()["data"]["id"] == second.json()["data"]["id"]
    assert second.headers["Idempotent-Replayed"] == "true"
    listed = await client.get(f"{CHANNELS}/{channel['id']}/messages", headers=org.headers)
    assert listed.json()["total"] == 1


async def test_a_bad_address_or_body_is_422_naming_the_field_and_stores_nothing(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    channel = await make_channel(client, org)
    r = await send(client, org, channel["id"], to="call me maybe")
    assert_error(r, 422, "INVALID_ADDRESS")
    assert error_fields(r) == {"to"}
    r = await client.post(
        f"{CHANNELS}/{channel['id']}/send",
        json={"to": PHONE, "text": "a", "media": {"url": "https://x.test/a.png"}},
        headers=org.headers,
    )
    assert_error(r, 422, "VALIDATION_ERROR")
    r = await client.post(
        f"{CHANNELS}/{channel['id']}/send",
        json={"to": PHONE, "interactive": {"text": "Pick", "buttons": []}},
        headers=org.headers,
    )
    assert_error(r, 422, "VALIDATION_ERROR")
    assert "interactive.buttons" in str(r.json()["details"])
    assert (await client.get(f"{CHANNELS}/{channel['id']}/messages", headers=org.headers)).json()[
        "total"
    ] == 0
    assert (await client.get("/api/v1/contacts", headers=org.headers)).json()["total"] == 0


async def test_stop_opts_out_start_opts_back_in_and_keywords_are_per_channel(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    channel = await make_channel(client, org)
    r = await say(client, org, channel["id"], "  stop ")
    assert r.status_code == 202, r.text
    contact_id = r.json()["data"]["contact_id"]
    contact = (await client.get(f"/api/v1/contacts/{contact_id}", headers=org.headers)).json()
    assert contact["data"]["opted_out_at"] is not None
    r = await send(client, org, channel["id"])
    assert_error(r, 409, "CONTACT_OPTED_OUT")
    assert error_fields(r) == {"to"}
    types = [e["type"] for e in await channel_events(client, org, channel["id"])]
    assert types == ["message.received", "contact.opted_out"]  # not routed, not sent

    await say(client, org, channel["id"], "START")
    assert (await send(client, org, channel["id"])).status_code == 202

    custom = await make_channel(
        client, org, limits={"opt_out_keywords": ["alto"], "opt_in_keywords": ["sigue"]}
    )
    await say(client, org, custom["id"], "STOP")  # an ordinary message here
    assert (await send(client, org, custom["id"])).status_code == 202
    await say(client, org, custom["id"], "Alto")
    assert_error(await send(client, org, custom["id"]), 409, "CONTACT_OPTED_OUT")
    await say(client, org, custom["id"], "sigue")
    assert (await send(client, org, custom["id"])).status_code == 202

    # Opted out by hand, too.
    r = await client.patch(
        f"/api/v1/contacts/{contact_id}", json={"opted_out": True}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    assert_error(await send(client, org, channel["id"]), 409, "CONTACT_OPTED_OUT")


async def test_country_allow_list_and_hourly_cap(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    limits = {"allowed_countries": ["de", "US"], "max_per_contact_per_hour": 2}
    channel = await make_channel(client, org, limits=limits)
    assert channel["limits"]["allowed_countries"] == ["DE", "US"]
    r = await send(client, org, channel["id"], to="+447911123456")  # GB
    assert_error(r, 422, "COUNTRY_NOT_ALLOWED")
    assert error_fields(r) == {"to"}
    assert (await send(client, org, channel["id"], to="+4915112345678")).status_code == 202
    assert (await send(client, org, channel["id"])).status_code == 202
    assert (await send(client, org, channel["id"])).status_code == 202
    r = await send(client, org, channel["id"])
    assert_error(r, 429, "CONTACT_HOURLY_CAP")
    assert error_fields(r) == {"limits.max_per_contact_per_hour"}
    assert "Retry-After" in r.headers
    assert (await send(client, org, channel["id"], to=OTHER_PHONE)).status_code == 202


async def test_the_send_rate_holds_across_two_database_instances(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    channel = await make_channel(client, org, limits={"messages_per_second": 0.5, "burst": 2})
    other = Runtime(
        settings=runtime.settings,
        db=Database(runtime.settings.resolved_database_url),
        secret_box=runtime.secret_box,
        rate_limiter=runtime.rate_limiter,
    )
    try:
        outcomes = []
        for rt in (runtime, other, runtime, other):
            try:
                async with rt.db.session(write=True) as session:
                    await accept(
                        session, rt, org.id, channel["id"], Outgoing(PHONE, "text", {"text": "x"})
                    )
                outcomes.append("accepted")
            except ChannelRateLimited as exc:
                outcomes.append(f"limited {exc.error_code} {0 < exc.wait <= 2.0}")
    finally:
        await other.outbound.close()
        await other.db.dispose()
    limited = "limited CHANNEL_RATE_LIMITED True"
    assert outcomes == ["accepted", "accepted", limited, limited]
    r = await send(client, org, channel["id"])
    assert_error(r, 429, "CHANNEL_RATE_LIMITED")
    assert int(r.headers["Retry-After"]) >= 1
    assert error_fields(r) == {"limits.messages_per_second"}


async def _inbound(
    client: httpx.AsyncClient, channel_id: str, payload: dict[str, Any], secret: str = APP_SECRET
) -> httpx.Response:
    body = orjson.dumps(payload)
    headers = {"X-Test-Signature": sign(secret, body), "Content-Type": "application/json"}
    return await client.post(f"{CHANNELS}/{channel_id}/inbound", content=body, headers=headers)


async def test_outside_the_24_hour_window_only_templates_go(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime, fake: FakeApi
) -> None:
    org = await factory.org()
    channel = await make_http_channel(client, org, fake.url, APP_SECRET)
    r = await send(client, org, channel["id"])
    assert_error(r, 422, "OUTSIDE_SESSION_WINDOW")
    assert "template" in r.json()["message"]
    template = {"to": PHONE, "template": "order_update", "language": "en_US"}
    r = await client.post(
        f"{CHANNELS}/{channel['id']}/templates/send", json=template, headers=org.headers
    )
    assert r.status_code == 202, r.text
    assert r.json()["data"]["type"] == "template"

    r = await _inbound(
        client, channel["id"], {"messages": [{"id": "w1", "from": PHONE, "text": "hi"}]}
    )
    assert r.status_code == 200, r.text
    assert (await send(client, org, channel["id"])).status_code == 202

    async with runtime.db.session(write=True) as session:
        await session.execute(
            sa.update(Contact)
            .where(Contact.org_id == org.id, Contact.address == PHONE)
            .values(last_inbound_at=utcnow() - timedelta(hours=25))
        )
    assert_error(await send(client, org, channel["id"]), 422, "OUTSIDE_SESSION_WINDOW")


async def test_a_provider_failure_is_retried_with_the_same_key_and_a_refusal_fails(
    client: httpx.AsyncClient, factory: Factory, fake: FakeApi, worker: Worker
) -> None:
    org = await factory.org()
    channel = await make_http_channel(client, org, fake.url, APP_SECRET)
    await _inbound(client, channel["id"], {"messages": [{"id": "r1", "from": PHONE, "text": "hi"}]})
    fake.answer(
        "/messages",
        Answer(503, {"error": "busy"}, headers={"Retry-After": "0"}),
        Answer(200, {"id": "prov-1"}),
        Answer(400, {"error": "bad recipient"}),
    )
    r = await send(client, org, channel["id"], "first")
    message = await message_once(client, org, r.json()["data"]["id"], {"sent", "failed"})
    assert message["status"] == "sent"
    assert message["provider_message_id"] == "prov-1"
    tries = fake.seen("/messages")
    assert len(tries) == 2
    assert {t.headers["idempotency-key"] for t in tries} == {message["id"]}
    assert tries[0].json == {"to": PHONE, "type": "text", "body": {"text": "first"}}

    r = await send(client, org, channel["id"], "second")
    failed = await message_once(client, org, r.json()["data"]["id"], {"sent", "failed"})
    assert failed["status"] == "failed"
    assert failed["error"]["code"] == "PROVIDER_REFUSED"
    assert failed["error"]["provider"] == {"status": 400}
    assert len(fake.seen("/messages")) == 3  # a refusal is not tried again


async def test_inbound_verifies_first_stores_once_and_applies_statuses(
    client: httpx.AsyncClient, factory: Factory, fake: FakeApi, worker: Worker
) -> None:
    org = await factory.org()
    channel = await make_http_channel(client, org, fake.url, APP_SECRET)
    cid = channel["id"]
    payload = {"messages": [{"id": "in-1", "from": PHONE, "text": "hello", "name": "Ada"}]}
    r = await _inbound(client, cid, payload, secret="not-the-secret")
    assert_error(r, 401, "INVALID_SIGNATURE")
    assert await channel_events(client, org, cid) == []

    r = await client.get(f"{CHANNELS}/{cid}/inbound?challenge=abc123")
    assert r.status_code == 401  # a GET is checked too
    for _ in range(3):  # the provider retries
        r = await _inbound(client, cid, payload)
        assert r.status_code == 200, r.text
        assert r.json() == {"ok": True}
    listed = (
        await client.get(f"{CHANNELS}/{cid}/messages?direction=in", headers=org.headers)
    ).json()
    assert listed["total"] == 1
    assert listed["data"][0]["provider_message_id"] == "in-1"
    assert listed["data"][0]["status"] == "received"

    fake.answer("/messages", Answer(200, {"id": "out-1"}), Answer(200, {"id": "out-2"}))
    # One after the other: two sends at once may reach the provider in either order.
    first = (await send(client, org, cid, "one")).json()["data"]
    await message_once(client, org, first["id"], {"sent"})
    second = (await send(client, org, cid, "two")).json()["data"]
    await message_once(client, org, second["id"], {"sent"})
    statuses = [
        {"id": "out-1", "status": "delivered"},
        {"id": "out-1", "status": "read"},
        {"id": "out-1", "status": "sent"},  # late, out of order: ignored
        {"id": "out-2", "status": "failed", "error": {"code": 131026, "title": "Undeliverable"}},
        {"id": "unknown", "status": "read"},
    ]
    assert (await _inbound(client, cid, {"statuses": statuses})).status_code == 200
    one = (await client.get(f"/api/v1/messages/{first['id']}", headers=org.headers)).json()["data"]
    two = (await client.get(f"/api/v1/messages/{second['id']}", headers=org.headers)).json()["data"]
    assert one["status"] == "read"
    assert two["status"] == "failed"
    assert two["error"] == {"code": 131026, "title": "Undeliverable"}
    types = [e["type"] for e in await channel_events(client, org, cid)]
    assert types.count("message.delivered") == 1
    assert types.count("message.read") == 1
    assert types.count("message.failed") == 1
    assert types.count("message.received") == 1

    r = await client.post(f"{CHANNELS}/chn_nope/inbound", content=b"{}")
    assert_error(r, 404, "CHANNEL_NOT_FOUND")
    r = await client.post(
        f"{CHANNELS}/{cid}/sandbox/messages", json={"from": PHONE, "text": "x"}, headers=org.headers
    )
    assert_error(r, 409, "NOT_A_SANDBOX")


async def test_a_credential_reaches_only_its_host_and_never_an_answer_or_event(
    client: httpx.AsyncClient, factory: Factory, fake: FakeApi, worker: Worker
) -> None:
    org = await factory.org()
    token = "tok-planted-5b1e9c7d"
    body = {"name": "chn_token", "kind": "bearer", "value": token, "hosts": ["127.0.0.1"]}
    assert (await client.post("/api/v1/secrets", json=body, headers=org.headers)).status_code == 201
    channel = await make_http_channel(client, org, fake.url, APP_SECRET)
    replaced = {
        **{k: channel[k] for k in ("name", "kind", "config", "limits")},
        "credentials": {**channel["credentials"], "token": "chn_token"},
    }
    r = await client.put(f"{CHANNELS}/{channel['id']}", json=replaced, headers=org.headers)
    assert r.status_code == 200, r.text
    fake.answer("/messages", Answer(200, {"id": "p-1"}))
    template = {"to": PHONE, "template": "hello"}
    url = f"{CHANNELS}/{channel['id']}/templates/send"
    first = (await client.post(url, json=template, headers=org.headers)).json()["data"]
    await message_once(client, org, first["id"], {"sent"})
    assert fake.seen("/messages")[0].headers["authorization"] == f"Bearer {token}"

    answers = [
        await client.get(f"{CHANNELS}/{channel['id']}", headers=org.headers),
        await client.get(f"{CHANNELS}/{channel['id']}/messages", headers=org.headers),
        await client.get(f"{CHANNELS}/{channel['id']}/stream", headers=org.headers),
        await client.get(f"/api/v1/messages/{first['id']}", headers=org.headers),
    ]
    for answer in answers:
        assert answer.status_code == 200, answer.text
        assert token not in answer.text


async def test_a_status_that_outruns_its_send_is_applied_once_the_send_commits(
    client: httpx.AsyncClient, factory: Factory, fake: FakeApi, worker: Worker
) -> None:
    org = await factory.org()
    channel = await make_http_channel(client, org, fake.url, APP_SECRET)
    fake.answer("/messages", Answer(200, {"id": "early-1"}, delay=1.0))
    url = f"{CHANNELS}/{channel['id']}/templates/send"
    r = await client.post(url, json={"to": PHONE, "template": "hello"}, headers=org.headers)
    message_id = r.json()["data"]["id"]
    async with asyncio.timeout(20):
        while not fake.seen("/messages"):  # noqa: ASYNC110 - the fake has no event
            await asyncio.sleep(0.02)
    # The provider reports delivery while its answer to the send is still on the way.
    statuses = {"statuses": [{"id": "early-1", "status": "delivered"}]}
    assert (await _inbound(client, channel["id"], statuses)).status_code == 200
    message = await message_once(client, org, message_id, {"delivered"}, seconds=30)
    assert message["provider_message_id"] == "early-1"
    types = [e["type"] for e in await channel_events(client, org, channel["id"])]
    assert types == ["message.queued", "message.sent", "message.delivered"]
