"""The official OpenAI SDK pointed at the real ASGI app, for the ``/v1/*`` tests, and
the fake OpenAI server on loopback as an organisation's model provider."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import httpx
import openai
import pytest
from fastapi import FastAPI

from tests.factories import Org
from tests.fakes.openai_server import FakeOpenAI, serve_openai

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


@pytest.fixture
async def openai_fake() -> AsyncIterator[FakeOpenAI]:
    async with serve_openai() as fake:
        yield fake


async def use_fake_openai(client: httpx.AsyncClient, org: Org, fake: FakeOpenAI) -> None:
    """The organisation's models come from ``fake`` (provider ``fake``)."""
    body = {
        "name": "fake",
        "kind": "openai_compatible",
        "base_url": fake.base_url,
        "api_key": "sk-test-agents",
    }
    r = await client.post("/api/v1/llm/config/providers", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    r = await client.put("/api/v1/llm/config", json={"mode": "byok"}, headers=org.headers)
    assert r.status_code == 200, r.text
