"""Agents and tools made through the API, for the tool tests."""

from __future__ import annotations

from typing import Any

import httpx

from tests.agents.builders import make_agent
from tests.factories import Org
from tests.fakes.openai_server import FakeOpenAI


def tools_url(agent_id: str, *rest: str) -> str:
    return "/".join([f"/api/v1/agents/{agent_id}/tools", *rest])


async def make_tool(
    client: httpx.AsyncClient, org: Org, agent_id: str, **definition: Any
) -> dict[str, Any]:
    r = await client.post(tools_url(agent_id), json=definition, headers=org.headers)
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


async def http_tool(
    client: httpx.AsyncClient,
    org: Org,
    agent_id: str,
    name: str,
    method: str,
    url: str,
    **extra: Any,
) -> dict[str, Any]:
    config = {"method": method, "url": url, **extra.pop("config", {})}
    return await make_tool(client, org, agent_id, name=name, kind="http", config=config, **extra)


async def run_tool(
    client: httpx.AsyncClient,
    org: Org,
    agent_id: str,
    name: str,
    arguments: dict[str, Any] | None = None,
    *,
    confirmed: bool | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    body: dict[str, Any] = {"arguments": arguments or {}}
    if confirmed is not None:
        body["confirmed"] = confirmed
    return await client.post(
        tools_url(agent_id, name, "run"), json=body, headers={**org.headers, **(headers or {})}
    )


async def chat(client: httpx.AsyncClient, org: Org, agent_id: str, text: str) -> dict[str, Any]:
    r = await client.post(
        f"/api/v1/agents/{agent_id}/chat", json={"messages": text}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


def problem_fields(response: httpx.Response) -> list[str]:
    return [d["field"] for d in response.json().get("details") or []]


async def fake_model_agent(client: httpx.AsyncClient, org: Org, fake: FakeOpenAI) -> str:
    """An agent whose model is the fake OpenAI server's (the organisation brings its own)."""
    body = {"name": "fake", "kind": "openai_compatible", "base_url": fake.base_url, "api_key": "k1"}
    r = await client.post("/api/v1/llm/config/providers", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    r = await client.put("/api/v1/llm/config", json={"mode": "byok"}, headers=org.headers)
    assert r.status_code == 200, r.text
    return await make_agent(client, org, model="fake/gpt-4o-mini")
