from __future__ import annotations

import httpx

from tests.agents.builders import make_agent
from tests.factories import Factory


async def test_conversation_crud_and_messages(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    body = {"conversation": {"agent_id": agent_id, "title": "Orders", "metadata": {"k": 1}}}
    r = await client.post("/api/v1/conversations", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    made = r.json()["data"]
    assert made["id"].startswith("cnv_")
    assert made["messages"] == 0
    assert made["busy"] is False
    url = f"/api/v1/conversations/{made['id']}"

    r = await client.put(url, json={"title": "Renamed"}, headers={**org.headers, "If-Match": "1"})
    assert r.status_code == 200, r.text
    assert r.json()["data"]["title"] == "Renamed"
    assert r.json()["data"]["metadata"] == {}
    r = await client.put(url, json={"title": "x", "expected_version": 1}, headers=org.headers)
    assert r.status_code == 409

    for text in ("first", "second"):
        r = await client.post(f"{url}/messages", json={"content": text}, headers=org.headers)
        assert r.status_code == 201, r.text
    messages = (await client.get(f"{url}/messages", headers=org.headers)).json()
    assert [m["content"] for m in messages["data"]] == ["first", "second"]
    assert [m["seq"] for m in messages["data"]] == [1, 2]

    listed = await client.get(
        "/api/v1/conversations", params={"agent_id": agent_id}, headers=org.headers
    )
    assert [c["id"] for c in listed.json()["data"]] == [made["id"]]
    other = await client.get(
        "/api/v1/conversations", params={"agent_id": "agt_x"}, headers=org.headers
    )
    assert other.json()["total"] == 0

    assert (await client.delete(url, headers=org.headers)).status_code == 204
    assert (await client.get(url, headers=org.headers)).status_code == 404
    assert (await client.get(f"{url}/messages", headers=org.headers)).status_code == 404


async def test_conversation_for_unknown_agent_is_404(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.post(
        "/api/v1/conversations", json={"agent_id": "agt_nope"}, headers=org.headers
    )
    assert r.status_code == 404


async def test_text_no_database_can_store_is_refused_at_the_door(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    headers = {**org.headers, "Content-Type": "application/json"}
    for bad in ("nul \\u0000 inside", "lone \\udc00 surrogate"):  # JSON escapes, as sent
        for url, field in (("/api/v1/conversations", "title"), ("/api/v1/agents", "name")):
            body = f'{{"{field}": "{bad}"}}'
            r = await client.post(url, content=body, headers=headers)
            assert r.status_code == 422, r.text  # PostgreSQL refused these with a 500
