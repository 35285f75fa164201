"""The tool routes: definitions, built-ins, changes, approval policies, direct runs."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from flowline.auth.scopes import Role
from tests.agents.builders import make_agent
from tests.factories import Factory
from tests.tools.builders import http_tool, make_tool, problem_fields, run_tool, tools_url

API = "https://api.example.com"


async def _names(client: httpx.AsyncClient, headers: dict[str, str], agent_id: str) -> list[str]:
    r = await client.get(tools_url(agent_id), headers=headers)
    assert r.status_code == 200, r.text
    return [t["name"] for t in r.json()["data"]]


async def test_http_tool_defaults_and_reads(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, tools=["kv_get"])
    made = await http_tool(client, org, agent_id, "get_user", "GET", f"{API}/users/{{user_id}}")
    assert made["id"].startswith("tol_")
    assert made["kind"] == "http"
    assert made["parameters"] == {
        "type": "object",
        "properties": {"user_id": {"type": "string"}},
        "required": ["user_id"],
    }
    assert made["description"] == f"Sends GET {API}/users/{{user_id}}."
    assert made["approval"] == "mutating"
    assert made["approval_is_default"] is True
    assert made["persisted"] is True
    assert made["version"] == 1
    assert made["config"]["idempotency_key"] is True

    r = await client.get(tools_url(agent_id), headers=org.headers)
    listed = r.json()
    assert [(t["name"], t["kind"], t["persisted"]) for t in listed["data"]] == [
        ("kv_get", "builtin", False),
        ("get_user", "http", True),
    ]
    assert listed["total"] == 2
    by_name = await client.get(tools_url(agent_id, "get_user"), headers=org.headers)
    by_id = await client.get(tools_url(agent_id, made["id"]), headers=org.headers)
    assert by_name.json()["data"] == by_id.json()["data"] == made
    page = await client.get(tools_url(agent_id) + "?size=1&page=1", headers=org.headers)
    assert [t["name"] for t in page.json()["data"]] == ["get_user"]
    assert page.json()["pages"] == 2


async def test_unknown_agent_tool_and_other_orgs_are_404(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org, other = await factory.org(), await factory.org()
    agent_id = await make_agent(client, org)
    await http_tool(client, org, agent_id, "ping", "GET", f"{API}/ping")
    for url in (tools_url("agt_nope"), tools_url(agent_id, "nope")):
        r = await client.get(url, headers=org.headers)
        assert r.status_code == 404, r.text
    r = await client.get(tools_url(agent_id, "nope"), headers=org.headers)
    assert r.json()["error"] == "TOOL_NOT_FOUND"
    for method, url in (
        ("GET", tools_url(agent_id)),
        ("GET", tools_url(agent_id, "ping")),
        ("DELETE", tools_url(agent_id, "ping")),
        ("PATCH", tools_url(agent_id, "ping")),
    ):
        r = await client.request(method, url, headers=other.headers, json={})
        assert r.status_code == 404, (method, url, r.text)
    assert await _names(client, org.headers, agent_id) == ["ping"]
    r = await run_tool(client, org, agent_id, "nope")
    assert r.status_code == 404


@pytest.mark.parametrize(
    ("definition", "field"),
    [
        ({"name": "bad name", "kind": "http", "config": {"url": API}}, "tool.name"),
        ({"name": "x", "kind": "shell", "config": {}}, "tool.kind"),
        ({"name": "x", "kind": "http", "config": {"url": "ftp://files"}}, "config.url"),
        ({"name": "x", "kind": "http", "config": {"url": "https://{host}/a"}}, "config.url"),
        (
            {
                "name": "x",
                "kind": "http",
                "config": {"url": API, "headers": {"Authorization": "k"}},
            },
            "config.headers",
        ),
        ({"name": "x", "kind": "http", "config": {"url": API, "verb": "GET"}}, "config.verb"),
        (
            {"name": "x", "kind": "http", "config": {"url": API}, "parameters": {"type": "array"}},
            "parameters",
        ),
        ({"name": "kv_get", "kind": "http", "config": {"url": API}}, "name"),
        ({"name": "shell", "kind": "builtin"}, "name"),
        ({"name": "kv_set", "kind": "builtin", "config": {"x": 1}}, "config.x"),
        (
            {
                "name": "x",
                "kind": "agent",
                "config": {"agent_id": "a"},
                "parameters": {"type": "object"},
            },
            "parameters",
        ),
        (
            {"name": "x", "kind": "http", "config": {"url": API}, "approval": "sometimes"},
            "tool.approval",
        ),
    ],
)
async def test_bad_definitions_are_422_naming_the_field_and_change_nothing(
    client: httpx.AsyncClient, factory: Factory, definition: dict[str, Any], field: str
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    r = await client.post(tools_url(agent_id), json=definition, headers=org.headers)
    assert r.status_code == 422, r.text
    assert r.json()["error"] == "VALIDATION_ERROR"
    assert field in problem_fields(r), r.json()
    assert await _names(client, org.headers, agent_id) == []


@pytest.mark.parametrize(
    ("definition", "field"),
    [
        (
            {"name": "x", "kind": "http", "config": {"url": API, "credential": "absent"}},
            "config.credential",
        ),
        ({"name": "x", "kind": "flow", "config": {"flow": "no-such-flow"}}, "config.flow"),
        ({"name": "x", "kind": "agent", "config": {"agent_id": "agt_nope"}}, "config.agent_id"),
        ({"name": "x", "kind": "mcp", "config": {"server": "nope", "tool": "t"}}, "config.server"),
    ],
)
async def test_a_definition_naming_a_record_the_organisation_lacks_is_404(
    client: httpx.AsyncClient, factory: Factory, definition: dict[str, Any], field: str
) -> None:
    """The schema states an id's or a name's shape, never that the record exists."""
    org = await factory.org()
    agent_id = await make_agent(client, org)
    r = await client.post(tools_url(agent_id), json=definition, headers=org.headers)
    assert r.status_code == 404, r.text
    assert field in problem_fields(r), r.json()
    assert await _names(client, org.headers, agent_id) == []


async def test_a_placeholder_the_parameters_leave_out_is_added_to_them(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    parameters = {"type": "object", "properties": {"q": {"type": "integer"}}, "required": ["q"]}
    definition = {
        "name": "x",
        "kind": "http",
        "config": {"url": API + "/{id}"},
        "parameters": parameters,
    }
    r = await client.post(tools_url(agent_id), json=definition, headers=org.headers)
    assert r.status_code == 201, r.text
    assert r.json()["data"]["parameters"] == {
        "type": "object",
        "properties": {"q": {"type": "integer"}, "id": {"type": "string"}},
        "required": ["q", "id"],
    }


async def test_a_name_is_used_once_and_wrapped_bodies_work(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    body = {"tool": {"name": "ping", "kind": "http", "config": {"url": f"{API}/ping"}}}
    r = await client.post(tools_url(agent_id), json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    again = await client.post(tools_url(agent_id), json=body, headers=org.headers)
    assert again.status_code == 409
    assert again.json()["error"] == "TOOL_NAME_TAKEN"
    other_agent = await make_agent(client, org)
    r = await client.post(tools_url(other_agent, "persist"), json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    assert r.json()["data"]["name"] == "ping"


async def test_builtins_join_and_leave_the_agents_tools(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    made = await make_tool(client, org, agent_id, name="kv_set", kind="builtin", approval="always")
    assert made["persisted"] is False
    assert made["id"] is None
    assert made["approval"] == "always"
    assert made["parameters"]["required"] == ["key", "value"]
    config = (await client.get(f"/api/v1/agents/{agent_id}/config", headers=org.headers)).json()
    assert config["data"]["tools"] == ["kv_set"]
    assert config["data"]["approval"] == {"kv_set": "always"}
    r = await client.post(
        tools_url(agent_id), json={"name": "kv_set", "kind": "builtin"}, headers=org.headers
    )
    assert r.status_code == 409
    r = await client.patch(
        tools_url(agent_id, "kv_set"), json={"description": "x"}, headers=org.headers
    )
    assert r.status_code == 409
    assert r.json()["error"] == "TOOL_BUILTIN"
    r = await client.put(
        tools_url(agent_id, "kv_set", "approval"), json={"policy": "never"}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["data"]["approval"] == "never"
    r = await client.delete(tools_url(agent_id, "kv_set"), headers=org.headers)
    assert r.status_code == 204
    config = (await client.get(f"/api/v1/agents/{agent_id}/config", headers=org.headers)).json()
    assert config["data"]["tools"] == []
    assert config["data"]["approval"] == {}
    assert (await client.get(tools_url(agent_id, "kv_set"), headers=org.headers)).status_code == 404


async def test_patch_checks_the_whole_definition_and_the_version(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    await http_tool(client, org, agent_id, "taken", "GET", f"{API}/t")
    await http_tool(client, org, agent_id, "get_item", "GET", f"{API}/items/{{id}}")
    url = tools_url(agent_id, "get_item")
    r = await client.patch(url, json={"description": "Fetch one item."}, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["version"] == 2
    assert r.json()["data"]["description"] == "Fetch one item."
    r = await client.patch(url, json={"description": "x"}, headers={**org.headers, "If-Match": "1"})
    assert r.status_code == 409
    r = await client.patch(
        url, json={"config": {"method": "DELETE"}, "expected_version": 2}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["config"]["method"] == "DELETE"
    assert data["config"]["url"] == f"{API}/items/{{id}}"
    r = await client.patch(
        url, json={"config": {"url": f"{API}/items/{{other}}"}}, headers=org.headers
    )
    assert r.status_code == 200, "a new placeholder joins the parameters"
    assert r.json()["data"]["parameters"]["properties"]["other"] == {"type": "string"}
    r = await client.patch(url, json={"name": "taken"}, headers=org.headers)
    assert r.status_code == 409
    r = await client.patch(url, json={"name": "remove_item"}, headers=org.headers)
    assert r.status_code == 200, r.text
    assert (await client.get(url, headers=org.headers)).status_code == 404
    got = await client.get(tools_url(agent_id, "remove_item"), headers=org.headers)
    assert got.json()["data"]["version"] == 5
    r = await client.patch(tools_url(agent_id, "nope"), json={}, headers=org.headers)
    assert r.status_code == 404


async def test_approval_policy_and_delete(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    await http_tool(client, org, agent_id, "ping", "GET", f"{API}/ping")
    url = tools_url(agent_id, "ping", "approval")
    r = await client.put(url, json={"policy": "always"}, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["approval"] == "always"
    assert r.json()["data"]["approval_is_default"] is False
    r = await client.put(url, json={"policy": "sometimes"}, headers=org.headers)
    assert r.status_code == 422
    assert problem_fields(r) == ["policy"]
    r = await client.put(
        tools_url(agent_id, "nope", "approval"), json={"policy": "never"}, headers=org.headers
    )
    assert r.status_code == 404
    r = await client.patch(
        tools_url(agent_id, "ping"), json={"approval": None}, headers=org.headers
    )
    assert r.json()["data"]["approval"] == "mutating"
    assert (
        await client.delete(tools_url(agent_id, "ping"), headers=org.headers)
    ).status_code == 204
    assert (
        await client.delete(tools_url(agent_id, "ping"), headers=org.headers)
    ).status_code == 404
    assert await _names(client, org.headers, agent_id) == []


async def test_running_a_builtin_directly(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, tools=["kv_set", "ask_user"])
    r = await run_tool(client, org, agent_id, "kv_set", {"key": "k", "value": {"n": 1}})
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["result"] == {"key": "k", "value": {"n": 1}, "version": 1}
    assert data["error"] is None
    assert data["approval"] == "never"
    stored = await client.get("/api/v1/kv/k", headers=org.headers)
    assert stored.json()["data"]["value"] == {"n": 1}

    r = await run_tool(client, org, agent_id, "kv_set", {"value": 1})
    assert r.status_code == 422
    assert problem_fields(r) == ["arguments"]
    assert "key" in r.json()["details"][0]["problem"]
    r = await run_tool(client, org, agent_id, "kv_set", {"key": 5, "value": 1})
    assert r.status_code == 422
    assert problem_fields(r) == ["arguments.key"]
    r = await run_tool(client, org, agent_id, "ask_user", {"question": "Why?"})
    assert r.status_code == 409
    assert r.json()["error"] == "TOOL_NOT_RUNNABLE"


async def test_viewers_read_but_do_not_change_tools(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    viewer = await factory.member(org, Role.VIEWER)
    agent_id = await make_agent(client, org, tools=["current_time"])
    assert await _names(client, viewer.headers, agent_id) == ["current_time"]
    body = {"name": "ping", "kind": "http", "config": {"url": f"{API}/ping"}}
    r = await client.post(tools_url(agent_id), json=body, headers=viewer.headers)
    assert r.status_code == 403
    r = await client.post(
        tools_url(agent_id, "current_time", "run"), json={"arguments": {}}, headers=viewer.headers
    )
    assert r.status_code == 403
