"""The official OpenAI SDK pointed at the real ASGI app, for the ``/v1/*`` tests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import httpx
import openai
import pytest
from fastapi import FastAPI

from tests.factories import Org

SdkFor = Callable[[Org], openai.AsyncOpenAI]


@pytest.fixture
async def sdk_for(app: FastAPI) -> AsyncIterator[SdkFor]:
    """An SDK client with the organisation owner's API key."""
    clients: list[httpx.AsyncClient] = []

    def make(org: Org) -> openai.AsyncOpenAI:
        http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app))
        clients.append(http)
        return openai.AsyncOpenAI(
            base_url="http://flowline.test/v1",
            api_key=org.owner.api_key,
            http_client=http,
            max_retries=0,
        )

    yield make
    for http in clients:
        await http.aclose()
