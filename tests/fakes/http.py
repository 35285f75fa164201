"""A small third-party HTTP API on loopback: records every request, answers from a script.

Each path can be given a list of answers (status, JSON body, delay); requests
past the end of the list get the last one. Requests are kept with their
method, path, headers and body, so tests assert on what Flowline really sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


@dataclass
class Answer:
    status: int = 200
    body: Any = field(default_factory=lambda: {"ok": True})
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes | None = None
    """Raw bytes to answer with instead of ``body`` as JSON."""
    media_type: str = "application/json"
    echo: bool = False
    """Answer with the request's headers as the JSON body (``{"headers": {...}}``)."""
    gate: asyncio.Event | None = None
    """Answer only once this is set (``arrived`` is set when a request is held there)."""
    arrived: asyncio.Event = field(default_factory=asyncio.Event)


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    query: str = ""
    at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def json(self) -> Any:
        return orjson.loads(self.body) if self.body else None


class FakeApi:
    def __init__(self) -> None:
        self.requests: list[Seen] = []
        self.script: dict[str, list[Answer]] = {}
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def answer(self, path: str, *answers: Answer) -> None:
        self.script[path] = list(answers)

    def seen(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]

    async def _handle(self, request: Request) -> Response:
        seen = Seen(
            request.method,
            request.url.path,
            dict(request.headers),
            await request.body(),
            query=request.url.query,
        )
        self.requests.append(seen)
        answers = self.script.get(request.url.path) or [Answer()]
        index = len(self.seen(request.url.path)) - 1
        answer = answers[min(index, len(answers) - 1)]
        if answer.gate is not None:
            answer.arrived.set()
            await answer.gate.wait()
        if answer.delay:
            await asyncio.sleep(answer.delay)
        body = {"headers": seen.headers} if answer.echo else answer.body
        return Response(
            orjson.dumps(body) if answer.content is None else answer.content,
            status_code=answer.status,
            media_type=answer.media_type,
            headers=answer.headers,
        )


@contextlib.asynccontextmanager
async def serve_fake() -> AsyncIterator[FakeApi]:
    fake = FakeApi()
    app = Starlette(
        routes=[
            Route("/{path:path}", fake._handle, methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
        ]
    )
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    fake.port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            app, log_config=None, access_log=False, lifespan="off", timeout_graceful_shutdown=1
        )
    )
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:  # noqa: ASYNC110 - uvicorn offers no event for it
        await asyncio.sleep(0.01)
    try:
        yield fake
    finally:
        server.should_exit = True
        await task
        sock.close()
