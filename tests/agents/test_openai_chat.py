"""A chat through the real OpenAI adapter, against the fake OpenAI server on loopback."""

from __future__ import annotations

import httpx
import pytest

from tests.agents.builders import make_agent
from tests.agents.conftest import use_fake_openai
from tests.factories import Factory
from tests.fakes.llm_script import Call, Reply
from tests.fakes.openai_server import FakeOpenAI


async def test_tool_loop_through_the_openai_adapter(
    client: httpx.AsyncClient, factory: Factory, openai_fake: FakeOpenAI
) -> None:
    org = await factory.org()
    await use_fake_openai(client, org, openai_fake)
    agent_id = await make_agent(
        client, org, model="fake/gpt-4o-mini", tools=["kv_set"], instructions="You store things."
    )
    openai_fake.script(
        Reply(
            calls=[
                Call("kv_set", {"key": "f", "value": 3}, id="call_a"),
                Call("kv_set", {"key": "g", "value": 4}, id="call_b"),
            ],
            input_tokens=100,
            output_tokens=20,
        ),
        Reply(text="Saved both.", input_tokens=150, output_tokens=5),
    )
    r = await client.post(
        f"/api/v1/agents/{agent_id}/chat", json={"messages": "save f and g"}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["message"]["content"] == "Saved both."
    meta = data["metadata"]
    assert meta["model"] == "fake/gpt-4o-mini"
    assert meta["usage"] == {"input_tokens": 250, "output_tokens": 25}
    # Priced as openai/gpt-4o-mini: 0.15 and 0.60 dollars per million tokens.
    assert meta["cost"] == pytest.approx((250 * 0.15 + 25 * 0.60) / 1_000_000)
    assert [c["id"] for c in meta["tool_calls"]] == ["call_a", "call_b"]
    for key, value in (("f", 3), ("g", 4)):
        stored = await client.get(f"/api/v1/kv/{key}", headers=org.headers)
        assert stored.json()["data"]["value"] == value

    first, second = (req.body for req in openai_fake.requests if req.path.endswith("/completions"))
    assert first["model"] == "gpt-4o-mini"
    assert first["messages"][0] == {"role": "system", "content": "You store things."}
    assert [t["function"]["name"] for t in first["tools"]] == ["kv_set"]
    tool_replies = [m for m in second["messages"] if m["role"] == "tool"]
    assert [m["tool_call_id"] for m in tool_replies] == ["call_a", "call_b"]
    assert '"version":1' in tool_replies[0]["content"]

    stats = (await client.get("/api/v1/agents/stats", headers=org.headers)).json()["data"]
    assert stats["turns"] == 1
    assert stats["input_tokens"] == 250


async def test_streamed_chat_and_provider_failure(
    client: httpx.AsyncClient, factory: Factory, openai_fake: FakeOpenAI
) -> None:
    org = await factory.org()
    await use_fake_openai(client, org, openai_fake)
    agent_id = await make_agent(client, org, model="fake/gpt-4o-mini")
    openai_fake.script(Reply(text="streamed words here"))
    body = {"messages": "hi", "stream": True}
    r = await client.post(f"/api/v1/agents/{agent_id}/chat", json=body, headers=org.headers)
    assert r.status_code == 200
    assert "event: message.delta" in r.text
    assert "event: run.completed" in r.text

    openai_fake.script(Reply(status=400, message="bad request"))
    r = await client.post(
        f"/api/v1/agents/{agent_id}/chat", json={"messages": "hi"}, headers=org.headers
    )
    assert r.status_code == 502, r.text
    assert r.json()["error"] == "PROVIDER_ERROR"
    thread = (await client.get("/api/v1/conversations", headers=org.headers)).json()["data"][0]
    assert thread["busy"] is False
