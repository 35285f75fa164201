"""Conversations with content, and an organisation whose models are the fake OpenAI server."""

from __future__ import annotations

from typing import Any

import httpx
import sqlalchemy as sa

from flowline.db.models import LlmUsage
from flowline.runtime import Runtime
from tests.agents.builders import make_agent
from tests.factories import Org
from tests.fakes.openai_server import FakeOpenAI

FAKE_MODEL = "fake/gpt-4o-mini"


async def use_fake_models(client: httpx.AsyncClient, org: Org, fake: FakeOpenAI) -> None:
    body = {
        "name": "fake",
        "kind": "openai_compatible",
        "base_url": fake.base_url,
        "api_key": "sk-test-conversations",
    }
    r = await client.post("/api/v1/llm/config/providers", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    r = await client.put("/api/v1/llm/config", json={"mode": "byok"}, headers=org.headers)
    assert r.status_code == 200, r.text


async def conversation_with(
    client: httpx.AsyncClient, org: Org, texts: list[tuple[str, str]], **agent: Any
) -> tuple[str, str]:
    """A new agent's conversation holding ``(role, content)`` messages; (agent, conversation)."""
    agent_id = await make_agent(client, org, **agent)
    r = await client.post(
        "/api/v1/conversations", json={"agent_id": agent_id, "title": "t"}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    conversation_id = str(r.json()["data"]["id"])
    for role, content in texts:
        r = await client.post(
            f"/api/v1/conversations/{conversation_id}/messages",
            json={"role": role, "content": content},
            headers=org.headers,
        )
        assert r.status_code == 201, r.text
    return agent_id, conversation_id


async def chat(
    client: httpx.AsyncClient, org: Org, agent_id: str, text: str, thread_id: str | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"messages": text}
    if thread_id is not None:
        body["thread_id"] = thread_id
    r = await client.post(f"/api/v1/agents/{agent_id}/chat", json=body, headers=org.headers)
    assert r.status_code == 200, r.text
    return dict(r.json()["data"])


async def messages_of(
    client: httpx.AsyncClient, org: Org, conversation_id: str
) -> list[dict[str, Any]]:
    r = await client.get(
        f"/api/v1/conversations/{conversation_id}/messages",
        params={"size": 100},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    return list(r.json()["data"])


async def usage_rows(runtime: Runtime, org: Org) -> list[LlmUsage]:
    async with runtime.db.session() as session:
        stmt = sa.select(LlmUsage).where(LlmUsage.org_id == org.id).order_by(LlmUsage.created_at)
        return list((await session.execute(stmt)).scalars().all())
