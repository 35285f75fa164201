"""Flowline's conventions on top of the generated client (this module is hand-written).

``connect`` makes a client that sends an API key; ``ok`` turns an answer into its
parsed body, or raises :class:`FlowlineApiError` with the error envelope's fields::

    from flowline_client.api.agents import create_agent
    from flowline_client.flowline import connect, ok

    client = connect("http://127.0.0.1:8420", "flk_...")
    agent = ok(create_agent.sync_detailed(client=client, body=...)).data
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx

from flowline_client.client import AuthenticatedClient
from flowline_client.models.error_body import ErrorBody
from flowline_client.types import Response

T = TypeVar("T")


@dataclass
class FlowlineApiError(Exception):
    """A failure answer: ``{"error", "message", "statusCode", "details"}``.

    ``details`` lists ``{"field", "problem"}`` for a validation error (422). Answers of
    the OpenAI-compatible routes (``/v1/...``) carry OpenAI's body; their ``code`` and
    ``message`` land here too.
    """

    status_code: int
    error: str
    message: str
    details: list[dict[str, Any]] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.status_code} {self.error}: {self.message}"

    @classmethod
    def from_response(cls, response: Response[Any]) -> FlowlineApiError:
        parsed = response.parsed
        if isinstance(parsed, ErrorBody):
            body = parsed.to_dict()
            details = body.get("details") or []
            return cls(response.status_code, parsed.error, parsed.message, details)
        try:
            body = json.loads(response.content)
        except ValueError:
            body = {}
        error = body.get("error") if isinstance(body, dict) else None
        if isinstance(error, dict):  # OpenAI's shape, on /v1/...
            code = str(error.get("code") or error.get("type") or "ERROR")
            return cls(response.status_code, code, str(error.get("message", "")))
        text = response.content.decode(errors="replace")[:500]
        return cls(response.status_code, str(error or "HTTP_ERROR"), text)


def ok(response: Response[T | ErrorBody]) -> T:
    """The parsed body of a success answer; :class:`FlowlineApiError` for any other."""
    if response.status_code >= 400 or isinstance(response.parsed, ErrorBody):
        raise FlowlineApiError.from_response(response)
    return response.parsed  # type: ignore[return-value]  # None only for bodiless answers


def connect(base_url: str, api_key: str, *, timeout: float = 30.0) -> AuthenticatedClient:
    """A client sending ``Authorization: Bearer <api_key>``, for sync and async calls."""
    return AuthenticatedClient(
        base_url=base_url,
        token=api_key,
        timeout=httpx.Timeout(timeout),
        raise_on_unexpected_status=True,
    )


__all__ = ["FlowlineApiError", "connect", "ok"]
