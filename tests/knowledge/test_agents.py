"""Agents and knowledge bases: bindings, agent-scoped search, the ``knowledge_search``
tool with its citations in the chat's metadata, and ``capability/retrieve``."""

from __future__ import annotations

import json

import httpx

from flowline.engine.worker import Worker
from tests.agents.builders import make_agent
from tests.factories import Factory
from tests.fakes.llm_script import Call, Reply
from tests.fakes.openai_server import serve_openai
from tests.knowledge.builders import add_text, corpus_kb, make_kb, settled
from tests.tools.builders import fake_model_agent


async def test_an_agent_cites_what_knowledge_search_found(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    kb_id = await corpus_kb(client, org)
    unbound = await make_kb(client, org)
    await add_text(client, org, unbound, "secret.txt", "Refund policy of another team.")
    await settled(client, org, unbound, 1)
    agent_id = await make_agent(client, org, tools=["knowledge_search"])
    r = await client.post(f"/api/v1/agents/{agent_id}/knowledge-bases/{kb_id}", headers=org.headers)
    assert r.status_code == 200, r.text
    listed = await client.get(f"/api/v1/agents/{agent_id}/knowledge-bases", headers=org.headers)
    assert [kb["id"] for kb in listed.json()["data"]] == [kb_id]

    call = "call knowledge_search " + json.dumps({"query": "refund money back", "top_k": 2})
    r = await client.post(
        f"/api/v1/agents/{agent_id}/chat", json={"messages": call}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    result = data["metadata"]["tool_calls"][0]["result"]
    assert result["hits"][0]["document_name"] == "refunds.txt"
    assert result["hits"][0]["n"] == 1
    assert {h["kb_id"] for h in result["hits"]} == {kb_id}  # the unbound KB is not searched
    citations = data["metadata"]["citations"]
    assert citations[0] == {
        "n": 1,
        "chunk_id": result["hits"][0]["chunk_id"],
        "document_id": result["hits"][0]["document_id"],
        "document_name": "refunds.txt",
        "kb_id": kb_id,
    }
    # Kept with the turn: the run's output holds the same metadata.
    run = await client.get(f"/api/v1/runs/{data['metadata']['run_id']}", headers=org.headers)
    assert run.json()["data"]["output"]["metadata"]["citations"] == citations


async def test_the_model_searches_and_answers_citing_the_chunk(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    """A real model turn over the OpenAI wire format: the model asks for
    ``knowledge_search``, reads the numbered hits in the tool message, answers citing
    ``[1]``; the answer carries the cited chunk in its metadata."""
    org = await factory.org()
    kb_id = await corpus_kb(client, org)
    async with serve_openai() as fake:
        agent_id = await fake_model_agent(client, org, fake)
        body = {"tools": ["knowledge_search"]}
        r = await client.patch(f"/api/v1/agents/{agent_id}/config", json=body, headers=org.headers)
        assert r.status_code == 200, r.text
        r = await client.post(
            f"/api/v1/agents/{agent_id}/knowledge-bases/{kb_id}", headers=org.headers
        )
        assert r.status_code == 200, r.text
        fake.script(
            Reply(calls=[Call("knowledge_search", {"query": "refund card business days"})]),
            Reply(text="Refunds reach your card within five business days [1]."),
        )
        r = await client.post(
            f"/api/v1/agents/{agent_id}/chat",
            json={"messages": "How long does a refund take?"},
            headers=org.headers,
        )
        assert r.status_code == 200, r.text
        first, second = fake.chats()
    offered = [t["function"]["name"] for t in first.body["tools"]]
    assert "knowledge_search" in offered
    tool_message = second.body["messages"][-1]
    assert tool_message["role"] == "tool"
    assert "Refunds are paid back to the original card" in tool_message["content"]
    data = r.json()["data"]
    assert data["message"]["content"] == "Refunds reach your card within five business days [1]."
    [cited] = [c for c in data["metadata"]["citations"] if c["n"] == 1]
    assert cited["document_name"] == "refunds.txt"
    assert cited["kb_id"] == kb_id


async def test_agent_scoped_search_retrieve_and_unbinding(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org, other = await factory.org(), await factory.org()
    kb_id = await corpus_kb(client, org)
    agent_id = await make_agent(client, org)
    url = f"/api/v1/agents/{agent_id}/knowledge-bases/{kb_id}"
    body = {"query": "when will I get my money back"}
    r = await client.post(f"{url}/search", json=body, headers=org.headers)
    assert r.status_code == 404
    assert r.json()["error"] == "KNOWLEDGE_BASE_NOT_BOUND"
    assert (await client.post(url, headers=org.headers)).status_code == 200
    assert (await client.post(url, headers=org.headers)).status_code == 200  # twice: one
    r = await client.post(f"{url}/search", json=body, headers=org.headers)
    assert r.json()["data"]["hits"][0]["document_name"] == "refunds.txt"

    r = await client.post(
        f"/api/v1/agents/{agent_id}/capability/retrieve",
        json={"query": "when will I get my money back", "limit": 2},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    assert r.json()["data"]["knowledge"][0]["document_name"] == "refunds.txt"

    # Another organisation can neither bind, list nor search it.
    theirs = await make_agent(client, other)
    r = await client.post(f"/api/v1/agents/{theirs}/knowledge-bases/{kb_id}", headers=other.headers)
    assert r.status_code == 404
    assert r.json()["error"] == "KNOWLEDGE_BASE_NOT_FOUND"
    r = await client.get(f"/api/v1/agents/{agent_id}/knowledge-bases", headers=other.headers)
    assert r.status_code == 404
    r = await client.post(f"{url}/search", json=body, headers=other.headers)
    assert r.status_code == 404

    assert (await client.delete(url, headers=org.headers)).status_code == 204
    assert (await client.delete(url, headers=org.headers)).status_code == 404
    listed = await client.get(f"/api/v1/agents/{agent_id}/knowledge-bases", headers=org.headers)
    assert listed.json()["data"] == []
