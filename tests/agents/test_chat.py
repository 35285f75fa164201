from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
import orjson
import pytest
import sqlalchemy as sa
from sqlalchemy import event

from flowline.agents.turn_log import EventLog
from flowline.agents.turn_store.end import end_turn
from flowline.conversations.compaction import STALE_HOLD
from flowline.db.models import Conversation
from flowline.db.types import utcnow
from flowline.runtime import Runtime
from tests.agents.builders import hold_echo, make_agent
from tests.factories import Factory, Org


async def _chat(client: httpx.AsyncClient, org: Org, agent_id: str, **body: Any) -> httpx.Response:
    return await client.post(f"/api/v1/agents/{agent_id}/chat", json=body, headers=org.headers)


@pytest.mark.parametrize(
    "messages",
    [
        "hello there",
        {"role": "user", "content": "hello there"},
        [{"role": "user", "content": "hello there"}],
    ],
    ids=["string", "object", "list"],
)
async def test_three_message_formats(
    client: httpx.AsyncClient, factory: Factory, messages: Any
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    r = await _chat(client, org, agent_id, messages=messages)
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["agent_id"] == agent_id
    assert data["thread_id"].startswith("cnv_")
    assert data["message"] == {
        "role": "assistant",
        "content": "echo: hello there",
        "name": None,
        "tool_call_id": None,
        "tool_calls": None,
    }
    assert [(m["role"], m["content"]) for m in data["conversation_history"]] == [
        ("user", "hello there"),
        ("assistant", "echo: hello there"),
    ]
    meta = data["metadata"]
    assert meta["model"] == "flowline/echo"
    assert meta["usage"] == {"input_tokens": 2, "output_tokens": 3}
    assert meta["cost"] == 0
    assert meta["run_id"].startswith("run_")
    assert meta["tool_calls"] == []
    assert meta["execution_time_ms"] >= 0


async def test_thread_continues_and_unknown_thread_is_404(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, instructions="Be kind.")
    first = (await _chat(client, org, agent_id, messages="one")).json()["data"]
    r = await _chat(client, org, agent_id, messages="two", thread_id=first["thread_id"])
    assert r.status_code == 200, r.text
    history = r.json()["data"]["conversation_history"]
    assert [m["content"] for m in history] == ["one", "echo: one", "two", "echo: two"]
    r = await _chat(client, org, agent_id, messages="x", thread_id="cnv_unknown")
    assert r.status_code == 404
    assert (await _chat(client, org, agent_id, messages="  ")).status_code == 422
    r = await _chat(client, org, agent_id, messages="x", callback_url="http://example.com/h")
    assert r.status_code == 422  # not https (a signing key needs no set-up: tests/callbacks)


async def test_a_turn_reads_the_model_settings_and_the_thread_once(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    first = (await _chat(client, org, agent_id, messages="one")).json()["data"]
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(str(args[2]))

    for engine in runtime.db.sync_engines:
        event.listen(engine, "before_cursor_execute", record)
    try:
        r = await _chat(client, org, agent_id, messages="two", thread_id=first["thread_id"])
    finally:
        for engine in runtime.db.sync_engines:
            event.remove(engine, "before_cursor_execute", record)
    assert r.status_code == 200, r.text
    assert [m["content"] for m in r.json()["data"]["conversation_history"]] == [
        "one",
        "echo: one",
        "two",
        "echo: two",
    ]
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert sum("FROM llm_settings" in s for s in selects) == 1
    assert sum("FROM llm_providers" in s for s in selects) == 1
    # The thread for the model in the turn's first transaction (its latest summary, then
    # what follows it) and the answer's history.
    assert sum("FROM conversation_messages" in s for s in selects) == 3


async def test_echo_tool_call_writes_kv(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, tools=["kv_set", "kv_get"])
    r = await _chat(client, org, agent_id, messages='call kv_set {"key": "a", "value": 1}')
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert "kv_set returned" in data["message"]["content"]
    assert '"key":"a"' in data["message"]["content"]
    call = data["metadata"]["tool_calls"][0]
    assert call["tool"] == "kv_set"
    assert call["arguments"] == {"key": "a", "value": 1}
    assert call["result"] == {"key": "a", "value": 1, "version": 1}
    assert data["metadata"]["steps"] == 2

    stored = await client.get("/api/v1/kv/a", headers=org.headers)
    assert stored.status_code == 200
    assert stored.json()["data"]["value"] == 1

    messages = await client.get(
        f"/api/v1/conversations/{data['thread_id']}/messages", headers=org.headers
    )
    rows = messages.json()["data"]
    assert [m["role"] for m in rows] == ["user", "assistant", "tool", "assistant"]
    assert rows[1]["tool_calls"][0]["name"] == "kv_set"
    assert rows[1]["model"] == "flowline/echo"
    assert rows[1]["input_tokens"] > 0
    assert rows[1]["duration_ms"] is not None
    assert rows[2]["tool_result"] == {"key": "a", "value": 1, "version": 1}


async def test_several_tool_calls_in_one_answer(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, tools=["kv_set", "current_time"])
    text = 'call kv_set {"key": "b", "value": [1]}\ncall current_time {"timezone": "Europe/Paris"}'
    data = (await _chat(client, org, agent_id, messages=text)).json()["data"]
    assert [c["tool"] for c in data["metadata"]["tool_calls"]] == ["kv_set", "current_time"]
    assert data["metadata"]["tool_calls"][1]["result"]["timezone"] == "Europe/Paris"
    assert "current_time returned" in data["message"]["content"]


async def test_max_steps_stops_the_loop(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, tools=["kv_set"], max_steps=1)
    r = await _chat(client, org, agent_id, messages='call kv_set {"key": "c", "value": 1}')
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["metadata"]["finish_reason"] == "max_steps"
    assert data["metadata"]["steps"] == 1
    assert "limit of 1 model calls" in data["message"]["content"]
    assert (await client.get("/api/v1/kv/c", headers=org.headers)).status_code == 404
    # The thread stays usable: the unrun call was answered.
    again = await _chat(client, org, agent_id, messages="hi", thread_id=data["thread_id"])
    assert again.status_code == 200, again.text


async def test_concurrent_chats_on_one_thread(
    client: httpx.AsyncClient, factory: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    thread = (await _chat(client, org, agent_id, messages="start")).json()["data"]["thread_id"]
    entered, release = hold_echo(monkeypatch)
    first = asyncio.create_task(_chat(client, org, agent_id, messages="a", thread_id=thread))
    second = asyncio.create_task(_chat(client, org, agent_id, messages="b", thread_id=thread))
    await asyncio.wait_for(entered.wait(), 10)
    done, _ = await asyncio.wait({first, second}, timeout=10, return_when=asyncio.FIRST_COMPLETED)
    loser = done.pop().result()
    assert loser.status_code == 409, loser.text
    assert loser.json()["error"] == "CONVERSATION_BUSY"
    busy = await client.get(f"/api/v1/conversations/{thread}", headers=org.headers)
    assert busy.json()["data"]["busy"] is True
    assert (
        await client.delete(f"/api/v1/conversations/{thread}", headers=org.headers)
    ).status_code == 409
    release.set()
    statuses = sorted(r.status_code for r in await asyncio.gather(first, second))
    assert statuses == [200, 409]
    after = await client.get(f"/api/v1/conversations/{thread}", headers=org.headers)
    assert after.json()["data"]["busy"] is False
    again = await _chat(client, org, agent_id, messages="c", thread_id=thread)
    assert again.status_code == 200


def _events(text: str) -> list[tuple[int, str, dict[str, Any]]]:
    found = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        fields = dict(
            line.split(": ", 1) for line in block.splitlines() if line and not line.startswith(":")
        )
        if "event" in fields:
            found.append((int(fields["id"]), fields["event"], orjson.loads(fields["data"])))
    return found


async def test_stream_event_order(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, tools=["kv_set"])
    body = {"messages": 'call kv_set {"key": "e", "value": 2}', "stream": True}
    async with client.stream(
        "POST", f"/api/v1/agents/{agent_id}/chat", json=body, headers=org.headers
    ) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        text = (await r.aread()).decode()
    events = _events(text)
    names = [name for _, name, _ in events]
    assert names[0] == "run.started"
    assert names[1:3] == ["tool_call.started", "tool_call.completed"]
    assert "message.delta" in names[3:-2]
    assert names[-2:] == ["message.completed", "run.completed"]
    seqs = [seq for seq, _, _ in events]
    assert seqs[0] == 1
    assert seqs == sorted(set(seqs))  # the run's own step events fill the gaps
    deltas = "".join(d["text"] for _, name, d in events if name == "message.delta")
    assert deltas == events[-2][2]["message"]["content"]
    assert deltas.startswith("echo: kv_set returned")
    done = events[-1][2]
    assert done["metadata"]["run_id"] == done["run_id"]
    assert "ttft_ms" in done["metadata"]
    assert (await client.get("/api/v1/kv/e", headers=org.headers)).json()["data"]["value"] == 2


async def test_stream_by_accept_header(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    headers = {**org.headers, "Accept": "text/event-stream"}
    r = await client.post(
        f"/api/v1/agents/{agent_id}/chat", json={"messages": "hi"}, headers=headers
    )
    assert r.status_code == 200
    names = [name for _, name, _ in _events(r.text)]
    assert names == [
        "run.started",
        "message.delta",
        "message.delta",
        "message.completed",
        "run.completed",
    ]


async def test_a_chat_frees_a_compaction_hold_left_by_a_dead_process(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    thread = (await _chat(client, org, agent_id, messages="one")).json()["data"]["thread_id"]

    async def hold(age: timedelta) -> None:
        async with runtime.db.session(write=True) as session:
            await session.execute(
                sa.update(Conversation)
                .where(Conversation.id == thread)
                .values(busy_turn_id="cmp_gone", busy_since=utcnow() - age)
            )

    await hold(STALE_HOLD - timedelta(minutes=1))  # may still be summarising
    r = await _chat(client, org, agent_id, messages="two", thread_id=thread)
    assert r.status_code == 409, r.text
    assert r.json()["error"] == "CONVERSATION_BUSY"
    await hold(STALE_HOLD + timedelta(minutes=1))  # its process died
    r = await _chat(client, org, agent_id, messages="two", thread_id=thread)
    assert r.status_code == 200, r.text
    assert [m["content"] for m in r.json()["data"]["conversation_history"]][-2:] == [
        "two",
        "echo: two",
    ]


async def test_a_stream_says_complete_only_once_the_turn_is_stored(
    client: httpx.AsyncClient,
    factory: Factory,
    runtime: Runtime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``message.completed`` and ``run.completed`` go out after the turn's last
    transaction commits: a client told the turn is complete finds the run succeeded and
    the thread free for its next message."""
    org = await factory.org()
    agent_id = await make_agent(client, org)
    order: list[str] = []
    transact, show = runtime.db.transact, EventLog._show

    async def recorded_transact(fn: Any, **kwargs: Any) -> Any:
        result = await transact(fn, **kwargs)
        if getattr(fn, "func", None) is end_turn:
            order.append("stored")
        return result

    def recorded_show(self: EventLog, event: dict[str, Any]) -> None:
        order.append(event["type"])
        show(self, event)

    monkeypatch.setattr(runtime.db, "transact", recorded_transact)
    monkeypatch.setattr(EventLog, "_show", recorded_show)
    r = await _chat(client, org, agent_id, messages="hello", stream=True)
    assert r.status_code == 200, r.text
    assert [name for _, name, _ in _events(r.text)][-2:] == ["message.completed", "run.completed"]
    assert order[-3:] == ["stored", "message.completed", "run.completed"]
