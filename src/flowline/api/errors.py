"""One handler family renders every failure as ``{"error", "message", "statusCode"}``.

A family of routes that speaks another API's dialect (``/v1/*``, OpenAI's) registers
an :data:`ErrorShape` for its path prefix: the same failures, the same status codes,
in that API's body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from flowline.api.envelope import ErrorBody
from flowline.api.idempotency import IdempotentReplay, replay_response
from flowline.api.responses import JSONResponse
from flowline.errors import FlowlineError

log = structlog.get_logger("flowline.api")

_LOCATIONS = {"body", "query", "path", "header", "cookie"}
_STATUS_CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    409: "CONFLICT",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    422: "VALIDATION_ERROR",
    429: "RATE_LIMITED",
}


ErrorShape = Callable[[int, str, str, list[dict[str, Any]] | None], dict[str, Any]]
"""``(status, code, message, details) -> body`` for the routes under one path prefix."""


def error_response(
    status: int,
    code: str,
    message: str,
    details: list[dict[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {"error": code, "message": message, "statusCode": status}
    if details:
        body["details"] = details
    return JSONResponse(body, status_code=status, headers=headers)


def _answer(
    request: Request,
    status: int,
    code: str,
    message: str,
    details: list[dict[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """The error in the body the request's route family speaks (Flowline's by default)."""
    shapes: Mapping[str, ErrorShape] = getattr(request.app.state, "error_shapes", {})
    path = request.url.path
    for prefix, shape in shapes.items():
        if path.startswith(prefix):
            body = shape(status, code, message, details)
            return JSONResponse(body, status_code=status, headers=headers)
    return error_response(status, code, message, details, headers)


def field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc]
    if len(parts) > 1 and parts[0] in _LOCATIONS:
        parts = parts[1:]
    return ".".join(parts) or "body"


def _problem(error: dict[str, Any]) -> str:
    msg = str(error.get("msg", "invalid"))
    return msg.removeprefix("Value error, ")


async def _flowline_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, FlowlineError)
    return _answer(request, exc.status, exc.error_code, exc.message, exc.details, exc.headers)


def _invalid_json(request: Request) -> JSONResponse:
    return _answer(
        request,
        400,
        "INVALID_JSON",
        "The request body is not valid JSON.",
        [{"field": "body", "problem": "not valid JSON"}],
    )


def _unparsable_body(exc: StarletteHTTPException) -> bool:
    """FastAPI's own 400 for a JSON body its parser failed on other than by syntax.

    ``json.loads`` raises ``UnicodeDecodeError`` for bytes that are not UTF-8,
    ``RecursionError`` past the nesting limit and ``ValueError`` for an integer past
    ``sys.get_int_max_str_digits()``; FastAPI answers those "There was an error
    parsing the body", raised from the parser's exception. To a client they are all
    a body that is not JSON it can send, so they get the one documented answer.
    """
    return exc.status_code == 400 and isinstance(exc.__cause__, ValueError | RecursionError)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    if any(e.get("type") == "json_invalid" for e in errors):
        return _invalid_json(request)
    details = [{"field": field_name(e.get("loc", ())), "problem": _problem(e)} for e in errors]
    fields = ", ".join(dict.fromkeys(d["field"] for d in details))
    return _answer(request, 422, "VALIDATION_ERROR", f"Invalid request: {fields}.", details)


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def _route_templates(app: Any) -> list[tuple[str, re.Pattern[str], set[str]]]:
    """Each route's path template, its regular expression and the methods routed there."""
    found: list[tuple[str, re.Pattern[str], set[str]]] = (
        getattr(app.state, "route_templates", None) or []
    )
    if found:
        return found
    by_path: dict[str, tuple[re.Pattern[str], set[str]]] = {}
    for route in app.router.routes:
        contexts = route.effective_route_contexts() if hasattr(route, "original_router") else ()
        for each in (route, *(c.starlette_route or c for c in contexts)):
            path, methods = getattr(each, "path_format", None), getattr(each, "methods", None)
            regex = getattr(each, "path_regex", None)
            if getattr(each, "include_in_schema", True) is False:
                continue  # a method the document does not list (GET /mcp, always 405)
            if isinstance(path, str) and methods and regex is not None:
                by_path.setdefault(path, (regex, set()))[1].update(methods)
    found = [(path, regex, methods) for path, (regex, methods) in by_path.items()]
    app.state.route_templates = found
    return found


def _literal_length(template: str) -> int:
    return len(re.sub(r"{[^}]*}", "", template))


def _allowed_methods(request: Request) -> str:
    """The methods of the path's own template, as the OpenAPI document lists them.

    A path several templates match (``/agents/a/tools/dry-run`` matches its own and
    ``/agents/{agent_id}/tools/{tool}``) is the most literal one's: that is the resource
    the document describes there (Starlette names only one route's methods)."""
    path = request.url.path
    matching = [(t, m) for t, regex, m in _route_templates(request.app) if regex.fullmatch(path)]
    if not matching:
        return ""
    best = max(_literal_length(t) for t, _ in matching)
    methods = set().union(*(m for t, m in matching if _literal_length(t) == best))
    return ", ".join(m for m in _METHODS if m in methods)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if _unparsable_body(exc):
        return _invalid_json(request)
    code = _STATUS_CODES.get(exc.status_code, "HTTP_ERROR")
    headers = dict(exc.headers or {})
    if exc.status_code == 404:
        message = "No such route."
    elif isinstance(exc.detail, str) and exc.detail:
        message = exc.detail
    else:
        message = HTTPStatus(exc.status_code).phrase
    if exc.status_code == 405:
        headers["Allow"] = _allowed_methods(request) or headers.get("Allow", "")
    return _answer(request, exc.status_code, code, message, headers=headers or None)


def internal_error() -> JSONResponse:
    """The answer to a failure we did not foresee: no exception text, no traceback."""
    return error_response(500, "INTERNAL_ERROR", "Something went wrong on our side.")


async def _unhandled(_: Request, exc: Exception) -> JSONResponse:
    # Only reached for failures outside RequestMiddleware, which answers the rest.
    log.error("unhandled_error", error_type=type(exc).__name__, exc_info=exc)
    return internal_error()


async def _replay(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, IdempotentReplay)
    return replay_response(exc)


def install_error_handlers(app: FastAPI, shapes: Mapping[str, ErrorShape] | None = None) -> None:
    """The handlers; ``shapes`` gives the routes under a path prefix their own error body."""
    app.state.error_shapes = dict(shapes or {})
    app.add_exception_handler(IdempotentReplay, _replay)
    app.add_exception_handler(FlowlineError, _flowline_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unhandled)


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": HTTPStatus(status).phrase}
    for status in (400, 401, 403, 404, 409, 422, 429)
}

MODEL_CALL_RESPONSES: dict[int | str, dict[str, Any]] = {
    402: {
        "model": ErrorBody,
        "description": (
            "The agent's or the organisation's monthly budget is spent (`BUDGET_EXCEEDED`); "
            "the message says when it resets."
        ),
    },
    502: {
        "model": ErrorBody,
        "description": (
            "The model provider failed or refused the call (`PROVIDER_ERROR`), its "
            "configuration cannot be used (`PROVIDER_MISCONFIGURED`: a key or base URL no "
            "request can carry), or its answer is not of the shape asked "
            "(`MODEL_OUTPUT_INVALID`). The offline `flowline/echo` model never causes these."
        ),
    },
    503: {
        "model": ErrorBody,
        "description": (
            "The model provider is overloaded or rate-limiting (`PROVIDER_UNAVAILABLE`); "
            "`Retry-After` says when to try again."
        ),
    },
}
"""The answers of a route that calls a model (``llm/transport.py`` maps every failure)."""
