"""``POST agents/{id}/tools`` with an OpenAPI document: one HTTP tool per operation."""

from __future__ import annotations

from typing import Any

import httpx

from tests.agents.builders import make_agent
from tests.factories import Factory
from tests.fakes.http import Answer, FakeApi
from tests.tools.builders import problem_fields, run_tool, tools_url


def petstore(server: str) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Pets", "version": "1"},
        "servers": [{"url": server}],
        "paths": {
            "/pets/{petId}": {
                "parameters": [{"$ref": "#/components/parameters/PetId"}],
                "get": {
                    "operationId": "getPet",
                    "summary": "One pet by id.",
                    "parameters": [{"name": "fields", "in": "query", "schema": {"type": "string"}}],
                },
            },
            "/pets": {
                "post": {
                    "operationId": "createPet",
                    "parameters": [
                        {"name": "dry_run", "in": "query", "schema": {"type": "boolean"}},
                        {"name": "X-Trace", "in": "header", "schema": {"type": "string"}},
                    ],
                    "requestBody": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}
                        }
                    },
                },
                "put": {
                    "operationId": "replaceAll",
                    "requestBody": {"content": {"application/json": {"schema": {"type": "array"}}}},
                },
            },
        },
        "components": {
            "parameters": {
                "PetId": {
                    "name": "petId",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer"},
                }
            },
            "schemas": {
                "Pet": {
                    "type": "object",
                    "properties": {"name": {"type": "string"}, "tag": {"type": "string"}},
                    "required": ["name"],
                }
            },
        },
    }


async def test_import_makes_one_tool_per_operation_and_they_run(
    client: httpx.AsyncClient, factory: Factory, api: FakeApi
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    body = {"openapi": petstore(api.url + "/v1")}
    r = await client.post(tools_url(agent_id), json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    data = r.json()["data"]
    tools = {t["name"]: t for t in data["tools"]}
    assert set(tools) == {"getPet", "createPet"}
    assert data["skipped"] == [
        {"operation": "replaceAll", "reason": "its JSON body is not an object with properties"}
    ]
    get = tools["getPet"]
    assert get["description"] == "One pet by id."
    assert get["config"]["method"] == "GET"
    assert get["config"]["url"] == f"{api.url}/v1/pets/{{petId}}"
    assert get["parameters"] == {
        "type": "object",
        "properties": {"petId": {"type": "integer"}, "fields": {"type": "string"}},
        "required": ["petId"],
    }
    create = tools["createPet"]
    assert create["config"]["query"] == ["dry_run"]
    assert create["parameters"]["required"] == ["name"]
    assert set(create["parameters"]["properties"]) == {"dry_run", "name", "tag"}
    assert create["approval"] == "mutating"

    api.answer("/v1/pets/4", Answer(200, {"id": 4}))
    r = await run_tool(client, org, agent_id, "getPet", {"petId": 4, "fields": "name"})
    assert r.json()["data"]["result"]["body"] == {"id": 4}
    assert api.seen("/v1/pets/4")[0].query == "fields=name"
    r = await run_tool(
        client, org, agent_id, "createPet", {"name": "Rex", "dry_run": True}, confirmed=True
    )
    assert r.status_code == 200, r.text
    (sent,) = api.seen("/v1/pets")
    assert sent.json == {"name": "Rex"}
    assert sent.query == "dry_run=true"

    again = await client.post(tools_url(agent_id), json=body, headers=org.headers)
    assert again.status_code == 409  # all or nothing
    listed = await client.get(tools_url(agent_id), headers=org.headers)
    assert listed.json()["total"] == 2


async def test_operations_base_url_and_bad_documents(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    document = petstore("/relative")
    cases: list[tuple[dict[str, Any], str]] = [
        ({"openapi": document}, "base_url"),
        ({"openapi": {**document, "openapi": "2.0"}}, "openapi.openapi"),
        ({"openapi": document, "base_url": "ftp://x.example"}, "openapi.base_url"),
    ]
    for body, field in cases:
        r = await client.post(tools_url(agent_id), json=body, headers=org.headers)
        assert r.status_code == 422, (body, r.text)
        assert field in problem_fields(r), (field, r.json())
    r = await client.post(
        tools_url(agent_id),
        json={"openapi": document, "base_url": "https://x.example", "credential": "absent"},
        headers=org.headers,
    )
    assert r.status_code == 404, "a credential names a secret the organisation has"
    assert "config.credential" in problem_fields(r)
    # What the schema cannot state of the document's content is told in `skipped`.
    nothing: list[tuple[dict[str, Any], list[str]]] = [
        ({"openapi": {**document, "paths": {}}, "base_url": "https://x.example"}, []),
        (
            {"openapi": document, "base_url": "https://x.example", "operations": ["nope"]},
            ["nope"],
        ),
        (
            {"openapi": document, "base_url": "https://x.example", "operations": ["replaceAll"]},
            ["replaceAll"],
        ),
    ]
    for body, skipped in nothing:
        r = await client.post(tools_url(agent_id), json=body, headers=org.headers)
        assert r.status_code == 201, (body, r.text)
        assert r.json()["data"]["tools"] == []
        assert [s["operation"] for s in r.json()["data"]["skipped"]] == skipped
    listed = await client.get(tools_url(agent_id), headers=org.headers)
    assert listed.json()["total"] == 0
    body = {
        "openapi": document,
        "base_url": "https://pets.example/api",
        "operations": ["getPet"],
        "approval": "always",
    }
    r = await client.post(tools_url(agent_id), json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    (tool,) = r.json()["data"]["tools"]
    assert tool["config"]["url"] == "https://pets.example/api/pets/{petId}"
    assert tool["approval"] == "always"
