"""A JSON body is read strictly: each JSON type stands only for itself, as the
OpenAPI document says; strings still stand for dates, and parameters that arrive
as text (query, headers) are read as before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.factories import Factory


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"key": "a", "value": 1, "ttl_seconds": "60"}, "ttl_seconds"),
        ({"key": "a", "value": 1, "ttl_seconds": 60.5}, "ttl_seconds"),
        ({"key": "a", "value": 1, "expected_version": False}, "expected_version"),
        ({"key": 1, "value": 1}, "key"),
    ],
)
async def test_a_value_of_another_json_type_is_refused(
    client: httpx.AsyncClient, factory: Factory, body: dict[str, Any], field: str
) -> None:
    org = await factory.org()
    r = await client.post("/api/v1/kv", json=body, headers=org.headers)
    assert r.status_code == 422, r.text
    assert r.json()["error"] == "VALIDATION_ERROR"
    assert [d["field"] for d in r.json()["details"]] == [field]
    assert (await client.get("/api/v1/kv/a", headers=org.headers)).status_code == 404


async def test_the_right_types_are_accepted_and_text_parameters_still_read(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    # 60.0 is an integer in JSON Schema's eyes
    body = {"key": "a", "value": {"n": "1"}, "ttl_seconds": 60.0, "expected_version": 0}
    r = await client.post("/api/v1/kv", json=body, headers=org.headers)
    assert r.status_code in (200, 201), r.text
    r = await client.get("/api/v1/kv", params={"limit": "5"}, headers=org.headers)
    assert r.status_code == 200, r.text
    assert [item["key"] for item in r.json()["data"]] == ["a"]


async def test_a_date_is_a_string_not_a_number(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    when = datetime.now(UTC) + timedelta(days=1)
    r = await client.post(
        "/api/v1/auth/api-keys",
        json={"name": "k", "expires_at": when.isoformat()},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    r = await client.post(
        "/api/v1/auth/api-keys",
        json={"name": "k", "expires_at": when.timestamp()},
        headers=org.headers,
    )
    assert r.status_code == 422, r.text
    assert [d["field"] for d in r.json()["details"]] == ["expires_at"]


async def test_a_nested_model_is_read_strictly_too(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    node = {"id": "a", "data": {"node_type": "start"}, "position": {"x": "1", "y": 2}}
    r = await client.post(
        "/api/v1/flows/validate", json={"definition": {"nodes": [node]}}, headers=org.headers
    )
    assert r.status_code == 422, r.text
    fields = [d["field"] for d in r.json()["details"]]  # one for each type of the union
    assert fields == ["definition.nodes.0.position.x.int", "definition.nodes.0.position.x.float"]


async def test_a_date_in_a_query_is_a_date_not_a_number_written_as_text(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    for number in ("0.5", "1700000000"):
        r = await client.get("/api/v1/runs", params={"created_before": number}, headers=org.headers)
        assert r.status_code == 422, r.text
        assert [d["field"] for d in r.json()["details"]] == ["created_before"]
    r = await client.get(
        "/api/v1/runs", params={"created_before": "2026-01-31T00:00:00Z"}, headers=org.headers
    )
    assert r.status_code == 200, r.text
