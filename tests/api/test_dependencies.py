"""Every route's dependencies are ``async``: FastAPI runs a plain function's in a thread
of its pool, a hop to another thread and back on every request."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant


def _routes(routes: list[Any]) -> Iterator[Any]:
    for route in routes:
        included = getattr(route, "original_router", None)
        yield from _routes(included.routes) if included is not None else [route]


def _calls(dependant: Dependant) -> Iterator[Any]:
    for sub in dependant.dependencies:
        if sub.call is not None:
            yield sub.call
        yield from _calls(sub)


def _is_async(call: Any) -> bool:
    target = call if inspect.isfunction(call) or inspect.ismethod(call) else call.__call__
    return inspect.iscoroutinefunction(target) or inspect.isasyncgenfunction(target)


def test_no_dependency_runs_in_a_thread(app: FastAPI) -> None:
    dependants = [r.dependant for r in _routes(app.router.routes) if hasattr(r, "dependant")]
    assert len(dependants) > 100
    plain = {
        f"{call.__module__}.{call.__qualname__}"
        for dependant in dependants
        for call in _calls(dependant)
        if not _is_async(call)
    }
    assert plain == set()
