"""Flow tools: a call starts a real run with the arguments as input and waits for it."""

from __future__ import annotations

import httpx

from flowline.engine.worker import Worker
from tests.agents.builders import make_agent
from tests.engine.flows import chain, create_flow, get_run, node
from tests.factories import Factory
from tests.tools.builders import chat, make_tool, run_tool

GREET_SCHEMA = {
    "type": "object",
    "properties": {"name": {"type": "string"}},
    "required": ["name"],
}


async def test_a_flow_tool_runs_the_flow_and_returns_its_output(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    flow_id = await create_flow(
        client,
        org,
        chain(
            node("start", "start", input_schema=GREET_SCHEMA),
            node("done", "end", output={"greeting": "Hello {{ input.name }}"}),
        ),
    )
    agent_id = await make_agent(client, org)
    made = await make_tool(
        client, org, agent_id, name="greet", kind="flow", config={"flow": flow_id}
    )
    assert made["parameters"] == GREET_SCHEMA  # the start node's input_schema
    assert made["approval"] == "never"

    r = await run_tool(client, org, agent_id, "greet", {"name": "Ada"})
    assert r.status_code == 200, r.text
    result = r.json()["data"]["result"]
    assert result["status"] == "succeeded"
    assert result["output"] == {"greeting": "Hello Ada"}
    run = await get_run(client, org, result["run_id"])
    assert run["trigger"] == "agent"
    assert run["input"] == {"name": "Ada"}

    r = await run_tool(client, org, agent_id, "greet", {})
    assert r.status_code == 422
    assert r.json()["details"][0]["field"] == "arguments"

    data = await chat(client, org, agent_id, 'call greet {"name": "Bo"}')
    (call,) = data["metadata"]["tool_calls"]
    assert call["result"]["output"] == {"greeting": "Hello Bo"}
    assert call["error"] is None


async def test_a_failed_run_is_the_tools_error_and_a_name_finds_the_flow(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    definition = chain(
        node("start", "start"),
        node("call", "http_request", url="http://10.9.8.7/refused"),
        node("done", "end", output="never"),
    )
    body = {"name": "refusing-flow", "definition": definition}
    r = await client.post("/api/v1/flows", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    agent_id = await make_agent(client, org)
    made = await make_tool(
        client,
        org,
        agent_id,
        name="refuse",
        kind="flow",
        config={"flow": "refusing-flow", "timeout_seconds": 20},
    )
    assert made["parameters"] == {"type": "object", "properties": {}}
    r = await run_tool(client, org, agent_id, "refuse", {"any": 1})
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["result"]["status"] == "failed"
    assert data["result"]["error"]["code"] == "OUTBOUND_REFUSED"
    assert data["error"].startswith(f"the run {data['result']['run_id']} failed:")


async def test_a_run_that_outlasts_the_timeout_is_reported_with_its_id(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    flow_id = await create_flow(
        client,
        org,
        chain(node("start", "start"), node("nap", "delay", seconds=30), node("done", "end")),
    )
    agent_id = await make_agent(client, org)
    await make_tool(
        client,
        org,
        agent_id,
        name="slow",
        kind="flow",
        config={"flow": flow_id, "timeout_seconds": 0.5},
    )
    r = await run_tool(client, org, agent_id, "slow", {})
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["result"]["status"] in ("queued", "running", "waiting")
    assert "has not ended after 0.5 s" in data["error"]
    await client.post(f"/api/v1/runs/{data['result']['run_id']}/cancel", headers=org.headers)
