"""MCP servers as tools: registered, listed and imported through the API, called by an
agent's chat turn through the official SDK's client against a loopback ``MCPServer``,
under approval policies, the outbound rules and organisation scoping."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import orjson
import pytest

from flowline.engine.worker import Worker
from flowline.outbound.client import Credential
from flowline.outbound.httpx2_client import pinned_client
from flowline.outbound.policy import NetworkPolicy, OutboundRefused
from tests.agents.builders import make_agent
from tests.factories import Factory, Org
from tests.fakes.mcp_server import FakeMcp, serve_mcp
from tests.tools.builders import problem_fields

TOKEN = "mcp-s3cr3t-token-value"


@pytest.fixture
async def fake() -> AsyncIterator[FakeMcp]:
    async with serve_mcp(token=TOKEN) as served:
        yield served


async def register(
    client: httpx.AsyncClient, org: Org, fake: FakeMcp, **extra: Any
) -> httpx.Response:
    secret = {"name": "mcp_token", "kind": "bearer", "value": TOKEN, "hosts": ["127.0.0.1"]}
    await client.post("/api/v1/secrets", json=secret, headers=org.headers)
    body = {"name": "orders", "url": fake.url, "credential": "mcp_token", **extra}
    return await client.post("/api/v1/mcp-servers", json=body, headers=org.headers)


async def chat(client: httpx.AsyncClient, org: Org, agent: str, tool: str, args: Any) -> Any:
    text = f"call {tool} {orjson.dumps(args).decode()}"
    return await client.post(
        f"/api/v1/agents/{agent}/chat", json={"messages": text}, headers=org.headers
    )


async def test_an_agent_calls_an_imported_tool(
    client: httpx.AsyncClient, factory: Factory, fake: FakeMcp
) -> None:
    org = await factory.org()
    r = await register(client, org, fake, allowed_tools=["lookup_order", "refund", "fail"])
    assert r.status_code == 201, r.text
    assert r.json()["data"]["credential"] == "mcp_token"

    r = await client.get("/api/v1/mcp-servers/orders/tools", headers=org.headers)
    assert r.status_code == 200, r.text
    tools = {t["name"]: t for t in r.json()["data"]}
    assert tools["lookup_order"]["read_only"] is True
    assert tools["lookup_order"]["input_schema"]["required"] == ["order_id"]
    assert tools["refund"]["destructive"] is True

    agent = await make_agent(client, org)
    r = await client.post(
        f"/api/v1/agents/{agent}/mcp-servers/orders",
        json={"tools": ["lookup_order", "fail"]},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    made = {t["name"]: t for t in r.json()["data"]}
    assert made["lookup_order"]["kind"] == "mcp"
    assert made["lookup_order"]["description"] == "Look up an order by its id."
    assert made["lookup_order"]["config"]["read_only"] is True

    r = await chat(client, org, agent, "lookup_order", {"order_id": "A1"})
    assert r.status_code == 200, r.text
    [call] = r.json()["data"]["metadata"]["tool_calls"]
    assert call["error"] is None
    assert call["result"]["content"] == ["order A1: 2 books, shipped"]
    sent = fake.headers[-1]
    assert sent["authorization"] == f"Bearer {TOKEN}"
    assert sent["user-agent"].startswith("Flowline/")

    r = await chat(client, org, agent, "fail", {})
    [call] = r.json()["data"]["metadata"]["tool_calls"]
    assert call["error"]  # the server's isError is the call's error
    assert TOKEN not in r.text

    # `always` on a read-only tool asks a person too.
    url = f"/api/v1/agents/{agent}/tools/lookup_order/approval"
    assert (await client.put(url, json={"policy": "always"}, headers=org.headers)).is_success
    r = await chat(client, org, agent, "lookup_order", {"order_id": "A2"})
    assert r.status_code == 202, r.text


async def test_a_tool_under_approval_waits_for_a_person(
    client: httpx.AsyncClient, factory: Factory, fake: FakeMcp, worker: Worker
) -> None:
    org = await factory.org()
    assert (await register(client, org, fake)).status_code == 201
    agent = await make_agent(client, org)
    r = await client.post(f"/api/v1/agents/{agent}/mcp-servers/orders", headers=org.headers)
    assert r.status_code == 201, r.text
    # Every allowed tool (all: `allowed_tools` is null); `refund` is not read-only.
    assert {t["name"] for t in r.json()["data"]} == {"lookup_order", "refund", "fail"}

    r = await chat(client, org, agent, "refund", {"order_id": "A1", "amount": 5})
    assert r.status_code == 202, r.text
    waiting = r.json()["data"]
    [asked] = waiting["approvals"]
    assert asked["tool"] == "refund"
    assert fake.refunds == []
    r = await client.post(
        f"/api/v1/approvals/{asked['approval_id']}/respond",
        json={"decision": "approve"},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    for _ in range(400):
        run = (await client.get(f"/api/v1/runs/{waiting['run_id']}", headers=org.headers)).json()
        if run["data"]["status"] == "succeeded":
            break
        await asyncio.sleep(0.05)
    assert run["data"]["status"] == "succeeded"
    assert fake.refunds == [("A1", 5.0)]


async def test_bad_registrations_are_refused_naming_the_field(
    client: httpx.AsyncClient, factory: Factory, fake: FakeMcp
) -> None:
    org = await factory.org()
    r = await register(client, org, fake, url="http://10.1.2.3/mcp")
    assert r.status_code == 403  # the instance's policy, not a rule of the request
    assert r.json()["error"] == "OUTBOUND_REFUSED"
    assert problem_fields(r) == ["url"]
    r = await register(client, org, fake, url="ftp://127.0.0.1/mcp")
    assert r.status_code == 422
    r = await register(client, org, fake, credential="missing")
    assert r.status_code == 404
    assert problem_fields(r) == ["credential"]
    other = {"name": "elsewhere", "kind": "bearer", "value": "x", "hosts": ["api.example.com"]}
    await client.post("/api/v1/secrets", json=other, headers=org.headers)
    r = await register(client, org, fake, credential="elsewhere")
    assert r.status_code == 409
    assert problem_fields(r) == ["credential"]
    assert "not bound" in r.json()["message"]
    assert (await register(client, org, fake)).status_code == 201
    assert (await register(client, org, fake)).status_code == 409
    assert (await client.get("/api/v1/mcp-servers", headers=org.headers)).json()["data"][0][
        "name"
    ] == "orders"

    agent = await make_agent(client, org)
    tool = {"name": "t", "kind": "mcp", "config": {"server": "nope", "tool": "lookup_order"}}
    r = await client.post(f"/api/v1/agents/{agent}/tools", json=tool, headers=org.headers)
    assert problem_fields(r) == ["config.server"]
    r = await client.patch(
        "/api/v1/mcp-servers/orders", json={"allowed_tools": ["refund"]}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    tool["config"]["server"] = "orders"
    r = await client.post(f"/api/v1/agents/{agent}/tools", json=tool, headers=org.headers)
    assert problem_fields(r) == ["config.tool"]
    r = await client.post(
        f"/api/v1/agents/{agent}/mcp-servers/orders",
        json={"tools": ["lookup_order"]},
        headers=org.headers,
    )
    assert problem_fields(r) == ["tools[0]"]


async def test_another_organisations_server_is_not_found(
    client: httpx.AsyncClient, factory: Factory, fake: FakeMcp
) -> None:
    mine, theirs = await factory.org(), await factory.org()
    assert (await register(client, theirs, fake)).status_code == 201
    for path in ("", "/tools"):
        r = await client.get(f"/api/v1/mcp-servers/orders{path}", headers=mine.headers)
        assert r.status_code == 404
    agent = await make_agent(client, mine)
    r = await client.post(f"/api/v1/agents/{agent}/mcp-servers/orders", headers=mine.headers)
    assert r.status_code == 404
    tool = {"name": "t", "kind": "mcp", "config": {"server": "orders", "tool": "refund"}}
    r = await client.post(f"/api/v1/agents/{agent}/tools", json=tool, headers=mine.headers)
    assert problem_fields(r) == ["config.server"]
    assert fake.headers == []  # nothing reached their server


async def test_the_sdk_client_keeps_the_outbound_rules(fake: FakeMcp) -> None:
    """Through ``pinned_client`` a loopback server is refused unless allowed, and a
    credential goes only to a host it is bound to."""
    from mcp import Client
    from mcp.client.streamable_http import streamable_http_client

    async def lookup(policy: NetworkPolicy, credential: Credential) -> Any:
        async with pinned_client(policy, None, "ops@example.com", credential=credential) as http:
            transport = streamable_http_client(fake.url, http_client=http)
            async with Client(transport) as mcp:
                return await mcp.call_tool("lookup_order", {"order_id": "B"})

    bound = Credential("t", "bearer", TOKEN, hosts=("127.0.0.1",))
    result = await lookup(NetworkPolicy(["127.0.0.1"]), bound)
    assert result.is_error is False
    assert isinstance(await failure(lookup(NetworkPolicy([]), bound)), OutboundRefused)
    seen = len(fake.headers)
    elsewhere = Credential("t", "bearer", TOKEN, hosts=("api.example.com",))
    refused = await failure(lookup(NetworkPolicy(["127.0.0.1"]), elsewhere))
    assert "not bound" in str(refused)
    assert all(h.get("authorization") != f"Bearer {TOKEN}" for h in fake.headers[seen:])


async def failure(work: Any) -> BaseException:
    """The exception ``work`` raises, out of the SDK's task-group wrappings."""
    try:
        await work
    except BaseException as exc:  # the SDK wraps its transport's errors in groups
        while isinstance(exc, BaseExceptionGroup):
            exc = exc.exceptions[0]
        return exc
    raise AssertionError("no exception")
