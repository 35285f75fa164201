"""Following a run live over server-sent events."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Run, Step
from flowline.engine.transitions import move_run, move_step, start_step
from flowline.runtime import Runtime
from tests.answers import assert_error
from tests.factories import Factory, Org
from tests.runs.builders import Move, advance, make_run, new_step
from tests.runs.streaming import StreamingTransport

SSE = {"Accept": "text/event-stream"}
LIFECYCLE = [
    (1, "run.started"),
    (2, "step.started"),
    (3, "step.succeeded"),
    (4, "step.started"),
    (5, "step.succeeded"),
    (6, "run.succeeded"),
]


@dataclass
class Received:
    events: list[tuple[int, str, dict[str, object]]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    @property
    def seqs(self) -> list[tuple[int, str]]:
        return [(seq, kind) for seq, kind, _ in self.events]


async def read_events(lines: AsyncIterator[str], into: Received, stop_after: int = 0) -> None:
    """Parse the stream into ``into``; stop after ``stop_after`` events if given."""
    fields: dict[str, str] = {}
    async for line in lines:
        if line.startswith(":"):
            into.comments.append(line[1:].strip())
        elif line:
            name, _, value = line.partition(":")
            fields[name] = value.removeprefix(" ")
        elif fields:
            body = json.loads(fields["data"])
            assert body["seq"] == int(fields["id"])
            assert body["type"] == fields["event"]
            into.events.append((int(fields["id"]), fields["event"], body["data"]))
            fields = {}
            if stop_after and len(into.events) >= stop_after:
                return


@pytest.fixture
async def live(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client that reads answers as they are sent and can leave early."""
    transport = StreamingTransport(app)
    async with httpx.AsyncClient(transport=transport, base_url="http://flowline.test") as c:
        yield c


def lifecycle(org: Org) -> list[Move]:
    """Six engine transactions, one event each."""
    steps: list[str] = []

    def begin_step(session: AsyncSession, run: Run) -> None:
        step = new_step(org, run, f"n{len(steps)}")
        steps.append(step.id)
        start_step(session, run, step)

    async def finish_step(session: AsyncSession, run: Run) -> None:
        step = await session.get(Step, steps[-1])
        assert step is not None
        move_step(session, run, step, "succeeded")

    def to(status: str) -> Move:
        return lambda session, run: move_run(session, run, status)

    return [to("running"), begin_step, finish_step, begin_step, finish_step, to("succeeded")]


async def _engine(runtime: Runtime, org: Org, run_id: str, moves: list[Move]) -> None:
    for move in moves:
        await asyncio.sleep(0.02)  # let the stream catch up and wait in between
        await advance(runtime, org, run_id, move)


async def test_a_stream_receives_every_event_once_in_order_then_ends(
    live: httpx.AsyncClient, factory: Factory, runtime: Runtime, client: httpx.AsyncClient
) -> None:
    org = await factory.org()
    run_id = await make_run(client, runtime, org)
    moves = lifecycle(org)
    await advance(runtime, org, run_id, moves[0])  # one event before the stream starts
    received = Received()
    async with live.stream("GET", f"/api/v1/runs/{run_id}/events", headers=org.headers | SSE) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        engine = asyncio.create_task(_engine(runtime, org, run_id, moves[1:]))
        await asyncio.wait_for(read_events(r.aiter_lines(), received), 10)
        await engine
    assert received.seqs == LIFECYCLE  # the stream ended by itself after run.succeeded
    assert received.events[-1][2]["status"] == "succeeded"


async def test_a_client_that_reconnects_with_last_event_id_misses_nothing(
    live: httpx.AsyncClient, factory: Factory, runtime: Runtime, client: httpx.AsyncClient
) -> None:
    org = await factory.org()
    run_id = await make_run(client, runtime, org)
    moves = lifecycle(org)
    url = f"/api/v1/runs/{run_id}/events"
    first = Received()
    engine = asyncio.create_task(_engine(runtime, org, run_id, moves[:3]))
    async with live.stream("GET", url, headers=org.headers | SSE) as r:
        await asyncio.wait_for(read_events(r.aiter_lines(), first, stop_after=2), 10)
    # Gone after event 2; the engine goes on meanwhile.
    await engine
    await _engine(runtime, org, run_id, moves[3:5])
    last_id = str(first.events[-1][0])

    second = Received()
    headers = org.headers | SSE | {"Last-Event-ID": last_id}
    engine = asyncio.create_task(_engine(runtime, org, run_id, moves[5:]))
    async with live.stream("GET", url, headers=headers, params={"after_seq": 5}) as r:
        await asyncio.wait_for(read_events(r.aiter_lines(), second), 10)
    await engine
    assert first.seqs + second.seqs == LIFECYCLE

    # Reconnecting after the end of a finished run ends at once.
    third = Received()
    headers = org.headers | SSE | {"Last-Event-ID": "6"}
    async with live.stream("GET", url, headers=headers) as r:
        await asyncio.wait_for(read_events(r.aiter_lines(), third), 10)
    assert third.events == []


async def test_an_idle_stream_sends_ping_comments(
    live: httpx.AsyncClient,
    factory: Factory,
    runtime: Runtime,
    client: httpx.AsyncClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(runtime.settings, "stream_ping_seconds", 0.05)
    org = await factory.org()
    run_id = await make_run(client, runtime, org)
    received = Received()
    url = f"/api/v1/runs/{run_id}/events"
    async with live.stream("GET", url, headers=org.headers | SSE) as r:
        lines = r.aiter_lines()
        while len(received.comments) < 2:
            await asyncio.wait_for(read_events(_until_comment(lines, received), received), 5)
    assert received.comments[:2] == ["ping", "ping"]
    assert received.events == []


async def _until_comment(lines: AsyncIterator[str], received: Received) -> AsyncIterator[str]:
    async for line in lines:
        yield line
        if line.startswith(":"):
            return


async def test_streams_of_other_organisations_runs_are_not_found(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org, other = await factory.org(), await factory.org()
    run_id = await make_run(client, runtime, org)
    r = await client.get(f"/api/v1/runs/{run_id}/events", headers=other.headers | SSE)
    assert_error(r, 404, "RUN_NOT_FOUND")
    r = await client.get(
        f"/api/v1/runs/{run_id}/events", headers=org.headers | SSE | {"Last-Event-ID": "x"}
    )
    assert_error(r, 422, "VALIDATION_ERROR")
