"""Chat routes authenticate outside any transaction of the request's (``Database.read``
for a key, a read session of its own for the cookie): every way in and every refusal."""

from __future__ import annotations

import httpx
import pytest

from tests.agents.builders import make_agent
from tests.answers import assert_error, assert_openai_error
from tests.factories import Factory, Org

KEYS = "/api/v1/auth/api-keys"
SESSION_COOKIE = "flowline_session"


def _chat_url(agent_id: str) -> str:
    return f"/api/v1/agents/{agent_id}/chat"


async def _key(client: httpx.AsyncClient, org: Org, **body: object) -> dict[str, str]:
    r = await client.post(KEYS, json={"name": "chat key", **body}, headers=org.headers)
    assert r.status_code == 201, r.text
    return dict(r.json()["data"])


@pytest.mark.parametrize("route", ["chat", "completions"])
async def test_a_key_is_checked_on_every_chat_route(
    client: httpx.AsyncClient, factory: Factory, route: str
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    url, body = (
        (_chat_url(agent_id), {"messages": "hi"})
        if route == "chat"
        else (
            "/v1/chat/completions",
            {"model": agent_id, "messages": [{"role": "user", "content": "hi"}]},
        )
    )
    check = assert_error if route == "chat" else assert_openai_error  # /v1/*: OpenAI's body
    made = await _key(client, org)
    bearer = {"Authorization": f"Bearer {made['key']}"}
    assert (await client.post(url, json=body, headers=bearer)).status_code == 200
    assert (
        await client.post(url, json=body, headers={"X-API-Key": made["key"]})
    ).status_code == 200

    check(await client.post(url, json=body), 401, "UNAUTHORIZED")
    bad = {"Authorization": "Bearer not-a-key"}
    check(await client.post(url, json=body, headers=bad), 401, "UNAUTHORIZED")
    unknown = {"Authorization": f"Bearer {made['key'][:-4]}AAAA"}
    check(await client.post(url, json=body, headers=unknown), 401, "UNAUTHORIZED")

    r = await client.delete(f"{KEYS}/{made['id']}", headers=org.headers)
    assert r.status_code == 200, r.text
    r = await client.post(url, json=body, headers=bearer)
    assert "revoked" in check(r, 401, "UNAUTHORIZED")["message"]


async def test_a_key_without_the_chat_scope_is_refused(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    made = await _key(client, org, scopes=["agents:read"])
    r = await client.post(
        _chat_url(agent_id),
        json={"messages": "hi"},
        headers={"Authorization": f"Bearer {made['key']}"},
    )
    assert_error(r, 403, "FORBIDDEN")


async def test_a_logged_in_user_chats_with_the_cookie_and_the_csrf_token(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    r = await client.post(
        "/api/v1/auth/login", json={"email": org.owner.email, "password": org.owner.password}
    )
    assert r.status_code == 200, r.text
    token, csrf = r.cookies[SESSION_COOKIE], r.json()["data"]["csrf_token"]
    client.cookies.clear()
    cookie = {"Cookie": f"{SESSION_COOKIE}={token}"}

    r = await client.post(_chat_url(agent_id), json={"messages": "hi"}, headers=cookie)
    assert_error(r, 403, "CSRF_FAILED")
    r = await client.post(
        _chat_url(agent_id), json={"messages": "hi"}, headers={**cookie, "X-CSRF-Token": csrf}
    )
    assert r.status_code == 200, r.text
    assert r.json()["data"]["message"]["content"] == "echo: hi"
    stale = {"Cookie": f"{SESSION_COOKIE}=nonsense", "X-CSRF-Token": csrf}
    r = await client.post(_chat_url(agent_id), json={"messages": "hi"}, headers=stale)
    assert_error(r, 401, "UNAUTHORIZED")
