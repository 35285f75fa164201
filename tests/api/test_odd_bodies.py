"""A body that cannot be parsed answers ``400 INVALID_JSON``, whatever the reason.

Python's JSON parser fails in four ways (a syntax error, bytes that are not
UTF-8, nesting past the recursion limit, an integer past the digit limit); each
must reach the client as the same documented error, on every family of routes.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.agents.builders import make_agent
from tests.factories import Factory, Org
from tests.runs.builders import make_flow

ODD_BODIES = {
    "syntax": b'{"key": "a", "value": ',
    "not_utf8": b'{"key": "a", "value": "\xff\xfe caf\xe9"}',
    "deep": b"[" * 10_000 + b"]" * 10_000,
    "deep_in_object": b'{"key": "a", "value": ' + b"[" * 10_000 + b"]" * 10_000 + b"}",
    "long_number": b'{"key": "a", "value": ' + b"7" * 5_000 + b"}",
}
JSON = {"Content-Type": "application/json"}


def error_code(r: httpx.Response) -> str:
    """The error code in Flowline's body or in OpenAI's (``/v1/*``)."""
    error: Any = r.json()["error"]
    return str(error if isinstance(error, str) else error["code"]).upper()


def assert_invalid_json(r: httpx.Response) -> None:
    assert r.status_code == 400, r.text
    assert error_code(r) == "INVALID_JSON", r.text


@pytest.mark.parametrize("body", ODD_BODIES.values(), ids=list(ODD_BODIES))
async def test_a_json_route(client: httpx.AsyncClient, factory: Factory, body: bytes) -> None:
    org = await factory.org()
    r = await client.post("/api/v1/kv", content=body, headers={**org.headers, **JSON})
    assert_invalid_json(r)
    assert r.json()["details"] == [{"field": "body", "problem": "not valid JSON"}]
    # Nothing was stored.
    assert (await client.get("/api/v1/kv/a", headers=org.headers)).status_code == 404


@pytest.mark.parametrize("body", ODD_BODIES.values(), ids=list(ODD_BODIES))
async def test_a_create_route(client: httpx.AsyncClient, factory: Factory, body: bytes) -> None:
    org = await factory.org()
    r = await client.post("/api/v1/flows", content=body, headers={**org.headers, **JSON})
    assert_invalid_json(r)


@pytest.fixture
async def agent(client: httpx.AsyncClient, factory: Factory) -> tuple[Org, str]:
    org = await factory.org()
    return org, await make_agent(client, org)


@pytest.mark.parametrize("body", ODD_BODIES.values(), ids=list(ODD_BODIES))
async def test_the_chat_route(
    client: httpx.AsyncClient, agent: tuple[Org, str], body: bytes
) -> None:
    org, agent_id = agent
    url = f"/api/v1/agents/{agent_id}/chat"
    assert_invalid_json(await client.post(url, content=body, headers={**org.headers, **JSON}))


@pytest.mark.parametrize("body", ODD_BODIES.values(), ids=list(ODD_BODIES))
async def test_the_openai_compatible_route(
    client: httpx.AsyncClient, agent: tuple[Org, str], body: bytes
) -> None:
    org, _ = agent
    r = await client.post("/v1/chat/completions", content=body, headers={**org.headers, **JSON})
    assert_invalid_json(r)


@pytest.mark.parametrize("body", ODD_BODIES.values(), ids=list(ODD_BODIES))
async def test_a_hook(client: httpx.AsyncClient, factory: Factory, body: bytes) -> None:
    org = await factory.org()
    r = await client.post(f"/api/v1/flows/{await make_flow(client, org)}/hook", headers=org.headers)
    token = r.json()["data"]["token"]
    assert_invalid_json(await client.post(f"/api/v1/hooks/{token}", content=body, headers=JSON))
