"""Model ids, the instance's provider, prices and the retry rules, without a network."""

from __future__ import annotations

from decimal import Decimal

import pytest
from cryptography.fernet import Fernet

from flowline.config import Settings
from flowline.errors import MissingReference, ValidationFailed
from flowline.llm import pricing
from flowline.llm.echo import EchoProvider
from flowline.llm.openai import OpenAIProvider
from flowline.llm.provider import Usage
from flowline.llm.registry import ProviderConfig, Registry, platform_config
from flowline.llm.retry import Failure, RetryPolicy, parse_retry_after


def _settings(**values: str) -> Settings:
    return Settings(_env_file=None, secret_key=Fernet.generate_key().decode(), **values)  # type: ignore[call-arg]


def test_resolving_model_ids() -> None:
    registry = Registry([ProviderConfig("openrouter", "openai_compatible", "http://x/v1")])
    provider, model = registry.resolve("openrouter/meta-llama/llama-3-70b")
    assert isinstance(provider, OpenAIProvider)
    assert model == "meta-llama/llama-3-70b"
    assert registry.resolve("openrouter/a")[0] is provider
    echo, name = registry.resolve("flowline/echo")
    assert isinstance(echo, EchoProvider)
    assert name == "echo"
    for bad in ("gpt-4o", "/x", "openai/"):
        with pytest.raises(ValidationFailed) as raised:
            registry.resolve(bad)
        assert raised.value.error_code == "MODEL_NOT_FOUND"
    with pytest.raises(MissingReference) as missing:  # well formed, no such provider
        registry.resolve("nowhere/model")
    assert (missing.value.status, missing.value.error_code) == (404, "MODEL_NOT_FOUND")


def test_the_instance_provider_comes_from_the_environment() -> None:
    assert platform_config(_settings()) is None
    openai = platform_config(_settings(llm_api_key="sk-x"))
    assert openai is not None
    assert (openai.name, openai.kind, openai.default_model) == (
        "openai",
        "openai",
        "openai/gpt-4o-mini",
    )
    ollama = platform_config(
        _settings(llm_base_url="http://localhost:11434/v1", llm_model="ollama/llama3.1")
    )
    assert ollama is not None
    assert (ollama.name, ollama.kind) == ("ollama", "openai_compatible")
    claude = platform_config(_settings(llm_api_key="k", llm_model="anthropic/claude-sonnet-4-0"))
    assert claude is not None
    assert claude.kind == "anthropic"


def test_prices_overrides_and_kinds() -> None:
    mini = pricing.lookup("openai/gpt-4o-mini")
    assert mini.cost(Usage(2_000_000, 1_000_000)) == Decimal("0.90")
    assert pricing.lookup("work/gpt-4o-mini", kind="openai").input_per_million == Decimal("0.15")
    unknown = pricing.lookup("ollama/llama3.1")
    assert unknown.cost(Usage(10**9, 10**9)) == 0
    priced = pricing.lookup("ollama/llama3.1", {"ollama/llama3.1": {"output_per_million": 2}})
    assert priced.cost(Usage(0, 500_000)) == Decimal(1)
    assert pricing.lookup("flowline/echo").cost(Usage(10**6, 10**6)) == 0


def test_retry_rules() -> None:
    policy = RetryPolicy()
    assert policy.wait_before(1, Failure("x", status=400)) is None
    assert policy.wait_before(1, Failure("x", status=429, retry_after=5)) == 5
    assert policy.wait_before(1, Failure("x", status=429, retry_after=31)) is None
    assert policy.wait_before(3, Failure("x", status=500)) is None
    wait = policy.wait_before(2, Failure("x"))
    assert wait is not None
    assert 0 <= wait <= 1.0
    assert parse_retry_after({"Retry-After-Ms": "250", "Retry-After": "1"}) == 0.25
    assert parse_retry_after({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}) is None
    assert parse_retry_after(None) is None
