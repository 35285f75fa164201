"""Chat turns as runs: steps and events, approvals and questions that pause them, take-over."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from flowline.db.models import Task
from flowline.db.types import utcnow
from flowline.engine.worker import Worker
from flowline.llm.echo import EchoProvider
from flowline.llm.provider import ChatRequest, ChatResponse
from flowline.runtime import Runtime
from flowline.tools.toolset import Toolset
from tests.agents.builders import make_agent
from tests.factories import Factory, Org

TWO_CALLS = 'call current_time {}\ncall kv_set {"key": "k", "value": 1}'


async def _chat(client: httpx.AsyncClient, org: Org, agent_id: str, **body: Any) -> httpx.Response:
    return await client.post(f"/api/v1/agents/{agent_id}/chat", json=body, headers=org.headers)


async def _run(client: httpx.AsyncClient, org: Org, run_id: str) -> dict[str, Any]:
    r = await client.get(f"/api/v1/runs/{run_id}", headers=org.headers)
    assert r.status_code == 200, r.text
    return dict(r.json()["data"])


async def _until(client: httpx.AsyncClient, org: Org, run_id: str, status: str) -> dict[str, Any]:
    for _ in range(300):
        run = await _run(client, org, run_id)
        if run["status"] == status:
            return run
        await asyncio.sleep(0.05)
    raise AssertionError(f"run {run_id} is {run['status']}, not {status}")


async def _kv(client: httpx.AsyncClient, org: Org, key: str) -> Any:
    r = await client.get(f"/api/v1/kv/{key}", headers=org.headers)
    return r.json()["data"]["value"] if r.status_code == 200 else None


async def test_a_turn_is_a_run_with_steps_and_events(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, tools=["current_time"])
    r = await _chat(client, org, agent_id, messages="call current_time {}")
    assert r.status_code == 200, r.text
    run = await _run(client, org, r.json()["data"]["metadata"]["run_id"])
    assert run["kind"] == "agent"
    assert run["agent_id"] == agent_id
    assert run["conversation_id"] == r.json()["data"]["thread_id"]
    assert run["status"] == "succeeded"
    assert run["flow_id"] is None
    assert [(s["node_id"], s["node_type"], s["status"]) for s in run["steps"]] == [
        ("llm:1", "llm", "succeeded"),
        ("tool:call_echo_1", "tool", "succeeded"),
        ("llm:2", "llm", "succeeded"),
    ]
    assert run["steps"][0]["output"]["tool_calls"][0]["name"] == "current_time"
    assert "utc" in run["steps"][1]["output"]["result"]
    assert run["output"]["message"]["content"].startswith("echo: current_time returned")
    events = (await client.get(f"/api/v1/runs/{run['id']}/events", headers=org.headers)).json()
    types = [e["type"] for e in events["data"]]
    assert types[0] == "run.started"
    assert types[-1] == "run.succeeded"
    chat = [t for t in types if not t.startswith(("step.", "run.succeeded"))]
    assert chat[-2:] == ["message.completed", "run.completed"]
    assert "tool_call.completed" in types
    assert [e["seq"] for e in events["data"]] == list(range(1, len(types) + 1))


async def test_approval_pauses_then_edited_arguments_run(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    agent_id = await make_agent(
        client, org, tools=["kv_set", "current_time"], approval={"kv_set": "always"}
    )
    r = await _chat(client, org, agent_id, messages=TWO_CALLS)
    assert r.status_code == 202, r.text
    waiting = r.json()["data"]
    assert waiting["status"] == "waiting"
    [asked] = waiting["approvals"]
    assert asked["tool"] == "kv_set"
    assert asked["arguments"] == {"key": "k", "value": 1}
    assert await _kv(client, org, "k") is None  # not run before the answer
    run = await _run(client, org, waiting["run_id"])
    assert run["status"] == "waiting"
    # The call that needed nobody ran already; the other waits.
    assert {s["node_id"]: s["status"] for s in run["steps"]} == {
        "llm:1": "succeeded",
        "tool:call_echo_1": "succeeded",
        "tool:call_echo_2": "waiting",
    }
    busy = await _chat(client, org, agent_id, messages="hi", thread_id=waiting["thread_id"])
    assert busy.status_code == 409
    assert busy.json()["error"] == "CONVERSATION_BUSY"

    approval = (
        await client.get(f"/api/v1/approvals/{asked['approval_id']}", headers=org.headers)
    ).json()["data"]
    assert approval["kind"] == "tool"
    assert approval["payload"] == {"key": "k", "value": 1}
    bad = await client.post(
        f"/api/v1/approvals/{asked['approval_id']}/respond",
        json={"decision": "approve", "arguments": {"value": 5}},
        headers=org.headers,
    )
    assert bad.status_code == 422  # the edit must still fit the tool's parameters
    ok = await client.post(
        f"/api/v1/approvals/{asked['approval_id']}/respond",
        json={"decision": "approve", "arguments": {"key": "k", "value": 42}},
        headers=org.headers,
    )
    assert ok.status_code == 200, ok.text
    done = await _until(client, org, waiting["run_id"], "succeeded")
    assert await _kv(client, org, "k") == 42
    steps = [(s["node_id"], s["status"]) for s in done["steps"]]
    assert steps.count(("tool:call_echo_1", "succeeded")) == 1  # never run twice
    assert steps[-1] == ("llm:2", "succeeded")
    answer = done["output"]["message"]["content"]
    assert "kv_set returned" in answer
    assert '"value":42' in answer
    calls = {c["tool"]: c for c in done["output"]["metadata"]["tool_calls"]}
    assert calls["kv_set"]["arguments"] == {"key": "k", "value": 42}
    # The conversation is free again.
    again = await _chat(client, org, agent_id, messages="hi", thread_id=waiting["thread_id"])
    assert again.status_code == 200, again.text


async def test_denial_is_told_to_the_model_with_the_reason(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, tools=["kv_set"], approval={"kv_set": "always"})
    r = await _chat(client, org, agent_id, messages='call kv_set {"key": "n", "value": 1}')
    waiting = r.json()["data"]
    approval_id = waiting["approvals"][0]["approval_id"]
    denied = await client.post(
        f"/api/v1/approvals/{approval_id}/respond",
        json={"decision": "deny", "comment": "not on a Sunday"},
        headers=org.headers,
    )
    assert denied.status_code == 200, denied.text
    done = await _until(client, org, waiting["run_id"], "succeeded")
    assert await _kv(client, org, "n") is None
    assert "not on a Sunday" in done["output"]["message"]["content"]
    tool_step = next(s for s in done["steps"] if s["node_type"] == "tool")
    assert tool_step["outcome"] == "denied"


async def test_ask_user_waits_for_the_answer(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, tools=["ask_user"])
    ask = 'call ask_user {"question": "Which city?", "options": ["Paris", "Rome"]}'
    r = await _chat(client, org, agent_id, messages=ask)
    assert r.status_code == 202, r.text
    [question] = r.json()["data"]["questions"]
    assert question["question"] == "Which city?"
    pending = (await client.get("/api/v1/questions/pending", headers=org.headers)).json()
    assert [q["id"] for q in pending["data"]] == [question["question_id"]]
    empty = await client.post(
        f"/api/v1/questions/{question['question_id']}/respond",
        json={"answer": ""},
        headers=org.headers,
    )
    assert empty.status_code == 422
    assert empty.json()["details"][0]["field"] == "answer"
    answered = await client.post(
        f"/api/v1/questions/{question['question_id']}/respond",
        json={"answer": "Rome"},
        headers=org.headers,
    )
    assert answered.status_code == 200, answered.text
    assert answered.json()["data"]["status"] == "answered"
    twice = await client.post(
        f"/api/v1/questions/{question['question_id']}/respond",
        json={"answer": "Paris"},
        headers=org.headers,
    )
    assert twice.status_code == 409
    done = await _until(client, org, r.json()["data"]["run_id"], "succeeded")
    assert '"answer":"Rome"' in done["output"]["message"]["content"]
    other = await factory.org()
    hidden = await client.get(f"/api/v1/questions/{question['question_id']}", headers=other.headers)
    assert hidden.status_code == 404


async def test_a_turn_whose_driver_died_is_taken_over(
    client: httpx.AsyncClient,
    factory: Factory,
    runtime: Runtime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The process driving a turn stops mid model call; a worker finishes the turn."""
    org = await factory.org()
    agent_id = await make_agent(client, org, tools=["current_time"])
    entered = asyncio.Event()
    plain = EchoProvider.chat
    calls = 0

    async def first_hangs(self: EchoProvider, request: ChatRequest) -> ChatResponse:
        nonlocal calls
        calls += 1
        if calls == 2:  # the second model call: the tool's result is stored already
            entered.set()
            await asyncio.Event().wait()
        return await plain(self, request)

    monkeypatch.setattr(EchoProvider, "chat", first_hangs)
    chat = asyncio.create_task(_chat(client, org, agent_id, messages="call current_time {}"))
    await asyncio.wait_for(entered.wait(), 10)
    [run_id] = runtime.live.run_ids()
    runtime.live.interrupt(run_id)  # as if the process stopped: nothing is written
    with pytest.raises(BaseException):  # noqa: B017, PT011 - the request dies with it
        await asyncio.wait_for(chat, 5)
    assert (await _run(client, org, run_id))["status"] == "running"
    async with runtime.db.session(write=True) as session:  # its lease runs out
        await session.execute(
            sa.update(Task).where(Task.run_id == run_id).values(lease_expires_at=utcnow())
        )
    made = Worker(runtime, slots=2)
    task = asyncio.create_task(made.run())
    try:
        done = await _until(client, org, run_id, "succeeded")
    finally:
        task.cancel()
    tool_steps = [s for s in done["steps"] if s["node_type"] == "tool"]
    assert len(tool_steps) == 1  # the tool that had finished is not run again
    assert done["output"]["message"]["content"].startswith("echo: current_time returned")


async def test_cancel_stops_a_streaming_turn(
    client: httpx.AsyncClient, factory: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    entered = asyncio.Event()

    async def hangs(self: EchoProvider, request: ChatRequest) -> Any:
        entered.set()
        await asyncio.Event().wait()
        yield  # pragma: no cover

    monkeypatch.setattr(EchoProvider, "stream", hangs)
    body = {"messages": "hello", "stream": True}
    text = ""

    async def read() -> None:
        nonlocal text
        async with client.stream(
            "POST", f"/api/v1/agents/{agent_id}/chat", json=body, headers=org.headers
        ) as r:
            async for chunk in r.aiter_text():
                text += chunk

    reader = asyncio.create_task(read())
    await asyncio.wait_for(entered.wait(), 10)
    active = (await client.get("/api/v1/cancel/active-calls", headers=org.headers)).json()["data"]
    [call] = active
    assert call["status"] == "running"
    r = await client.post(f"/api/v1/cancel/{call['call_id']}", headers=org.headers)
    assert r.status_code == 200, r.text
    await asyncio.wait_for(reader, 10)
    assert "event: error" in text
    assert "CANCELLED" in text
    run = await _run(client, org, call["call_id"])
    assert run["status"] == "cancelled"
    assert (await client.get("/api/v1/cancel/active-calls", headers=org.headers)).json()[
        "data"
    ] == []
    again = await client.post(f"/api/v1/cancel/{call['call_id']}", headers=org.headers)
    assert again.status_code == 409
    other = await factory.org()
    assert (
        await client.post(f"/api/v1/cancel/{call['call_id']}", headers=other.headers)
    ).status_code == 404


async def test_a_taken_over_turn_asks_before_a_gated_call_never_runs_it_unasked(
    client: httpx.AsyncClient,
    factory: Factory,
    runtime: Runtime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The driver dies while the free call runs; the call under approval is asked, not run."""
    org = await factory.org()
    agent_id = await make_agent(
        client, org, tools=["kv_set", "current_time"], approval={"kv_set": "always"}
    )
    entered = asyncio.Event()
    plain = Toolset.run
    hang = True

    async def current_time_hangs(
        self: Toolset, ctx: Any, name: str, arguments: dict[str, Any], **kw: Any
    ) -> Any:
        if name == "current_time" and hang:
            entered.set()
            await asyncio.Event().wait()
        return await plain(self, ctx, name, arguments, **kw)

    monkeypatch.setattr(Toolset, "run", current_time_hangs)
    chat = asyncio.create_task(_chat(client, org, agent_id, messages=TWO_CALLS))
    await asyncio.wait_for(entered.wait(), 10)
    [run_id] = runtime.live.run_ids()
    runtime.live.interrupt(run_id)
    with pytest.raises(BaseException):  # noqa: B017, PT011
        await asyncio.wait_for(chat, 5)
    hang = False
    async with runtime.db.session(write=True) as session:
        await session.execute(
            sa.update(Task).where(Task.run_id == run_id).values(lease_expires_at=utcnow())
        )
    made = Worker(runtime, slots=2)
    task = asyncio.create_task(made.run())
    try:
        run = await _until(client, org, run_id, "waiting")
    finally:
        task.cancel()
    assert await _kv(client, org, "k") is None
    statuses = {s["node_id"]: s["status"] for s in run["steps"]}
    assert statuses["tool:call_echo_1"] == "succeeded"  # the free call, run again
    assert statuses["tool:call_echo_2"] == "waiting"
    pending = (await client.get("/api/v1/approvals/pending", headers=org.headers)).json()["data"]
    assert [a["run_id"] for a in pending] == [run_id]


async def test_live_leases_are_kept_alive_and_a_lost_one_stops_its_driver(
    client: httpx.AsyncClient,
    factory: Factory,
    runtime: Runtime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    entered = asyncio.Event()

    async def hangs(self: EchoProvider, request: ChatRequest) -> ChatResponse:
        entered.set()
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    monkeypatch.setattr(EchoProvider, "chat", hangs)
    chat = asyncio.create_task(_chat(client, org, agent_id, messages="hi"))
    await asyncio.wait_for(entered.wait(), 10)
    [run_id] = runtime.live.run_ids()
    lease = runtime.live.lease(run_id)
    assert lease is not None
    await runtime.live._beat()
    async with runtime.db.session() as session:
        task = (await session.execute(sa.select(Task).where(Task.run_id == run_id))).scalar_one()
    assert task.lease_expires_at is not None
    assert task.lease_expires_at.replace(tzinfo=None) > lease.expires_at.replace(tzinfo=None)
    # Another process claims it after a stall: the token moves on, the old lease ran out.
    async with runtime.db.session(write=True) as session:
        await session.execute(
            sa.update(Task).where(Task.run_id == run_id).values(lease_token=Task.lease_token + 1)
        )
    live = runtime.live._runs[run_id]
    live.lease = dataclasses.replace(live.lease, expires_at=utcnow())
    await runtime.live._beat()
    with pytest.raises(BaseException):  # noqa: B017, PT011 - its driver was stopped
        await asyncio.wait_for(chat, 5)
    assert (await _run(client, org, run_id))["status"] == "running"  # left to the new owner


async def test_a_thread_that_would_overflow_is_compacted_before_the_model_call(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    overrides = {"price_overrides": {"flowline/echo": {"context_window": 60}}}
    r = await client.put("/api/v1/llm/config", json=overrides, headers=org.headers)
    assert r.status_code == 200, r.text
    agent_id = await make_agent(client, org)
    long = " ".join(f"word{i}" for i in range(30))
    first = await _chat(client, org, agent_id, messages=long)
    thread = first.json()["data"]["thread_id"]
    for _ in range(3):
        r = await _chat(client, org, agent_id, messages=long, thread_id=thread)
        assert r.status_code == 200, r.text
    messages = (
        await client.get(f"/api/v1/conversations/{thread}/messages?size=100", headers=org.headers)
    ).json()["data"]
    summaries = [m for m in messages if m.get("kind") == "summary" or m.get("summary_to_seq")]
    assert summaries, [m.get("role") for m in messages]
    run = await _run(client, org, r.json()["data"]["metadata"]["run_id"])
    assert run["status"] == "succeeded"
