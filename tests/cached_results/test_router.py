"""``/conversations/{id}/cached-results/{cache_id}`` and its ``/items``."""

from __future__ import annotations

import httpx

from flowline.cached_results import service
from flowline.runtime import Runtime
from tests.artifacts.builders import make_conversation
from tests.factories import Factory


async def test_a_cached_result_whole_and_by_pages(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org, other = await factory.org(), await factory.org()
    conversation = await make_conversation(client, org)
    payload = {"query": "q", "rows": [{"n": i} for i in range(7)]}
    async with runtime.db.session(write=True) as session:
        row = await service.store(session, org.id, conversation, "crm_search", payload, "call_1")
    url = f"/api/v1/conversations/{conversation}/cached-results/{row.id}"
    r = await client.get(url, headers=org.headers)
    assert r.status_code == 200, r.text
    assert (r.json()["data"]["item_count"], r.json()["data"]["payload"]) == (7, payload)
    r = await client.get(url + "/items?page=1&size=3", headers=org.headers)
    body = r.json()
    assert (body["data"], body["total"], body["pages"]) == ([{"n": 3}, {"n": 4}, {"n": 5}], 7, 3)
    assert (await client.get(url, headers=other.headers)).status_code == 404
    assert (await client.get(url + "/items", headers=other.headers)).status_code == 404
    other_conversation = await make_conversation(client, org)
    r = await client.get(
        f"/api/v1/conversations/{other_conversation}/cached-results/{row.id}", headers=org.headers
    )
    assert r.status_code == 404
    assert r.json()["error"] == "CACHED_RESULT_NOT_FOUND"
