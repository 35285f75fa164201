"""A chat turn's run, steps and events go through the one door like a flow run's: a turn
whose run another writer moved is refused at its next write and writes nothing more, and
a step that a person decides leaves the same shape of events in both."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from flowline.agents.chat import TurnRunner, begin_turn
from flowline.agents.schemas import MessageIn
from flowline.agents.turn_log import EventLog, TurnStopped
from flowline.db.models import ConversationMessage, LlmUsage, RunEvent, Step
from flowline.engine.transitions import RunMoves
from flowline.engine.worker import Worker
from flowline.llm.echo import EchoProvider
from flowline.llm.provider import ChatRequest, ChatResponse
from flowline.runtime import Runtime
from tests.agents.builders import make_agent
from tests.engine.flows import create_flow, edge, node, run_flow, wait_status
from tests.factories import Factory, Org


class Held:
    """The echo model, holding its ``at``-th call until released (or failing it)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, at: int) -> None:
        self.at, self.calls = at, 0
        self.entered, self.release = asyncio.Event(), asyncio.Event()
        self.fail = False
        plain = EchoProvider.chat

        async def chat(provider: EchoProvider, request: ChatRequest) -> ChatResponse:
            self.calls += 1
            if self.calls == self.at:
                self.entered.set()
                await self.release.wait()
                if self.fail:
                    raise RuntimeError("the model broke")
            return await plain(provider, request)

        monkeypatch.setattr(EchoProvider, "chat", chat)


async def _cancel_elsewhere(runtime: Runtime, org_id: str, run_id: str) -> None:
    """Another writer moves the run on (through the door), the driver not told."""

    def cancel(conn: sa.Connection) -> None:
        moves = RunMoves.lock(conn, org_id, run_id)
        assert moves is not None
        moves.move_run("cancelled")
        moves.write(conn)

    await runtime.db.transact(cancel)


async def _cancelled_while_held(
    runtime: Runtime, org: Org, agent_id: str, held: Held, raised: type[BaseException]
) -> str:
    """Drive a turn; while its model call is held, another writer cancels its run through
    the door (the driver is not told); the driver then raises ``raised``. The run's id."""
    message = MessageIn(role="user", content="call current_time {}")
    turn = await begin_turn(runtime, org.principal(), agent_id, None, [message])
    runner = TurnRunner(runtime, turn, EventLog.of(turn), streaming=False)
    driving = asyncio.create_task(runner.run())
    await asyncio.wait_for(held.entered.wait(), 10)
    await _cancel_elsewhere(runtime, org.id, turn.id)
    held.release.set()
    with pytest.raises(raised):
        await driving
    return turn.id


async def _stored(runtime: Runtime, run_id: str) -> tuple[list[str], list[str], int, int]:
    """The run's event types, its steps' node ids, its messages and its usage rows."""
    async with runtime.db.session() as session:
        types = list(
            await session.scalars(
                sa.select(RunEvent.type).where(RunEvent.run_id == run_id).order_by(RunEvent.seq)
            )
        )
        steps = list(
            await session.scalars(
                sa.select(Step.node_id).where(Step.run_id == run_id).order_by(Step.started_at)
            )
        )
        messages = await session.scalar(
            sa.select(sa.func.count()).where(ConversationMessage.turn_id == run_id)
        )
        usage = await session.scalar(sa.select(sa.func.count()).where(LlmUsage.turn_id == run_id))
    return types, steps, int(messages or 0), int(usage or 0)


@pytest.mark.parametrize(
    ("at", "steps", "messages", "usage"),
    [
        (1, [], 1, 0),  # refused at the tool round: nothing of the model call is kept
        (2, ["llm:1", "tool:call_echo_1"], 3, 1),  # refused at the end: the round stays
    ],
    ids=["tool-round", "end"],
)
async def test_a_turn_whose_run_was_moved_elsewhere_is_refused_and_writes_nothing_more(
    client: httpx.AsyncClient,
    factory: Factory,
    runtime: Runtime,
    monkeypatch: pytest.MonkeyPatch,
    at: int,
    steps: list[str],
    messages: int,
    usage: int,
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, tools=["current_time"])
    held = Held(monkeypatch, at)
    run_id = await _cancelled_while_held(runtime, org, agent_id, held, TurnStopped)
    types, kept, count, used = await _stored(runtime, run_id)
    assert types[-1] == "run.cancelled"
    assert types.count("run.cancelled") == 1
    assert "run.succeeded" not in types
    assert kept == steps
    assert (count, used) == (messages, usage)


async def test_a_turn_that_fails_after_its_run_was_moved_elsewhere_writes_nothing(
    client: httpx.AsyncClient,
    factory: Factory,
    runtime: Runtime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, tools=["current_time"])
    held = Held(monkeypatch, 1)
    held.fail = True
    run_id = await _cancelled_while_held(runtime, org, agent_id, held, RuntimeError)
    types, kept, count, used = await _stored(runtime, run_id)
    assert types == ["run.started", "run.cancelled"]  # no run.failed over the cancel
    assert (kept, count, used) == ([], 1, 0)


def _waiting_shape(events: list[dict[str, Any]], step_id: str) -> list[tuple[str, ...]]:
    """The run's moves and the moves of the step that waited, with the keys of their data."""
    shape: list[tuple[str, ...]] = []
    for event in events:
        kind, data = event["type"], event["data"]
        if kind.startswith("run.") and "status" in data:
            shape.append((kind, data["status"]))
        elif kind.startswith("step.") and data.get("step_id") == step_id:
            shape.append((kind, *sorted(k for k in data if k != "seq")))
    return shape


async def _events(client: httpx.AsyncClient, org: Org, run_id: str) -> list[dict[str, Any]]:
    r = await client.get(f"/api/v1/runs/{run_id}/events?size=100", headers=org.headers)
    assert r.status_code == 200, r.text
    return list(r.json()["data"])


async def _decide(client: httpx.AsyncClient, org: Org, run_id: str, decision: str) -> None:
    async with asyncio.timeout(30):
        while True:
            r = await client.get(f"/api/v1/approvals/pending?run_id={run_id}", headers=org.headers)
            if r.json()["data"]:
                break
            await asyncio.sleep(0.05)
    approval_id = r.json()["data"][0]["id"]
    body = {"decision": decision}
    r = await client.post(
        f"/api/v1/approvals/{approval_id}/respond", json=body, headers=org.headers
    )
    assert r.status_code == 200, r.text


async def test_a_step_a_person_decides_leaves_the_same_events_in_a_chat_and_a_flow(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    definition = {
        "nodes": [
            node("start", "start"),
            node("ask", "approval", title="Go?", assignees=[org.owner.user_id]),
            node("done", "end"),
        ],
        "edges": [edge("start", "ask"), edge("ask", "done", "approved")],
    }
    flow_id = await create_flow(client, org, definition)
    run = await run_flow(client, org, flow_id, {}, wait=0)
    await _decide(client, org, str(run["id"]), "approve")
    flow_run = await wait_status(client, org, str(run["id"]), {"succeeded"})

    agent_id = await make_agent(
        client, org, tools=["current_time"], approval={"current_time": "always"}
    )
    r = await client.post(
        f"/api/v1/agents/{agent_id}/chat",
        json={"messages": "call current_time {}"},
        headers=org.headers,
    )
    assert r.status_code == 202, r.text
    turn_id = r.json()["data"]["run_id"]
    await _decide(client, org, turn_id, "deny")
    turn_run = await wait_status(client, org, turn_id, {"succeeded"})

    flow_step = next(s["id"] for s in flow_run["steps"] if s["node_id"] == "ask")
    turn_step = next(s["id"] for s in turn_run["steps"] if s["node_type"] == "tool")
    flow_shape = _waiting_shape(await _events(client, org, flow_run["id"]), flow_step)
    turn_shape = _waiting_shape(await _events(client, org, turn_id), turn_step)
    waited = [
        ("run.started", "running"),
        ("step.started", "attempt", "node_id", "node_type", "run_id", "step_id"),
        ("step.waiting", "attempt", "node_id", "run_id", "status", "step_id"),
        ("run.waiting", "waiting"),
        ("run.resumed", "running"),
        ("step.succeeded", "attempt", "node_id", "outcome", "run_id", "status", "step_id"),
        ("run.succeeded", "succeeded"),
    ]
    assert flow_shape == waited
    assert turn_shape == waited
