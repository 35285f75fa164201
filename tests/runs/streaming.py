"""An httpx transport that streams an ASGI app's answer as it is sent.

``httpx.ASGITransport`` collects the whole body before answering, so a client
can neither read a live event stream nor leave it early. This one hands each
chunk over as the app sends it, and tells the app the client disconnected when
the response is closed.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, MutableMapping
from typing import Any

import httpx
from starlette.types import ASGIApp

Message = MutableMapping[str, Any]


class _Body(httpx.AsyncByteStream):
    def __init__(
        self, chunks: asyncio.Queue[bytes | None], gone: asyncio.Event, task: asyncio.Task[None]
    ) -> None:
        self.chunks = chunks
        self.gone = gone
        self.task = task

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while (chunk := await self.chunks.get()) is not None:
            yield chunk

    async def aclose(self) -> None:
        self.gone.set()
        await asyncio.wait_for(self.task, 5)  # the app must notice and stop


class StreamingTransport(httpx.AsyncBaseTransport):
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = b"".join([chunk async for chunk in request.stream])  # type: ignore[union-attr]
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": request.method,
            "headers": [(k.lower(), v) for k, v in request.headers.raw],
            "scheme": request.url.scheme,
            "path": request.url.path,
            "raw_path": request.url.raw_path.split(b"?")[0],
            "query_string": request.url.query,
            "server": (request.url.host, request.url.port),
            "client": ("127.0.0.1", 123),
            "root_path": "",
        }
        chunks: asyncio.Queue[bytes | None] = asyncio.Queue()
        gone = asyncio.Event()
        started: asyncio.Future[Message] = asyncio.get_running_loop().create_future()
        received = False

        async def receive() -> Message:
            nonlocal received
            if not received:
                received = True
                return {"type": "http.request", "body": body, "more_body": False}
            await gone.wait()
            return {"type": "http.disconnect"}

        async def send(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.set_result(message)
            elif message["type"] == "http.response.body":
                if message.get("body"):
                    chunks.put_nowait(message["body"])
                if not message.get("more_body", False):
                    chunks.put_nowait(None)

        task: asyncio.Task[None] = asyncio.create_task(_call(self.app, scope, receive, send))
        task.add_done_callback(lambda _: chunks.put_nowait(None))
        waiting: list[asyncio.Future[Any]] = [started, task]
        await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
        if not started.done():
            task.result()  # raises what the app raised
            raise AssertionError("the app answered nothing")
        start = started.result()
        return httpx.Response(
            start["status"], headers=start.get("headers", []), stream=_Body(chunks, gone, task)
        )


async def _call(app: ASGIApp, scope: Message, receive: Any, send: Any) -> None:
    await app(scope, receive, send)
