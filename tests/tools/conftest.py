"""The loopback fakes the tool tests talk to: a third-party API and an OpenAI server."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.fakes.http import FakeApi, serve_fake
from tests.fakes.openai_server import FakeOpenAI, serve_openai


@pytest.fixture
async def api() -> AsyncIterator[FakeApi]:
    async with serve_fake() as fake:
        yield fake


@pytest.fixture
async def openai_fake() -> AsyncIterator[FakeOpenAI]:
    async with serve_openai() as fake:
        yield fake
