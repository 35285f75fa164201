"""Following a conversation's events over server-sent events, across its turns."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson
import pytest

from flowline.conversations import stream as stream_module
from flowline.runtime import Runtime
from tests.agents.builders import make_agent
from tests.conversations.builders import chat
from tests.factories import Factory, Org

SSE = {"Accept": "text/event-stream"}


@dataclass
class Seen:
    events: list[tuple[int, str, dict[str, Any]]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    def of_run(self, run_id: str) -> list[tuple[int, str, dict[str, Any]]]:
        return [e for e in self.events if e[2]["run_id"] == run_id]


async def read(lines: AsyncIterator[str], into: Seen, until: str | None = None) -> None:
    """Parse events into ``into`` until one of type ``until`` (else to the end)."""
    fields: dict[str, str] = {}
    async for line in lines:
        if line.startswith(":"):
            into.comments.append(line[1:].strip())
        elif line:
            name, _, value = line.partition(":")
            fields[name] = value.removeprefix(" ")
        elif fields:
            event = (int(fields["id"]), fields["event"], orjson.loads(fields["data"]))
            into.events.append(event)
            fields = {}
            if event[1] == until:
                return


async def _run_events(client: httpx.AsyncClient, org: Org, run_id: str) -> list[tuple[int, str]]:
    r = await client.get(f"/api/v1/runs/{run_id}/events", params={"size": 100}, headers=org.headers)
    return [(e["seq"], e["type"]) for e in r.json()["data"]]


async def test_all_turns_in_order_then_resume(
    client: httpx.AsyncClient, live: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, tools=["current_time"])
    first = await chat(client, org, agent_id, "call current_time {}")
    thread, run1 = first["thread_id"], first["metadata"]["run_id"]
    url = f"/api/v1/conversations/{thread}/stream"

    seen = Seen()
    async with live.stream("GET", url, headers=org.headers | SSE) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        lines = r.aiter_lines()
        await asyncio.wait_for(read(lines, seen, until="run.succeeded"), 10)
        # The stream stays open: the next turn comes through it too.
        second = await chat(client, org, agent_id, "and now?", thread)
        run2 = second["metadata"]["run_id"]
        await asyncio.wait_for(read(lines, seen, until="run.succeeded"), 10)

    ids = [event_id for event_id, _, _ in seen.events]
    assert ids == sorted(set(ids))  # one place each, in order
    for run_id in (run1, run2):
        mine = [(data["seq"], kind) for _, kind, data in seen.of_run(run_id)]
        assert mine == await _run_events(client, org, run_id)  # every event, as the run has it
    assert [data["run_id"] for _, _, data in seen.events] == (
        [run1] * len(seen.of_run(run1)) + [run2] * len(seen.of_run(run2))
    )
    kinds = [kind for _, kind, _ in seen.of_run(run2)]
    assert kinds[0] == "run.started"
    assert {"message.delta", "message.completed", "run.completed"} <= set(kinds)
    completed = next(data for _, kind, data in seen.of_run(run2) if kind == "message.completed")
    assert completed["message"]["content"] == "echo: and now?"

    # Resuming after the first turn's last event gives the second turn, from its start.
    last_of_first = seen.of_run(run1)[-1][0]
    for how in (
        {"headers": {"Last-Event-ID": str(last_of_first)}},
        {"params": {"after_id": last_of_first}},
    ):
        again = Seen()
        headers = {**org.headers, **SSE, **how.get("headers", {})}
        async with live.stream("GET", url, headers=headers, params=how.get("params")) as r:
            await asyncio.wait_for(read(r.aiter_lines(), again, until="run.succeeded"), 10)
        assert again.events == seen.of_run(run2)

    # Without asking for a stream: the stored events as JSON, in the same order.
    r = await client.get(url, params={"size": 100}, headers=org.headers)
    assert r.status_code == 200, r.text
    stored = r.json()
    assert [(e["id"], e["type"], e["run_id"], e["seq"]) for e in stored["data"]] == [
        (event_id, kind, data["run_id"], data["seq"]) for event_id, kind, data in seen.events
    ]
    r = await client.get(url, params={"after_id": last_of_first}, headers=org.headers)
    assert r.json()["total"] == len(seen.of_run(run2))


async def test_pings_and_the_end_when_deleted(
    client: httpx.AsyncClient,
    live: httpx.AsyncClient,
    factory: Factory,
    runtime: Runtime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(runtime.settings, "stream_ping_seconds", 0.05)
    monkeypatch.setattr(stream_module, "LOOK_AGAIN_SECONDS", 0.05)
    org = await factory.org()
    agent_id = await make_agent(client, org)
    thread = (await chat(client, org, agent_id, "hi"))["thread_id"]
    url = f"/api/v1/conversations/{thread}/stream"
    seen = Seen()
    async with live.stream("GET", url, headers=org.headers | SSE) as r:
        lines = r.aiter_lines()
        await asyncio.wait_for(read(lines, seen, until="run.succeeded"), 10)
        while len(seen.comments) < 2:
            line = await asyncio.wait_for(anext(lines), 5)
            if line.startswith(":"):
                seen.comments.append(line[1:].strip())
        assert seen.comments[:2] == ["ping", "ping"]
        deleted = await client.delete(f"/api/v1/conversations/{thread}", headers=org.headers)
        assert deleted.status_code == 204
        await asyncio.wait_for(read(lines, seen), 5)  # the stream ends


async def test_stream_refusals(client: httpx.AsyncClient, factory: Factory) -> None:
    org, other = await factory.org(), await factory.org()
    agent_id = await make_agent(client, org)
    thread = (await chat(client, org, agent_id, "hi"))["thread_id"]
    url = f"/api/v1/conversations/{thread}/stream"
    assert (await client.get(url, headers=other.headers)).status_code == 404
    r = await client.get(url, headers={**org.headers, **SSE, "Last-Event-ID": "abc"})
    assert r.status_code == 422
    assert r.json()["details"][0]["field"] == "Last-Event-ID"
    r = await client.get(url, params={"after_id": -1}, headers=org.headers)
    assert r.status_code == 422
