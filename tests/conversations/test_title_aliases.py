"""The seed's ``/agent/conversations/{id}/title`` paths answer as ``/conversations/{id}/title``."""

from __future__ import annotations

import httpx

from tests.artifacts.builders import make_conversation
from tests.factories import Factory


async def test_seed_title_paths(client: httpx.AsyncClient, factory: Factory) -> None:
    org, other = await factory.org(), await factory.org()
    conversation = await make_conversation(client, org)
    seed = f"/api/v1/agent/conversations/{conversation}/title"
    r = await client.put(seed, json={"title": "Quarterly plan"}, headers=org.headers)
    assert r.status_code == 200, r.text
    r = await client.get(f"/api/v1/conversations/{conversation}/title", headers=org.headers)
    assert r.json()["data"]["title"] == "Quarterly plan"
    r = await client.get(seed, headers=org.headers)
    assert r.json()["data"]["title"] == "Quarterly plan"
    assert (await client.get(seed, headers=other.headers)).status_code == 404
    r = await client.post(seed + "/generate", headers=org.headers)
    assert r.status_code == 409  # no messages yet, as on the usual path
    assert r.json()["error"] == "CONVERSATION_EMPTY"
