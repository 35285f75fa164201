"""OpenAI's error body for the ``/v1/*`` routes: the one mapping from Flowline's errors.

Every failure on ``/v1/*`` keeps the status code it has everywhere else (so an
OpenAI SDK raises the matching class: 404 ``NotFoundError``, 401
``AuthenticationError``, 422 ``UnprocessableEntityError``, 429 ``RateLimitError``, …)
and is answered as ``{"error": {"message", "type", "code", "param"}}``: ``code`` is
Flowline's error code in lower case (``agent_not_found``, ``conversation_busy``),
``param`` the first field at fault. A spent budget or no credits keeps its ``402``
with OpenAI's ``insufficient_quota`` type. Errors inside a stream (chat completion
chunks, Responses ``error`` events) come from the same mapping.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from flowline.api.idempotency import FlowlineRoute

_TYPE_OF_STATUS = {
    401: "authentication_error",
    402: "insufficient_quota",
    403: "permission_error",
    429: "rate_limit_error",
}
_STATUS_OF_CODE = {"PAYMENT_REQUIRED": 402, "BUDGET_EXCEEDED": 402, "RATE_LIMITED": 429}
"""A turn's error event carries no status: these codes say which it had."""


def error_type(status: int | None, code: str) -> str:
    status = status or _STATUS_OF_CODE.get(code, 500)
    if status in _TYPE_OF_STATUS:
        return _TYPE_OF_STATUS[status]
    return "server_error" if status >= 500 else "invalid_request_error"


def openai_error(
    code: str, message: str, *, status: int | None = None, param: str | None = None
) -> dict[str, Any]:
    """The ``error`` object; ``status`` is ``None`` for an error met inside a stream."""
    return {
        "message": message,
        "type": error_type(status, code),
        "code": code.lower(),
        "param": param,
    }


def openai_error_body(
    status: int, code: str, message: str, details: list[dict[str, Any]] | None
) -> dict[str, Any]:
    """An HTTP error answer on ``/v1/*`` (the ``ErrorShape`` of ``api/errors.py``)."""
    param = str(details[0].get("field")) if details and details[0].get("field") else None
    return {"error": openai_error(code, message, status=status, param=param)}


class OpenAIError(BaseModel):
    message: str
    type: str
    code: str
    param: str | None = None


class OpenAIErrorBody(BaseModel):
    """Every failure on ``/v1/*``."""

    error: OpenAIError


def openai_router() -> APIRouter:
    """A ``/v1`` router whose documented error answers are OpenAI's body."""
    return APIRouter(
        prefix="/v1",
        tags=["OpenAI-compatible"],
        route_class=FlowlineRoute,
        responses={
            status: {"model": OpenAIErrorBody, "description": HTTPStatus(status).phrase}
            for status in (400, 401, 402, 403, 404, 409, 422, 429)
        },
    )
