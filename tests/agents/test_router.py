from __future__ import annotations

import httpx

from flowline.auth.scopes import Role
from tests.agents.builders import make_agent
from tests.factories import Factory


async def test_create_get_list_delete(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    body = {"agent": {"name": "helper", "description": "helps", "config": {"tools": ["kv_get"]}}}
    r = await client.post("/api/v1/agents", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    agent = r.json()["data"]
    assert agent["id"].startswith("agt_")
    assert agent["config"]["tools"] == ["kv_get"]
    assert agent["config"]["max_steps"] == 8

    r = await client.post("/api/v1/agents", json={"name": "helper"}, headers=org.headers)
    assert r.status_code == 409

    r = await client.get(f"/api/v1/agents/{agent['id']}", headers=org.headers)
    assert r.status_code == 200
    assert r.json()["data"]["name"] == "helper"
    listed = (await client.get("/api/v1/agents", headers=org.headers)).json()
    assert listed["total"] == 1
    assert listed["data"][0]["id"] == agent["id"]

    r = await client.delete(f"/api/v1/agents/{agent['id']}", headers=org.headers)
    assert r.status_code == 204
    r = await client.get(f"/api/v1/agents/{agent['id']}", headers=org.headers)
    assert r.status_code == 404
    assert r.json()["error"] == "AGENT_NOT_FOUND"


async def test_config_defaults_to_echo_and_patches(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    url = f"/api/v1/agents/{agent_id}/config"
    config = (await client.get(url, headers=org.headers)).json()["data"]
    assert config["model"] is None
    assert config["effective_model"] == "flowline/echo"
    assert config["version"] == 1

    patch = {
        "instructions": "Be brief.",
        "temperature": 0.3,
        "max_steps": 3,
        "tools": ["kv_set", "current_time"],
        "approval": {"kv_set": "always"},
        "budget": {"monthly_limit_usd": 5},
    }
    r = await client.patch(url, json=patch, headers={**org.headers, "If-Match": "1"})
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["instructions"] == "Be brief."
    assert data["max_steps"] == 3
    assert data["approval"] == {"kv_set": "always"}
    assert data["version"] == 2

    r = await client.patch(
        url, json={"model": "openai/gpt-4o"}, headers={**org.headers, "If-Match": "1"}
    )
    assert r.status_code == 409
    r = await client.patch(url, json={"tools": ["rm_rf"]}, headers=org.headers)
    assert r.status_code == 422
    r = await client.patch(url, json={"approval": {"rm_rf": "always"}}, headers=org.headers)
    assert r.status_code == 422, "approval names built-in tools"
    assert "config.approval" in r.text or "approval" in r.json()["message"]
    r = await client.patch(url, json={"model": "gpt-4o"}, headers=org.headers)
    assert r.status_code == 422


async def test_an_approval_for_a_builtin_not_yet_added_waits_for_it(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """The schema states approval's keys (the built-ins), not which the agent has: an
    entry for one it does not have is kept and applies once the tool is added."""
    org = await factory.org()
    config = {"tools": ["current_time"], "approval": {"kv_set": "always"}}
    r = await client.post(
        "/api/v1/agents", json={"name": "careful", "config": config}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    agent_id = r.json()["data"]["id"]
    assert r.json()["data"]["config"]["approval"] == {"kv_set": "always"}
    tools = f"/api/v1/agents/{agent_id}/tools"
    r = await client.post(tools, json={"name": "kv_set", "kind": "builtin"}, headers=org.headers)
    assert r.status_code == 201, r.text
    assert r.json()["data"]["approval"] == "always"
    assert r.json()["data"]["approval_is_default"] is False


async def test_null_resets_a_config_field_to_its_default(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """Every field of ``PATCH …/config`` may be null (the schema says so): it resets."""
    org = await factory.org()
    agent_id = await make_agent(client, org)
    url = f"/api/v1/agents/{agent_id}/config"
    patch = {"budget": {"monthly_limit_usd": 5}, "max_steps": 3, "tools": ["kv_get"]}
    r = await client.patch(url, json=patch, headers=org.headers)
    assert r.status_code == 200, r.text
    reset = {"budget": None, "max_steps": None, "tools": None, "instructions": None}
    r = await client.patch(url, json=reset, headers=org.headers)
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["budget"] == {"monthly_limit_usd": None}
    assert (data["max_steps"], data["tools"], data["instructions"]) == (8, [], "")


async def test_stats(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    await make_agent(client, org)
    await make_agent(client, org, model="openai/gpt-4o-mini")
    r = await client.get("/api/v1/agents/stats", headers=org.headers)
    assert r.status_code == 200, r.text
    stats = r.json()["data"]
    assert stats["agents"] == 2
    assert stats["turns"] == 0
    assert stats["by_model"] == {"default": 1, "openai/gpt-4o-mini": 1}


async def test_viewers_read_but_do_not_write(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    viewer = await factory.member(org, Role.VIEWER)
    agent_id = await make_agent(client, org)
    assert (
        await client.get(f"/api/v1/agents/{agent_id}", headers=viewer.headers)
    ).status_code == 200
    r = await client.post("/api/v1/agents", json={"name": "x"}, headers=viewer.headers)
    assert r.status_code == 403
    r = await client.delete(f"/api/v1/agents/{agent_id}", headers=viewer.headers)
    assert r.status_code == 403
