"""The outbound rules for clients built on ``httpx2`` (the official ``mcp`` SDK's HTTP).

The ``mcp`` SDK (2.x) speaks Streamable HTTP through an ``httpx2.AsyncClient`` it
is handed. :func:`pinned_client` builds one whose every connection goes through
the same network policy as ``OutboundClient``'s: the host is resolved once, each
address judged (private, loopback, metadata and the rest refused unless
``FLOWLINE_ALLOW_HOSTS`` opens them), and the connection made to the judged
address (``policy.checked_addresses``). On top: Flowline's ``User-Agent``, no
environment proxies, a credential applied only to a host it is bound to
(:class:`BoundCredential`), redirects not followed by the client (the SDK follows
only same-origin ones itself), and answers larger than a limit refused.
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import Generator, Iterable
from typing import Any

import httpcore
import httpcore2
import httpx2

from flowline.outbound.client import Credential, _apply_credential, user_agent
from flowline.outbound.policy import (
    NetworkPolicy,
    OutboundRefused,
    Resolver,
    SystemResolver,
    checked_addresses,
)

MAX_RESPONSE_BYTES = 10 * 1024 * 1024


class PinnedBackend2(httpcore2.AsyncNetworkBackend):
    """``policy.PinnedBackend`` for httpcore2: resolve once, judge, connect to that address."""

    def __init__(self, policy: NetworkPolicy, resolver: Resolver | None = None) -> None:
        self.policy = policy
        self.resolver: Resolver = resolver or SystemResolver()
        self.inner = httpcore2.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore2's interface
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.AsyncNetworkStream:
        try:
            addresses = await checked_addresses(self.policy, self.resolver, host, port, timeout)
        except httpcore.ConnectTimeout as exc:
            raise httpcore2.ConnectTimeout(str(exc)) from None
        except httpcore.ConnectError as exc:
            raise httpcore2.ConnectError(str(exc)) from None
        error: Exception | None = None
        for ip in addresses:
            try:
                return await self.inner.connect_tcp(
                    str(ip), port, timeout, local_address, socket_options
                )
            except (httpcore2.ConnectError, httpcore2.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore2's interface
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.AsyncNetworkStream:
        raise OutboundRefused("Unix sockets are never called.")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    return httpx2.create_ssl_context(trust_env=False)


class PinnedTransport2(httpx2.AsyncHTTPTransport):
    """httpx2's transport over a pool whose every connection goes through the policy."""

    def __init__(self, backend: httpcore2.AsyncNetworkBackend) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore2.AsyncConnectionPool(
            ssl_context=_ssl_context(), max_connections=10, network_backend=backend
        )


class BoundCredential(httpx2.Auth):
    """A secret applied to a request only when its host is one the secret is bound to."""

    def __init__(self, credential: Credential) -> None:
        self.credential = credential

    def auth_flow(self, request: httpx2.Request) -> Generator[httpx2.Request, Any, None]:
        host = request.url.host
        if not self.credential.allows(host):
            raise OutboundRefused(
                f"Credential {self.credential.name!r} is not bound to host {host!r}; "
                "nothing was sent."
            )
        headers: dict[str, str] = {}
        query: dict[str, Any] = {}
        _apply_credential(self.credential, headers, query)
        request.headers.update(headers)
        if query:
            request.url = request.url.copy_merge_params(query)
        yield request


async def _refuse_large(response: httpx2.Response) -> None:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_RESPONSE_BYTES:
        await response.aclose()
        raise httpx2.DecodingError(
            f"The answer is larger than {MAX_RESPONSE_BYTES} bytes; it was not read."
        )


def pinned_client(
    policy: NetworkPolicy,
    resolver: Resolver | None,
    contact: str,
    *,
    credential: Credential | None = None,
    timeout_seconds: float = 30.0,
) -> httpx2.AsyncClient:
    """An ``httpx2.AsyncClient`` under the outbound rules (``async with`` it to close it)."""
    return httpx2.AsyncClient(
        transport=PinnedTransport2(PinnedBackend2(policy, resolver)),
        headers={"User-Agent": user_agent(contact)},
        auth=BoundCredential(credential) if credential is not None else None,
        timeout=httpx2.Timeout(timeout_seconds),
        follow_redirects=False,
        trust_env=False,
        event_hooks={"response": [_refuse_large]},
    )
