"""``/mcp``: JSON-RPC over Streamable HTTP, offering chosen agents and flows as tools."""

from __future__ import annotations

from typing import Any

import httpx

from flowline.engine.worker import Worker
from tests.agents.builders import make_agent
from tests.engine.flows import chain, node
from tests.factories import Factory, Org, unique

ACCEPT = {"Accept": "application/json, text/event-stream"}


async def _rpc(
    client: httpx.AsyncClient, org: Org, method: str, params: Any = None, *, query: str = ""
) -> dict[str, Any]:
    body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": params or {}}
    r = await client.post(f"/mcp{query}", json=body, headers={**org.headers, **ACCEPT})
    assert r.status_code == 200, r.text
    return dict(r.json())


async def _flow(client: httpx.AsyncClient, org: Org) -> tuple[str, str]:
    schema = {"type": "object", "properties": {"x": {"type": "integer"}}, "required": ["x"]}
    definition = chain(
        node("start", "start", input_schema=schema),
        node("done", "end", output="{{ input.x * 2 }}"),
    )
    name = unique("double")
    r = await client.post(
        "/api/v1/flows", json={"name": name, "definition": definition}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    return r.json()["data"]["id"], name


async def test_handshake_and_the_tools_chosen_in_the_url(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    first = await make_agent(client, org, tools=[])
    await make_agent(client, org)
    hello = await _rpc(client, org, "initialize", {"protocolVersion": "2025-03-26"})
    assert hello["result"]["protocolVersion"] == "2025-03-26"
    unknown = await _rpc(client, org, "initialize", {"protocolVersion": "1999-01-01"})
    assert unknown["result"]["protocolVersion"] == "2025-11-25"
    assert "tools" in hello["result"]["capabilities"]
    note = {"jsonrpc": "2.0", "method": "notifications/initialized"}
    r = await client.post("/mcp", json=note, headers={**org.headers, **ACCEPT})
    assert r.status_code == 202
    everything = (await _rpc(client, org, "tools/list"))["result"]["tools"]
    assert len([t for t in everything if t["name"].startswith("agent_")]) == 2
    chosen = (await _rpc(client, org, "tools/list", query=f"?agents={first}"))["result"]["tools"]
    assert len(chosen) == 1
    assert chosen[0]["inputSchema"]["required"] == ["message"]
    other = await factory.org()
    theirs = (await _rpc(client, other, "tools/list", query=f"?agents={first}"))["result"]
    assert theirs["tools"] == []
    assert (await _rpc(client, org, "ping"))["result"] == {}
    assert (await _rpc(client, org, "nope"))["error"]["code"] == -32601
    bad = await client.post("/mcp", content=b"{", headers={**org.headers, **ACCEPT})
    assert bad.status_code == 400
    assert (await client.get("/mcp", headers=org.headers)).status_code == 405
    unauthenticated = await client.post("/mcp", json=note)
    assert unauthenticated.status_code == 401


async def test_calling_an_agent_and_a_flow(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    flow_id, _ = await _flow(client, org)
    query = f"?agents={agent_id}&flows={flow_id}"
    tools = {
        t["name"]: t
        for t in (await _rpc(client, org, "tools/list", query=query))["result"]["tools"]
    }
    [agent_tool] = [n for n in tools if n.startswith("agent_")]
    [flow_tool] = [n for n in tools if n.startswith("flow_")]
    assert tools[flow_tool]["inputSchema"]["required"] == ["x"]
    said = await _rpc(
        client, org, "tools/call", {"name": agent_tool, "arguments": {"message": "hi"}}, query=query
    )
    assert said["result"] == {"content": [{"type": "text", "text": "echo: hi"}], "isError": False}
    ran = await _rpc(
        client, org, "tools/call", {"name": flow_tool, "arguments": {"x": 21}}, query=query
    )
    assert ran["result"]["isError"] is False
    assert ran["result"]["content"][0]["text"] == "42"
    wrong = await _rpc(
        client, org, "tools/call", {"name": flow_tool, "arguments": {"x": "a"}}, query=query
    )
    assert wrong["result"]["isError"] is True
    unknown = await _rpc(client, org, "tools/call", {"name": "flow_nope"}, query=query)
    assert unknown["error"]["code"] == -32602


async def test_a_body_that_is_not_a_json_rpc_request_is_400_invalid_request(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    for body in [
        {"jsonrpc": "2.0", "method": "notifications/initialized", "params": 1},
        [{"jsonrpc": "2.0", "id": "1", "method": "ping", "params": [None]}],
        [],
        [{"jsonrpc": "2.0", "id": 1, "method": "ping"}, "ping"],
        {"jsonrpc": "2.0", "id": True, "method": "ping"},
        {"jsonrpc": "2.0", "id": 1.5, "method": "ping"},
        {"jsonrpc": "1.0", "id": 1, "method": "ping"},
        {"jsonrpc": "2.0", "id": 1},
    ]:
        r = await client.post("/mcp", json=body, headers={**org.headers, **ACCEPT})
        assert r.status_code == 400, (body, r.text)
        assert r.json()["id"] is None
        assert r.json()["error"]["code"] == -32600, r.text
    batch = [{"jsonrpc": "2.0", "id": 1, "method": "ping"}, {"jsonrpc": "2.0", "method": "n"}]
    r = await client.post("/mcp", json=batch, headers={**org.headers, **ACCEPT})
    assert r.status_code == 200, r.text
    assert r.json() == [{"jsonrpc": "2.0", "id": 1, "result": {}}]


async def test_the_chosen_ids_are_ascii_so_the_longest_list_is_a_url_the_server_reads(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    ping = {"jsonrpc": "2.0", "id": 1, "method": "ping"}
    r = await client.post("/mcp?agents=agt_é", json=ping, headers={**org.headers, **ACCEPT})
    assert r.status_code == 422, r.text
    assert r.json()["details"][0]["field"] == "agents"
    ids = ",".join(["agt_01m994kmt4hwqq5kfjes96270f"] * 129)[:4000]
    r = await client.post(f"/mcp?agents={ids}", json=ping, headers={**org.headers, **ACCEPT})
    assert r.status_code == 200, r.text
