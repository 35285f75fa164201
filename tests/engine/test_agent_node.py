"""The ``agent`` node: a turn of an agent as a child run of the flow's step."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import httpx
import pytest

from flowline.engine.worker import Worker
from flowline.llm.echo import EchoProvider
from flowline.llm.errors import ProviderError
from flowline.llm.provider import ChatRequest, ChatResponse
from tests.agents.builders import hold_echo, make_agent
from tests.engine.flows import chain, create_flow, edge, get_run, node, run_flow, wait_status
from tests.factories import Factory, Org


def agent_flow(agent: str, prompt: str = "{{ input.q }}", **config: Any) -> dict[str, Any]:
    return chain(
        node("start", "start"),
        node("ask", "agent", agent_id=agent, prompt=prompt, **config),
        node("done", "end", output="{{ steps.ask.output }}"),
    )


async def test_a_flow_gets_the_agents_answer(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    agent = await make_agent(client, org)
    flow = await create_flow(client, org, agent_flow(agent))
    run = await run_flow(client, org, flow, {"q": "hello there"}, wait=30)
    assert run["status"] == "succeeded", run
    out = run["output"]
    assert "hello there" in out["text"]
    assert out["thread_id"].startswith("cnv_")
    assert out["usage"]["input_tokens"] > 0
    assert out["usage"]["output_tokens"] > 0
    turn = await get_run(client, org, out["run_id"])
    assert (turn["kind"], turn["status"]) == ("agent", "succeeded")
    assert turn["parent_run_id"] == run["id"]
    # Without a thread key each turn is a conversation of its own.
    again = await run_flow(client, org, flow, {"q": "other"}, wait=30)
    assert again["output"]["thread_id"] != out["thread_id"]


async def test_an_agent_named_by_its_name(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    agent = await make_agent(client, org)
    r = await client.get(f"/api/v1/agents/{agent}", headers=org.headers)
    flow = await create_flow(client, org, agent_flow(r.json()["data"]["name"]))
    run = await run_flow(client, org, flow, {"q": "by name"}, wait=30)
    assert run["status"] == "succeeded", run
    assert "by name" in run["output"]["text"]


async def test_the_same_thread_key_continues_the_conversation(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    agent = await make_agent(client, org)
    flow = await create_flow(client, org, agent_flow(agent, thread="user-{{ input.user }}"))
    first = await run_flow(client, org, flow, {"q": "first words", "user": "ann"}, wait=30)
    second = await run_flow(client, org, flow, {"q": "second words", "user": "ann"}, wait=30)
    other = await run_flow(client, org, flow, {"q": "bob's words", "user": "bob"}, wait=30)
    assert first["status"] == second["status"] == other["status"] == "succeeded"
    thread = first["output"]["thread_id"]
    assert second["output"]["thread_id"] == thread
    assert other["output"]["thread_id"] != thread
    r = await client.get(f"/api/v1/conversations/{thread}/messages?size=100", headers=org.headers)
    assert r.status_code == 200, r.text
    contents = [m["content"] for m in r.json()["data"] if m["role"] == "user"]
    assert sorted(contents) == ["first words", "second words"]
    # The echo model saw the whole thread: its second input is longer than its first.
    assert second["output"]["usage"]["input_tokens"] > first["output"]["usage"]["input_tokens"]


async def test_a_failed_turn_takes_the_error_edge(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    # A model whose provider does not exist: the turn cannot begin.
    agent = await make_agent(client, org)
    definition = chain(
        node("start", "start"),
        node("ask", "agent", agent_id=agent, prompt="{{ input.q }}"),
        node("ok", "end", output="fine"),
    )
    definition["nodes"].append(node("oops", "end", output="{{ steps.ask.error }}"))
    definition["edges"].append(edge("ask", "oops", "error"))
    flow = await create_flow(client, org, definition)
    r = await client.delete(f"/api/v1/agents/{agent}", headers=org.headers)
    assert r.status_code == 204
    run = await run_flow(client, org, flow, {"q": "hi"}, wait=30)
    assert run["status"] == "succeeded", run
    assert run["output"]["code"] == "AGENT_NOT_FOUND"
    assert run["output"]["node_id"] == "ask"


async def test_a_spent_budget_fails_the_step_with_its_code(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    agent = await make_agent(client, org, budget={"monthly_limit_usd": 0})
    flow = await create_flow(client, org, agent_flow(agent))
    run = await run_flow(client, org, flow, {"q": "hi"}, wait=30)
    assert run["status"] == "failed", run
    assert run["error"]["code"] in ("BUDGET_EXCEEDED", "PAYMENT_REQUIRED"), run["error"]
    assert run["error"]["node_id"] == "ask"


async def turn_of(client: httpx.AsyncClient, org: Org, run_id: str) -> str:
    """The id of the turn the run's waiting ``ask`` step runs."""
    r = await client.get(f"/api/v1/runs/{run_id}/steps", headers=org.headers)
    [ask] = [s for s in r.json()["data"] if s["node_id"] == "ask"]
    assert ask["status"] == "waiting", ask
    return str(ask["output"]["run_id"])


async def test_a_cancelled_turn_fails_the_step(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = await factory.org()
    agent = await make_agent(client, org)
    flow = await create_flow(client, org, agent_flow(agent))
    entered, release = hold_echo(monkeypatch)
    started = await run_flow(client, org, flow, {"q": "hi"}, wait=0)
    await asyncio.wait_for(entered.wait(), 30)
    turn_id = await turn_of(client, org, started["id"])
    r = await client.post(f"/api/v1/runs/{turn_id}/cancel", headers=org.headers)
    assert r.status_code == 200, r.text
    release.set()
    run = await wait_status(client, org, started["id"], {"failed", "succeeded"})
    assert run["status"] == "failed"
    assert run["error"]["code"] == "CANCELLED"


async def test_cancelling_the_flow_cancels_the_turn(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = await factory.org()
    agent = await make_agent(client, org)
    flow = await create_flow(client, org, agent_flow(agent, thread="k"))
    entered, release = hold_echo(monkeypatch)
    started = await run_flow(client, org, flow, {"q": "hi"}, wait=0)
    await asyncio.wait_for(entered.wait(), 30)
    turn_id = await turn_of(client, org, started["id"])
    r = await client.post(f"/api/v1/runs/{started['id']}/cancel", headers=org.headers)
    assert r.status_code == 200, r.text
    release.set()
    turn = await wait_status(client, org, turn_id, {"cancelled", "succeeded", "failed"})
    assert turn["status"] == "cancelled"
    # The keyed conversation was freed: the next run's turn takes it.
    run = await run_flow(client, org, flow, {"q": "again"}, wait=30)
    assert run["status"] == "succeeded", run


CALL_KV_SET = 'call kv_set {"key": "city", "value": "{{ input.city }}"}'


async def test_a_tool_approval_pauses_the_flow_until_answered(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    agent = await make_agent(client, org, tools=["kv_set"], approval={"kv_set": "always"})
    flow = await create_flow(client, org, agent_flow(agent, prompt=CALL_KV_SET))
    started = await run_flow(client, org, flow, {"city": "Paris"}, wait=0)
    run = await wait_status(client, org, started["id"], {"waiting", "failed", "succeeded"})
    assert run["status"] == "waiting", run
    turn_id = await turn_of(client, org, started["id"])
    turn = await wait_status(client, org, turn_id, {"waiting", "failed", "succeeded"})
    assert turn["status"] == "waiting", turn
    r = await client.get("/api/v1/approvals/pending", headers=org.headers)
    [approval] = [a for a in r.json()["data"] if a["run_id"] == turn_id]
    assert approval["payload"] == {"key": "city", "value": "Paris"}
    r = await client.post(
        f"/api/v1/approvals/{approval['id']}/respond",
        json={"decision": "approve"},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    run = await wait_status(client, org, started["id"], {"failed", "succeeded"})
    assert run["status"] == "succeeded", run
    assert run["output"]["run_id"] == turn_id
    r = await client.get("/api/v1/kv/city", headers=org.headers)
    assert r.json()["data"]["value"] == "Paris"


async def test_validation_names_a_missing_agent_and_bad_config(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    agent = await make_agent(client, org)
    other_org = await factory.org()
    theirs = await make_agent(client, other_org)
    definition = chain(
        node("start", "start"),
        node("good", "agent", agent_id=agent, prompt="hi"),
        node("gone", "agent", agent_id="agt_nope", prompt="hi"),
        node("foreign", "agent", agent_id=theirs, prompt="hi"),
        node("bad", "agent", agent_id=agent, thread="x" * 201),
    )
    r = await client.post(
        "/api/v1/flows/validate", json={"definition": definition}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    found = {(p["node_id"], p["field"]) for p in r.json()["data"]["problems"]}
    assert found == {
        ("gone", "definition.nodes[2].data.config.agent_id"),
        ("foreign", "definition.nodes[3].data.config.agent_id"),
        ("bad", "definition.nodes[4].data.config.prompt"),
        ("bad", "definition.nodes[4].data.config.thread"),
    }
    # A saved flow naming a missing agent is a draft, with the same problem.
    r = await client.post(
        "/api/v1/flows",
        json={
            "name": "asks-nobody",
            "definition": chain(definition["nodes"][0], definition["nodes"][2]),
        },
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    assert r.json()["data"]["status"] == "draft"
    assert r.json()["data"]["problems"][0]["field"] == "definition.nodes[1].data.config.agent_id"


async def test_node_types_describe_agent_and_respond(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.get("/api/v1/node-types?size=100", headers=org.headers)
    types = {t["name"]: t for t in r.json()["data"]}
    agent = types["agent"]
    assert agent["outcomes"] == ["next", "error"]
    props = agent["config_schema"]["properties"]
    assert set(agent["config_schema"]["required"]) == {"agent_id", "prompt"}
    assert props["thread"]["anyOf"][0]["maxLength"] == 200
    respond = types["respond"]
    assert respond["outcomes"] == ["next"]
    props = respond["config_schema"]["properties"]
    assert (props["status"]["minimum"], props["status"]["maximum"]) == (200, 599)
    assert props["headers"]["maxProperties"] == 50
    assert props["headers"]["additionalProperties"] is False
    [pattern] = props["headers"]["patternProperties"]
    assert re.fullmatch(pattern, "X-Order")
    assert not re.fullmatch(pattern, "sEt-CoOkIe")
    assert not re.fullmatch(pattern, "Transfer-Encoding")


async def test_a_secret_in_the_prompt_reaches_neither_the_model_nor_the_thread(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    secret = {"name": "pin", "value": "s3cret-pin-4821"}
    r = await client.post("/api/v1/secrets", json=secret, headers=org.headers)
    assert r.status_code == 201, r.text
    agent = await make_agent(client, org)
    flow = await create_flow(client, org, agent_flow(agent, prompt="pin is {{ secrets.pin }}"))
    run = await run_flow(client, org, flow, {}, wait=30)
    assert run["status"] == "succeeded", run
    assert run["output"]["text"] == "echo: pin is ***"
    thread = run["output"]["thread_id"]
    r = await client.get(f"/api/v1/conversations/{thread}/messages", headers=org.headers)
    assert "s3cret-pin-4821" not in r.text
    r = await client.get(f"/api/v1/runs/{run['output']['run_id']}/events", headers=org.headers)
    assert "s3cret-pin-4821" not in r.text


async def test_a_turn_that_fails_mid_way_takes_the_error_edge_with_its_error(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = await factory.org()
    agent = await make_agent(client, org)

    async def broken(self: EchoProvider, request: ChatRequest) -> ChatResponse:
        raise ProviderError("the provider answered 500")

    monkeypatch.setattr(EchoProvider, "chat", broken)
    definition = agent_flow(agent, thread="t")
    definition["nodes"].append(node("oops", "end", output="{{ steps.ask.error }}"))
    definition["edges"].append(edge("ask", "oops", "error"))
    flow = await create_flow(client, org, definition)
    run = await run_flow(client, org, flow, {"q": "hi"}, wait=30)
    assert run["status"] == "succeeded", run
    error = run["output"]
    assert (error["code"], error["message"]) == ("PROVIDER_ERROR", "the provider answered 500")
    turn = await get_run(client, org, error["details"]["run_id"])
    assert turn["status"] == "failed"
    # The keyed conversation is free again for the next run's turn.
    monkeypatch.undo()
    again = await run_flow(client, org, flow, {"q": "hello again"}, wait=30)
    assert again["output"]["text"] == "echo: hello again"


async def test_a_keyed_conversation_busy_with_another_turn_fails_the_step(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = await factory.org()
    agent = await make_agent(client, org)
    flow = await create_flow(client, org, agent_flow(agent, thread="shared"))
    entered, release = hold_echo(monkeypatch)
    first = await run_flow(client, org, flow, {"q": "one"}, wait=0)
    await asyncio.wait_for(entered.wait(), 30)
    second = await run_flow(client, org, flow, {"q": "two"}, wait=30)
    assert second["status"] == "failed", second
    assert second["error"]["code"] == "CONVERSATION_BUSY"
    release.set()
    done = await wait_status(client, org, first["id"], {"succeeded", "failed"})
    assert done["status"] == "succeeded", done
