from __future__ import annotations

import httpx

from tests.factories import Factory


async def test_root(client: httpx.AsyncClient) -> None:
    r = await client.get("/")
    assert r.status_code == 200
    assert r.json()["name"] == "flowline"


async def test_kv_roundtrip(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.post("/api/v1/kv", json={"key": "a/b", "value": {"x": 1}}, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["version"] == 1
    r = await client.get("/api/v1/kv/a/b", headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["value"] == {"x": 1}
