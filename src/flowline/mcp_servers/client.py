"""Talking to an MCP server through the official ``mcp`` SDK's client, under the
outbound rules: its HTTP is an ``httpx2`` client from ``outbound.httpx2_client``
(network policy, pinned addresses, a host-bound credential, User-Agent, size limit).

One session per operation: connect (the SDK's default negotiation: a
``server/discover`` probe, then the ``initialize`` handshake on older servers),
list or call, close. Every failure is an :class:`McpFailed` (or the
``OutboundRefused`` of the policy) with a message fit for a person or a model;
secrets never reach it (the credential's value is registered with the redactor).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from flowline.db.models import McpServer
from flowline.errors import FlowlineError
from flowline.observability.redaction import RedactingFilter, redactor
from flowline.outbound.client import Credential
from flowline.outbound.httpx2_client import pinned_client
from flowline.outbound.policy import OutboundRefused
from flowline.runtime import Runtime

# The SDK loads with the first MCP call, not at start-up (memory, start time).
if TYPE_CHECKING:
    import mcp_types
    from mcp import Client

logging.getLogger("httpx2").addFilter(RedactingFilter())  # it logs each URL at INFO


class McpFailed(FlowlineError):
    """The MCP server could not be reached, or answered something unusable."""

    status = 502
    code = "MCP_FAILED"


def _first_cause(exc: BaseException) -> BaseException:
    """The exception inside the SDK's task-group wrappings."""
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return exc


def _failure(server: McpServer, exc: BaseException) -> FlowlineError:
    from mcp.shared.exceptions import MCPError

    cause = _first_cause(exc)
    if isinstance(cause, FlowlineError):
        return cause
    if isinstance(cause, TimeoutError):
        return McpFailed(
            f"MCP server {server.name!r} did not answer in {server.timeout_seconds} s."
        )
    if isinstance(cause, MCPError):
        return McpFailed(
            f"MCP server {server.name!r} answered an error: {redactor.text(str(cause))}"
        )
    what = redactor.text(str(cause))[:300] or type(cause).__name__
    return McpFailed(f"MCP server {server.name!r} could not be used: {what}")


@asynccontextmanager
async def connect(
    runtime: Runtime, server: McpServer, credential: Credential | None
) -> AsyncIterator[Client]:
    """A connected SDK client for ``server`` (closed on leaving)."""
    from mcp import Client
    from mcp.client.streamable_http import streamable_http_client

    outbound = runtime.outbound
    outbound.policy.check_url(server.url)
    http = pinned_client(
        outbound.policy,
        outbound.resolver,
        runtime.settings.contact,
        credential=credential,
        timeout_seconds=server.timeout_seconds,
    )
    async with http:
        transport = streamable_http_client(server.url, http_client=http)
        async with Client(transport, read_timeout_seconds=server.timeout_seconds) as client:
            yield client


async def _run(server: McpServer, work: Any) -> Any:
    try:
        async with asyncio.timeout(server.timeout_seconds):
            return await work
    except OutboundRefused:
        raise
    except Exception as exc:  # the SDK's failures come in many shapes, groups included
        raise _failure(server, exc) from None


async def list_tools(
    runtime: Runtime, server: McpServer, credential: Credential | None
) -> list[mcp_types.Tool]:
    async def listing() -> list[mcp_types.Tool]:
        async with connect(runtime, server, credential) as client:
            found: list[mcp_types.Tool] = []
            cursor: str | None = None
            while True:
                page = await client.list_tools(cursor=cursor)
                found += page.tools
                cursor = page.next_cursor
                if not cursor or len(found) > 1000:
                    return found

    tools: list[mcp_types.Tool] = await _run(server, listing())
    return tools


async def call_tool(
    runtime: Runtime,
    server: McpServer,
    credential: Credential | None,
    name: str,
    arguments: dict[str, Any],
) -> mcp_types.CallToolResult:
    import mcp_types

    async def calling() -> mcp_types.CallToolResult:
        async with connect(runtime, server, credential) as client:
            result = await client.call_tool(name, arguments)
            if not isinstance(result, mcp_types.CallToolResult):
                raise McpFailed(f"MCP server {server.name!r} answered no tool result.")
            return result

    result: mcp_types.CallToolResult = await _run(server, calling())
    return result
