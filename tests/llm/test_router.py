"""``GET /models``, ``llm/config`` routes, and the ``llm`` node in a flow."""

from __future__ import annotations

from typing import Any

import httpx

from flowline.auth.scopes import Role
from flowline.llm.schemas import MODEL_ID_PATTERN, LlmConfigUpdate
from tests.factories import Factory, Org
from tests.fakes.anthropic_server import FakeAnthropic
from tests.fakes.llm_script import Reply
from tests.fakes.openai_server import FakeOpenAI

KEY = "sk-live-abcdef123456"


async def _models(client: httpx.AsyncClient, org: Org) -> dict[str, dict[str, Any]]:
    r = await client.get("/api/v1/models?size=100", headers=org.headers)
    assert r.status_code == 200, r.text
    return {m["id"]: m for m in r.json()["data"]}


async def _use_openai_fake(client: httpx.AsyncClient, org: Org, fake: FakeOpenAI) -> None:
    body = {
        "name": "openai",
        "kind": "openai",
        "base_url": fake.base_url,
        "api_key": KEY,
        "default_model": "gpt-4o-mini",
    }
    r = await client.post("/api/v1/llm/config/providers", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    r = await client.put("/api/v1/llm/config", json={"mode": "byok"}, headers=org.headers)
    assert r.status_code == 200, r.text


async def test_models_lists_echo_and_the_shipped_table(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    member = await factory.member(org, Role.VIEWER)
    r = await client.get("/api/v1/models", headers=member.headers)
    assert r.status_code == 200, r.text
    assert r.json()["total"] >= 5
    models = await _models(client, org)
    echo = models["flowline/echo"]
    assert echo == {
        "id": "flowline/echo",
        "provider": "flowline",
        "context_window": 1_000_000,
        "supports_tools": True,
        "supports_streaming": True,
        "input_price_per_million": 0.0,
        "output_price_per_million": 0.0,
        "available": True,
        "default": True,
    }
    assert models["openai/gpt-4o-mini"]["input_price_per_million"] == 0.15
    assert models["openai/gpt-4o-mini"]["available"] is False


async def test_provider_config_never_returns_the_key(
    client: httpx.AsyncClient, factory: Factory, openai_fake: FakeOpenAI
) -> None:
    org = await factory.org()
    await _use_openai_fake(client, org, openai_fake)
    r = await client.get("/api/v1/llm/config", headers=org.headers)
    assert r.status_code == 200
    assert KEY not in r.text
    config = r.json()["data"]
    assert config["mode"] == "byok"
    assert config["effective_default_model"] == "openai/gpt-4o-mini"
    (provider,) = config["providers"]
    assert provider["has_key"] is True
    assert provider["last4"] == "3456"
    r = await client.get("/api/v1/llm/config/providers/openai", headers=org.headers)
    assert r.status_code == 200
    assert KEY not in r.text

    # A replace without api_key keeps it; the version moves on.
    body = {"kind": "openai", "base_url": openai_fake.base_url, "expected_version": 1}
    r = await client.put("/api/v1/llm/config/providers/openai", json=body, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["has_key"] is True
    assert r.json()["data"]["version"] == 2
    r = await client.put("/api/v1/llm/config/providers/openai", json=body, headers=org.headers)
    assert r.status_code == 409

    models = await _models(client, org)
    assert models["openai/gpt-4o-mini"]["available"] is True
    assert models["openai/gpt-4o-mini"]["default"] is False  # default_model was cleared

    r = await client.delete("/api/v1/llm/config/providers/openai", headers=org.headers)
    assert r.status_code == 204
    r = await client.get("/api/v1/llm/config/providers/openai", headers=org.headers)
    assert r.status_code == 404
    assert r.json()["error"] == "LLM_PROVIDER_NOT_FOUND"


async def test_writing_config_needs_admin(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    member = await factory.member(org, Role.MEMBER)
    r = await client.put("/api/v1/llm/config", json={"mode": "byok"}, headers=member.headers)
    assert r.status_code == 403
    body = {"name": "a", "kind": "anthropic", "api_key": "sk-ant-xxxxxxxx"}
    r = await client.post("/api/v1/llm/config/providers", json=body, headers=member.headers)
    assert r.status_code == 403
    r = await client.get("/api/v1/llm/config", headers=member.headers)
    assert r.status_code == 200


async def test_config_validation(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    cases = [
        {"name": "ok", "kind": "openai_compatible"},  # needs base_url
        {"name": "ok", "kind": "openai"},  # needs a key
        {"name": "ok", "kind": "openai", "api_key": "k", "base_url": "ftp://x"},
        {"name": "flowline", "kind": "openai", "api_key": "k"},
        {"name": "Bad Name", "kind": "openai", "api_key": "k"},
    ]
    for body in cases:
        r = await client.post("/api/v1/llm/config/providers", json=body, headers=org.headers)
        assert r.status_code == 422, (body, r.text)
    body = {"name": "dup", "kind": "openai_compatible", "base_url": "http://127.0.0.1:1/v1"}
    r = await client.post("/api/v1/llm/config/providers", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    r = await client.post("/api/v1/llm/config/providers", json=body, headers=org.headers)
    assert r.status_code == 409
    r = await client.put("/api/v1/llm/config/providers/none", json=body, headers=org.headers)
    assert r.status_code == 422  # name is not a field of a replace
    del body["name"]
    r = await client.put("/api/v1/llm/config/providers/none", json=body, headers=org.headers)
    assert r.status_code == 404
    r = await client.put("/api/v1/llm/config", json={"default_model": "nope"}, headers=org.headers)
    assert r.status_code == 422


async def test_price_overrides_apply(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    body = {
        "price_overrides": {
            "openai/gpt-4o-mini": {"input_per_million": 1.5},
            "ollama/llama3.1": {"input_per_million": 0.01, "context_window": 8192},
        }
    }
    r = await client.put("/api/v1/llm/config", json=body, headers=org.headers)
    assert r.status_code == 200, r.text
    models = await _models(client, org)
    assert models["openai/gpt-4o-mini"]["input_price_per_million"] == 1.5
    assert models["openai/gpt-4o-mini"]["output_price_per_million"] == 0.6
    assert models["ollama/llama3.1"]["context_window"] == 8192


async def test_test_key_checks_without_storing(
    client: httpx.AsyncClient, factory: Factory, openai_fake: FakeOpenAI
) -> None:
    org = await factory.org()
    openai_fake.keys = {KEY}
    openai_fake.models = ["gpt-4o-mini"]
    body = {"kind": "openai", "base_url": openai_fake.base_url, "api_key": KEY}
    r = await client.post("/api/v1/llm/config/test-key", json=body, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["valid"] is True
    assert r.json()["data"]["models"] == ["gpt-4o-mini"]
    body["api_key"] = "sk-wrong-000000"
    r = await client.post("/api/v1/llm/config/test-key", json=body, headers=org.headers)
    assert r.status_code == 200
    assert r.json()["data"]["valid"] is False
    assert "sk-wrong" not in r.text
    r = await client.get("/api/v1/llm/config", headers=org.headers)
    assert r.json()["data"]["providers"] == []


async def test_test_key_reports_a_busy_or_unreachable_provider(
    client: httpx.AsyncClient, factory: Factory, anthropic_fake: FakeAnthropic
) -> None:
    org = await factory.org()
    anthropic_fake.models_error = Reply(status=529, headers={"retry-after": "30"})
    body = {"kind": "anthropic", "base_url": anthropic_fake.base_url, "api_key": KEY}
    r = await client.post("/api/v1/llm/config/test-key", json=body, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["valid"] is False
    assert r.json()["data"]["status"] == 529
    assert len(anthropic_fake.requests) == 1  # asked once, no retries
    body["base_url"] = "http://127.0.0.1:9"
    r = await client.post("/api/v1/llm/config/test-key", json=body, headers=org.headers)
    assert r.json()["data"]["status"] is None
    assert "could not connect" in r.json()["data"]["message"]


async def test_a_key_a_header_cannot_carry_is_422_naming_it_and_calls_nobody(
    client: httpx.AsyncClient, factory: Factory, openai_fake: FakeOpenAI
) -> None:
    """A key outside printable ASCII never reaches a provider SDK (which cannot encode the
    header: a 500 once): the check and the stored provider refuse it, naming the field."""
    org = await factory.org()
    for key in ("sk-clé-ünïcode-1234", "sk-with space-1234", "sk-\x7f-control-1234"):
        body = {"kind": "openai", "base_url": openai_fake.base_url, "api_key": key}
        r = await client.post("/api/v1/llm/config/test-key", json=body, headers=org.headers)
        assert r.status_code == 422, (key, r.text)
        assert r.json()["details"][0]["field"] == "api_key", r.text
        stored = {"name": "odd", **body}
        r = await client.post("/api/v1/llm/config/providers", json=stored, headers=org.headers)
        assert r.status_code == 422, (key, r.text)
        assert r.json()["details"][0]["field"] == "api_key", r.text
    assert openai_fake.requests == []
    r = await client.get("/api/v1/llm/config", headers=org.headers)
    assert r.json()["data"]["providers"] == []


def test_the_document_states_price_overrides_keys() -> None:
    """Every key of ``price_overrides`` is a model id: a key of another shape is not let
    through with any value (pydantic's ``patternProperties`` would)."""
    schema = LlmConfigUpdate.model_json_schema()["properties"]["price_overrides"]["anyOf"][0]
    assert "patternProperties" not in schema
    assert schema["propertyNames"]["pattern"] == MODEL_ID_PATTERN
    assert schema["additionalProperties"] == {"$ref": "#/$defs/PriceOverride"}
