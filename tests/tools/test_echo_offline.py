"""On the offline echo model, the structured routes answer whatever the words:
``capability/plan|retrieve|reflect`` and ``tools/generate`` never 502."""

from __future__ import annotations

import httpx
import pytest

from tests.agents.builders import make_agent
from tests.factories import Factory, Org
from tests.tools.builders import tools_url

ODD_TEXTS = [
    "42",
    '"quoted"',
    "[]",
    "null",
    '{"goal": 1, "steps": []}',
    '{"query": ""}',
    "{not json",
    "Погода в Москве",
    "3 things to do before noon",
    "   spaced   ",
    "_",
    "🙂",
    "see https://{host}/path and https://api.example.com/v1/{id}",
    "x" * 3999,
]


@pytest.fixture
async def agent(client: httpx.AsyncClient, factory: Factory) -> tuple[Org, str]:
    org = await factory.org()
    return org, await make_agent(client, org)


def capability(agent_id: str, what: str) -> str:
    return f"/api/v1/agents/{agent_id}/capability/{what}"


@pytest.mark.parametrize("text", ODD_TEXTS, ids=range(len(ODD_TEXTS)))
async def test_plan(client: httpx.AsyncClient, agent: tuple[Org, str], text: str) -> None:
    org, agent_id = agent
    r = await client.post(capability(agent_id, "plan"), json={"goal": text}, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["steps"]


@pytest.mark.parametrize("text", ODD_TEXTS[:-1], ids=range(len(ODD_TEXTS) - 1))
async def test_retrieve(client: httpx.AsyncClient, agent: tuple[Org, str], text: str) -> None:
    org, agent_id = agent
    url = capability(agent_id, "retrieve")
    r = await client.post(url, json={"query": text}, headers=org.headers)
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("text", ODD_TEXTS, ids=range(len(ODD_TEXTS)))
async def test_reflect(client: httpx.AsyncClient, agent: tuple[Org, str], text: str) -> None:
    org, agent_id = agent
    r = await client.post(capability(agent_id, "reflect"), json={"text": text}, headers=org.headers)
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("text", ODD_TEXTS, ids=range(len(ODD_TEXTS)))
async def test_generate(client: httpx.AsyncClient, agent: tuple[Org, str], text: str) -> None:
    org, agent_id = agent
    r = await client.post(
        tools_url(agent_id, "generate"), json={"description": text}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["data"]["tool"]["kind"] == "http"


async def test_routes_that_call_a_model_document_its_failures(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]
    for path in (
        "/api/v1/agents/{agent_id}/capability/plan",
        "/api/v1/agents/{agent_id}/capability/retrieve",
        "/api/v1/agents/{agent_id}/capability/reflect",
        "/api/v1/agents/{agent_id}/tools/generate",
        "/api/v1/agents/{agent_id}/chat",
    ):
        responses = paths[path]["post"]["responses"]
        assert "PROVIDER_MISCONFIGURED" in responses["502"]["description"], path
        assert "PROVIDER_UNAVAILABLE" in responses["503"]["description"], path
