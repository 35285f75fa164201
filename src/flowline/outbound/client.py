"""The one HTTP client every outbound call of the platform goes through.

Every request carries Flowline's ``User-Agent``; a credential is applied here
and only when the request's host is one the credential is bound to. Network
policy, retries and confirmation of writes build on this module (SAFETY.md).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
import orjson

from flowline import __version__
from flowline.errors import FlowlineError

MAX_RESPONSE_BYTES = 10 * 1024 * 1024
DEFAULT_TIMEOUT_SECONDS = 30.0


class OutboundRefused(FlowlineError):
    """The request was not sent: it breaks a rule of the safety contract."""

    status = 422
    code = "OUTBOUND_REFUSED"


@dataclass(frozen=True, slots=True)
class Credential:
    """A secret as the client applies it; ``value`` is never logged or returned."""

    name: str
    kind: str
    value: str = field(repr=False)
    hosts: tuple[str, ...] = ()
    header: str | None = None
    param: str | None = None

    def allows(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        for bound in self.hosts:
            bound = bound.lower().rstrip(".")
            if host == bound or (bound.startswith("*.") and host.endswith(bound[1:])):
                return True
        return False


@dataclass(frozen=True, slots=True)
class OutboundRequest:
    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    json_body: Any = None
    body: str | None = None
    credential: Credential | None = None
    idempotency_key: str | None = None
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS


@dataclass(frozen=True, slots=True)
class OutboundResponse:
    status: int
    headers: dict[str, str]
    body: Any


def user_agent(contact: str) -> str:
    return f"Flowline/{__version__} (+{contact})"


def _apply_credential(
    credential: Credential, host: str, headers: dict[str, str], query: dict[str, Any]
) -> None:
    if not credential.allows(host):
        raise OutboundRefused(
            f"Credential {credential.name!r} is not bound to host {host!r}; nothing was sent."
        )
    value = credential.value
    if credential.kind == "bearer":
        token = value.strip()
        if token.lower().startswith("bearer "):
            token = token[7:].strip()
        headers["Authorization"] = f"Bearer {token}"
    elif credential.kind == "api_key_header":
        headers[credential.header or "X-API-Key"] = value
    elif credential.kind == "basic":
        headers["Authorization"] = "Basic " + base64.b64encode(value.encode()).decode()
    elif credential.kind == "query":
        query[credential.param or "api_key"] = value
    else:
        raise OutboundRefused(
            f"Credential {credential.name!r} is of kind {credential.kind!r}, which is not sent."
        )


def _parse(response: httpx.Response, content: bytes) -> Any:
    kind = response.headers.get("content-type", "")
    if "json" in kind and content:
        try:
            return orjson.loads(content)
        except orjson.JSONDecodeError:
            pass
    return content.decode(response.encoding or "utf-8", errors="replace")


class OutboundClient:
    """One pooled client per process; ``close`` at shutdown."""

    def __init__(self, contact: str) -> None:
        self._user_agent = user_agent(contact)
        self._client = httpx.AsyncClient(follow_redirects=False, trust_env=False)

    async def close(self) -> None:
        await self._client.aclose()

    async def send(self, request: OutboundRequest) -> OutboundResponse:
        parts = urlsplit(request.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise OutboundRefused(f"Only http and https URLs are called, not {request.url!r}.")
        if parts.username is not None or parts.password is not None:
            raise OutboundRefused("URLs with user information are refused; use a credential.")
        headers = {"User-Agent": self._user_agent, **request.headers}
        query = dict(request.query)
        if request.credential is not None:
            _apply_credential(request.credential, parts.hostname, headers, query)
        if request.idempotency_key is not None:
            headers.setdefault("Idempotency-Key", request.idempotency_key)
        content: bytes | None = None
        if request.json_body is not None:
            content = orjson.dumps(request.json_body)
            headers.setdefault("Content-Type", "application/json")
        elif request.body is not None:
            content = request.body.encode()
        async with self._client.stream(
            request.method,
            request.url,
            headers=headers,
            params=query or None,
            content=content,
            timeout=request.timeout_seconds,
        ) as response:
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise OutboundRefused(
                        f"The response is larger than {MAX_RESPONSE_BYTES} bytes; it was cut off."
                    )
                chunks.append(chunk)
        body = _parse(response, b"".join(chunks))
        return OutboundResponse(response.status_code, dict(response.headers), body)
