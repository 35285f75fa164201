"""The SDK clients: one per provider configuration and event loop, sharing one TLS context
(the CA certificates are loaded once per process)."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from typing import Any

import httpcore2
import pytest

from flowline.llm import transport
from flowline.llm.anthropic import AnthropicProvider
from flowline.llm.openai import OpenAIProvider
from flowline.llm.provider import ChatRequest, Message
from tests.fakes.llm_script import Reply
from tests.fakes.openai_server import serve_openai


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the SSL contexts made with the system's CAs from now on."""
    made: list[int] = []
    real = httpcore2.default_ssl_context

    def counting(**kwargs: Any) -> ssl.SSLContext:
        made.append(1)
        return real(**kwargs)

    monkeypatch.setattr(httpcore2, "default_ssl_context", counting)
    transport.ssl_context.cache_clear()
    yield made
    transport.ssl_context.cache_clear()


async def test_clients_of_both_sdks_share_one_verifying_context(loads: list[int]) -> None:
    providers = [
        OpenAIProvider("a", base_url="https://llm.example/v1", api_key="sk-a"),
        AnthropicProvider("b", base_url="https://llm.example", api_key="sk-b"),
    ]
    made = [[provider._client() for provider in providers] for _ in range(3)]
    assert all(clients == made[0] for clients in made)  # made once each, then reused
    assert made[0][0] is not made[0][1]
    assert len(loads) == 1
    context = transport.ssl_context()
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname is True
    await transport.close_clients()
    assert providers[0]._client() is not made[0][0]  # closed with the app: a new one
    await transport.close_clients()


async def test_each_key_and_url_has_a_client_of_its_own(loads: list[int]) -> None:
    one = OpenAIProvider("a", base_url="https://llm.example/v1", api_key="sk-a")
    same = OpenAIProvider("other-name", base_url="https://llm.example/v1", api_key="sk-a")
    other_key = OpenAIProvider("a", base_url="https://llm.example/v1", api_key="sk-b")
    other_url = OpenAIProvider("a", base_url="https://llm2.example/v1", api_key="sk-a")
    assert one._client() is same._client()
    assert len({id(p._client()) for p in (one, other_key, other_url)}) == 3
    await transport.close_clients()


async def test_a_call_still_works_through_the_shared_context(loads: list[int]) -> None:
    async with serve_openai() as fake:
        fake.script(Reply(text="fine"))
        provider = OpenAIProvider("fake", base_url=fake.base_url, api_key="sk-x")
        for _ in range(2):
            answer = await provider.chat(ChatRequest("m", [Message("user", "hi")]))
            assert answer.text == "fine"
        await transport.close_clients()
    assert len(loads) == 1


async def test_a_stream_left_early_leaves_the_shared_client_working(loads: list[int]) -> None:
    async with serve_openai() as fake:
        fake.script(Reply(text="one two three four"), Reply(text="after"))
        provider = OpenAIProvider("fake", base_url=fake.base_url, api_key="sk-x")
        events = provider.stream(ChatRequest("m", [Message("user", "hi")]))
        async for _ in events:
            break  # the reader stops at the first event: its response is closed
        await events.aclose()
        answer = await provider.chat(ChatRequest("m", [Message("user", "again")]))
        assert answer.text == "after"
        await transport.close_clients()
