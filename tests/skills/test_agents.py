"""Skills for agents: assignment, the agent's list, the index the model sees, and
``load_skill`` answering the playbook and support files only when the model asks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from tests.agents.builders import make_agent
from tests.factories import Factory, Org
from tests.fakes.llm_script import Call, Reply
from tests.fakes.openai_server import serve_openai
from tests.skills.test_router import folder_skill, markdown, skills_dir, slug
from tests.tools.builders import fake_model_agent, problem_fields

__all__ = ["skills_dir"]  # the fixture, used by name


async def upload(client: httpx.AsyncClient, org: Org, name: str, description: str) -> None:
    text = markdown(name, description=description)
    r = await client.post("/api/v1/skills", json={"text": text}, headers=org.headers)
    assert r.status_code == 201, r.text


async def call_tool(client: httpx.AsyncClient, org: Org, agent: str, tool: str, args: Any) -> Any:
    text = f"call {tool} {orjson.dumps(args).decode()}"
    r = await client.post(
        f"/api/v1/agents/{agent}/chat", json={"messages": text}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    [call] = r.json()["data"]["metadata"]["tool_calls"]
    return call


async def test_assignment_is_checked_and_listed(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    name = slug()
    await upload(client, org, name, "Refund playbook.")
    agent = await make_agent(client, org)
    url = f"/api/v1/agents/{agent}"

    r = await client.patch(f"{url}/config", json={"skills": ["no-such-skill"]}, headers=org.headers)
    assert r.status_code == 404, r.text
    assert problem_fields(r) == ["config.skills[0]"]
    r = await client.post(f"{url}/skills/no-such-skill", headers=org.headers)
    assert r.status_code == 404
    r = await client.post(f"{url}/skills/Not_A_Name", headers=org.headers)
    assert r.status_code == 422

    for _ in range(2):  # twice is once
        r = await client.post(f"{url}/skills/{name}", headers=org.headers)
        assert r.status_code == 200, r.text
    r = await client.patch(
        f"{url}/config", json={"skills": [name, "flow-capi"]}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    r = await client.get(f"{url}/skills", headers=org.headers)
    listed = r.json()["data"]
    first = listed[0]
    assert (first["name"], first["description"], first["available"]) == (
        name,
        "Refund playbook.",
        True,
    )
    assert listed[1]["source"] == "builtin"

    # The upload deleted: still assigned, listed as not available.
    await client.delete(f"/api/v1/skills/{name}", headers=org.headers)
    r = await client.get(f"{url}/skills", headers=org.headers)
    assert r.json()["data"][0] == {
        "name": name,
        "title": None,
        "description": None,
        "source": None,
        "available": False,
    }
    r = await client.delete(f"{url}/skills/{name}", headers=org.headers)
    assert r.status_code == 204
    r = await client.get(f"{url}/skills", headers=org.headers)
    assert [s["name"] for s in r.json()["data"]] == ["flow-capi"]


async def test_another_organisations_agent_and_skill_are_not_found(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    mine, theirs = await factory.org(), await factory.org()
    name = slug()
    await upload(client, theirs, name, "Theirs.")
    agent = await make_agent(client, mine)
    their_agent = await make_agent(client, theirs)
    r = await client.get(f"/api/v1/agents/{their_agent}/skills", headers=mine.headers)
    assert r.status_code == 404
    r = await client.post(f"/api/v1/agents/{their_agent}/skills/flow-capi", headers=mine.headers)
    assert r.status_code == 404
    r = await client.post(f"/api/v1/agents/{agent}/skills/{name}", headers=mine.headers)
    assert r.status_code == 404  # their upload is no skill of mine


async def test_load_skill_answers_the_playbook_and_support_files(
    client: httpx.AsyncClient, factory: Factory, skills_dir: Path
) -> None:
    org = await factory.org()
    name = slug()
    folder_skill(skills_dir, name)
    agent = await make_agent(client, org, skills=[name])

    call = await call_tool(client, org, agent, "load_skill", {"name": name})
    assert call["error"] is None
    result = call["result"]
    assert result["body"].startswith(f"# {name}")
    assert result["files"] == ["notes.md", "page.html", "scripts/run.py"]

    call = await call_tool(
        client, org, agent, "load_skill", {"name": name, "path": "scripts/run.py"}
    )
    assert call["result"]["content"] == "print('hi')\n"
    call = await call_tool(client, org, agent, "load_skill", {"name": name, "path": "../x"})
    assert "path" in call["error"]
    # A skill the agent does not have is not loaded, though the organisation has it.
    call = await call_tool(client, org, agent, "load_skill", {"name": "flow-capi"})
    assert "not one of your skills" in call["error"]


async def test_the_model_sees_the_index_and_loads_a_skill_only_when_it_asks(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    name = slug()
    await upload(client, org, name, "How to refund an order.")
    async with serve_openai() as fake:
        agent = await fake_model_agent(client, org, fake)
        body = {"instructions": "Be brief.", "skills": [name]}
        r = await client.patch(f"/api/v1/agents/{agent}/config", json=body, headers=org.headers)
        assert r.status_code == 200, r.text
        fake.script(Reply(text="Hello."))
        r = await client.post(
            f"/api/v1/agents/{agent}/chat", json={"messages": "hi"}, headers=org.headers
        )
        assert r.status_code == 200, r.text
        [request] = fake.chats()
        system = request.body["messages"][0]
        assert system["role"] == "system"
        assert system["content"].startswith("Be brief.\n\n<skills>")
        assert f"- {name}: How to refund an order." in system["content"]
        assert "Steps." not in system["content"]  # the playbook waits for load_skill
        offered = [t["function"]["name"] for t in request.body["tools"]]
        assert offered == ["load_skill"]

        fake.script(Reply(calls=[Call("load_skill", {"name": name})]), Reply(text="Done."))
        r = await client.post(
            f"/api/v1/agents/{agent}/chat", json={"messages": "refund me"}, headers=org.headers
        )
        assert r.status_code == 200, r.text
        tool_message = fake.chats()[-1].body["messages"][-1]
        assert tool_message["role"] == "tool"
        assert "Steps." in tool_message["content"]


@pytest.mark.parametrize("tools", [[], ["load_skill"]])
async def test_load_skill_is_offered_with_skills_only(
    client: httpx.AsyncClient, factory: Factory, tools: list[str]
) -> None:
    org = await factory.org()
    agent = await make_agent(client, org, tools=tools)
    r = await client.get(f"/api/v1/agents/{agent}/tools", headers=org.headers)
    assert [t["name"] for t in r.json()["data"]] == tools
    await client.post(f"/api/v1/agents/{agent}/skills/flow-capi", headers=org.headers)
    r = await client.get(f"/api/v1/agents/{agent}/tools", headers=org.headers)
    assert [t["name"] for t in r.json()["data"]] == ["load_skill"]
