from __future__ import annotations

import httpx
import orjson

from tests.agents.builders import make_agent
from tests.conversations.builders import chat
from tests.factories import Factory

SECRET = "s3cr3t-Value-9xQ"


async def test_openai_shape_with_secrets_masked(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    body = {"name": "shop_token", "value": SECRET, "kind": "generic"}
    r = await client.post("/api/v1/secrets", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    agent_id = await make_agent(client, org, tools=["kv_set"], instructions=f"Never say {SECRET}.")
    text = f'call kv_set {{"key": "k", "value": "{SECRET}"}}'
    thread = (await chat(client, org, agent_id, text))["thread_id"]

    r = await client.get(f"/api/v1/conversations/{thread}/llm-format", headers=org.headers)
    assert r.status_code == 200, r.text
    assert SECRET not in r.text
    data = r.json()["data"]
    assert data["conversation_id"] == thread
    assert data["agent_id"] == agent_id
    assert data["model"] == "flowline/echo"
    assert data["view"] == "model"
    system, user, called, result, answer = data["messages"]
    assert system == {"role": "system", "content": "Never say ***."}
    assert user == {"role": "user", "content": 'call kv_set {"key": "k", "value": "***"}'}
    assert set(called) == {"role", "tool_calls"}  # no text: content left out, as OpenAI does
    (call,) = called["tool_calls"]
    assert call["type"] == "function"
    assert call["function"]["name"] == "kv_set"
    assert orjson.loads(call["function"]["arguments"]) == {"key": "k", "value": "***"}
    assert result["role"] == "tool"
    assert result["tool_call_id"] == call["id"]
    assert orjson.loads(result["content"])["value"] == "***"
    assert answer["role"] == "assistant"
    assert "***" in answer["content"]
    assert "tool_calls" not in answer


async def test_without_agent_and_other_org(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.post("/api/v1/conversations", json={}, headers=org.headers)
    conversation_id = r.json()["data"]["id"]
    url = f"/api/v1/conversations/{conversation_id}"
    await client.post(f"{url}/messages", json={"content": "hi"}, headers=org.headers)
    await client.post(
        f"{url}/messages", json={"role": "system", "content": "be nice"}, headers=org.headers
    )
    data = (await client.get(f"{url}/llm-format", headers=org.headers)).json()["data"]
    assert data["agent_id"] is None
    assert data["model"] == "flowline/echo"  # the organisation's default
    assert data["messages"] == [
        {"role": "user", "content": "hi"},
        {"role": "system", "content": "be nice"},
    ]
    other = await factory.org()
    assert (await client.get(f"{url}/llm-format", headers=other.headers)).status_code == 404
    r = await client.get(f"{url}/llm-format", params={"view": "all"}, headers=org.headers)
    assert r.status_code == 422
