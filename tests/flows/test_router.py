"""The flow routes over HTTP, against the real database."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from flowline.auth.scopes import Role
from tests.answers import assert_error, error_fields
from tests.factories import Factory, Org, unique

FLOWS = "/api/v1/flows"

# Seed 002's create body, exactly as the seed shows it.
SEED_002 = {
    "flow": {
        "name": "Customer Onboarding Flow",
        "description": "Automated flow for onboarding new customers",
        "definition": {
            "nodes": [
                {
                    "id": "start_node_1",
                    "position": {"x": 100, "y": 200},
                    "data": {"node_type": "start", "config": {}},
                }
            ],
            "edges": [
                {
                    "id": "edge_1",
                    "source": "start_node_1",
                    "target": "send_text_1",
                    "label": "next",
                    "flow_condition_id": "<string>",
                }
            ],
        },
    }
}


def valid_definition() -> dict[str, Any]:
    return {
        "nodes": [
            {"id": "start", "position": {"x": 0, "y": 0}, "data": {"node_type": "start"}},
            {
                "id": "fetch",
                "data": {
                    "node_type": "http_request",
                    "config": {"method": "GET", "url": "https://example.test/items"},
                },
            },
            {"id": "done", "data": {"node_type": "end", "config": {"output": "ok"}}},
        ],
        "edges": [
            {"id": "e1", "source": "start", "target": "fetch"},
            {"id": "e2", "source": "fetch", "target": "done"},
        ],
    }


async def create(client: httpx.AsyncClient, org: Org, **body: Any) -> dict[str, Any]:
    body.setdefault("name", unique("flow-"))
    body.setdefault("definition", valid_definition())
    r = await client.post(FLOWS, json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    return r.json()["data"]  # type: ignore[no-any-return]


async def get(client: httpx.AsyncClient, org: Org, path: str, **params: Any) -> Any:
    r = await client.get(path, params=params, headers=org.headers)
    assert r.status_code == 200, r.text
    return r.json()


def fields(flow: dict[str, Any]) -> list[str]:
    return [p["field"] for p in flow["problems"]]


async def test_seed_002_body_is_accepted_as_a_draft(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.post(FLOWS, json=SEED_002, headers=org.headers)
    assert r.status_code == 201, r.text
    flow = r.json()["data"]
    assert flow["id"].startswith("flow_")
    assert flow["name"] == "Customer Onboarding Flow"
    assert flow["description"] == "Automated flow for onboarding new customers"
    assert flow["status"] == "draft"
    assert "definition.edges[0].target" in fields(flow)
    assert "definition.edges[0].flow_condition_id" in fields(flow)
    assert "status" in fields(flow)  # says why it is not active
    target = next(p for p in flow["problems"] if p["field"] == "definition.edges[0].target")
    assert target["edge_id"] == "edge_1"
    assert "send_text_1" in target["problem"]
    assert flow["version"] == 1
    assert flow["execution_count"] == 0
    assert flow["last_executed_at"] is None
    assert flow["created_by"] == {"id": org.owner.user_id, "name": flow["created_by"]["name"]}
    assert flow["created_at"].endswith("Z")
    saved = flow["definition"]
    assert saved["nodes"][0]["position"] == {"x": 100, "y": 200}
    assert saved["edges"][0]["target"] == "send_text_1"
    assert saved["edges"][0]["flow_condition_id"] == "<string>"

    # Stored as shown, problems and all.
    again = (await get(client, org, f"{FLOWS}/{flow['id']}"))["data"]
    assert again["status"] == "draft"
    assert again["definition"] == saved
    assert "definition.edges[0].target" in fields(again)


async def test_valid_flow_is_active_and_bare_body_works(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    flow = await create(client, org, name="  Sync items ")
    assert flow["name"] == "Sync items"
    assert flow["status"] == "active"
    assert flow["problems"] == []
    assert flow["definition"]["edges"][0]["label"] == "next"
    inactive = await create(client, org, status="inactive")
    assert inactive["status"] == "inactive"
    draft = await create(client, org, status="draft")
    assert draft["status"] == "draft"
    assert draft["problems"] == []


async def test_asking_for_inactive_with_problems_saves_a_draft(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    flow = await create(client, org, status="inactive", definition={"nodes": []})
    assert flow["status"] == "draft"
    assert fields(flow) == ["definition.nodes", "status"]


async def test_without_definition_is_an_empty_draft(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.post(FLOWS, json={"name": "later"}, headers=org.headers)
    assert r.status_code == 201, r.text
    flow = r.json()["data"]
    assert flow["status"] == "draft"
    assert flow["definition"] == {"nodes": [], "edges": [], "conditions": []}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ([], "body"),
        ({"definition": valid_definition()}, "name"),
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "ok", "status": "running"}, "status"),
        ({"name": "ok", "colour": "red"}, "colour"),
        ({"name": "ok", "definition": []}, "definition"),
        ({"name": "ok", "definition": {"nodes": {}}}, "definition.nodes"),
        ({"name": "ok", "definition": {"nodes": [{"id": "a"}]}}, "definition.nodes.0.data"),
        (
            {"name": "ok", "definition": {"nodes": [], "edges": [{"id": "e", "source": "a"}]}},
            "definition.edges.0.target",
        ),
        ({"name": "ok", "definition": {"nodes": [], "edge": []}}, "definition.edge"),
        ({"name": "ok", "definition": {"nodes": [{"s": "\u0000"}]}}, "definition.nodes.0.s"),
    ],
)
async def test_bad_shape_is_422_naming_the_field_and_saves_nothing(
    client: httpx.AsyncClient, factory: Factory, body: Any, field: str
) -> None:
    org = await factory.org()
    r = await client.post(FLOWS, json=body, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert field in error_fields(r), r.text
    assert (await get(client, org, FLOWS))["total"] == 0


async def test_names_are_unique_among_live_flows(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    flow = await create(client, org, name="Billing")
    r = await client.post(FLOWS, json={"name": "Billing"}, headers=org.headers)
    assert_error(r, 409, "CONFLICT")
    assert error_fields(r) == {"name"}
    other = await create(client, org, name="Other")
    r = await client.patch(f"{FLOWS}/{other['id']}", json={"name": "Billing"}, headers=org.headers)
    assert_error(r, 409, "CONFLICT")

    r = await client.delete(f"{FLOWS}/{flow['id']}", headers=org.headers)
    assert r.status_code == 204
    r = await client.get(f"{FLOWS}/{flow['id']}", headers=org.headers)
    assert_error(r, 404, "FLOW_NOT_FOUND")
    r = await client.get(f"{FLOWS}/{flow['id']}/versions", headers=org.headers)
    assert_error(r, 404, "FLOW_NOT_FOUND")
    assert (await create(client, org, name="Billing"))["name"] == "Billing"
    # The same name in another organisation is no conflict.
    assert (await create(client, await factory.org(), name="Billing"))["status"] == "active"


async def test_list_filters_and_pages(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    first = await create(client, org, name="Invoice sync")
    second = await create(client, org, name="Lead intake", status="inactive")
    third = await create(client, org, name="invoice reminders", definition={})
    body = await get(client, org, FLOWS)
    assert [f["id"] for f in body["data"]] == [third["id"], second["id"], first["id"]]
    assert (body["total"], body["page"], body["size"], body["pages"]) == (3, 0, 25, 1)
    assert "definition" not in body["data"][0]
    assert body["data"][0]["status"] == "draft"

    names = [f["name"] for f in (await get(client, org, FLOWS, q="INVOICE"))["data"]]
    assert names == ["invoice reminders", "Invoice sync"]
    assert (await get(client, org, FLOWS, q="100%"))["total"] == 0
    by_status = await get(client, org, FLOWS, status="inactive")
    assert [f["id"] for f in by_status["data"]] == [second["id"]]
    both = await get(client, org, FLOWS, status="active", q="sync")
    assert [f["id"] for f in both["data"]] == [first["id"]]

    page = await get(client, org, FLOWS, page=1, size=2)
    assert [f["id"] for f in page["data"]] == [first["id"]]
    assert page["pages"] == 2
    assert (await get(client, org, FLOWS, page=9, size=2))["data"] == []
    r = await client.get(FLOWS, params={"status": "running"}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")


async def test_put_makes_a_new_version_and_old_ones_stay(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    flow = await create(client, org, name="v1")
    url = f"{FLOWS}/{flow['id']}"
    changed = valid_definition()
    changed["nodes"][1]["data"]["config"]["url"] = "https://example.test/v2"
    body = {"flow": {"name": "v2", "description": "second", "definition": changed}}
    r = await client.put(url, json=body, headers=org.headers)
    assert r.status_code == 200, r.text
    updated = r.json()["data"]
    assert (updated["name"], updated["description"], updated["version"]) == ("v2", "second", 2)
    assert updated["current_version_id"] != flow["current_version_id"]
    assert updated["definition"]["nodes"][1]["data"]["config"]["url"].endswith("/v2")

    versions = await get(client, org, f"{url}/versions")
    assert [v["number"] for v in versions["data"]] == [2, 1]
    assert versions["data"][1]["definition"] == flow["definition"]
    assert versions["data"][0]["created_by"]["id"] == org.owner.user_id
    one = (await get(client, org, f"{url}/versions/1"))["data"]
    assert one["definition"] == flow["definition"]
    assert one["id"] == flow["current_version_id"]
    assert one["flow_id"] == flow["id"]
    r = await client.get(f"{url}/versions/3", headers=org.headers)
    assert_error(r, 404, "FLOW_VERSION_NOT_FOUND")
    r = await client.get(f"{url}/versions/0", headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")

    # PUT with problems: saved, as a draft.
    broken = {"name": "v3", "definition": {"nodes": [], "edges": []}}
    r = await client.put(url, json=broken, headers=org.headers)
    assert r.status_code == 200, r.text
    assert (r.json()["data"]["status"], r.json()["data"]["version"]) == ("draft", 3)
    page = await get(client, org, f"{url}/versions", size=1, page=2)
    assert [v["number"] for v in page["data"]] == [1]
    assert page["total"] == 3

    r = await client.put(url, json={"name": "no definition"}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert "definition" in error_fields(r)


async def test_patch_changes_only_what_it_names(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    flow = await create(client, org, description="keep me")
    url = f"{FLOWS}/{flow['id']}"
    r = await client.patch(url, json={"name": "renamed", "status": "inactive"}, headers=org.headers)
    assert r.status_code == 200, r.text
    patched = r.json()["data"]
    assert (patched["name"], patched["status"], patched["description"]) == (
        "renamed",
        "inactive",
        "keep me",
    )
    assert patched["version"] == 1  # no new definition, no new version
    assert patched["definition"] == flow["definition"]

    definition = valid_definition()
    definition["nodes"][2]["data"]["config"]["output"] = "changed"
    r = await client.patch(url, json={"definition": definition}, headers=org.headers)
    assert r.status_code == 200, r.text
    assert (r.json()["data"]["version"], r.json()["data"]["status"]) == (2, "inactive")

    r = await client.patch(url, json={"definition": {"nodes": []}}, headers=org.headers)
    assert r.status_code == 200, r.text
    assert (r.json()["data"]["status"], r.json()["data"]["version"]) == ("draft", 3)
    r = await client.patch(url, json={"status": "active"}, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["status"] == "draft"
    assert "status" in fields(r.json()["data"])

    r = await client.patch(url, json={}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    r = await client.patch(url, json={"definition": {"nodes": 1}}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert "definition.nodes" in error_fields(r)
    assert (await get(client, org, url))["data"]["version"] == 3


async def test_if_match_and_expected_version(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    flow = await create(client, org)
    url = f"{FLOWS}/{flow['id']}"
    body = {"name": "x", "definition": valid_definition()}
    r = await client.put(url, json=body, headers=org.headers | {"If-Match": '"2"'})
    assert_error(r, 409, "CONFLICT")
    r = await client.put(url, json=body | {"expected_version": 2}, headers=org.headers)
    assert_error(r, 409, "CONFLICT")
    assert error_fields(r) == {"expected_version"}
    r = await client.put(url, json=body, headers=org.headers | {"If-Match": "1"})
    assert r.status_code == 200, r.text
    r = await client.patch(url, json={"name": "y", "expected_version": 1}, headers=org.headers)
    assert_error(r, 409, "CONFLICT")
    node = {"id": "extra", "data": {"node_type": "end"}, "expected_version": 1}
    r = await client.post(f"{url}/nodes", json=node, headers=org.headers)
    assert_error(r, 409, "CONFLICT")
    r = await client.delete(f"{url}/nodes/done", headers=org.headers | {"If-Match": "1"})
    assert_error(r, 409, "CONFLICT")
    r = await client.delete(url, headers=org.headers | {"If-Match": "1"})
    assert_error(r, 409, "CONFLICT")
    assert (await get(client, org, url))["data"]["version"] == 2
    r = await client.delete(url, headers=org.headers | {"If-Match": "2"})
    assert r.status_code == 204


async def test_nodes_add_replace_delete_make_versions(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    flow = await create(client, org)
    url = f"{FLOWS}/{flow['id']}"
    nodes = await get(client, org, f"{url}/nodes")
    assert [n["id"] for n in nodes["data"]] == ["start", "fetch", "done"]
    assert nodes["total"] == 3

    # A node added alone is unreachable: saved, as a draft.
    r = await client.post(
        f"{url}/nodes", json={"id": "notify", "data": {"node_type": "end"}}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    added = r.json()["data"]
    assert (added["version"], added["status"]) == (2, "draft")
    assert [p["node_id"] for p in added["problems"] if p["node_id"]] == ["notify"]

    # Added with its edge, it is fine (the status stays as it was).
    wrapped = {
        "node": {
            "id": "log",
            "position": {"x": 5, "y": 6},
            "data": {"node_type": "set", "config": {"values": {"seen": True}}},
            "edges": [
                {"id": "e3", "source": "fetch", "target": "log", "label": "error"},
                {"id": "e4", "source": "log", "target": "notify"},
            ],
        }
    }
    r = await client.post(f"{url}/nodes", json=wrapped, headers=org.headers)
    assert r.status_code == 201, r.text
    flow3 = r.json()["data"]
    assert (flow3["version"], flow3["problems"]) == (3, [])
    assert [e["id"] for e in flow3["definition"]["edges"]] == ["e1", "e2", "e3", "e4"]

    r = await client.post(
        f"{url}/nodes", json={"id": "log", "data": {"node_type": "end"}}, headers=org.headers
    )
    assert_error(r, 409, "CONFLICT")
    r = await client.post(
        f"{url}/nodes",
        json={
            "id": "new",
            "data": {"node_type": "end"},
            "edges": [{"id": "e1", "source": "log", "target": "new"}],
        },
        headers=org.headers,
    )
    assert_error(r, 409, "CONFLICT")
    r = await client.post(f"{url}/nodes", json={"id": "new"}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert "data" in error_fields(r)

    # Replace: a bad config is saved and reported by field.
    r = await client.put(
        f"{url}/nodes/fetch",
        json={"data": {"node_type": "http_request", "config": {"method": "GET"}}},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    flow4 = r.json()["data"]
    assert flow4["version"] == 4
    assert fields(flow4) == ["definition.nodes[1].data.config.url"]
    assert [e["id"] for e in flow4["definition"]["edges"]] == ["e1", "e2", "e3", "e4"]
    r = await client.put(
        f"{url}/nodes/fetch",
        json={
            "id": "fetch",
            "data": {"node_type": "http_request", "config": {"url": "https://b.test"}},
        },
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    assert r.json()["data"]["problems"] == []
    r = await client.put(
        f"{url}/nodes/fetch",
        json={"id": "other", "data": {"node_type": "end"}},
        headers=org.headers,
    )
    assert_error(r, 409, "NODE_ID_MISMATCH")
    assert error_fields(r) == {"id"}
    r = await client.put(
        f"{url}/nodes/ghost", json={"data": {"node_type": "end"}}, headers=org.headers
    )
    assert_error(r, 404, "NODE_NOT_FOUND")

    # Delete: the node's edges go with it.
    r = await client.delete(f"{url}/nodes/log", headers=org.headers)
    assert r.status_code == 200, r.text
    flow6 = r.json()["data"]
    assert flow6["version"] == 6
    assert [n["id"] for n in flow6["definition"]["nodes"]] == ["start", "fetch", "done", "notify"]
    assert [e["id"] for e in flow6["definition"]["edges"]] == ["e1", "e2"]
    assert [p["node_id"] for p in flow6["problems"]] == ["notify"]
    r = await client.delete(f"{url}/nodes/log", headers=org.headers)
    assert_error(r, 404, "NODE_NOT_FOUND")

    # Every step is a version, and the old ones are unchanged.
    versions = await get(client, org, f"{url}/versions")
    assert [v["number"] for v in versions["data"]] == [6, 5, 4, 3, 2, 1]
    assert versions["data"][-1]["definition"] == flow["definition"]
    three = (await get(client, org, f"{url}/versions/3"))["data"]
    assert three["definition"] == flow3["definition"]


async def test_validate_saves_nothing(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.post(
        f"{FLOWS}/validate", json={"definition": valid_definition()}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["data"] == {"valid": True, "problems": []}
    seed = SEED_002["flow"]["definition"]  # type: ignore[index]
    r = await client.post(f"{FLOWS}/validate", json={"definition": seed}, headers=org.headers)
    assert r.status_code == 200, r.text
    report = r.json()["data"]
    assert report["valid"] is False
    assert [p["field"] for p in report["problems"]] == [
        "definition.edges[0].target",
        "definition.edges[0].flow_condition_id",
    ]
    r = await client.post(f"{FLOWS}/validate", json={"definition": 3}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {"definition"}
    assert (await get(client, org, FLOWS))["total"] == 0


async def test_an_edge_label_sent_as_null_is_next_as_the_document_says(
    client: httpx.AsyncClient, factory: Factory, app: FastAPI
) -> None:
    label = app.openapi()["components"]["schemas"]["Edge"]["properties"]["label"]
    assert {"type": "null"} in label["anyOf"]
    org = await factory.org()
    definition = valid_definition()
    definition["edges"][0]["label"] = None
    flow = await create(client, org, name=unique("f"), definition=definition)
    assert flow["definition"]["edges"][0]["label"] == "next"


async def test_node_types(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    body = await get(client, org, "/api/v1/node-types", size=100)
    by_name = {t["name"]: t for t in body["data"]}
    assert body["total"] == len(by_name) >= 18
    assert by_name["condition"]["outcomes"] == ["true", "false"]
    assert by_name["delay"]["pauses"] is True
    schema = by_name["http_request"]["config_schema"]
    assert "url" in schema["required"]
    assert {"json", "retry", "join", "timeout_seconds"} <= set(schema["properties"])


async def test_viewer_reads_but_cannot_write(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    flow = await create(client, org)
    url = f"{FLOWS}/{flow['id']}"
    viewer = (await factory.member(org, Role.VIEWER)).headers
    assert (await client.get(url, headers=viewer)).status_code == 200
    assert (await client.get(f"{url}/versions", headers=viewer)).status_code == 200
    assert (await client.get(f"{url}/nodes", headers=viewer)).status_code == 200
    validate = await client.post(
        f"{FLOWS}/validate", json={"definition": valid_definition()}, headers=viewer
    )
    assert validate.status_code == 200
    node = {"id": "n", "data": {"node_type": "end"}}
    writes = [
        client.post(FLOWS, json={"name": "mine"}, headers=viewer),
        client.put(url, json={"name": "x", "definition": valid_definition()}, headers=viewer),
        client.patch(url, json={"name": "x"}, headers=viewer),
        client.delete(url, headers=viewer),
        client.post(f"{url}/nodes", json=node, headers=viewer),
        client.put(f"{url}/nodes/done", json={"data": {"node_type": "end"}}, headers=viewer),
        client.delete(f"{url}/nodes/done", headers=viewer),
    ]
    for write in writes:
        assert_error(await write, 403, "FORBIDDEN")
    assert (await get(client, org, url))["data"]["version"] == 1
    member = (await factory.member(org, Role.MEMBER)).headers
    r = await client.patch(url, json={"description": "by a member"}, headers=member)
    assert r.status_code == 200, r.text


async def test_unauthenticated(client: httpx.AsyncClient) -> None:
    assert_error(await client.get(FLOWS), 401, "UNAUTHORIZED")
    assert_error(await client.get("/api/v1/node-types"), 401, "UNAUTHORIZED")
