"""The app's routers turn away at once the paths they cannot serve; what matches is unchanged."""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import _IncludedRouter
from starlette.routing import Match
from starlette.types import Scope

from flowline.api.routing import _IndexedRouter
from tests.factories import Factory


def _paths(app: FastAPI) -> set[str]:
    """A concrete path for every route of the app, and its neighbours."""
    found = {"/", "/nothing", "/api", "/api/v1", "/v1", "/v1/", "/api/v1/agents/"}
    for route in app.router.routes:
        if not isinstance(route, _IncludedRouter):
            continue  # /openapi.json, /docs: FastAPI's own
        for context in route.effective_route_contexts():
            path_format = getattr(context.starlette_route or context, "path_format", "")
            path = re.sub(r"\{[^}]*\}", "x1", path_format)
            found |= {path, path.rstrip("/") or "/", f"{path}/", f"{path}/more", path[:-1]}
    return found


def _scope(method: str, path: str, root_path: str = "") -> Scope:
    return {"type": "http", "method": method, "path": root_path + path, "root_path": root_path}


def test_every_router_is_indexed_and_matches_as_without_the_index(app: FastAPI) -> None:
    included = [r for r in app.router.routes if isinstance(r, _IncludedRouter)]
    indexed = [r for r in included if isinstance(r, _IndexedRouter)]
    assert len(indexed) == len(included) > 30  # every router has paths to index
    assert any("/v1/responses" in r.prefixes for r in indexed)
    paths = _paths(app)
    assert len(paths) > 500
    turned_away = 0
    for route in indexed:
        for path in paths:
            for method in ("GET", "POST", "DELETE"):
                for root_path in ("", "/behind-a-proxy"):
                    scope = _scope(method, path, root_path)
                    fast = route.matches(scope)[0]
                    assert fast == _IncludedRouter.matches(route, scope)[0], (method, path)
                    turned_away += fast == Match.NONE
    assert turned_away > 0


async def test_late_routers_answer_as_before(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.get("/v1/models", headers=org.headers)  # a router near the end
    assert r.status_code == 200, r.text
    r = await client.put("/v1/models", headers=org.headers)
    assert r.status_code == 405
    r = await client.get("/v1/responses/resp_missing", headers=org.headers)
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "response_not_found"
    r = await client.get("/health")
    assert r.status_code == 200
    r = await client.get("/no/such/path")
    assert r.status_code == 404


@pytest.mark.parametrize("path", ["/api/v1/kv", "/v1/responses", "/mcp"])
def test_a_path_is_found_in_its_own_router(app: FastAPI, path: str) -> None:
    scope = _scope("POST", path)
    [found] = [r for r in app.router.routes if r.matches(scope)[0] == Match.FULL]
    assert isinstance(found, _IndexedRouter)
    assert any(path.startswith(prefix) for prefix in found.prefixes)
