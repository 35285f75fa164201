"""``/mcp`` through the official ``mcp`` SDK's client, against ``flowline serve``.

One server for the module, started as a user starts it, on a fresh instance
(SQLite, or PostgreSQL under ``FLOWLINE_TEST_DATABASE_URL``), with a flow that
doubles its input and an agent on the offline ``flowline/echo`` model. The
SDK's ``Client`` speaks Streamable HTTP to ``http://127.0.0.1:<port>/mcp`` with
the first start's API key in the ``Authorization`` header, negotiating as it
does by default (a ``server/discover`` probe, then the ``initialize``
handshake): the server's name and capabilities, the tools listed with their
input schemas, each tool called, a tool failure told as ``isError``, and a bad
key refused.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
import httpx2
import mcp_types
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError
from mcp_types.version import LATEST_HANDSHAKE_VERSION

from flowline import __version__
from tests.e2e.test_serve import Server, serving
from tests.engine.flows import chain, node

pytestmark = pytest.mark.e2e

ENV = {"FLOWLINE_LOG_LEVEL": "warning"}
TIMEOUT = 90.0
"""Longer than the server waits for a flow's run (``FLOW_WAIT_SECONDS``), so it answers first."""
SCHEMA = {"type": "object", "properties": {"x": {"type": "integer"}}, "required": ["x"]}


@dataclass(frozen=True, slots=True)
class Live:
    server: Server
    key: str
    agent: str
    flow: str

    @asynccontextmanager
    async def client(
        self,
        key: str | None = None,
        query: str = "",
        seen: list[httpx2.Response] | None = None,
        mode: str = "auto",
    ) -> AsyncIterator[Client]:
        """The SDK's client on ``/mcp``, the key in the header as any MCP host sends it.

        ``seen`` collects the HTTP answers the SDK got, for what its errors leave out.
        """

        async def record(response: httpx2.Response) -> None:
            if seen is not None:
                seen.append(response)

        headers = {"Authorization": f"Bearer {key or self.key}"}
        hooks = {"response": [record]}
        async with httpx2.AsyncClient(headers=headers, timeout=TIMEOUT, event_hooks=hooks) as http:
            transport = streamable_http_client(
                f"{self.server.base_url}/mcp{query}", http_client=http
            )
            async with Client(transport, mode=mode) as client:
                yield client


@pytest.fixture(scope="module")
async def live(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Live]:
    async with serving(tmp_path_factory.mktemp("mcp-sdk"), ENV) as (server, key):
        async with httpx.AsyncClient(
            base_url=server.base_url, headers={"Authorization": f"Bearer {key}"}, timeout=30
        ) as c:
            r = await c.post(
                "/api/v1/agents",
                json={"name": "helper", "description": "Answers questions.", "config": {}},
            )
            assert r.status_code == 201, r.text
            agent = r.json()["data"]["id"]
            definition = chain(
                node("start", "start", input_schema=SCHEMA),
                node("done", "end", output="{{ input.x * 2 }}"),
            )
            r = await c.post(
                "/api/v1/flows",
                json={"name": "double it", "description": "Doubles x.", "definition": definition},
            )
            assert r.status_code == 201, r.text
            flow = r.json()["data"]["id"]
        yield Live(server, key, agent, flow)


def _text(result: mcp_types.CallToolResult) -> str:
    [content] = result.content
    assert isinstance(content, mcp_types.TextContent)
    return content.text


@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_the_handshake_names_the_server_and_its_tools_capability(
    live: Live, mode: str
) -> None:
    """``auto`` (the SDK's default) probes ``server/discover`` first, which this server does
    not know (``-32601``), then falls back to ``initialize``; ``legacy`` goes straight there."""
    async with live.client(mode=mode) as client:
        info = client.server_info
        assert info is not None
        assert (info.name, info.version) == ("flowline", __version__)
        assert client.server_capabilities.tools is not None
        assert client.server_capabilities.tools.list_changed is False
        # The SDK offers its newest handshake revision; the server takes it.
        assert client.protocol_version == LATEST_HANDSHAKE_VERSION


async def test_the_flow_and_the_agent_are_tools_with_their_input_schemas(live: Live) -> None:
    async with live.client() as client:
        tools = {tool.name: tool for tool in (await client.list_tools()).tools}
    assert sorted(tools) == ["agent_helper", "flow_double_it"]
    flow, agent = tools["flow_double_it"], tools["agent_helper"]
    assert flow.input_schema == SCHEMA
    assert flow.description == "Doubles x."
    assert agent.input_schema["required"] == ["message"]
    assert agent.input_schema["properties"]["message"]["type"] == "string"
    assert agent.description == "Answers questions."

    # The URL chooses: only the agent.
    async with live.client(query=f"?agents={live.agent}") as client:
        chosen = [tool.name for tool in (await client.list_tools()).tools]
    assert chosen == ["agent_helper"]


async def test_calling_the_flow_and_the_agent(live: Live) -> None:
    async with live.client() as client:
        ran = await client.call_tool("flow_double_it", {"x": 21})
        assert (ran.is_error, _text(ran)) == (False, "42")
        said = await client.call_tool("agent_helper", {"message": "what is the capital"})
        assert (said.is_error, _text(said)) == (False, "echo: what is the capital")
        # A failure is the tool's answer, not a protocol error: the run failed on its input.
        wrong = await client.call_tool("flow_double_it", {"x": "many"})
        assert wrong.is_error is True
        assert _text(wrong).startswith("Run run_")
        assert " failed: " in _text(wrong)
        empty = await client.call_tool("agent_helper", {"message": " "})
        assert (empty.is_error, _text(empty)) == (True, "'message' must be a non-empty string")
    async with httpx.AsyncClient(
        base_url=live.server.base_url, headers={"Authorization": f"Bearer {live.key}"}
    ) as api:
        r = await api.get("/api/v1/runs", params={"flow_id": live.flow})
        assert r.status_code == 200, r.text
        runs = r.json()["data"]
    assert sorted((run["trigger"], run["status"]) for run in runs) == [
        ("mcp", "failed"),
        ("mcp", "succeeded"),
    ]


def _leaves(group: BaseExceptionGroup[BaseException]) -> list[BaseException]:
    """The exceptions of a group, out of the task groups they were raised in."""
    return [
        leaf
        for one in group.exceptions
        for leaf in (_leaves(one) if isinstance(one, BaseExceptionGroup) else [one])
    ]


@pytest.mark.parametrize("key", ["flk_not-a-key", "not even the shape of one"])
async def test_a_bad_key_is_refused(live: Live, key: str) -> None:
    seen: list[httpx2.Response] = []
    with pytest.RaisesGroup(pytest.RaisesExc(MCPError), flatten_subgroups=True) as refused:
        async with live.client(key=key, seen=seen) as client:
            await client.list_tools()  # never reached: the handshake is refused
    # The SDK tells a non-JSON-RPC 4xx as an internal error; the server said 401, to each try.
    [error] = _leaves(refused.value)
    assert isinstance(error, MCPError)
    assert error.code == mcp_types.INTERNAL_ERROR
    assert seen
    assert {(r.request.method, r.status_code) for r in seen} == {("POST", 401)}
    assert {r.headers["content-type"] for r in seen} == {"application/json"}
