"""What the SDKs' HTTP client raises past their own error classes (a key no header
can carry, a URL it cannot parse, a broken connection) reaches callers as a
documented 4xx/502/503, never a 500."""

from __future__ import annotations

import httpx
import httpx2
import pytest
from sqlalchemy import update

from flowline.db.models import LlmProvider
from flowline.llm.anthropic import AnthropicProvider
from flowline.llm.errors import ProviderError, ProviderMisconfigured
from flowline.llm.openai import OpenAIProvider
from flowline.llm.provider import ChatRequest, Message
from flowline.llm.retry import RetryPolicy
from flowline.llm.transport import unsent_failure
from flowline.runtime import Runtime
from tests.agents.builders import make_agent
from tests.answers import assert_error, error_fields
from tests.factories import Factory
from tests.fakes.anthropic_server import FakeAnthropic
from tests.fakes.openai_server import FakeOpenAI

TEST_KEY = "/api/v1/llm/config/test-key"
NOT_ASCII = "sk-ключ-0123456789"
REQUEST = ChatRequest(model="gpt-4o-mini", messages=[Message("user", "hi")])

Provider = OpenAIProvider | AnthropicProvider


def provider(kind: str, base_url: str, api_key: str) -> Provider:
    made = OpenAIProvider if kind == "openai" else AnthropicProvider
    return made("p", base_url=base_url, api_key=api_key, policy=RetryPolicy(max_attempts=3))


@pytest.fixture(params=["openai", "anthropic"])
def fake(
    request: pytest.FixtureRequest, openai_fake: FakeOpenAI, anthropic_fake: FakeAnthropic
) -> tuple[str, FakeOpenAI | FakeAnthropic]:
    return request.param, openai_fake if request.param == "openai" else anthropic_fake


@pytest.mark.parametrize("key", [NOT_ASCII, "sk-\u00e9t\u00e9", "sk-\U0001f511"])
async def test_test_key_refuses_a_key_no_header_can_carry(
    client: httpx.AsyncClient, factory: Factory, fake: tuple[str, FakeOpenAI], key: str
) -> None:
    org = await factory.org()
    kind, server = fake
    body = {"kind": kind, "base_url": server.base_url, "api_key": key}
    r = await client.post(TEST_KEY, json=body, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {"api_key"}
    assert key not in r.text
    r = await client.post(
        "/api/v1/llm/config/providers", json={**body, "name": "x"}, headers=org.headers
    )
    assert error_fields(r) == {"api_key"}
    assert server.requests == []


@pytest.mark.parametrize(
    "base_url", ["http://127.0.0.1:99999/v1", "http://exa mple.com/v1", "http://[::1/v1"]
)
async def test_test_key_refuses_a_base_url_no_request_can_go_to(
    client: httpx.AsyncClient, factory: Factory, base_url: str
) -> None:
    org = await factory.org()
    body = {"kind": "openai", "base_url": base_url, "api_key": "sk-abc"}
    r = await client.post(TEST_KEY, json=body, headers=org.headers)
    assert error_fields(r) == {"base_url"}


async def test_an_unsendable_key_is_a_502_never_retried(openai_fake: FakeOpenAI) -> None:
    # The OpenAI SDK encodes its headers as ASCII (Anthropic's sends UTF-8 bytes, which
    # the provider then refuses like any wrong key: a 401, so a 502 PROVIDER_ERROR).
    adapter = provider("openai", openai_fake.base_url, NOT_ASCII)
    for call in (adapter.list_models, lambda: adapter.chat(REQUEST)):
        with pytest.raises(ProviderMisconfigured) as caught:
            await call()
        assert caught.value.status == 502
        assert caught.value.error_code == "PROVIDER_MISCONFIGURED"
        assert caught.value.retryable is False
        assert NOT_ASCII not in caught.value.message
        assert "ASCII" in caught.value.message
    with pytest.raises(ProviderMisconfigured):
        async for _ in adapter.stream(REQUEST):
            pass
    assert openai_fake.requests == []  # refused before sending, and not tried again


async def test_an_unparsable_base_url_is_a_502(
    fake: tuple[str, FakeOpenAI | FakeAnthropic],
) -> None:
    kind, _ = fake
    with pytest.raises(ProviderMisconfigured):
        await provider(kind, "http://[::1/v1", "sk-abc").list_models()


async def test_a_key_stored_before_the_check_gives_the_chat_a_502(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime, openai_fake: FakeOpenAI
) -> None:
    org = await factory.org()
    body = {"name": "work", "kind": "openai", "base_url": openai_fake.base_url, "api_key": "sk-a"}
    r = await client.post("/api/v1/llm/config/providers", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    r = await client.put("/api/v1/llm/config", json={"mode": "byok"}, headers=org.headers)
    assert r.status_code == 200, r.text
    async with runtime.db.session(write=True) as session:
        await session.execute(
            update(LlmProvider)
            .where(LlmProvider.org_id == org.id, LlmProvider.name == "work")
            .values(ciphertext=runtime.secret_box.encrypt(NOT_ASCII))
        )
    agent_id = await make_agent(client, org, model="work/gpt-4o-mini")
    r = await client.post(
        f"/api/v1/agents/{agent_id}/chat", json={"messages": "hi"}, headers=org.headers
    )
    assert_error(r, 502, "PROVIDER_MISCONFIGURED")
    assert NOT_ASCII not in r.text
    assert openai_fake.requests == []


@pytest.mark.parametrize(
    ("exc", "unsendable", "retryable", "says"),
    [
        (UnicodeEncodeError("ascii", "\u00e9", 0, 1, "no"), True, False, "ASCII"),
        (httpx2.InvalidURL("Invalid port"), True, False, "base URL"),
        (httpx2.LocalProtocolError("Illegal header value"), True, False, "header value"),
        (httpx2.ReadError("reset"), False, True, "connect"),
        (httpx2.ConnectTimeout("slow"), False, True, "timed out"),
        (ConnectionResetError(104, "reset"), False, True, "connect"),
        (ExceptionGroup("attempts", [OSError("refused")]), False, True, "connect"),
    ],
)
def test_each_transport_error_has_its_answer(
    exc: Exception, unsendable: bool, retryable: bool, says: str
) -> None:
    failure = unsent_failure(exc)
    assert failure.unsendable is unsendable
    assert failure.retryable is retryable
    assert says in failure.message
    error = failure.as_error("p")
    assert isinstance(error, ProviderError)
    assert error.status == 502
    assert error.error_code == ("PROVIDER_MISCONFIGURED" if unsendable else "PROVIDER_ERROR")
