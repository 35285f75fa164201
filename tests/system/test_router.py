"""System routes (status, health, readiness, metrics) and the API's own documentation."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.fernet import Fernet
from fastapi.routing import APIRoute

from flowline import __version__
from flowline.app import ROUTERS, build_runtime, create_app
from flowline.config import Settings
from flowline.db import migrate
from flowline.runtime import Runtime

ERROR_REF = "#/components/schemas/ErrorBody"
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


def _settings(database_url: str, data_dir: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=database_url,
        data_dir=data_dir,
        secret_key=Fernet.generate_key().decode(),
    )


async def _client_for(runtime: Runtime) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(runtime=runtime))
    async with httpx.AsyncClient(transport=transport, base_url="http://flowline.test") as c:
        yield c
    await runtime.db.dispose()


@pytest.fixture
async def unmigrated_client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """An app on a fresh, empty SQLite database that was never migrated."""
    settings = _settings(f"sqlite:///{tmp_path / 'empty.db'}", tmp_path)
    async for c in _client_for(build_runtime(settings)):
        yield c


@pytest.fixture
async def unreachable_client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """An app whose database cannot be opened at all."""
    settings = _settings(f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}", tmp_path)
    async for c in _client_for(build_runtime(settings)):
        yield c


async def test_root(client: httpx.AsyncClient) -> None:
    r = await client.get("/")
    assert r.status_code == 200
    assert r.json() == {"name": "flowline", "version": __version__, "status": "ok"}


async def test_health(client: httpx.AsyncClient, runtime: Runtime) -> None:
    r = await client.get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    assert body["version"] == __version__
    assert body["uptime_seconds"] >= 0
    assert body["database"]["ok"] is True
    assert body["database"]["dialect"] == runtime.db.engine.dialect.name
    assert body["database"]["latency_ms"] >= 0
    assert body["migrations"] == {
        "ok": True,
        "current": migrate.head_revision(),
        "head": migrate.head_revision(),
    }
    assert body["worker"]["enabled"] is True
    assert body["worker"]["concurrency"] == runtime.settings.workers
    assert body["memory"]["rss_bytes"] > 0
    assert set(body["queue"]) == {"due", "leased", "scheduled", "oldest_due_seconds"}


async def test_health_includes_registered_probes(
    client: httpx.AsyncClient, runtime: Runtime
) -> None:
    async def probe() -> dict[str, Any]:
        return {"depth": 3}

    runtime.health_probes["extra"] = probe
    try:
        r = await client.get("/health")
    finally:
        del runtime.health_probes["extra"]
    assert r.json()["extra"] == {"depth": 3}


async def test_ready(client: httpx.AsyncClient) -> None:
    r = await client.get("/ready")
    assert r.status_code == 200
    body = r.json()
    assert body["ready"] is True
    assert body["database"]["ok"] is True
    assert body["migrations"]["ok"] is True


async def test_not_ready_when_schema_is_behind(unmigrated_client: httpx.AsyncClient) -> None:
    r = await unmigrated_client.get("/ready")
    assert r.status_code == 503, r.text
    body = r.json()
    assert body["ready"] is False
    assert body["database"]["ok"] is True
    assert body["migrations"]["ok"] is False
    assert body["migrations"]["current"] is None
    assert body["migrations"]["head"] == migrate.head_revision()

    health = await unmigrated_client.get("/health")
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"
    assert health.json()["migrations"]["ok"] is False


async def test_not_ready_when_database_is_unreachable(
    unreachable_client: httpx.AsyncClient,
) -> None:
    r = await unreachable_client.get("/ready")
    assert r.status_code == 503, r.text
    body = r.json()
    assert body["ready"] is False
    assert body["database"]["ok"] is False
    assert body["database"]["error"]

    health = await unreachable_client.get("/health")
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"
    assert health.json()["database"]["ok"] is False


async def test_metrics(client: httpx.AsyncClient) -> None:
    assert (await client.get("/")).status_code == 200
    assert (await client.get("/api/v1/nope")).status_code == 404
    r = await client.get("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    text = r.text
    assert "# TYPE flowline_http_requests_total counter" in text or (
        "# TYPE flowline_http_requests counter" in text
    )
    samples = [line for line in text.splitlines() if line.startswith("flowline_http_requests")]
    # Requests are counted by route template, never by raw path.
    assert any('route="/"' in s and 'status="200"' in s for s in samples), samples
    assert any('route="unmatched"' in s and 'status="404"' in s for s in samples), samples
    assert not any("/api/v1/nope" in s for s in samples)
    assert "flowline_http_request_duration_seconds_bucket" in text
    assert "flowline_process_resident_memory_bytes" in text


async def test_metrics_use_route_templates(client: httpx.AsyncClient) -> None:
    await client.get("/api/v1/kv/some/secret-looking/key")
    text = (await client.get("/metrics")).text
    assert 'route="/api/v1/kv/{key:path}"' in text
    assert "secret-looking" not in text


async def test_request_id_header(client: httpx.AsyncClient) -> None:
    r = await client.get("/")
    assert r.headers["x-request-id"].startswith("req_")
    r = await client.get("/", headers={"X-Request-ID": "abc-123"})
    assert r.headers["x-request-id"] == "abc-123"
    # Anything odd is replaced rather than echoed back.
    r = await client.get("/", headers={"X-Request-ID": "bad id\twith<stuff>"})
    assert r.headers["x-request-id"].startswith("req_")
    assert (await client.get("/api/v1/nope")).headers["x-request-id"]


# --- documentation --------------------------------------------------------------------


@pytest.fixture
async def spec(client: httpx.AsyncClient) -> dict[str, Any]:
    r = await client.get("/openapi.json")
    assert r.status_code == 200
    return r.json()  # type: ignore[no-any-return]


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in HTTP_METHODS
    ]


def test_openapi_lists_every_route(spec: dict[str, Any]) -> None:
    routes = {
        (method, re.sub(r"\{(\w+):\w+\}", r"{\1}", route.path))
        for router in ROUTERS
        for route in router.routes
        if isinstance(route, APIRoute) and route.include_in_schema
        for method in route.methods
    }
    documented = {(m.upper(), p) for m, p, _ in _operations(spec)}
    assert documented == routes
    for expected in [
        ("GET", "/"),
        ("GET", "/health"),
        ("GET", "/ready"),
        ("GET", "/metrics"),
        ("GET", "/api/v1/kv"),
        ("POST", "/api/v1/kv"),
        ("GET", "/api/v1/kv/{key}"),
        ("DELETE", "/api/v1/kv/{key}"),
    ]:
        assert expected in documented


def test_every_operation_has_a_summary(spec: dict[str, Any]) -> None:
    missing = [(m, p) for m, p, op in _operations(spec) if not op.get("summary")]
    assert missing == []


def test_api_operations_document_error_bodies(spec: dict[str, Any]) -> None:
    assert "ErrorBody" in spec["components"]["schemas"]
    error_body = spec["components"]["schemas"]["ErrorBody"]
    assert {"error", "message", "statusCode"} <= set(error_body["required"])
    for method, path, op in _operations(spec):
        if not path.startswith("/api/v1/"):
            continue
        responses = op["responses"]
        for status in ("401", "403", "404", "422"):
            assert status in responses, (method, path, status)
            if set(responses[status].get("content", {})) == {"text/html"}:
                continue  # a page for a person's browser (an approval link), not JSON
            ref = json.dumps(responses[status])
            assert ERROR_REF in ref, (method, path, status)
        # Success answers do not use the error body.
        for status, response in responses.items():
            if status.startswith("2"):
                assert ERROR_REF not in json.dumps(response), (method, path, status)


def test_api_operations_document_security(spec: dict[str, Any]) -> None:
    # The hook's token is its credential (tests/hooks checks that unknown ones are 404);
    # a channel's inbound route checks the provider's signature (tests/channels); an
    # approval link's signed token is its credential (tests/channels/test_approval_links).
    inbound = "/api/v1/channels/{channel_id}/inbound"
    link = "/api/v1/approval-links/{token}"
    public = {
        ("post", "/api/v1/auth/login"),
        ("post", "/api/v1/hooks/{token}"),
        ("get", inbound),
        ("post", inbound),
        ("get", link),
        ("post", link),
    }
    for method, path, op in _operations(spec):
        if path.startswith("/api/v1/") and (method, path) not in public:
            assert op.get("security"), (method, path)


def test_idempotency_key_is_documented(spec: dict[str, Any]) -> None:
    op = spec["paths"]["/api/v1/kv"]["post"]
    names = [p["name"] for p in op.get("parameters", [])]
    assert "Idempotency-Key" in names


def test_list_routes_document_paging(spec: dict[str, Any]) -> None:
    params = {p["name"]: p for p in spec["paths"]["/api/v1/kv"]["get"]["parameters"]}
    assert params["page"]["schema"]["minimum"] == 0
    assert params["size"]["schema"]["maximum"] == 100
    assert params["size"]["schema"]["default"] == 25


async def test_docs_pages(client: httpx.AsyncClient) -> None:
    for url in ("/docs", "/redoc"):
        r = await client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html")
        assert "/openapi.json" in r.text
