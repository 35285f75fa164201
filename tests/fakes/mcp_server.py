"""An MCP server on loopback, built with the official ``mcp`` SDK (``MCPServer``, the
SDK's FastMCP), speaking Streamable HTTP at ``/mcp``.

Its tools: ``lookup_order {order_id}`` (read-only), ``refund {order_id, amount}``
(destructive) and ``fail {}`` (read-only; answers a tool error). It wants ``Authorization:
Bearer <token>`` when a token is set (else 401) and records every request's
headers, so tests see what Flowline sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import uvicorn
from mcp.server.mcpserver import MCPServer
from mcp_types import ToolAnnotations
from starlette.types import ASGIApp, Receive, Scope, Send


@dataclass
class FakeMcp:
    token: str | None = None
    headers: list[dict[str, str]] = field(default_factory=list)
    refunds: list[tuple[str, float]] = field(default_factory=list)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/mcp"


def _server(fake: FakeMcp) -> MCPServer:
    server = MCPServer("orders")

    @server.tool(annotations=ToolAnnotations(readOnlyHint=True))
    def lookup_order(order_id: str) -> str:
        """Look up an order by its id."""
        return f"order {order_id}: 2 books, shipped"

    @server.tool(annotations=ToolAnnotations(destructiveHint=True))
    def refund(order_id: str, amount: float) -> str:
        """Refund an order."""
        fake.refunds.append((order_id, amount))
        return f"refunded {amount} on {order_id}"

    @server.tool(annotations=ToolAnnotations(readOnlyHint=True))
    def fail() -> str:
        """Always fails."""
        raise ValueError("the warehouse is closed")

    return server


def _guarded(app: ASGIApp, fake: FakeMcp) -> ASGIApp:
    async def guarded(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = {k.decode(): v.decode() for k, v in scope["headers"]}
            fake.headers.append(headers)
            if fake.token and headers.get("authorization") != f"Bearer {fake.token}":
                await send({"type": "http.response.start", "status": 401, "headers": []})
                await send({"type": "http.response.body", "body": b"no"})
                return
        await app(scope, receive, send)

    return guarded


@contextlib.asynccontextmanager
async def serve_mcp(token: str | None = None) -> AsyncIterator[FakeMcp]:
    fake = FakeMcp(token=token)
    app = _server(fake).streamable_http_app(json_response=True)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    fake.port = sock.getsockname()[1]
    config = uvicorn.Config(
        _guarded(app, fake),
        log_config=None,
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=1,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:  # noqa: ASYNC110 - uvicorn offers no event for it
        await asyncio.sleep(0.01)
    try:
        yield fake
    finally:
        server.should_exit = True
        await task
        sock.close()
