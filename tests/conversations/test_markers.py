from __future__ import annotations

import httpx

from tests.agents.builders import make_agent
from tests.conversations.builders import chat
from tests.factories import Factory


async def test_turns_and_summaries_in_order(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, tools=["kv_set"])
    first = await chat(client, org, agent_id, "  hello\n there  ")
    thread = first["thread_id"]
    url = f"/api/v1/conversations/{thread}"
    await client.post(f"{url}/messages", json={"content": "a note"}, headers=org.headers)
    second = await chat(client, org, agent_id, 'call kv_set {"key": "m", "value": 1}', thread)
    r = await client.post(f"{url}/compress", json={"keep_recent": 1}, headers=org.headers)
    assert r.json()["data"]["compacted"] is True
    long_text = "word " * 40
    third = await chat(client, org, agent_id, long_text, thread)

    r = await client.get(f"{url}/markers", headers=org.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    marks = [(m["type"], m["seq"], m["label"], m["ref_id"]) for m in body["data"]]
    assert marks == [
        ("turn", 1, "hello there", first["metadata"]["run_id"]),
        ("turn", 4, 'call kv_set {"key": "m", "value": 1}', second["metadata"]["run_id"]),
        ("summary", 8, "Summary of messages 1 to 6", r.json()["data"][2]["ref_id"]),
        ("turn", 9, ("word " * 16)[:79] + "…", third["metadata"]["run_id"]),
    ]
    assert body["data"][0]["run_id"] == first["metadata"]["run_id"]
    assert body["data"][2]["run_id"] is None
    assert body["total"] == 4
    page = (await client.get(f"{url}/markers?size=2&page=1", headers=org.headers)).json()
    assert [m["seq"] for m in page["data"]] == [8, 9]
    other = await factory.org()
    assert (await client.get(f"{url}/markers", headers=other.headers)).status_code == 404
