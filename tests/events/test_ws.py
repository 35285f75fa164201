"""Following runs over ``GET /api/v1/ws``, against the app served by uvicorn on loopback."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Origin

from flowline.api.deps import SESSION_COOKIE
from flowline.engine.worker import Worker
from flowline.runtime import Runtime
from tests.factories import Factory, Org
from tests.runs.builders import Move, advance, make_flow, make_run
from tests.runs.test_stream import LIFECYCLE, lifecycle

TIMEOUT = 10.0


@pytest.fixture
async def ws_url(app: FastAPI) -> AsyncIterator[str]:
    """The session's app served on a free loopback port; the ``/api/v1/ws`` URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()  # clients that connect before the server is up wait in the backlog
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app, lifespan="off", ws="websockets-sansio", log_config=None, access_log=False
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    yield f"ws://127.0.0.1:{port}/api/v1/ws"
    server.should_exit = True
    await asyncio.wait_for(serving, TIMEOUT)
    sock.close()


async def receive(ws: ClientConnection) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))
    return message


async def receive_events(ws: ClientConnection, count: int) -> list[dict[str, Any]]:
    return [await receive(ws) for _ in range(count)]


def seqs(events: list[dict[str, Any]]) -> list[tuple[int, str]]:
    return [(event["seq"], event["type"]) for event in events]


async def run_engine(runtime: Runtime, org: Org, run_id: str, moves: list[Move]) -> None:
    for move in moves:
        await asyncio.sleep(0.02)  # let the socket catch up and wait in between
        await advance(runtime, org, run_id, move)


async def closed_with(ws_url: str, **connect_args: Any) -> int:
    """Connect, then wait for the server to close; the close code."""
    async with connect(ws_url, **connect_args) as ws:
        with pytest.raises(ConnectionClosed):
            await asyncio.wait_for(ws.recv(), TIMEOUT)
        assert ws.close_code is not None
        return ws.close_code


async def test_a_subscription_replays_then_streams_every_event_once_in_order(
    ws_url: str, factory: Factory, runtime: Runtime, client: httpx.AsyncClient
) -> None:
    org = await factory.org()
    run_id = await make_run(client, runtime, org)
    moves = lifecycle(org)
    await run_engine(runtime, org, run_id, moves[:2])  # two events before subscribing
    async with connect(ws_url, additional_headers=org.headers) as ws:
        await ws.send(json.dumps({"subscribe": {"run": run_id}}))
        engine = asyncio.create_task(run_engine(runtime, org, run_id, moves[2:]))
        events = await receive_events(ws, len(LIFECYCLE))
        await engine
        assert await receive(ws) == {"ended": {"run": run_id}}
    assert seqs(events) == LIFECYCLE
    assert {event["run_id"] for event in events} == {run_id}
    assert set(events[0]) == {"run_id", "seq", "type", "data", "created_at"}
    assert events[-1]["data"]["status"] == "succeeded"


async def test_reconnecting_with_after_seq_receives_the_rest_exactly_once(
    ws_url: str, factory: Factory, runtime: Runtime, client: httpx.AsyncClient
) -> None:
    org = await factory.org()
    run_id = await make_run(client, runtime, org)
    moves = lifecycle(org)
    async with connect(ws_url, additional_headers=org.headers) as ws:
        await ws.send(json.dumps({"subscribe": {"run": run_id, "after_seq": 0}}))
        await run_engine(runtime, org, run_id, moves[:3])
        first = await receive_events(ws, 2)  # gone after event 2; event 3 unread
    await run_engine(runtime, org, run_id, moves[3:5])
    async with connect(ws_url, additional_headers=org.headers) as ws:
        after = first[-1]["seq"]
        await ws.send(json.dumps({"subscribe": {"run": run_id, "after_seq": after}}))
        engine = asyncio.create_task(run_engine(runtime, org, run_id, moves[5:]))
        second = await receive_events(ws, len(LIFECYCLE) - 2)
        await engine
        assert await receive(ws) == {"ended": {"run": run_id}}
    assert seqs(first + second) == LIFECYCLE


async def test_one_socket_follows_several_runs_and_unsubscribes(
    ws_url: str, factory: Factory, runtime: Runtime, client: httpx.AsyncClient
) -> None:
    org = await factory.org()
    flow_id = await make_flow(client, org)
    first = await make_run(client, runtime, org, flow_id=flow_id)
    second = await make_run(client, runtime, org, flow_id=flow_id)
    first_moves, second_moves = lifecycle(org), lifecycle(org)
    async with connect(ws_url, additional_headers=org.headers) as ws:
        await ws.send(json.dumps({"subscribe": {"run": first}}))
        await ws.send(json.dumps({"subscribe": {"run": second}}))
        await run_engine(runtime, org, first, first_moves[:1])
        await run_engine(runtime, org, second, second_moves[:1])
        got = await receive_events(ws, 2)
        assert sorted((e["run_id"], e["seq"]) for e in got) == sorted([(first, 1), (second, 1)])

        await ws.send(json.dumps({"unsubscribe": {"run": first}}))
        await asyncio.sleep(0.05)
        await run_engine(runtime, org, first, first_moves[1:2])
        await run_engine(runtime, org, second, second_moves[1:2])
        assert seqs([await receive(ws)]) == [(2, "step.started")]
        with pytest.raises(TimeoutError):  # nothing more of the first run
            await asyncio.wait_for(ws.recv(), 0.3)


async def test_another_organisations_run_is_an_error_message_and_the_socket_stays_open(
    ws_url: str, factory: Factory, runtime: Runtime, client: httpx.AsyncClient
) -> None:
    org, other = await factory.org(), await factory.org()
    theirs = await make_run(client, runtime, other)
    ours = await make_run(client, runtime, org)
    async with connect(ws_url, additional_headers=org.headers) as ws:
        for run_id in (theirs, "run_missing"):
            await ws.send(json.dumps({"subscribe": {"run": run_id}}))
            error = (await receive(ws))["error"]
            assert error["code"] == "RUN_NOT_FOUND"
            assert error["run"] == run_id
        await ws.send(json.dumps({"subscribe": {"run": ours}}))
        await run_engine(runtime, org, ours, lifecycle(org)[:1])
        assert seqs([await receive(ws)]) == [(1, "run.started")]


@pytest.mark.parametrize(
    "message",
    [
        "not json",
        "[]",
        json.dumps({}),
        json.dumps({"subscribe": {"run": "r", "after_seq": -1}}),
        json.dumps({"subscribe": {"run": "r"}, "unsubscribe": {"run": "r"}}),
        json.dumps({"subscribe": {"flows": "f"}}),
        json.dumps({"publish": {}}),
    ],
)
async def test_a_malformed_message_is_a_validation_error(
    ws_url: str, factory: Factory, message: str
) -> None:
    org = await factory.org()
    async with connect(ws_url, additional_headers=org.headers) as ws:
        await ws.send(message)
        assert (await receive(ws))["error"]["code"] == "VALIDATION_ERROR"
        await ws.send(json.dumps({"unsubscribe": {"run": "run_none"}}))  # still open
        await ws.send("{}")
        assert (await receive(ws))["error"]["code"] == "VALIDATION_ERROR"


async def test_bad_credentials_close_4401_and_a_missing_scope_4403(
    ws_url: str, factory: Factory
) -> None:
    org = await factory.org()
    assert await closed_with(ws_url) == 4401
    assert await closed_with(ws_url, additional_headers={"X-API-Key": "fl_nope"}) == 4401
    assert await closed_with(f"{ws_url}?api_key=fl_nope") == 4401
    bad_cookie = {"Cookie": f"{SESSION_COOKIE}=nope"}
    assert await closed_with(ws_url, additional_headers=bad_cookie) == 4401
    member = await factory.member(org, scopes=["flows:read"])
    assert await closed_with(ws_url, additional_headers=member.headers) == 4403


async def test_a_query_key_authenticates_and_is_never_logged(
    ws_url: str,
    factory: Factory,
    runtime: Runtime,
    client: httpx.AsyncClient,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.INFO)  # the server's level; at DEBUG it logs raw request lines
    # Another uvicorn server configured earlier in this process (a fake API's) may
    # have turned off propagation of uvicorn's loggers: their lines must reach caplog.
    for name in ("uvicorn", "uvicorn.error"):
        monkeypatch.setattr(logging.getLogger(name), "propagate", True)
        monkeypatch.setattr(logging.getLogger(name), "level", logging.INFO)
    org = await factory.org()
    run_id = await make_run(client, runtime, org)
    async with connect(f"{ws_url}?api_key={org.owner.api_key}&x=1") as ws:
        await ws.send(json.dumps({"subscribe": {"run": run_id}}))
        await run_engine(runtime, org, run_id, lifecycle(org)[:1])
        assert seqs([await receive(ws)]) == [(1, "run.started")]
    assert "WebSocket /api/v1/ws?x=1" in caplog.text  # the server logs the query string…
    assert org.owner.api_key not in caplog.text  # …without the key


async def test_the_session_cookie_authenticates_from_the_same_origin_only(
    ws_url: str, factory: Factory, runtime: Runtime, client: httpx.AsyncClient
) -> None:
    org = await factory.org()
    run_id = await make_run(client, runtime, org)
    login = {"email": org.owner.email, "password": org.owner.password}
    r = await client.post("/api/v1/auth/login", json=login)
    assert r.status_code == 200, r.text
    cookie = {"Cookie": f"{SESSION_COOKIE}={r.cookies[SESSION_COOKIE]}"}
    client.cookies.clear()
    host = ws_url.split("/")[2]
    async with connect(ws_url, additional_headers=cookie, origin=Origin(f"http://{host}")) as ws:
        await ws.send(json.dumps({"subscribe": {"run": run_id}}))
        await run_engine(runtime, org, run_id, lifecycle(org)[:1])
        assert seqs([await receive(ws)]) == [(1, "run.started")]
    elsewhere = Origin("https://evil.example")
    assert await closed_with(ws_url, additional_headers=cookie, origin=elsewhere) == 4403


async def test_a_flow_subscription_announces_and_follows_every_new_run(
    ws_url: str, factory: Factory, client: httpx.AsyncClient, worker: Worker
) -> None:
    org, other = await factory.org(), await factory.org()
    flow_id = await make_flow(client, org)
    async with connect(ws_url, additional_headers=org.headers) as ws:
        await ws.send(json.dumps({"subscribe": {"flow": flow_id}}))
        # Messages are handled in order: the answer to a second one means the first is in.
        await ws.send(json.dumps({"subscribe": {"flow": "flow_none"}}))
        assert (await receive(ws))["error"]["code"] == "FLOW_NOT_FOUND"
        r = await client.post(f"/api/v1/flows/{flow_id}/run", json={}, headers=org.headers)
        run_id = r.json()["data"]["id"]
        assert await receive(ws) == {"flow_id": flow_id, "run_started": {"run": run_id}}
        types = []
        while True:
            message = await receive(ws)
            if "ended" in message:
                break
            assert message["run_id"] == run_id
            types.append(message["type"])
        assert types[0] == "run.started"
        assert types[-1] == "run.succeeded"
    async with connect(ws_url, additional_headers=other.headers) as ws:
        await ws.send(json.dumps({"subscribe": {"flow": flow_id}}))
        assert (await receive(ws))["error"]["code"] == "FLOW_NOT_FOUND"
