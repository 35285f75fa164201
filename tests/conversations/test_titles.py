from __future__ import annotations

import httpx
import pytest

from flowline.conversations.titles import TITLE_PROMPT, clean_title
from flowline.runtime import Runtime
from tests.conversations.builders import (
    FAKE_MODEL,
    conversation_with,
    usage_rows,
    use_fake_models,
)
from tests.factories import Factory
from tests.fakes.llm_script import Reply
from tests.fakes.openai_server import FakeOpenAI


async def test_get_and_put_title(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    _, conversation_id = await conversation_with(client, org, [])
    url = f"/api/v1/conversations/{conversation_id}"
    r = await client.put(url, json={"title": "t", "metadata": {"keep": True}}, headers=org.headers)
    assert r.json()["data"]["version"] == 2
    got = (await client.get(f"{url}/title", headers=org.headers)).json()["data"]
    assert got == {"conversation_id": conversation_id, "title": "t", "version": 2}

    r = await client.put(
        f"{url}/title", json={"title": "Orders"}, headers={**org.headers, "If-Match": "2"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["data"] == {"conversation_id": conversation_id, "title": "Orders", "version": 3}
    whole = (await client.get(url, headers=org.headers)).json()["data"]
    assert whole["metadata"] == {"keep": True}  # the title alone changed
    r = await client.put(
        f"{url}/title", json={"title": "x", "expected_version": 2}, headers=org.headers
    )
    assert r.status_code == 409
    for bad in ({"title": "x" * 201}, {}, {"title": "x", "other": 1}):
        r = await client.put(f"{url}/title", json=bad, headers=org.headers)
        assert r.status_code == 422, bad
    assert (await client.get(f"{url}/title", headers=org.headers)).json()["data"][
        "title"
    ] == "Orders"
    other = await factory.org()
    assert (await client.get(f"{url}/title", headers=other.headers)).status_code == 404


@pytest.mark.parametrize(
    ("answer", "title"),
    [
        ('  "Parcel tracking for order 42"\nA second line', "Parcel tracking for order 42"),
        ("Title: **Refund   request**", "Refund request"),
        ("\u201cR\u00e9sum\u00e9 de commande\u201d", "R\u00e9sum\u00e9 de commande"),
        ("\n\n", ""),
    ],
)
def test_clean_title(answer: str, title: str) -> None:
    assert clean_title(answer) == title


async def test_generate_with_the_agents_model(
    client: httpx.AsyncClient, factory: Factory, openai_fake: FakeOpenAI, runtime: Runtime
) -> None:
    org = await factory.org()
    await use_fake_models(client, org, openai_fake)
    agent_id, conversation_id = await conversation_with(
        client,
        org,
        [("user", "Where is my parcel 42?"), ("assistant", "It left the depot.")],
        model=FAKE_MODEL,
    )
    openai_fake.script(Reply(text='"Parcel 42 whereabouts"', input_tokens=40, output_tokens=5))
    url = f"/api/v1/conversations/{conversation_id}/title"
    r = await client.post(f"{url}/generate", headers=org.headers)
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["title"] == "Parcel 42 whereabouts"
    assert data["version"] == 2
    assert data["usage"]["model"] == FAKE_MODEL
    assert (data["usage"]["input_tokens"], data["usage"]["output_tokens"]) == (40, 5)
    assert data["usage"]["cost"] == pytest.approx((40 * 0.15 + 5 * 0.60) / 1_000_000)
    (sent,) = openai_fake.chats()
    assert sent.body["model"] == "gpt-4o-mini"
    system, user = sent.body["messages"]
    assert system == {"role": "system", "content": TITLE_PROMPT}
    assert user["content"] == "user: Where is my parcel 42?\nassistant: It left the depot."
    assert (await client.get(url, headers=org.headers)).json()["data"]["title"] == data["title"]
    (usage,) = await usage_rows(runtime, org)
    assert (usage.agent_id, usage.model, usage.input_tokens) == (agent_id, FAKE_MODEL, 40)

    openai_fake.script(Reply(text="wordy " * 100))
    data = (await client.post(f"{url}/generate", headers=org.headers)).json()["data"]
    assert data["title"] == ("wordy " * 34)[:200]  # cut at 200 characters
    assert len(data["title"]) == 200


async def test_generate_failures_keep_the_title(
    client: httpx.AsyncClient, factory: Factory, openai_fake: FakeOpenAI, runtime: Runtime
) -> None:
    org = await factory.org()
    await use_fake_models(client, org, openai_fake)
    _, empty = await conversation_with(client, org, [], model=FAKE_MODEL)
    r = await client.post(f"/api/v1/conversations/{empty}/title/generate", headers=org.headers)
    assert r.status_code == 409
    assert r.json()["error"] == "CONVERSATION_EMPTY"
    assert openai_fake.chats() == []

    _, conversation_id = await conversation_with(client, org, [("user", "hi")], model=FAKE_MODEL)
    url = f"/api/v1/conversations/{conversation_id}/title"
    openai_fake.script(Reply(status=400, message="bad request"))
    r = await client.post(f"{url}/generate", headers=org.headers)
    assert r.status_code == 502, r.text
    openai_fake.script(Reply(text="  \n "))
    r = await client.post(f"{url}/generate", headers=org.headers)
    assert r.status_code == 502, r.text
    assert (await client.get(url, headers=org.headers)).json()["data"] == {
        "conversation_id": conversation_id,
        "title": "t",
        "version": 1,
    }
    assert len(await usage_rows(runtime, org)) == 1  # the empty answer was still paid for


async def test_generate_with_echo_offline(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    _, conversation_id = await conversation_with(client, org, [("user", "plan a trip")])
    r = await client.post(
        f"/api/v1/conversations/{conversation_id}/title/generate", headers=org.headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["data"]["title"] == "echo: user: plan a trip"
