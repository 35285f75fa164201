"""The one HTTP client every outbound call of the platform goes through (SAFETY.md).

Every request carries Flowline's ``User-Agent``; a credential is applied only
when the request's host is one it is bound to; the network policy judges the
URL before anything happens and the resolved address of every connection
(``policy.PinnedBackend``); redirects are followed here, hop by hop, each one
checked again and stripped of credentials when it leaves the origin; retries
follow ``retry.py`` and every attempt is recorded for the step's output.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import ipaddress
import logging
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import httpcore
import httpx
import orjson

from flowline import __version__
from flowline.errors import FlowlineError
from flowline.observability.redaction import MASK, RedactingFilter, is_sensitive_name, redactor
from flowline.outbound.policy import (
    NetworkPolicy,
    OutboundRefused,
    PinnedBackend,
    Resolver,
    Target,
    parse_literal,
)
from flowline.outbound.retry import Attempt, RetryPolicy, may_repeat, retry_after, retryable_status

__all__ = [
    "Credential",
    "OutboundClient",
    "OutboundFailed",
    "OutboundRefused",
    "OutboundRequest",
    "OutboundResponse",
    "user_agent",
]

logging.getLogger("httpx").addFilter(RedactingFilter())  # it logs each URL at INFO

MAX_RESPONSE_BYTES = 10 * 1024 * 1024
DEFAULT_TIMEOUT_SECONDS = 30.0
MAX_REDIRECTS = 5
REDIRECTS = frozenset({301, 302, 303, 307, 308})
_TEXT_TYPES = ("application/xml", "application/javascript", "application/x-www-form-urlencoded")


class OutboundFailed(FlowlineError):
    """No usable answer: every attempt failed, or the answer broke a limit."""

    status = 502
    code = "OUTBOUND_FAILED"

    def __init__(
        self, code: str, message: str, *, retryable: bool, attempts: list[Attempt] | None = None
    ) -> None:
        super().__init__(message, code=code)
        self.retryable = retryable
        self.attempts = attempts or []


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
        """Whether ``host`` is bound: a name, ``*.name``, an address or a range."""
        host = host.lower().rstrip(".")
        literal = parse_literal(host)
        for bound in self.hosts:
            bound = bound.lower().rstrip(".")
            if host == bound or (bound.startswith("*.") and host.endswith(bound[1:])):
                return True
            if literal is not None and "/" in bound:
                with contextlib.suppress(ValueError):
                    if literal in ipaddress.ip_network(bound, strict=False):
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
    path_credential: Credential | None = None
    """A secret the provider wants in the URL's path (Telegram's bot token): written where
    the URL says ``{credential}``, only for a host it is bound to, and ``***`` in the
    answer's ``url``; the URL as given (and so every message about it) never holds it."""
    idempotency_key: str | None = None
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS
    """Connect and read time-out of each attempt."""
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    deadline: float | None = None
    """Event-loop time by which all attempts must be over (the step's own time-out)."""
    max_redirects: int = MAX_REDIRECTS
    max_response_bytes: int = MAX_RESPONSE_BYTES
    product: str | None = None
    """A product token put in front of Flowline's in ``User-Agent`` (``Acme/1.0``)."""
    retry_after_of: Callable[[OutboundResponse], float | None] | None = None
    """Where a ``429`` says how long to wait when it has no ``Retry-After`` header
    (Telegram puts it in the body: ``parameters.retry_after``)."""


@dataclass(slots=True)
class OutboundResponse:
    status: int
    headers: dict[str, str]
    content: bytes
    content_type: str
    url: str
    """Where the answer came from, after redirects."""
    body: Any = None
    """JSON when the answer says so, else text; ``None`` when it is not text."""
    is_text: bool = True
    attempts: list[Attempt] = field(default_factory=list)


PATH_PLACEHOLDER = "{credential}"


def _path_value(credential: Credential | None) -> str | None:
    if credential is None:
        return None
    return urllib.parse.quote(credential.value.strip(), safe=":")


def _masked(url: str, secret: str | None) -> str:
    return url.replace(secret, MASK) if secret else url


def user_agent(contact: str) -> str:
    return f"Flowline/{__version__} (+{contact})"


def _apply_credential(
    credential: Credential, headers: dict[str, str], query: dict[str, Any]
) -> None:
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


def _is_text(content_type: str) -> bool | None:
    kind = content_type.split(";", 1)[0].strip().lower()
    if not kind:
        return None
    return (
        kind.startswith("text/") or "json" in kind or kind.endswith("+xml") or kind in _TEXT_TYPES
    )


def _decode(response: httpx.Response, content_type: str, content: bytes) -> tuple[Any, bool]:
    """``(body, is_text)``: JSON if it says so, text if it is text, else ``(None, False)``."""
    text = _is_text(content_type)
    if text is False:
        return None, False
    if "json" in content_type.lower() and content:
        try:
            return orjson.loads(content), True
        except orjson.JSONDecodeError:
            pass
    try:
        decoded = content.decode(response.charset_encoding or "utf-8", errors="strict")
    except (UnicodeDecodeError, LookupError):
        if text is None:
            return None, False  # unlabelled bytes that are not text
        decoded = content.decode("utf-8", errors="replace")
    if "\x00" in decoded:
        return None, False  # not storable as text (PostgreSQL), and not really text
    return decoded, True


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport over a pool whose every connection goes through ``PinnedBackend``.

    httpx does not take a network backend, so the pool it built is replaced by
    an equal one that has ours (httpx is pinned in the lock file).
    """

    def __init__(self, backend: httpcore.AsyncNetworkBackend, limits: httpx.Limits) -> None:
        super().__init__(limits=limits, trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend,
        )


class OutboundClient:
    """One pooled client per process; ``close`` at shutdown."""

    def __init__(
        self,
        contact: str,
        *,
        allow_hosts: Iterable[str] = (),
        resolver: Resolver | None = None,
        network: httpcore.AsyncNetworkBackend | None = None,
        limits: httpx.Limits | None = None,
    ) -> None:
        self._user_agent = user_agent(contact)
        self.policy = NetworkPolicy(allow_hosts)
        backend = PinnedBackend(self.policy, resolver, network)
        self.resolver: Resolver = backend.resolver
        """Also for connections that are not HTTP (SMTP), judged by the same policy."""
        transport = PinnedTransport(backend, limits or httpx.Limits(max_keepalive_connections=50))
        self._client = httpx.AsyncClient(
            transport=transport, follow_redirects=False, trust_env=False
        )

    async def close(self) -> None:
        await self._client.aclose()

    async def send(self, request: OutboundRequest) -> OutboundResponse:
        """The final answer (any status), after retries; ``OutboundFailed`` if there was none.

        ``OutboundRefused`` is raised before any connection when the URL or the
        credential's binding forbids the call, or when a redirect would break a rule.
        """
        target = self.policy.check_url(request.url)
        if request.path_credential is not None:
            # In the URL, it reaches whatever logs URLs (httpx): mask it there too.
            redactor.add([request.path_credential.value.strip()])
        for credential in (request.credential, request.path_credential):
            if credential is not None and not credential.allows(target.host):
                raise OutboundRefused(
                    f"Credential {credential.name!r} is not bound to host "
                    f"{target.host!r}; nothing was sent."
                )
        loop = asyncio.get_running_loop()
        policy = request.retry
        has_key = request.idempotency_key is not None or any(
            k.lower() == "idempotency-key" for k in request.headers
        )
        attempts: list[Attempt] = []
        waited = 0.0
        for number in range(1, policy.attempts + 1):
            attempt = Attempt(number, waited)
            attempts.append(attempt)
            started = loop.time()
            response: OutboundResponse | None = None
            failure: OutboundFailed | None = None
            try:
                response = await self._follow(
                    request, target, attempt, self._timeout(request, loop)
                )
            except OutboundFailed as exc:
                exc.attempts = attempts
                raise
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                attempt.error = "CONNECT_ERROR"
                kind = (
                    "timed out connecting"
                    if isinstance(exc, httpx.ConnectTimeout)
                    else ("could not connect")
                )
                # Nothing left this machine: safe to repeat even for a write.
                failure = OutboundFailed(
                    "NETWORK_ERROR", f"{request.method} {target.host} {kind}.", retryable=True
                )
            except httpx.TimeoutException:
                attempt.error = "TIMEOUT"
                failure = self._unsure(request, target.host, has_key, "timed out")
            except httpx.HTTPError as exc:
                attempt.error = "NETWORK_ERROR"
                failure = self._unsure(request, target.host, has_key, type(exc).__name__)
            finally:
                attempt.duration_ms = (loop.time() - started) * 1000
            if response is not None:
                attempt.status = response.status
                response.attempts = attempts
                if not retryable_status(response.status):
                    return response
                if not may_repeat(request.method, has_key):
                    return response
            elif failure is not None and not failure.retryable:
                failure.attempts = attempts
                raise failure
            wait = self._wait(request, number, response)
            if number == policy.attempts or wait is None:
                break
            if request.deadline is not None and loop.time() + wait + 0.05 >= request.deadline:
                break  # the step's time is up before the next attempt could start
            await asyncio.sleep(wait)
            waited = wait
        if response is not None:
            return response
        assert failure is not None
        failure.attempts = attempts
        raise failure

    @staticmethod
    def _wait(
        request: OutboundRequest, number: int, response: OutboundResponse | None
    ) -> float | None:
        """Seconds to sleep before the next attempt; ``None``: do not try again."""
        policy = request.retry
        if response is not None and response.status == 429:
            asked = retry_after(response.headers.get("retry-after"))
            if asked is None and request.retry_after_of is not None:
                asked = request.retry_after_of(response)
            if asked is not None:
                return asked if asked <= policy.max_retry_after_seconds else None
        return policy.backoff(number)

    @staticmethod
    def _timeout(request: OutboundRequest, loop: asyncio.AbstractEventLoop) -> float:
        if request.deadline is None:
            return request.timeout_seconds
        return max(0.05, min(request.timeout_seconds, request.deadline - loop.time()))

    @staticmethod
    def _unsure(request: OutboundRequest, host: str, has_key: bool, what: str) -> OutboundFailed:
        """A failure after the request may have reached the server."""
        if not may_repeat(request.method, has_key):
            return OutboundFailed(
                "OUTCOME_UNKNOWN",
                f"{request.method} {host} {what} after it was sent, without an "
                "Idempotency-Key: it may have been applied, so it is not sent again.",
                retryable=False,
            )
        code = "TIMEOUT" if what == "timed out" else "NETWORK_ERROR"
        return OutboundFailed(code, f"{request.method} {host} {what}.", retryable=True)

    async def _follow(
        self, request: OutboundRequest, first: Target, attempt: Attempt, seconds: float
    ) -> OutboundResponse:
        """One attempt: the request and the redirects it leads to, each hop re-checked."""
        base_headers = {"User-Agent": self._agent(request.product), **request.headers}
        if request.idempotency_key is not None:
            base_headers.setdefault("Idempotency-Key", request.idempotency_key)
        content: bytes | None = None
        if request.json_body is not None:
            content = orjson.dumps(request.json_body)
            base_headers.setdefault("Content-Type", "application/json")
        elif request.body is not None:
            content = request.body.encode()
        method = request.method
        in_path = _path_value(request.path_credential)
        url = httpx.URL(request.url.replace(PATH_PLACEHOLDER, in_path or PATH_PLACEHOLDER))
        if request.query:
            url = url.copy_merge_params(request.query)
        for hop in range(request.max_redirects + 1):
            target = first if hop == 0 else self.policy.check_url(str(url))
            same_origin = (target.scheme, target.host, target.port) == (
                first.scheme,
                first.host,
                first.port,
            )
            headers = dict(base_headers)
            if not same_origin:
                headers = {k: v for k, v in headers.items() if not is_sensitive_name(k)}
            elif request.credential is not None:
                query: dict[str, Any] = {}
                _apply_credential(request.credential, headers, query)
                if query:
                    url = url.copy_merge_params(query)
            async with self._client.stream(
                method, url, headers=headers, content=content, timeout=seconds
            ) as response:
                # One pass over the answer's headers (each ``get`` of httpx's scans them all).
                answer = dict(response.headers.items())
                location = answer.get("location")
                if response.status_code in REDIRECTS and location:
                    attempt.redirects += 1
                    url = url.join(location)
                    if response.status_code == 303 or (
                        response.status_code in (301, 302) and method == "POST"
                    ):
                        method, content = ("HEAD" if method == "HEAD" else "GET"), None
                        headers.pop("Content-Type", None)
                        base_headers.pop("Content-Type", None)
                    continue
                declared = answer.get("content-length", "")
                raw = await self._read(response, declared, request.max_response_bytes)
            content_type = answer.get("content-type", "")
            body, is_text = _decode(response, content_type, raw)
            without_query = url.copy_with(query=None) if url.query else url
            return OutboundResponse(
                status=response.status_code,
                headers=answer,
                content=raw,
                content_type=content_type,
                url=_masked(str(without_query), in_path),
                body=body,
                is_text=is_text,
            )
        raise OutboundFailed(
            "TOO_MANY_REDIRECTS",
            f"{request.method} {first.host} redirected more than {request.max_redirects} times.",
            retryable=False,
        )

    @staticmethod
    async def _read(response: httpx.Response, declared: str, limit: int) -> bytes:
        too_large = OutboundFailed(
            "RESPONSE_TOO_LARGE",
            f"The response is larger than {limit} bytes; it was not kept.",
            retryable=False,
        )
        if declared.isdigit() and int(declared) > limit:
            raise too_large
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > limit:
                raise too_large
            chunks.append(chunk)
        return b"".join(chunks)

    def _agent(self, product: str | None) -> str:
        return self._user_agent if not product else f"{product} {self._user_agent}"
