"""What the fake model providers share: scripted replies, recorded requests, a loopback server.

A test scripts the replies (``fake.script(Reply(...), ...)``); each request to the
chat route takes the next one, and requests past the end get the last. Every
request is kept with its headers and JSON body, so tests assert on what the real
SDKs sent over the wire.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import orjson
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response


@dataclass
class Call:
    """A tool call the scripted model makes."""

    name: str
    arguments: dict[str, Any]
    id: str = ""


@dataclass
class Reply:
    """One scripted answer: a model turn, or an error (``status`` >= 400)."""

    text: str = ""
    calls: list[Call] = field(default_factory=list)
    input_tokens: int = 11
    output_tokens: int = 7
    finish: str | None = None
    """The provider's own finish/stop reason; derived from ``calls`` when omitted."""
    status: int = 200
    error_type: str = ""
    message: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None
    """Sent as the body instead of the answer (a provider that talks nonsense)."""


def raw_answer(reply: Reply, body: dict[str, Any]) -> Response | None:
    """``reply.raw`` as the answer, typed as a stream's when one was asked for."""
    if reply.raw is None:
        return None
    kind = "text/event-stream" if body.get("stream") else "application/json"
    return Response(reply.raw, status_code=reply.status, media_type=kind)


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: Any


class ScriptedProvider:
    """The recording and the script; subclasses add the wire format."""

    def __init__(self) -> None:
        self.replies: list[Reply] = [Reply(text="hello")]
        self.requests: list[Received] = []
        self.keys: set[str] | None = None
        """When set, only these API keys are accepted (else 401)."""
        self.models = ["model-a", "model-b"]
        self.models_error: Reply | None = None
        """When set, the models route answers this error instead."""
        self.port = 0
        self._served = 0

    @property
    def base_url(self) -> str:
        raise NotImplementedError

    def script(self, *replies: Reply) -> None:
        self.replies = list(replies)
        self._served = 0

    def next_reply(self) -> Reply:
        reply = self.replies[min(self._served, len(self.replies) - 1)]
        self._served += 1
        return reply

    async def record(self, request: Request) -> Received:
        raw = await request.body()
        seen = Received(request.url.path, dict(request.headers), orjson.loads(raw) if raw else None)
        self.requests.append(seen)
        return seen

    def chats(self) -> list[Received]:
        return [r for r in self.requests if not r.path.endswith("/models")]


def sse(event: str | None, data: Any) -> bytes:
    head = f"event: {event}\n" if event else ""
    payload = data if isinstance(data, str) else orjson.dumps(data).decode()
    return f"{head}data: {payload}\n\n".encode()


def halves(text: str) -> list[str]:
    middle = len(text) // 2
    return [part for part in (text[:middle], text[middle:]) if part]


def words(text: str) -> list[str]:
    parts = text.split(" ")
    return [p if i == 0 else " " + p for i, p in enumerate(parts)] if text else []


@contextlib.asynccontextmanager
async def serve(fake: ScriptedProvider, app: Starlette) -> AsyncIterator[None]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    fake.port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", lifespan="off", timeout_graceful_shutdown=1)
    )
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:  # noqa: ASYNC110 - uvicorn offers no event for it
        await asyncio.sleep(0.01)
    try:
        yield
    finally:
        server.should_exit = True
        await task
        sock.close()
