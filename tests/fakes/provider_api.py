"""What the fake messaging providers share: recorded requests, injected faults, a loopback server.

Every request is kept (method, path, headers, body). ``fail_next(n, status,
retry_after=...)`` makes the next ``n`` requests fail with the provider's own
error body for that status; ``hang_next(n, seconds)`` makes them answer only
after ``seconds`` (longer than the client's time-out: a time-out). Each
provider's fake adds its routes and its error body.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response

from tests.fakes.http import Seen


@dataclass
class Fault:
    status: int = 500
    retry_after: str | None = None
    hang_seconds: float = 0.0


class ProviderFake:
    def __init__(self) -> None:
        self.requests: list[Seen] = []
        self.faults: list[Fault] = []
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def fail_next(self, count: int = 1, status: int = 500, retry_after: str | None = None) -> None:
        self.faults.extend(Fault(status, retry_after) for _ in range(count))

    def hang_next(self, count: int = 1, seconds: float = 3.0) -> None:
        self.faults.extend(Fault(status=504, hang_seconds=seconds) for _ in range(count))

    def seen(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]

    async def take(self, request: Request) -> tuple[Seen, Response | None]:
        """Record ``request``; the injected fault's answer if one is due, else ``None``."""
        seen = Seen(
            request.method,
            request.url.path,
            dict(request.headers),
            await request.body(),
            query=request.url.query,
        )
        self.requests.append(seen)
        if not self.faults:
            return seen, None
        fault = self.faults.pop(0)
        if fault.hang_seconds:
            await asyncio.sleep(fault.hang_seconds)
        headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
        return seen, self.error(fault.status, headers)

    async def admit(self, request: Request) -> tuple[Seen, Response | None]:
        """``take``, then the provider's own refusal (bad credentials, unknown account)."""
        seen, fault = await self.take(request)
        return seen, fault if fault is not None else self.refused(request)

    def refused(self, request: Request) -> Response | None:
        return None

    def error(self, status: int, headers: dict[str, str]) -> Response:
        raise NotImplementedError

    def app(self) -> Starlette:
        raise NotImplementedError


@contextlib.asynccontextmanager
async def serve_provider(fake: ProviderFake) -> AsyncIterator[None]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    fake.port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            fake.app(),
            log_config=None,
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=1,
        )
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
