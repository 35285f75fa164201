from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from tests.fakes.openai_server import FakeOpenAI, serve_openai
from tests.runs.streaming import StreamingTransport


@pytest.fixture
async def openai_fake() -> AsyncIterator[FakeOpenAI]:
    async with serve_openai() as fake:
        yield fake


@pytest.fixture
async def live(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client that reads answers as they are sent and can leave early."""
    transport = StreamingTransport(app)
    async with httpx.AsyncClient(transport=transport, base_url="http://flowline.test") as c:
        yield c
