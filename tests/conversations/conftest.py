from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.fakes.openai_server import FakeOpenAI, serve_openai


@pytest.fixture
async def openai_fake() -> AsyncIterator[FakeOpenAI]:
    async with serve_openai() as fake:
        yield fake
