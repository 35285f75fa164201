"""Asynchronous chat: 202 at once, then the answer POSTed, signed, retried until taken."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from collections.abc import AsyncIterator

import httpx
import pytest

from flowline.agents import callbacks
from flowline.callbacks.service import LEGACY_SECRET
from flowline.engine.worker import Worker
from tests.agents.builders import make_agent
from tests.factories import Factory, Org
from tests.fakes.http import Answer, FakeApi, serve_fake

KEY = "whsec-test-key"


@pytest.fixture
async def receiver() -> AsyncIterator[FakeApi]:
    async with serve_fake() as fake:
        yield fake


async def _signing_key(client: httpx.AsyncClient, org: Org) -> None:
    """The organisation's callback key made by hand, as before keys were made on first need."""
    r = await client.post(
        "/api/v1/secrets",
        json={"name": LEGACY_SECRET, "value": KEY},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text


async def test_answer_is_delivered_signed_and_retried(
    client: httpx.AsyncClient,
    factory: Factory,
    worker: Worker,
    receiver: FakeApi,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(callbacks, "FIRST_RETRY_SECONDS", 0.05)
    org = await factory.org()
    await _signing_key(client, org)
    agent_id = await make_agent(client, org)
    receiver.answer("/hook", Answer(status=500), Answer(status=200))
    r = await client.post(
        f"/api/v1/agents/{agent_id}/chat",
        json={"messages": "hello", "callback_url": f"{receiver.url}/hook"},
        headers=org.headers,
    )
    assert r.status_code == 202, r.text
    accepted = r.json()["data"]
    assert accepted["status"] == "processing"
    for _ in range(200):
        if len(receiver.seen("/hook")) >= 2:
            break
        await asyncio.sleep(0.05)
    first, second = receiver.seen("/hook")
    assert first.body == second.body
    body = second.json["data"]
    assert body["thread_id"] == accepted["thread_id"]
    assert body["metadata"]["run_id"] == accepted["run_id"]
    assert body["message"]["content"] == "echo: hello"
    stamp, mac = second.headers["flowline-signature"].split(",")
    t = stamp.removeprefix("t=")
    expected = hmac.new(KEY.encode(), f"{t}.".encode() + second.body, hashlib.sha256)
    assert mac == f"v1={expected.hexdigest()}"
    for _ in range(100):
        attempts = (
            await client.get(f"/api/v1/runs/{accepted['run_id']}/callbacks", headers=org.headers)
        ).json()["data"]
        if len(attempts) == 2:
            break
        await asyncio.sleep(0.05)
    assert [(a["attempt"], a["status_code"], a["delivered"]) for a in attempts] == [
        (1, 500, False),
        (2, 200, True),
    ]
    assert KEY not in str(attempts)


async def test_callback_needs_a_good_url(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    url = f"/api/v1/agents/{agent_id}/chat"
    for bad in ("ftp://example.com/x", "not a url", "http://example.com/x"):
        r = await client.post(
            url, json={"messages": "hi", "callback_url": bad}, headers=org.headers
        )
        assert r.status_code == 422, bad
    conversations = await client.get("/api/v1/conversations", headers=org.headers)
    assert conversations.json()["total"] == 0  # refused before anything was kept
