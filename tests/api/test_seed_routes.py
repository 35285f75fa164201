"""Every route of seed 001's endpoint tables has a counterpart in the app.

The seeds are read from ``shared/seeds`` beside the repository (where CI puts them).
The seed writes agent routes with a singular ``/api/v1/agent/{id}``; ours are plural
(``/api/v1/agents/{id}``) as everywhere else, so either spelling counts. A route the
app lacks fails the test, listed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from starlette.routing import BaseRoute

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "001_f240333ad36b9259.txt"
_ROW = re.compile(r"^\|?\s*(GET|POST|PUT|PATCH|DELETE)\s*\|\s*(/\S*)\s*\|")


def seed_routes() -> set[tuple[str, str]]:
    """(method, path with ``{}`` for each parameter) of every table row of the seed."""
    found = set()
    for line in SEED.read_text().splitlines():
        match = _ROW.match(line.strip())
        if match:
            found.add((match.group(1), _shape(match.group(2).split("?")[0])))
    return found


def _shape(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path).rstrip("/") or "/"


def app_routes(routes: list[BaseRoute]) -> set[tuple[str, str]]:
    found = set()
    for route in routes:
        contexts = getattr(route, "effective_route_contexts", None)
        inner = [c.starlette_route or c for c in contexts()] if contexts else [route]
        for each in inner:
            path, methods = getattr(each, "path_format", None), getattr(each, "methods", None)
            if isinstance(path, str):
                found.update((m, _shape(path)) for m in methods or ())
    return found


def _counterparts(method: str, path: str) -> list[tuple[str, str]]:
    plural = re.sub(r"^/api/v1/agent/", "/api/v1/agents/", path)
    return [(method, path), (method, plural)]


@pytest.mark.skipif(not SEED.exists(), reason="the seeds are not beside the repository")
def test_every_seed_route_has_a_counterpart(app: FastAPI) -> None:
    routes = seed_routes()
    assert len(routes) > 150  # the tables were read (179 rows, some repeated)
    ours = app_routes(app.router.routes)
    missing = sorted(r for r in routes if not any(c in ours for c in _counterparts(*r)))
    assert not missing, "seed routes without a counterpart:\n" + "\n".join(
        f"{m} {p}" for m, p in missing
    )
