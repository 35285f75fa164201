"""The ``llm`` node in a flow: echo by default, a configured provider, JSON output."""

from __future__ import annotations

import httpx

from flowline.engine.worker import Worker
from tests.engine.flows import chain, create_flow, node, run_flow
from tests.factories import Factory, Org
from tests.fakes.llm_script import Reply
from tests.fakes.openai_server import FakeOpenAI
from tests.usage.builders import SUMMARY, price_echo, put_budget

PERSON = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
    "required": ["name", "age"],
}


async def _run(client: httpx.AsyncClient, org: Org, **config: object) -> dict[str, object]:
    definition = chain(node("start", "start"), node("ask", "llm", **config), node("done", "end"))
    flow_id = await create_flow(client, org, definition)
    return await run_flow(client, org, flow_id, {"name": "Ada"})


async def _step(client: httpx.AsyncClient, org: Org, run_id: str) -> dict[str, object]:
    r = await client.get(f"/api/v1/runs/{run_id}/steps", headers=org.headers)
    assert r.status_code == 200, r.text
    (step,) = [s for s in r.json()["data"] if s["node_id"] == "ask"]
    return dict(step)


async def test_echo_answers_when_nothing_is_configured(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    run = await _run(client, org, prompt="Hello {{ input.name }}")
    assert run["status"] == "succeeded", run
    assert (await _step(client, org, str(run["id"])))["output"] == {
        "text": "echo: Hello Ada",
        "model": "flowline/echo",
        "usage": {"input_tokens": 2, "output_tokens": 3},
        "cost": 0.0,
    }


async def test_structured_output_is_checked(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, openai_fake: FakeOpenAI
) -> None:
    org = await factory.org()
    run = await _run(client, org, prompt='{"name": "Ada", "age": 36}', json_schema=PERSON)
    assert run["status"] == "succeeded", run
    output = (await _step(client, org, str(run["id"])))["output"]
    assert output["json"] == {"name": "Ada", "age": 36}  # type: ignore[index]

    # echo always answers JSON of the schema; a real model may not.
    body = {"name": "openai", "kind": "openai", "base_url": openai_fake.base_url}
    r = await client.post("/api/v1/llm/config/providers", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    r = await client.put("/api/v1/llm/config", json={"mode": "byok"}, headers=org.headers)
    assert r.status_code == 200, r.text
    openai_fake.script(Reply(text='{"name": "Ada"}'))
    run = await _run(client, org, prompt="Who?", json_schema=PERSON, model="openai/gpt-4o-mini")
    assert run["status"] == "failed", run
    step = await _step(client, org, str(run["id"]))
    assert step["error"]["code"] == "INVALID_OUTPUT"  # type: ignore[index]


async def test_a_configured_provider_is_called_and_priced(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, openai_fake: FakeOpenAI
) -> None:
    org = await factory.org()
    body = {"name": "openai", "kind": "openai", "base_url": openai_fake.base_url}
    body["api_key"] = "sk-node-key-0001"
    r = await client.post("/api/v1/llm/config/providers", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    r = await client.put("/api/v1/llm/config", json={"mode": "byok"}, headers=org.headers)
    assert r.status_code == 200, r.text
    openai_fake.script(Reply(text="Hi Ada!", input_tokens=1_000_000, output_tokens=500_000))
    run = await _run(
        client, org, prompt="Greet {{ input.name }}", system="Be warm.", model="openai/gpt-4o-mini"
    )
    assert run["status"] == "succeeded", run
    assert (await _step(client, org, str(run["id"])))["output"] == {
        "text": "Hi Ada!",
        "model": "openai/gpt-4o-mini",
        "usage": {"input_tokens": 1_000_000, "output_tokens": 500_000},
        "cost": 0.45,
    }
    sent = openai_fake.chats()[0].body
    assert sent["model"] == "gpt-4o-mini"
    assert sent["messages"][1] == {"role": "user", "content": "Greet Ada"}


async def test_provider_errors_fail_the_step(
    client: httpx.AsyncClient,
    factory: Factory,
    worker: Worker,
    openai_fake: FakeOpenAI,
    waits: object,
) -> None:
    org = await factory.org()
    body = {"name": "openai", "kind": "openai", "base_url": openai_fake.base_url}
    body["api_key"] = "sk-node-key-0002"
    await client.post("/api/v1/llm/config/providers", json=body, headers=org.headers)
    await client.put("/api/v1/llm/config", json={"mode": "byok"}, headers=org.headers)
    openai_fake.script(Reply(status=429, headers={"retry-after": "1"}))
    run = await _run(client, org, prompt="x", model="openai/gpt-4o-mini")
    assert run["status"] == "failed", run
    step = await _step(client, org, str(run["id"]))
    assert step["error"]["code"] == "PROVIDER_UNAVAILABLE"  # type: ignore[index]
    assert "sk-node-key-0002" not in str(step)

    run = await _run(client, org, prompt="x", model="nowhere/model")
    step = await _step(client, org, str(run["id"]))
    assert step["error"]["code"] == "MODEL_NOT_FOUND"  # type: ignore[index]


async def test_a_call_is_recorded_and_charged_like_a_chat_turns(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    await price_echo(client, org)  # a dollar a token: "Hello Ada" costs 5 dollars
    await put_budget(client, org, credits_usd=100)
    run = await _run(client, org, prompt="Hello {{ input.name }}")
    assert run["status"] == "succeeded", run
    assert (await _step(client, org, str(run["id"])))["output"]["cost"] == 5.0  # type: ignore[index]
    budget = await put_budget(client, org)
    assert budget["credits_usd"] == 95.0
    assert budget["month_spend_usd"] == 5.0
    r = await client.get(f"{SUMMARY}?range=7d", headers=org.headers)
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert [(m["model"], m["calls"]) for m in data["by_model"]] == [("flowline/echo", 1)]
    assert [(a["agent_id"], a["cost_usd"]) for a in data["by_agent"]] == [(None, 5.0)]


async def test_no_credits_fail_the_step_before_the_model_is_called(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, openai_fake: FakeOpenAI
) -> None:
    org = await factory.org()
    body = {"name": "openai", "kind": "openai", "base_url": openai_fake.base_url}
    r = await client.post("/api/v1/llm/config/providers", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    r = await client.put("/api/v1/llm/config", json={"mode": "byok"}, headers=org.headers)
    assert r.status_code == 200, r.text
    await put_budget(client, org, credits_usd=0)
    run = await _run(client, org, prompt="Hi", model="openai/gpt-4o-mini")
    assert run["status"] == "failed", run
    step = await _step(client, org, str(run["id"]))
    assert step["error"]["code"] == "PAYMENT_REQUIRED"  # type: ignore[index]
    assert step["attempt"] == 1  # not retried
    assert openai_fake.chats() == []
