"""The SDK clients share one TLS context: the CA certificates are loaded once per process."""

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
    for _ in range(3):
        for provider in providers:
            async with provider._client(5.0):
                pass
    assert len(loads) == 1
    context = transport.ssl_context()
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname is True


async def test_a_call_still_works_through_the_shared_context(loads: list[int]) -> None:
    async with serve_openai() as fake:
        fake.script(Reply(text="fine"))
        provider = OpenAIProvider("fake", base_url=fake.base_url, api_key="sk-x")
        for _ in range(2):
            answer = await provider.chat(ChatRequest("m", [Message("user", "hi")]))
            assert answer.text == "fine"
    assert len(loads) == 1
