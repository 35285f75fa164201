"""Agents and conversations made through the API, for the tests of several domains."""

from __future__ import annotations

from typing import Any

import httpx

from tests.factories import Org, unique


async def make_agent(client: httpx.AsyncClient, org: Org, **config: Any) -> str:
    body = {"name": unique("agent-"), "config": config}
    r = await client.post("/api/v1/agents", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return str(r.json()["data"]["id"])


async def make_conversation(client: httpx.AsyncClient, org: Org) -> str:
    agent_id = await make_agent(client, org)
    body = {"agent_id": agent_id, "title": "t"}
    r = await client.post("/api/v1/conversations", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return str(r.json()["data"]["id"])
