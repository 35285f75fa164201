from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from flowline.conversations.compaction import (
    SUMMARY_PROMPT,
    compact_if_needed,
    cut_index,
    estimate_tokens,
    model_messages,
)
from flowline.db.models import ConversationMessage
from flowline.llm.pricing import ModelInfo
from flowline.runtime import Runtime
from tests.agents.builders import hold_echo
from tests.conversations.builders import (
    FAKE_MODEL,
    chat,
    conversation_with,
    messages_of,
    usage_rows,
    use_fake_models,
)
from tests.factories import Factory, Org
from tests.fakes.llm_script import Reply
from tests.fakes.openai_server import FakeOpenAI

ECHO = ModelInfo(id="flowline/echo", provider="flowline", context_window=None)


def _row(seq: int, role: str, calls: bool = False) -> ConversationMessage:
    return ConversationMessage(
        seq=seq,
        role=role,
        kind="message",
        content=f"m{seq}",
        tool_calls=[{"id": f"c{seq}", "name": "kv_get", "arguments": {}}] if calls else None,
    )


def test_the_cut_never_parts_a_call_from_its_results() -> None:
    rows = [
        _row(1, "user"),
        _row(2, "assistant", calls=True),
        _row(3, "tool"),
        _row(4, "tool"),
        _row(5, "assistant"),
        _row(6, "user"),
        _row(7, "assistant"),
    ]
    assert cut_index(rows, 2) == 5
    assert cut_index(rows, 4) == 1  # would start at a tool result: keeps its call too
    assert cut_index(rows, 5) == 1
    assert cut_index(rows, 6) == 1
    assert cut_index(rows, 7) == 0
    assert cut_index(rows, 0) == 7
    assert cut_index([_row(1, "assistant", calls=True), _row(2, "tool")], 1) == 0
    assert estimate_tokens(rows[:1], "x" * 40) == (2 + 40) // 4 + 8


def _pairs(count: int) -> list[tuple[str, str]]:
    return [
        (role, f"{role} message {i}") for i in range(1, count + 1) for role in ("user", "assistant")
    ]


async def _compress(
    client: httpx.AsyncClient, org: Org, conversation_id: str, **body: Any
) -> httpx.Response:
    return await client.post(
        f"/api/v1/conversations/{conversation_id}/compress", json=body, headers=org.headers
    )


async def test_compress_summarises_old_messages_and_keeps_recent(
    client: httpx.AsyncClient, factory: Factory, openai_fake: FakeOpenAI, runtime: Runtime
) -> None:
    org = await factory.org()
    await use_fake_models(client, org, openai_fake)
    agent_id, conversation_id = await conversation_with(
        client, org, _pairs(5), model=FAKE_MODEL, instructions="Be brief."
    )
    openai_fake.script(Reply(text="The user sent messages 1 to 3.", input_tokens=90))
    r = await _compress(client, org, conversation_id, keep_recent=4)
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert (data["compacted"], data["summarised"], data["kept"]) == (True, 6, 4)
    summary = data["summary"]
    assert summary["seq"] == 11
    assert (summary["role"], summary["kind"]) == ("system", "summary")
    assert (summary["summary_from_seq"], summary["summary_to_seq"]) == (1, 6)
    assert summary["content"] == (
        "Summary of messages 1 to 6 of this conversation:\n\nThe user sent messages 1 to 3."
    )
    assert summary["model"] == FAKE_MODEL
    assert data["usage"]["input_tokens"] == 90
    (sent,) = openai_fake.chats()
    assert sent.body["messages"][0] == {"role": "system", "content": SUMMARY_PROMPT}
    transcript = sent.body["messages"][1]["content"]
    assert transcript.splitlines() == [
        "user: user message 1",
        "assistant: assistant message 1",
        "user: user message 2",
        "assistant: assistant message 2",
        "user: user message 3",
        "assistant: assistant message 3",
    ]

    # History keeps everything; the model sees the summary and what follows it.
    assert [m["seq"] for m in await messages_of(client, org, conversation_id)] == list(range(1, 12))
    url = f"/api/v1/conversations/{conversation_id}/llm-format"
    seen = (await client.get(url, headers=org.headers)).json()["data"]["messages"]
    assert [m["role"] for m in seen] == [
        "system",
        "system",
        "user",
        "assistant",
        "user",
        "assistant",
    ]
    assert seen[0]["content"] == "Be brief."
    assert seen[1]["content"] == summary["content"]
    assert seen[2]["content"] == "user message 4"
    full = (await client.get(url, params={"view": "full"}, headers=org.headers)).json()["data"]
    assert len(full["messages"]) == 11  # instructions and the ten messages, no summary

    # A second compaction summarises the first summary with what came after it.
    for role, text in _pairs(2):
        await client.post(
            f"/api/v1/conversations/{conversation_id}/messages",
            json={"role": role, "content": "later " + text},
            headers=org.headers,
        )
    openai_fake.script(Reply(text="Even shorter."))
    r = await client.post(
        f"/api/v1/agents/{agent_id}/conversations/{conversation_id}/compress",
        json={"keep_recent": 2},
        headers=org.headers,
    )
    data = r.json()["data"]
    assert (data["compacted"], data["summarised"], data["kept"]) == (True, 7, 2)
    assert (data["summary"]["summary_from_seq"], data["summary"]["summary_to_seq"]) == (1, 13)
    second_input = openai_fake.chats()[1].body["messages"][1]["content"]
    assert second_input.startswith(summary["content"] + "\n\nThen:\nuser: user message 4")
    assert second_input.endswith("user: later user message 1\nassistant: later assistant message 1")
    async with runtime.db.session() as session:
        rows = await model_messages(session, org.id, conversation_id)
    assert [row.seq for row in rows] == [16, 14, 15]
    assert len(await usage_rows(runtime, org)) == 2

    # Nothing more to summarise.
    r = await _compress(client, org, conversation_id, keep_recent=2)
    assert r.json()["data"] == {
        "compacted": False,
        "summary": None,
        "summarised": 0,
        "kept": 2,
        "usage": None,
    }
    assert len(openai_fake.chats()) == 2


async def test_compress_keeps_tool_calls_with_their_results(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    agent_id, conversation_id = await conversation_with(
        client, org, [("user", "a"), ("assistant", "b")], tools=["kv_set"]
    )
    await chat(client, org, agent_id, 'call kv_set {"key": "z", "value": 1}', conversation_id)
    roles = [m["role"] for m in await messages_of(client, org, conversation_id)]
    assert roles == ["user", "assistant", "user", "assistant", "tool", "assistant"]
    r = await _compress(client, org, conversation_id, keep_recent=2)
    data = r.json()["data"]
    assert data["summary"]["summary_to_seq"] == 3  # not 4: the call stays with its result
    assert data["kept"] == 3
    url = f"/api/v1/conversations/{conversation_id}/llm-format"
    seen = (await client.get(url, headers=org.headers)).json()["data"]["messages"]
    assert [m["role"] for m in seen] == ["system", "assistant", "tool", "assistant"]
    # The conversation goes on, the model now seeing the summary (echo is offline).
    again = await chat(client, org, agent_id, "next", conversation_id)
    assert again["message"]["content"] == "echo: next"


async def test_compress_failures_and_wrong_agent(
    client: httpx.AsyncClient, factory: Factory, openai_fake: FakeOpenAI
) -> None:
    org = await factory.org()
    await use_fake_models(client, org, openai_fake)
    _, conversation_id = await conversation_with(client, org, _pairs(4), model=FAKE_MODEL)
    openai_fake.script(Reply(status=400, message="bad request"))
    r = await _compress(client, org, conversation_id, keep_recent=2)
    assert r.status_code == 502, r.text
    conversation = (
        await client.get(f"/api/v1/conversations/{conversation_id}", headers=org.headers)
    ).json()["data"]
    assert conversation["busy"] is False
    assert conversation["messages"] == 8
    assert all(m["kind"] == "message" for m in await messages_of(client, org, conversation_id))

    other_agent, _ = await conversation_with(client, org, [])
    r = await client.post(
        f"/api/v1/agents/{other_agent}/conversations/{conversation_id}/compress",
        json={},
        headers=org.headers,
    )
    assert r.status_code == 404
    for bad in ({"keep_recent": -1}, {"keep_recent": "x"}, {"keep": 2}):
        assert (await _compress(client, org, conversation_id, **bad)).status_code == 422
    stranger = await factory.org()
    assert (await _compress(client, stranger, conversation_id)).status_code == 404
    assert len(openai_fake.chats()) == 1


async def test_compress_and_chat_exclude_each_other(
    client: httpx.AsyncClient, factory: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = await factory.org()
    agent_id, conversation_id = await conversation_with(client, org, _pairs(4))
    entered, release = hold_echo(monkeypatch)
    compressing = asyncio.create_task(_compress(client, org, conversation_id, keep_recent=2))
    await asyncio.wait_for(entered.wait(), 10)
    body = {"messages": "hi", "thread_id": conversation_id}
    r = await client.post(f"/api/v1/agents/{agent_id}/chat", json=body, headers=org.headers)
    assert r.status_code == 409
    assert r.json()["error"] == "CONVERSATION_BUSY"
    r = await _compress(client, org, conversation_id, keep_recent=2)
    assert r.status_code == 409
    release.set()
    assert (await compressing).status_code == 200
    again = await client.post(f"/api/v1/agents/{agent_id}/chat", json=body, headers=org.headers)
    assert again.status_code == 200


async def test_compact_if_needed_at_80_percent_of_the_window(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    texts = [("user", "x" * 396), ("assistant", "y" * 396)] * 3  # about 600 tokens
    _, conversation_id = await conversation_with(client, org, texts)
    principal = org.principal()
    assert not await compact_if_needed(runtime, principal, conversation_id, ECHO)
    assert not await compact_if_needed(runtime, principal, conversation_id, ECHO, 10_000)
    assert not await compact_if_needed(runtime, principal, conversation_id, ECHO, 800)
    assert len(await messages_of(client, org, conversation_id)) == 6
    assert await compact_if_needed(runtime, principal, conversation_id, ECHO, 700)
    rows = await messages_of(client, org, conversation_id)
    assert rows[-1]["kind"] == "summary"
    assert rows[-1]["model"] == "flowline/echo"
    # The newest messages that fit in 40% of the window (280 tokens) are kept: two.
    assert (rows[-1]["summary_from_seq"], rows[-1]["summary_to_seq"]) == (1, 4)
    async with runtime.db.session() as session:
        seen = await model_messages(session, org.id, conversation_id)
    assert [row.seq for row in seen] == [7, 5, 6]  # (echo's summary is no shorter)
