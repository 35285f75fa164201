"""The fake model provider of ``bench/chat.py``: the tests' fake OpenAI API, able to hold.

Run from the repository root as ``python -m bench.chat_provider`` (``bench/chat.py``
does): it serves ``tests/fakes/openai_server.py``'s fake on a free loopback port
with uvicorn, prints the port on stdout, and serves until it is stopped. Every
chat answers ``WORDS`` (streamed word by word) at once, except for a model whose
name starts with ``hold``: its stream sends the role and the first word, then
holds (with an SSE comment every ``KEEP_ALIVE_SECONDS``, as a slow model's
connection stays busy) until ``POST /bench/release``; ``POST /bench/hold`` holds
again.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterable, AsyncIterator
from typing import Any

import uvloop
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route
from tests.fakes.llm_script import Reply, serve
from tests.fakes.openai_server import FakeOpenAI

WORDS = "Here is a short answer of about a dozen words from the benchmark model."
KEEP_ALIVE_SECONDS = 10.0


class Holding:
    """The fake's chat route, with streams of ``hold…`` models held after their first text."""

    def __init__(self, fake: FakeOpenAI) -> None:
        self.fake = fake
        self.released = asyncio.Event()

    async def chat(self, request: Request) -> Response:
        response = await self.fake.chat(request)
        self.fake.requests.clear()  # kept by the fake for tests; here it would only grow
        model = (await request.json()).get("model", "")
        if model.startswith("hold") and isinstance(response, StreamingResponse):
            response.body_iterator = self._held(response.body_iterator)
        return response

    async def _held(self, chunks: AsyncIterable[Any]) -> AsyncIterator[Any]:
        sent = 0
        async for chunk in chunks:
            yield chunk
            sent += 1
            while sent == 2 and not self.released.is_set():  # the role, then the first text
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.released.wait(), KEEP_ALIVE_SECONDS)
                if not self.released.is_set():
                    yield b": still thinking\n\n"

    async def release(self, _request: Request) -> Response:
        self.released.set()
        return Response(b"released")

    async def hold(self, _request: Request) -> Response:
        self.released.clear()
        return Response(b"holding")


async def main() -> None:
    fake = FakeOpenAI()
    fake.script(Reply(text=WORDS, input_tokens=40, output_tokens=14))
    holding = Holding(fake)
    app = Starlette(
        routes=[  # serve_openai()'s routes, the chat one able to hold, and the switch
            Route("/v1/chat/completions", holding.chat, methods=["POST"]),
            Route("/v1/models", fake.list_models, methods=["GET"]),
            Route("/bench/release", holding.release, methods=["POST"]),
            Route("/bench/hold", holding.hold, methods=["POST"]),
        ]
    )
    async with serve(fake, app):
        print(fake.port, flush=True)
        await asyncio.Event().wait()


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        uvloop.run(main())
    sys.exit(0)
