"""Agents and memory: the builtin memory tools in chat turns (the offline echo model calls
them), the blocks in the system prompt (the fake OpenAI server records it), approvals."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from flowline.engine.worker import Worker
from tests.agents.builders import make_agent
from tests.agents.conftest import use_fake_openai
from tests.channels.builders import make_channel, say
from tests.factories import Factory, Org
from tests.fakes.llm_script import Reply
from tests.fakes.openai_server import FakeOpenAI, serve_openai

MEMORY_TOOLS = ["memory_append", "memory_replace", "memory_insert", "memory_search"]


@pytest.fixture
async def fake_llm() -> AsyncIterator[FakeOpenAI]:
    async with serve_openai() as fake:
        yield fake


async def call(
    client: httpx.AsyncClient, org: Org, agent_id: str, tool: str, arguments: dict[str, Any]
) -> dict[str, Any]:
    """One chat turn in which the echo model calls ``tool``; its result."""
    message = f"call {tool} {json.dumps(arguments)}"
    r = await client.post(
        f"/api/v1/agents/{agent_id}/chat", json={"messages": message}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    [made] = r.json()["data"]["metadata"]["tool_calls"]
    result: dict[str, Any] = made["result"]
    return result


async def block(
    client: httpx.AsyncClient, org: Org, agent_id: str, type_: str, **person: str
) -> dict[str, Any]:
    r = await client.get(
        f"/api/v1/memory/blocks/{type_}",
        params={"agent_id": agent_id, **person},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


async def test_an_agent_edits_its_blocks_and_archive_with_its_tools(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    me = org.owner.user_id
    agent_id = await make_agent(client, org, tools=MEMORY_TOOLS)
    body = {"value": "I answer briefly.", "limit": 30}
    r = await client.put(
        f"/api/v1/memory/blocks/persona?agent_id={agent_id}", json=body, headers=org.headers
    )
    assert r.status_code == 201, r.text

    # `human` is made for the person of the turn (the user who chats) on first use.
    result = await call(
        client, org, agent_id, "memory_append", {"block": "human", "text": "Likes tea."}
    )
    assert result["value"] == "Likes tea."
    result = await call(
        client,
        org,
        agent_id,
        "memory_replace",
        {"block": "human", "old": "tea", "new": "green tea"},
    )
    assert result["version"] == 2
    human = await block(client, org, agent_id, "human", person_id=me)
    assert human["value"] == "Likes green tea."
    assert human["updated_by"].startswith("run:")

    result = await call(
        client, org, agent_id, "memory_replace", {"block": "human", "old": "coffee", "new": "x"}
    )
    assert "does not appear" in result["error"]
    result = await call(
        client, org, agent_id, "memory_append", {"block": "persona", "text": "And in French, too."}
    )
    assert "over its limit of 30" in result["error"]
    result = await call(client, org, agent_id, "memory_append", {"block": "goals", "text": "x"})
    assert "no memory block 'goals'" in result["error"]
    assert (await block(client, org, agent_id, "persona"))["version"] == 1

    saved = await call(
        client, org, agent_id, "memory_insert", {"text": "The user's cat is called Pixel."}
    )
    assert saved["kept_with"] == "user"
    found = await call(client, org, agent_id, "memory_search", {"query": "name of the cat"})
    assert found["hits"][0]["passage_id"] == saved["passage_id"]
    assert found["hits"][0]["text"] == "The user's cat is called Pixel."
    # Kept with this user: another user's recall does not see it.
    other = await factory.member(org)
    r = await client.post(
        "/api/v1/memory/recall",
        json={"agent_id": agent_id, "query": "cat", "person_id": other.user_id},
        headers=org.headers,
    )
    assert r.json()["data"]["hits"] == []


async def test_blocks_are_in_the_system_prompt_of_the_person_talking(
    client: httpx.AsyncClient, factory: Factory, fake_llm: FakeOpenAI
) -> None:
    org = await factory.org()
    other = await factory.member(org)
    await use_fake_openai(client, org, fake_llm)
    agent_id = await make_agent(
        client, org, model="fake/gpt-4o-mini", tools=["memory_append"], instructions="Be kind."
    )
    blocks = "/api/v1/memory/blocks"
    for type_, params, value in (
        ("persona", {}, "I am the help desk."),
        ("human", {"person_id": org.owner.user_id}, "Owner of the company."),
        ("human", {"person_id": other.user_id}, "Someone else entirely."),
    ):
        r = await client.put(
            f"{blocks}/{type_}",
            params={"agent_id": agent_id, **params},
            json={"value": value},
            headers=org.headers,
        )
        assert r.status_code == 201, r.text
    fake_llm.script(Reply(text="Hello."))
    r = await client.post(
        f"/api/v1/agents/{agent_id}/chat", json={"messages": "hi"}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    [request] = [q.body for q in fake_llm.requests if q.path.endswith("/completions")]
    system = request["messages"][0]
    assert system["role"] == "system"
    text = system["content"]
    assert text.startswith("Be kind.")
    assert '<persona chars="19/5000">\nI am the help desk.\n</persona>' in text
    assert "Owner of the company." in text
    assert "Someone else entirely." not in text
    assert text.index("<memory_blocks>") > text.index("Be kind.")


async def test_a_memory_tool_under_always_approval_waits(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    agent_id = await make_agent(
        client, org, tools=["memory_append"], approval={"memory_append": "always"}
    )
    message = "call memory_append " + json.dumps({"block": "human", "text": "Secret."})
    r = await client.post(
        f"/api/v1/agents/{agent_id}/chat", json={"messages": message}, headers=org.headers
    )
    assert r.status_code == 202, r.text
    pending = await client.get("/api/v1/approvals/pending", headers=org.headers)
    [approval] = pending.json()["data"]
    assert approval["kind"] == "tool"
    assert "memory_append" in json.dumps(approval)
    r = await client.get(
        "/api/v1/memory/blocks/human",
        params={"agent_id": agent_id, "person_id": org.owner.user_id},
        headers=org.headers,
    )
    assert r.status_code == 404  # nothing written before a person approves


async def test_on_a_channel_the_contact_is_the_person(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, tools=MEMORY_TOOLS)
    channel = await make_channel(client, org, on_message={"agent_id": agent_id})
    note = {"block": "human", "text": "Writes from the sandbox."}
    r = await say(client, org, channel["id"], "call memory_append " + json.dumps(note))
    assert r.status_code == 202, r.text
    contact_id = r.json()["data"]["contact_id"]
    async with asyncio.timeout(30):  # the worker runs the contact's turn
        while True:
            r = await client.get(
                "/api/v1/memory/blocks/human",
                params={"agent_id": agent_id, "person_id": contact_id},
                headers=org.headers,
            )
            if r.status_code == 200:
                break
            await asyncio.sleep(0.05)
    found = r.json()["data"]
    assert found["value"] == "Writes from the sandbox."
    assert found["contact_id"] == contact_id
    assert found["user_id"] is None
