"""``capability/retrieve|plan|reflect``: one structured model call each."""

from __future__ import annotations

from typing import Any

import httpx
import orjson

from tests.agents.builders import make_agent
from tests.factories import Factory, Org
from tests.fakes.llm_script import Reply
from tests.fakes.openai_server import FakeOpenAI
from tests.tools.builders import chat, fake_model_agent


async def _ask(
    client: httpx.AsyncClient, org: Org, agent_id: str, what: str, **body: Any
) -> httpx.Response:
    url = f"/api/v1/agents/{agent_id}/capability/{what}"
    return await client.post(url, json=body, headers=org.headers)


async def test_retrieve_searches_the_agents_own_conversations(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    other_id = await make_agent(client, org)
    await chat(client, org, agent_id, "The ACME invoice is overdue")
    await chat(client, org, agent_id, "Lunch at noon")
    await chat(client, org, agent_id, "Send the invoice again")
    await chat(client, org, other_id, "acme invoice from another agent")
    r = await _ask(client, org, agent_id, "retrieve", query="acme invoice", limit=3)
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["query"] == "acme invoice"  # echo: the string is the text
    assert data["model"] == "flowline/echo"
    found = [(m["role"], m["excerpt"], m["score"]) for m in data["results"]]
    assert found == [
        ("assistant", "echo: The ACME invoice is overdue", 2),
        ("user", "The ACME invoice is overdue", 2),
        ("assistant", "echo: Send the invoice again", 1),
    ]
    assert all(m["conversation_id"].startswith("cnv_") for m in data["results"])
    r = await _ask(client, org, agent_id, "retrieve", query="zebra")
    assert r.json()["data"]["results"] == []
    r = await _ask(client, org, agent_id, "retrieve", query="")
    assert r.status_code == 422
    r = await _ask(client, org, "agt_nope", "retrieve", query="x")
    assert r.status_code == 404


async def test_plan_with_echo_and_a_model_that_names_tools(
    client: httpx.AsyncClient, factory: Factory, openai_fake: FakeOpenAI
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, tools=["kv_set"])
    r = await _ask(client, org, agent_id, "plan", goal="Save the report")
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["goal"] == "Save the report"
    assert data["steps"] == [{"title": "Save the report", "tool": None}]

    fake_agent = await fake_model_agent(client, org, openai_fake)
    r = await client.post(
        f"/api/v1/agents/{fake_agent}/tools",
        json={"name": "kv_set", "kind": "builtin"},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    plan = {"goal": "g", "steps": [{"title": "store it", "tool": "kv_set"}, {"title": "tell"}]}
    openai_fake.script(Reply(text=orjson.dumps(plan).decode()))
    r = await _ask(client, org, fake_agent, "plan", goal="g", context="it is Monday")
    assert r.status_code == 200, r.text
    assert r.json()["data"]["steps"] == [
        {"title": "store it", "tool": "kv_set"},
        {"title": "tell", "tool": None},
    ]
    sent = openai_fake.requests[-1].body
    assert "kv_set" in sent["messages"][0]["content"]
    assert sent["messages"][1]["content"] == "g\n\nContext:\nit is Monday"
    wrong = {"goal": "g", "steps": [{"title": "x", "tool": "rm_rf"}]}
    openai_fake.script(Reply(text=orjson.dumps(wrong).decode()))
    r = await _ask(client, org, fake_agent, "plan", goal="g")
    assert r.status_code == 502
    assert r.json()["error"] == "MODEL_OUTPUT_INVALID"
    assert r.json()["details"][0]["field"] == "steps/0/tool"


async def test_reflect_on_text_or_on_a_conversation(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    r = await _ask(client, org, agent_id, "reflect", text="Paris is in Spain.", request="Where?")
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["assessment"] == "Request:\nWhere?\n\nAnswer:\nParis is in Spain."
    assert data["issues"] == []
    assert data["suggestions"] == []
    thread = (await chat(client, org, agent_id, "hello"))["thread_id"]
    r = await _ask(client, org, agent_id, "reflect", thread_id=thread)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["assessment"] == "Request:\nhello\n\nAnswer:\necho: hello"
    other_id = await make_agent(client, org)
    r = await _ask(client, org, other_id, "reflect", thread_id=thread)
    assert r.status_code == 404
    r = await _ask(client, org, agent_id, "reflect", text="x", thread_id=thread)
    assert r.status_code == 422
    r = await _ask(client, org, agent_id, "reflect")
    assert r.status_code == 422
