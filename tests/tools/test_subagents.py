"""Sub-agents: their routes, their tools, and delegation through a chat with echo."""

from __future__ import annotations

from typing import Any

import httpx

from tests.agents.builders import make_agent
from tests.factories import Factory, Org, unique
from tests.tools.builders import chat, http_tool, tools_url

API = "https://api.example.com"


def sub_url(agent_id: str, *rest: str) -> str:
    return "/".join([f"/api/v1/agents/{agent_id}/subagents", *rest])


async def make_sub(
    client: httpx.AsyncClient, org: Org, parent_id: str, **extra: Any
) -> dict[str, Any]:
    body = {"name": unique("helper-"), "description": "Answers small questions.", **extra}
    r = await client.post(sub_url(parent_id), json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


async def test_a_sub_agent_is_offered_to_its_parent_as_a_tool(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    parent_id = await make_agent(client, org)
    sub = await make_sub(client, org, parent_id, tool_name="helper")
    assert sub["parent_id"] == parent_id
    r = await client.get(tools_url(parent_id, "helper"), headers=org.headers)
    assert r.status_code == 200, r.text
    tool = r.json()["data"]
    assert tool["kind"] == "agent"
    assert tool["config"] == {"agent_id": sub["id"]}
    assert tool["description"] == "Answers small questions."
    assert tool["parameters"]["required"] == ["task"]

    listed = await client.get(sub_url(parent_id), headers=org.headers)
    assert [s["id"] for s in listed.json()["data"]] == [sub["id"]]
    got = await client.get(sub_url(parent_id, sub["id"]), headers=org.headers)
    assert got.json()["data"]["name"] == sub["name"]
    config = await client.get(sub_url(parent_id, sub["id"], "config"), headers=org.headers)
    assert config.json()["data"]["effective_model"] == "flowline/echo"

    r = await client.post(
        sub_url(parent_id), json={"name": unique(), "tool_name": "helper"}, headers=org.headers
    )
    assert r.status_code == 409
    assert r.json()["details"][0]["field"] == "tool_name"

    data = await chat(client, org, parent_id, 'call helper {"task": "say hi"}')
    (call,) = data["metadata"]["tool_calls"]
    assert call["result"] == {"agent_id": sub["id"], "answer": "echo: say hi"}
    r = await client.get(f"/api/v1/conversations?agent_id={sub['id']}", headers=org.headers)
    (conversation,) = r.json()["data"]
    assert conversation["metadata"] == {"parent_run_id": data["metadata"]["run_id"]}


async def test_sub_agent_routes_answer_404_outside_their_parent(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org, other = await factory.org(), await factory.org()
    parent_id = await make_agent(client, org)
    stranger_id = await make_agent(client, org)
    sub = await make_sub(client, org, parent_id)
    for path in ("", "/config", "/tools", "/available-tools"):
        r = await client.get(sub_url(stranger_id, sub["id"]) + path, headers=org.headers)
        assert r.status_code == 404, (path, r.text)
        assert r.json()["error"] == "SUBAGENT_NOT_FOUND"
        r = await client.get(sub_url(parent_id, sub["id"]) + path, headers=other.headers)
        assert r.status_code == 404
    r = await client.post(
        sub_url(parent_id, stranger_id, "run"), json={"task": "x"}, headers=org.headers
    )
    assert r.status_code == 404
    r = await client.post(
        sub_url(parent_id, sub["id"], "run"), json={"task": ""}, headers=org.headers
    )
    assert r.status_code == 422
    r = await client.post(sub_url(parent_id), json={"name": ""}, headers=org.headers)
    assert r.status_code == 422


async def test_patch_run_and_delete(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    parent_id = await make_agent(client, org)
    sub = await make_sub(client, org, parent_id, tool_name="helper")
    url = sub_url(parent_id, sub["id"])
    r = await client.patch(url, json={"description": "New words."}, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["version"] == 2
    r = await client.patch(
        url,
        json={"config": {"instructions": "Be brief."}},
        headers={**org.headers, "If-Match": "2"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["data"]["config"]["instructions"] == "Be brief."
    r = await client.patch(url, json={"name": "x"}, headers={**org.headers, "If-Match": "1"})
    assert r.status_code == 409

    r = await client.post(url + "/run", json={"task": "count to three"}, headers=org.headers)
    assert r.status_code == 200, r.text
    ran = r.json()["data"]
    assert ran["answer"] == "echo: count to three"
    assert ran["agent_id"] == sub["id"]
    assert ran["run_id"].startswith("run_")
    thread = await client.get(f"/api/v1/conversations/{ran['thread_id']}", headers=org.headers)
    assert thread.json()["data"]["agent_id"] == sub["id"]

    grandchild = await make_sub(client, org, sub["id"])
    assert (await client.delete(url, headers=org.headers)).status_code == 204
    for agent in (sub["id"], grandchild["id"]):
        r = await client.get(f"/api/v1/agents/{agent}", headers=org.headers)
        assert r.status_code == 404
    r = await client.get(tools_url(parent_id, "helper"), headers=org.headers)
    assert r.status_code == 404


async def test_a_sub_agents_tools_come_from_builtins_and_its_parent(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    parent_id = await make_agent(client, org)
    await http_tool(client, org, parent_id, "lookup", "GET", f"{API}/lookup", approval="always")
    sub = await make_sub(client, org, parent_id, tool_name="helper")
    url = sub_url(parent_id, sub["id"])
    available = await client.get(url + "/available-tools", headers=org.headers)
    names = {(t["name"], t["source"]) for t in available.json()["data"]}
    assert names == {
        ("kv_get", "builtin"),
        ("kv_set", "builtin"),
        ("current_time", "builtin"),
        ("ask_user", "builtin"),
        ("knowledge_search", "builtin"),
        ("load_skill", "builtin"),
        ("memory_append", "builtin"),
        ("memory_replace", "builtin"),
        ("memory_insert", "builtin"),
        ("memory_search", "builtin"),
        ("lookup", "parent"),
    }  # not `helper`: an agent tool names the parent's own sub-agent
    for name in ("kv_get", "lookup"):
        r = await client.post(url + "/tools", json={"tool": name}, headers=org.headers)
        assert r.status_code == 201, r.text
    r = await client.post(url + "/tools", json={"tool": "lookup"}, headers=org.headers)
    assert r.status_code == 409
    r = await client.post(url + "/tools", json={"tool": "helper"}, headers=org.headers)
    assert r.status_code == 404
    listed = await client.get(url + "/tools", headers=org.headers)
    tools = {t["name"]: t for t in listed.json()["data"]}
    assert set(tools) == {"kv_get", "lookup"}
    assert tools["lookup"]["config"]["url"] == f"{API}/lookup"
    assert tools["lookup"]["approval"] == "always"
    assert (
        tools["lookup"]["id"]
        != (await client.get(tools_url(parent_id, "lookup"), headers=org.headers)).json()["data"][
            "id"
        ]
    )
    available = await client.get(url + "/available-tools", headers=org.headers)
    assert "lookup" not in {t["name"] for t in available.json()["data"]}
    for name in ("kv_get", "lookup"):
        assert (await client.delete(url + f"/tools/{name}", headers=org.headers)).status_code == 204
    assert (await client.delete(url + "/tools/lookup", headers=org.headers)).status_code == 404
    listed = await client.get(url + "/tools", headers=org.headers)
    assert listed.json()["data"] == []
    parent_tools = await client.get(tools_url(parent_id), headers=org.headers)
    assert {t["name"] for t in parent_tools.json()["data"]} == {"lookup", "helper"}
