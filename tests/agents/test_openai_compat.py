"""``POST /v1/chat/completions`` through the official OpenAI SDK, sync and streamed."""

from __future__ import annotations

import httpx
import openai
import pytest

from tests.agents.builders import make_agent
from tests.agents.conftest import SdkFor
from tests.factories import Factory


async def test_sync_completion_is_a_turn(
    client: httpx.AsyncClient, factory: Factory, sdk_for: SdkFor
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, instructions="Be brief.")
    sdk = sdk_for(org)
    answer = await sdk.chat.completions.create(
        model=agent_id,
        messages=[
            {"role": "user", "content": "first"},
            {"role": "assistant", "content": "echo: first"},
            {"role": "user", "content": [{"type": "text", "text": "second"}]},
        ],
    )
    assert answer.object == "chat.completion"
    assert answer.model == agent_id
    assert answer.choices[0].message.content == "echo: second"
    assert answer.choices[0].finish_reason == "stop"
    assert answer.usage is not None
    assert answer.usage.total_tokens == answer.usage.prompt_tokens + answer.usage.completion_tokens
    run_id = answer.id.removeprefix("chatcmpl-")
    run = (await client.get(f"/api/v1/runs/{run_id}", headers=org.headers)).json()["data"]
    assert run["kind"] == "agent"
    assert run["status"] == "succeeded"


async def test_streamed_completion_with_usage(
    client: httpx.AsyncClient, factory: Factory, sdk_for: SdkFor
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    sdk = sdk_for(org)
    stream = await sdk.chat.completions.create(
        model=agent_id,
        messages=[{"role": "user", "content": "hello streaming world"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    text = ""
    finish = None
    usage = None
    async for chunk in stream:
        if chunk.choices:
            text += chunk.choices[0].delta.content or ""
            finish = chunk.choices[0].finish_reason or finish
        if chunk.usage is not None:
            usage = chunk.usage
    assert text == "echo: hello streaming world"
    assert finish == "stop"
    assert usage is not None
    assert usage.completion_tokens > 0


async def test_unknown_agent_and_bad_messages(
    client: httpx.AsyncClient, factory: Factory, sdk_for: SdkFor
) -> None:
    org = await factory.org()
    sdk = sdk_for(org)
    with pytest.raises(openai.NotFoundError):
        await sdk.chat.completions.create(
            model="agt_missing", messages=[{"role": "user", "content": "hi"}]
        )
    agent_id = await make_agent(client, org)
    r = await client.post(
        "/v1/chat/completions",
        json={"model": agent_id, "messages": [{"role": "system", "content": "only"}]},
        headers=org.headers,
    )
    assert r.status_code == 422
    assert r.json()["error"]["param"] == "messages"
    assert r.json()["error"]["type"] == "invalid_request_error"
    other = await factory.org()
    with pytest.raises(openai.NotFoundError):
        await sdk_for(other).chat.completions.create(
            model=agent_id, messages=[{"role": "user", "content": "hi"}]
        )


async def test_the_document_says_messages_hold_a_user_message(
    client: httpx.AsyncClient,
) -> None:
    document = (await client.get("/openapi.json")).json()
    messages = document["components"]["schemas"]["CompletionRequest"]["properties"]["messages"]
    assert messages["contains"] == {"properties": {"role": {"const": "user"}}, "required": ["role"]}
