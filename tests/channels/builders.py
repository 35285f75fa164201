"""Channels for the tests, made through the API."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from tests.channels.testkinds import KIND, install_test_kinds
from tests.factories import Org, unique

CHANNELS = "/api/v1/channels"
PHONE = "+14155550123"
OTHER_PHONE = "+14155550124"

install_test_kinds()


async def make_secret(client: httpx.AsyncClient, org: Org, value: str, **extra: Any) -> str:
    name = unique("sec")
    body = {"name": name, "kind": "generic", "value": value, **extra}
    r = await client.post("/api/v1/secrets", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return name


async def make_channel(
    client: httpx.AsyncClient, org: Org, kind: str = "sandbox", **fields: Any
) -> dict[str, Any]:
    body = {"name": unique("chn"), "kind": kind, **fields}
    r = await client.post(CHANNELS, json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


async def make_http_channel(
    client: httpx.AsyncClient, org: Org, api_base: str, app_secret: str, **fields: Any
) -> dict[str, Any]:
    name = await make_secret(client, org, app_secret)
    return await make_channel(
        client,
        org,
        KIND,
        config={"api_base": api_base},
        credentials={"app_secret": name},
        **fields,
    )


async def say(
    client: httpx.AsyncClient, org: Org, channel_id: str, text: str, **fields: Any
) -> httpx.Response:
    """A person writes on a sandbox channel."""
    body = {"from": PHONE, "text": text, **fields}
    return await client.post(
        f"{CHANNELS}/{channel_id}/sandbox/messages", json=body, headers=org.headers
    )


async def send(
    client: httpx.AsyncClient, org: Org, channel_id: str, text: str = "hi", to: str = PHONE
) -> httpx.Response:
    body = {"to": to, "text": text}
    return await client.post(f"{CHANNELS}/{channel_id}/send", json=body, headers=org.headers)


async def message_once(
    client: httpx.AsyncClient, org: Org, message_id: str, statuses: set[str], seconds: float = 20
) -> dict[str, Any]:
    """The message once its status is one of ``statuses``."""
    async with asyncio.timeout(seconds):
        while True:
            r = await client.get(f"/api/v1/messages/{message_id}", headers=org.headers)
            assert r.status_code == 200, r.text
            if r.json()["data"]["status"] in statuses:
                data: dict[str, Any] = r.json()["data"]
                return data
            await asyncio.sleep(0.05)


async def channel_events(
    client: httpx.AsyncClient, org: Org, channel_id: str
) -> list[dict[str, Any]]:
    r = await client.get(f"{CHANNELS}/{channel_id}/stream?size=100", headers=org.headers)
    assert r.status_code == 200, r.text
    data: list[dict[str, Any]] = r.json()["data"]
    return data


async def events_until(
    client: httpx.AsyncClient, org: Org, channel_id: str, type: str, count: int = 1
) -> list[dict[str, Any]]:
    """The channel's events once ``count`` of them are of ``type``."""
    async with asyncio.timeout(20):
        while True:
            found = await channel_events(client, org, channel_id)
            if sum(e["type"] == type for e in found) >= count:
                return found
            await asyncio.sleep(0.05)
