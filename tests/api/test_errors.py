"""Every failure answers with the one error body, whatever produced it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from flowline.app import MAX_BODY_BYTES, create_app
from flowline.runtime import Runtime
from tests.factories import Factory

BOOM_TEXT = "kaboom-internal-detail-7f3a"


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The response is the standard error body with this status and code."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert body["error"] == code
    assert body["statusCode"] == status == response.status_code
    assert isinstance(body["message"], str)
    assert body["message"]
    assert set(body) <= {"error", "message", "statusCode", "details"}
    return body


def fields(body: dict[str, Any]) -> set[str]:
    return {d["field"] for d in body.get("details") or []}


async def test_unknown_route_is_404(client: httpx.AsyncClient) -> None:
    body = assert_error(await client.get("/api/v1/nope"), 404, "NOT_FOUND")
    assert "details" not in body


async def test_unknown_route_404_also_for_writes(client: httpx.AsyncClient) -> None:
    assert_error(await client.post("/api/v1/nope", json={}), 404, "NOT_FOUND")


async def test_wrong_method_is_405(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.put("/api/v1/kv", json={"key": "a", "value": 1}, headers=org.headers)
    assert_error(r, 405, "METHOD_NOT_ALLOWED")
    # Allow names the methods of every route at the path, not only the first one's.
    assert set(r.headers["allow"].split(", ")) == {"GET", "POST"}


async def test_wrong_method_on_a_key_is_405(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.patch("/api/v1/kv/some/key", json={}, headers=org.headers)
    assert_error(r, 405, "METHOD_NOT_ALLOWED")
    assert set(r.headers["allow"].split(", ")) == {"GET", "DELETE"}


async def test_allow_names_the_methods_of_the_most_literal_route(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    # /agents/{agent_id}/tools/dry-run is also matched by /agents/{agent_id}/tools/{tool},
    # whose methods the document does not list at this path.
    org = await factory.org()
    r = await client.put("/api/v1/agents/agt_x/tools/dry-run", json={}, headers=org.headers)
    assert_error(r, 405, "METHOD_NOT_ALLOWED")
    assert r.headers["allow"] == "POST"
    # GET /mcp (always 405) is left out of the document, and so out of Allow.
    r = await client.put("/mcp", json={}, headers=org.headers)
    assert_error(r, 405, "METHOD_NOT_ALLOWED")
    assert r.headers["allow"] == "POST"


async def test_missing_credentials_is_401(client: httpx.AsyncClient) -> None:
    assert_error(await client.get("/api/v1/kv"), 401, "UNAUTHORIZED")


async def test_bad_credentials_is_401(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/v1/kv", headers={"Authorization": "Bearer flk_not-a-key"})
    assert_error(r, 401, "UNAUTHORIZED")


async def test_malformed_json_is_400(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.post(
        "/api/v1/kv",
        content=b'{"key": "a", "value": ',
        headers={**org.headers, "Content-Type": "application/json"},
    )
    body = assert_error(r, 400, "INVALID_JSON")
    assert fields(body) == {"body"}


async def test_validation_error_names_each_body_field(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.post(
        "/api/v1/kv", json={"key": "", "ttl_seconds": 0, "value": 1}, headers=org.headers
    )
    body = assert_error(r, 422, "VALIDATION_ERROR")
    assert fields(body) == {"key", "ttl_seconds"}
    assert all(d["problem"] for d in body["details"])
    assert "key" in body["message"]


async def test_validation_error_names_missing_fields(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.post("/api/v1/kv", json={}, headers=org.headers)
    body = assert_error(r, 422, "VALIDATION_ERROR")
    assert fields(body) == {"key", "value"}


async def test_validation_error_names_query_fields(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.get("/api/v1/kv", params={"size": 0, "page": -2}, headers=org.headers)
    body = assert_error(r, 422, "VALIDATION_ERROR")
    assert fields(body) == {"size", "page"}


async def test_body_that_is_not_an_object_is_422(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.post("/api/v1/kv", json=["key", "value"], headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")


async def test_oversize_body_is_413(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    payload = b'{"key": "big", "value": "' + b"x" * MAX_BODY_BYTES + b'"}'
    r = await client.post(
        "/api/v1/kv",
        content=payload,
        headers={**org.headers, "Content-Type": "application/json"},
    )
    assert_error(r, 413, "PAYLOAD_TOO_LARGE")
    assert r.headers["x-request-id"]
    r = await client.get("/api/v1/kv/big", headers=org.headers)
    assert r.status_code == 404


async def test_body_at_the_limit_is_read(client: httpx.AsyncClient, factory: Factory) -> None:
    """Exactly 4 MiB gets through to validation (where a 4 MiB value is too large)."""
    org = await factory.org()
    head, tail = b'{"key": "big", "value": "', b'"}'
    payload = head + b"x" * (MAX_BODY_BYTES - len(head) - len(tail)) + tail
    assert len(payload) == MAX_BODY_BYTES
    r = await client.post(
        "/api/v1/kv",
        content=payload,
        headers={**org.headers, "Content-Type": "application/json"},
    )
    body = assert_error(r, 422, "VALIDATION_ERROR")
    assert fields(body) == {"value"}


async def test_oversize_body_without_length_is_413(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """A streamed (chunked) body is cut off at the limit too."""
    org = await factory.org()

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"key": "big", "value": "'
        for _ in range(5):
            yield b"x" * (1024 * 1024)
        yield b'"}'

    r = await client.post(
        "/api/v1/kv",
        content=chunks(),
        headers={**org.headers, "Content-Type": "application/json"},
    )
    assert_error(r, 413, "PAYLOAD_TOO_LARGE")


async def test_not_found_record_uses_standard_body(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.get("/api/v1/kv/missing", headers=org.headers)
    body = assert_error(r, 404, "KEY_NOT_FOUND")
    assert "missing" in body["message"]


@pytest.fixture
async def failing_client(runtime: Runtime) -> AsyncIterator[httpx.AsyncClient]:
    """A second app on the same runtime, with one extra route that crashes."""
    app = create_app(runtime=runtime)

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError(BOOM_TEXT)

    # The default transport re-raises whatever escapes the app: nothing should.
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://flowline.test") as c:
        yield c


async def test_unhandled_exception_is_500_without_internals(
    failing_client: httpx.AsyncClient,
) -> None:
    r = await failing_client.get("/boom")
    body = assert_error(r, 500, "INTERNAL_ERROR")
    assert "details" not in body
    assert BOOM_TEXT not in r.text
    assert "RuntimeError" not in r.text
    assert "Traceback" not in r.text
    assert ".py" not in r.text
    assert r.headers.get("x-request-id")
