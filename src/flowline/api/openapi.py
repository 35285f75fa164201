"""The OpenAPI document: our security schemes, attached to the routes that need them."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from flowline.api.openapi_tidy import tidy

SECURITY_SCHEMES: dict[str, dict[str, Any]] = {
    "bearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "An API key: `Authorization: Bearer flk_…`.",
    },
    "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key", "description": "An API key."},
    "bareKey": {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": (
            "An API key as the whole `Authorization` value, without a scheme "
            "(`Authorization: flk_…`, as seed 004's clients send it). Only a well-formed "
            "Flowline key is taken this way; any other value without a scheme is no "
            "credential (401)."
        ),
    },
    "session": {
        "type": "apiKey",
        "in": "cookie",
        "name": "flowline_session",
        "description": "Session from POST /api/v1/auth/login; writes also need X-CSRF-Token.",
    },
}
_ANY_CREDENTIAL: list[dict[str, list[str]]] = [
    {"bearer": []},
    {"apiKey": []},
    {"bareKey": []},
    {"session": []},
]


def _needs(dependant: Dependant, calls: Collection[Callable[..., Any]]) -> bool:
    return any(d.call in calls or _needs(d, calls) for d in dependant.dependencies)


def install_openapi(
    app: FastAPI, routers: Iterable[APIRouter], authenticated_by: Collection[Callable[..., Any]]
) -> None:
    """Generate the document once, marking the routes of ``routers`` that depend on
    ``authenticated_by`` (any of them) as needing one of the credentials."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
        )
        schema.setdefault("components", {})["securitySchemes"] = SECURITY_SCHEMES
        routes = (route for router in routers for route in router.routes)
        for route in routes:
            if not isinstance(route, APIRoute) or not _needs(route.dependant, authenticated_by):
                continue
            operations = schema["paths"].get(route.path_format, {})
            for method in route.methods or ():
                if method.lower() in operations:
                    operations[method.lower()]["security"] = _ANY_CREDENTIAL
        app.openapi_schema = tidy(schema)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
