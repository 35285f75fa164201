"""``Authorization: <key>`` without a scheme (seed 004's clients) is a key like
``Bearer`` and ``X-API-Key`` on every way in; nothing else without a scheme is."""

from __future__ import annotations

import json

import httpx
import pytest
from websockets.asyncio.client import connect

from flowline.auth.tokens import new_api_key
from flowline.runtime import Runtime
from tests.agents.builders import make_agent
from tests.events.test_ws import closed_with, receive, run_engine, seqs, ws_url
from tests.factories import Factory, Org
from tests.runs.builders import make_run
from tests.runs.test_stream import lifecycle

KEYS = "/api/v1/auth/api-keys"
__all__ = ["ws_url"]  # the fixture that serves the app for the socket


def bare(key: str) -> dict[str, str]:
    return {"Authorization": key}


def error_code(r: httpx.Response) -> str:
    """The error code in Flowline's body or in OpenAI's (``/v1/*``)."""
    error = r.json()["error"]
    return str(error if isinstance(error, str) else error["code"]).upper()


def assert_unauthorized(r: httpx.Response) -> None:
    assert r.status_code == 401, r.text
    assert error_code(r) == "UNAUTHORIZED"


async def chat_routes(client: httpx.AsyncClient, org: Org) -> list[tuple[str, dict[str, object]]]:
    agent_id = await make_agent(client, org)
    return [
        (f"/api/v1/agents/{agent_id}/chat", {"messages": "hi"}),
        (
            "/v1/chat/completions",
            {"model": agent_id, "messages": [{"role": "user", "content": "hi"}]},
        ),
    ]


async def test_a_bare_key_is_accepted_on_json_and_chat_routes(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    key = org.owner.api_key
    r = await client.get("/api/v1/auth/me", headers=bare(key))
    assert r.status_code == 200, r.text
    assert r.json()["data"]["user"]["id"] == org.owner.user_id
    r = await client.post("/api/v1/kv", json={"key": "k", "value": 1}, headers=bare(key))
    assert r.status_code in (200, 201), r.text
    # Surrounding blanks are not part of the key (some clients pad header values).
    r = await client.get("/api/v1/kv/k", headers=bare(f" {key} "))
    assert r.status_code == 200, r.text
    for url, body in await chat_routes(client, org):  # the chat's own authentication path
        r = await client.post(url, json=body, headers=bare(key))
        assert r.status_code == 200, (url, r.text)


@pytest.mark.parametrize(
    "value",
    [
        "garbage",
        "flk_short",
        "Basic dXNlcjpwYXNz",
        "Token {key}",
        "{key} extra",
        "{key_bad_checksum}",
        "Bearer",
    ],
)
async def test_anything_else_in_authorization_is_401(
    client: httpx.AsyncClient, factory: Factory, value: str
) -> None:
    org = await factory.org()
    key = org.owner.api_key
    flipped = "A" if key[-1] != "A" else "B"
    header = value.format(key=key, key_bad_checksum=key[:-1] + flipped)
    assert_unauthorized(await client.get("/api/v1/auth/me", headers=bare(header)))
    for url, body in await chat_routes(client, org):
        assert_unauthorized(await client.post(url, json=body, headers=bare(header)))


async def test_a_well_formed_bare_key_that_is_unknown_or_revoked_is_401(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    assert_unauthorized(await client.get("/api/v1/auth/me", headers=bare(new_api_key())))
    r = await client.post(KEYS, json={"name": "bare"}, headers=org.headers)
    made = r.json()["data"]
    assert (await client.get("/api/v1/auth/me", headers=bare(made["key"]))).status_code == 200
    r = await client.delete(f"{KEYS}/{made['id']}", headers=org.headers)
    assert r.status_code == 200, r.text
    assert_unauthorized(await client.get("/api/v1/auth/me", headers=bare(made["key"])))
    for url, body in await chat_routes(client, org):
        assert_unauthorized(await client.post(url, json=body, headers=bare(made["key"])))


async def test_a_bare_key_keeps_its_scopes(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.post(KEYS, json={"name": "ro", "scopes": ["kv:read"]}, headers=org.headers)
    key = r.json()["data"]["key"]
    assert (await client.get("/api/v1/kv", headers=bare(key))).status_code == 200
    r = await client.post("/api/v1/kv", json={"key": "k", "value": 1}, headers=bare(key))
    assert r.status_code == 403, r.text


async def test_a_bare_key_opens_the_websocket(
    ws_url: str, factory: Factory, runtime: Runtime, client: httpx.AsyncClient
) -> None:
    org = await factory.org()
    run_id = await make_run(client, runtime, org)
    async with connect(ws_url, additional_headers=bare(org.owner.api_key)) as ws:
        await ws.send(json.dumps({"subscribe": {"run": run_id}}))
        await run_engine(runtime, org, run_id, lifecycle(org)[:1])
        assert seqs([await receive(ws)]) == [(1, "run.started")]
    assert await closed_with(ws_url, additional_headers=bare("garbage")) == 4401


async def test_openapi_describes_the_bare_key(client: httpx.AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()
    scheme = schema["components"]["securitySchemes"]["bareKey"]
    assert scheme == {**scheme, "type": "apiKey", "in": "header", "name": "Authorization"}
    assert {"bareKey": []} in schema["paths"]["/api/v1/kv"]["get"]["security"]
