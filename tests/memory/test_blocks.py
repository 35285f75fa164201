"""``/api/v1/memory/blocks``: compare-and-set on version, character limits, blocks of the
agent and of one person, and another organisation's refusal."""

from __future__ import annotations

from typing import Any

import httpx

from tests.agents.builders import make_agent
from tests.factories import Factory, Org

BLOCKS = "/api/v1/memory/blocks"


async def put(
    client: httpx.AsyncClient,
    org: Org,
    type_: str,
    body: dict[str, Any],
    headers: dict[str, str] | None = None,
    **params: str,
) -> httpx.Response:
    return await client.put(
        f"{BLOCKS}/{type_}", json=body, params=params, headers={**org.headers, **(headers or {})}
    )


async def test_a_block_is_changed_only_at_the_version_read(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    r = await put(client, org, "persona", {"value": "I am Ada."}, agent_id=agent_id)
    assert r.status_code == 201, r.text
    made = r.json()["data"]
    assert (made["version"], made["limit"], made["chars"]) == (1, 5000, 9)
    assert made["user_id"] is None
    assert made["updated_by"] == f"user:{org.owner.user_id}"
    assert r.headers["ETag"] == '"1"'

    # Changing an existing block needs the version read.
    r = await put(client, org, "persona", {"value": "I am Grace."}, agent_id=agent_id)
    assert r.status_code == 428
    assert r.json()["details"][0]["field"] == "expected_version"
    r = await put(
        client, org, "persona", {"value": "I am Grace."}, {"If-Match": '"1"'}, agent_id=agent_id
    )
    assert r.status_code == 200, r.text
    assert r.json()["data"]["version"] == 2
    # A stale write loses, and is told the current block.
    r = await put(
        client, org, "persona", {"value": "stale", "expected_version": 1}, agent_id=agent_id
    )
    assert r.status_code == 409
    body = r.json()
    assert body["error"] == "MEMORY_BLOCK_VERSION_CONFLICT"
    assert body["details"][0]["current"]["value"] == "I am Grace."
    assert body["details"][0]["current"]["version"] == 2
    assert r.headers["ETag"] == '"2"'
    r = await put(client, org, "persona", {"value": "x", "expected_version": 0}, agent_id=agent_id)
    assert r.status_code == 409  # "only if absent"

    got = await client.get(f"{BLOCKS}/persona", params={"agent_id": agent_id}, headers=org.headers)
    assert got.json()["data"]["value"] == "I am Grace."
    assert got.headers["ETag"] == '"2"'
    url = f"{BLOCKS}/persona?agent_id={agent_id}"
    r = await client.delete(url, headers={**org.headers, "If-Match": "1"})
    assert r.status_code == 409
    r = await client.delete(url, headers={**org.headers, "If-Match": "2"})
    assert r.status_code == 204
    r = await client.get(url, headers=org.headers)
    assert r.status_code == 404
    assert r.json()["error"] == "MEMORY_BLOCK_NOT_FOUND"


async def test_character_limits_hold(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    r = await put(client, org, "notes", {"value": "x" * 5001}, agent_id=agent_id)
    assert r.status_code == 422
    assert r.json()["details"][0]["field"] == "value"
    r = await put(client, org, "notes", {"value": "0123456789", "limit": 10}, agent_id=agent_id)
    assert r.status_code == 201, r.text
    r = await put(
        client, org, "notes", {"value": "0123456789A", "expected_version": 1}, agent_id=agent_id
    )
    assert r.status_code == 422
    assert "limit is 10" in r.json()["message"]
    r = await put(
        client,
        org,
        "notes",
        {"value": "0123456789", "limit": 5, "expected_version": 1},
        agent_id=agent_id,
    )
    assert r.status_code == 422  # a lower limit must still hold the value
    r = await put(client, org, "notes", {"value": "x", "limit": 100_001}, agent_id=agent_id)
    assert r.status_code == 422
    got = await client.get(f"{BLOCKS}/notes?agent_id={agent_id}", headers=org.headers)
    assert got.json()["data"]["version"] == 1  # nothing refused changed it


async def test_human_blocks_are_per_person(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    ada = await factory.member(org)
    agent_id = await make_agent(client, org)
    r = await put(client, org, "human", {"value": "?"}, agent_id=agent_id)
    assert r.status_code == 422
    assert r.json()["details"][0]["field"] == "person_id"
    owner = org.owner.user_id
    for user_id, value in ((owner, "The owner."), (ada.user_id, "Ada, likes tea.")):
        r = await put(client, org, "human", {"value": value}, agent_id=agent_id, person_id=user_id)
        assert r.status_code == 201, r.text
    r = await put(client, org, "human", {"value": "?"}, agent_id=agent_id, person_id="usr_nobody")
    assert r.status_code == 404
    assert r.json()["error"] == "USER_NOT_FOUND"
    r = await put(
        client, org, "human", {"value": "?"}, agent_id=agent_id, person_id="agt_notaperson"
    )
    assert r.status_code == 422
    await put(client, org, "persona", {"value": "Helpful."}, agent_id=agent_id)

    r = await client.get(
        f"{BLOCKS}/human",
        params={"agent_id": agent_id, "person_id": ada.user_id},
        headers=org.headers,
    )
    assert r.json()["data"]["value"] == "Ada, likes tea."
    r = await client.get(BLOCKS, params={"agent_id": agent_id}, headers=org.headers)
    assert r.json()["total"] == 3
    r = await client.get(BLOCKS, params={"person_id": ada.user_id}, headers=org.headers)
    assert [(b["type"], b["user_id"]) for b in r.json()["data"]] == [("human", ada.user_id)]
    r = await client.put(
        f"{BLOCKS}/Not-A-Type?agent_id={agent_id}", json={"value": "x"}, headers=org.headers
    )
    assert r.status_code == 422


async def test_another_organisation_sees_and_changes_nothing(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org, other = await factory.org(), await factory.org()
    agent_id = await make_agent(client, org)
    await put(client, org, "persona", {"value": "Ours."}, agent_id=agent_id)
    theirs = await make_agent(client, other)
    url = f"{BLOCKS}/persona?agent_id={agent_id}"
    for answer in (
        await client.get(url, headers=other.headers),
        await client.put(
            url, json={"value": "Theirs.", "expected_version": 1}, headers=other.headers
        ),
        await client.delete(url, headers=other.headers),
    ):
        assert answer.status_code == 404
        assert answer.json()["error"] == "AGENT_NOT_FOUND"
    r = await client.get(BLOCKS, params={"agent_id": agent_id}, headers=other.headers)
    assert r.json()["data"] == []
    # Their agent cannot be given a block about one of our users.
    r = await put(
        client, other, "human", {"value": "?"}, agent_id=theirs, person_id=org.owner.user_id
    )
    assert r.status_code == 404
    got = await client.get(url, headers=org.headers)
    assert got.json()["data"]["value"] == "Ours."
