"""An agent's context: its blocks in the documented order with real token counts, built as
the chat turn builds its system prompt, dynamic blocks preloaded into their cache."""

from __future__ import annotations

import httpx

from tests.factories import Factory, Org
from tests.fakes.llm_script import Reply
from tests.fakes.openai_server import serve_openai
from tests.tools.builders import fake_model_agent, problem_fields


async def blocks_of(client: httpx.AsyncClient, org: Org) -> None:
    for body in (
        {"name": "refunds", "body": "Refunds take 5 days."},
        {
            "name": "motd",
            "kind": "dynamic",
            "source": {"type": "kv", "key": "motd"},
            "body": "Today: {{ data }}",
            "ttl_seconds": 3600,
        },
    ):
        r = await client.post("/api/v1/prompt-blocks", json=body, headers=org.headers)
        assert r.status_code == 201, r.text
    r = await client.post(
        "/api/v1/kv", json={"key": "motd", "value": "sale on books"}, headers=org.headers
    )
    assert r.status_code in (200, 201), r.text


async def test_blocks_in_order_with_token_counts_as_the_turn_sees_them(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    await blocks_of(client, org)
    async with serve_openai() as fake:
        agent = await fake_model_agent(client, org, fake)
        url = f"/api/v1/agents/{agent}"
        config = {"instructions": "Be brief.", "prompt_blocks": ["refunds", "motd", "nope"]}
        r = await client.patch(f"{url}/config", json=config, headers=org.headers)
        assert problem_fields(r) == ["config.prompt_blocks[2]"]
        config = {**config, "prompt_blocks": ["refunds", "motd"], "skills": ["flow-capi"]}
        r = await client.patch(f"{url}/config", json=config, headers=org.headers)
        assert r.status_code == 200, r.text

        r = await client.get(f"{url}/context/blocks", headers=org.headers)
        assert r.status_code == 200, r.text
        listed = r.json()["data"]
        assert listed["tokenizer"] == "cl100k_base"
        shown = [(b["name"], b["kind"], b["tokens"]) for b in listed["blocks"]]
        assert shown[:3] == [
            ("instructions", "instructions", 3),  # "Be brief.": 3 tokens, 2 words
            ("refunds", "prompt_block", 15),
            ("motd", "prompt_block", None),  # dynamic, not rendered yet: nothing fetched
        ]
        assert shown[3][:2] == ("skills", "skills")
        assert listed["total_tokens"] == sum(b[2] or 0 for b in shown)

        r = await client.post(f"{url}/context/blocks/build", headers=org.headers)
        assert r.status_code == 200, r.text
        built = r.json()["data"]
        motd = built["blocks"][2]
        assert (motd["content"], motd["cached"]) == ("<motd>\nToday: sale on books\n</motd>", False)
        assert built["system_prompt"].startswith(
            "Be brief.\n\n<refunds>\nRefunds take 5 days.\n</refunds>\n\n<motd>"
        )

        # The chat turn puts the very same system prompt before the conversation.
        fake.script(Reply(text="Hi."))
        r = await client.post(f"{url}/chat", json={"messages": "hi"}, headers=org.headers)
        assert r.status_code == 200, r.text
        [request] = fake.chats()
        assert request.body["messages"][0] == {
            "role": "system",
            "content": built["system_prompt"],
        }

        r = await client.post(
            f"{url}/context/blocks/build", json={"blocks": ["refunds"]}, headers=org.headers
        )
        assert [b["name"] for b in r.json()["data"]["blocks"]] == ["refunds"]


async def test_preload_warms_the_dynamic_blocks(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    await blocks_of(client, org)
    body = {"name": "helper", "config": {"prompt_blocks": ["motd", "refunds"]}}
    r = await client.post("/api/v1/agents", json=body, headers=org.headers)
    agent = r.json()["data"]["id"]
    url = f"/api/v1/agents/{agent}/context"
    r = await client.post(f"{url}/preload", headers=org.headers)
    assert r.status_code == 200, r.text
    assert (r.json()["data"]["preloaded"], r.json()["data"]["fresh"]) == (["motd"], [])
    r = await client.post(f"{url}/preload", headers=org.headers)
    assert (r.json()["data"]["preloaded"], r.json()["data"]["fresh"]) == ([], ["motd"])
    r = await client.get(f"{url}/blocks", headers=org.headers)
    motd = r.json()["data"]["blocks"][0]
    assert (motd["cached"], motd["tokens"] > 0) == (True, True)
    r = await client.post(f"{url}/preload", json={"refresh": True}, headers=org.headers)
    assert r.json()["data"]["preloaded"] == ["motd"]


async def test_another_organisations_agent_is_not_found(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    mine, theirs = await factory.org(), await factory.org()
    r = await client.post("/api/v1/agents", json={"name": "theirs"}, headers=theirs.headers)
    agent = r.json()["data"]["id"]
    url = f"/api/v1/agents/{agent}/context"
    for method, path in [("GET", "/blocks"), ("POST", "/blocks/build"), ("POST", "/preload")]:
        r = await client.request(method, f"{url}{path}", headers=mine.headers)
        assert r.status_code == 404, (path, r.text)
