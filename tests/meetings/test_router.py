"""``/meetings/summarize-transcript`` on the offline echo model."""

from __future__ import annotations

import httpx

from tests.artifacts.builders import make_conversation
from tests.factories import Factory

URL = "/api/v1/meetings/summarize-transcript"
TRANSCRIPT = "Ada: we ship on Friday.\nBob: I will write the release notes by Thursday."


async def test_summary_decisions_and_action_items_become_tasks(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org, other = await factory.org(), await factory.org()
    conversation = await make_conversation(client, org)
    body = {
        "transcript": TRANSCRIPT,
        "title": "Release",
        "conversation_id": conversation,
        "create_tasks": True,
    }
    r = await client.post(URL, json=body, headers=org.headers)
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert isinstance(data["summary"], str)
    assert isinstance(data["decisions"], list)
    assert data["usage"]["model"] == "flowline/echo"
    assert len(data["tasks"]) == len(data["action_items"])
    for task, item in zip(data["tasks"], data["action_items"], strict=True):
        assert (task["type"], task["state"]) == ("task", "open")
        assert task["conversation_id"] == conversation
        assert task["content"]["title"] == item["title"][:300]
    r = await client.post(URL, json=body, headers=other.headers)
    assert r.status_code == 404, r.text
    assert r.json()["details"][0]["field"] == "conversation_id"
    r = await client.post(URL, json={"transcript": ""}, headers=org.headers)
    assert r.status_code == 422
