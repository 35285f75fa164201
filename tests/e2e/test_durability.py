"""kill -9 in the middle of 100 concurrent runs: nothing is lost, nothing committed runs twice.

On PostgreSQL: ``flowline serve --no-worker --processes 2`` and two
``flowline worker`` processes; one worker and one API process are killed (the
server starts its API process again). On SQLite: the embedded ``flowline serve`` is
killed and started again. A fake third-party API on loopback counts every side
effect by its ``Idempotency-Key``.
"""

from __future__ import annotations

import asyncio
import os
import signal
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.cli.environment import Instance, fresh_instance
from tests.e2e.test_serve import Server, Servers
from tests.engine.flows import chain, node
from tests.fakes.http import Answer, FakeApi, serve_fake
from tests.postgres import PG_URL

pytestmark = pytest.mark.e2e

RUNS = 100
SLOTS = 8
FINISH_TIMEOUT = 120.0
ENV = {
    "FLOWLINE_LEASE_SECONDS": "2" if PG_URL else "30",
    "FLOWLINE_WORKERS": str(SLOTS),
    "FLOWLINE_LOG_LEVEL": "warning",
    "FLOWLINE_ALLOW_HOSTS": "127.0.0.1",  # the fake API listens on loopback
}


async def _start(servers: Servers, instance: Instance, *args: str) -> Server:
    """``flowline worker`` as it starts, or ``flowline serve <args>`` once it is ready."""
    if args[:1] == ("worker",):
        return await servers.start(instance, *args, env=ENV)
    return await servers.serve(instance, *args, env=ENV)


def _api_processes(server: Server) -> list[int]:
    """The pids of the API processes ``serve --processes`` started (its children)."""
    children = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                spawned = b"spawn_main" in cmdline.read()
        except (OSError, ValueError, IndexError):
            continue
        if parent == server.process.pid and spawned:
            children.append(int(entry))
    return children


def _definition(api: FakeApi) -> dict[str, Any]:
    def call(node_id: str) -> dict[str, Any]:
        return node(
            node_id,
            "http_request",
            method="POST",
            url=f"{api.url}/effect",
            json={"run": "{{ run.id }}", "node": node_id},
        )

    return chain(
        node("start", "start"),
        call("first"),
        node("middle", "set", values={"seen": "{{ steps.first.output.status }}"}),
        call("second"),
        node("done", "end", output="{{ vars.seen }}"),
    )


async def _wait_for(predicate: Any, seconds: float, what: str) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not await predicate():
        if asyncio.get_running_loop().time() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)


async def test_kill_9_mid_flight_loses_no_run_and_repeats_no_committed_step(
    tmp_path: Path,
) -> None:
    async with fresh_instance(tmp_path) as instance, serve_fake() as api, Servers() as servers:
        api.answer("/effect", Answer(200, {"ok": True}, delay=0.1))
        if PG_URL:
            server = await _start(servers, instance, "--no-worker", "--processes", "2")
            assert len(_api_processes(server)) == 2, server.output
            workers = [await _start(servers, instance, "worker") for _ in range(2)]
        else:
            server = await _start(servers, instance)
            workers = []
        key = {"Authorization": f"Bearer {instance.credentials()['api_key']}"}
        try:
            async with httpx.AsyncClient(base_url=server.base_url, headers=key, timeout=30) as c:
                body = {"name": "durable", "definition": _definition(api)}
                r = await c.post("/api/v1/flows", json=body)
                assert r.status_code == 201, r.text
                flow_id = r.json()["data"]["id"]
                started = await asyncio.gather(
                    *[
                        c.post(f"/api/v1/flows/{flow_id}/run", json={"input": {"n": i}})
                        for i in range(RUNS)
                    ]
                )
                assert all(s.status_code == 201 for s in started), started[0].text
                run_ids = [s.json()["data"]["id"] for s in started]

                async def effects_under_way() -> bool:
                    return len(api.requests) >= RUNS // 2

                await _wait_for(effects_under_way, 60, "half the side effects")
                print("killing at", len(api.requests), asyncio.get_running_loop().time())
                if workers:
                    workers[0].process.send_signal(signal.SIGKILL)
                    await workers[0].kill()
                    os.kill(_api_processes(server)[0], signal.SIGKILL)
                else:
                    server.process.send_signal(signal.SIGKILL)
                    await server.kill()
                    server = await _start(servers, instance)
            async with httpx.AsyncClient(base_url=server.base_url, headers=key, timeout=30) as c:

                async def all_ended() -> bool:
                    try:
                        r = await c.get(f"/api/v1/runs?flow_id={flow_id}&status=succeeded&size=1")
                    except httpx.TransportError:  # a connection of the killed API process
                        return False
                    return bool(r.json()["total"] == RUNS)

                print("restarted", asyncio.get_running_loop().time())
                await _wait_for(all_ended, FINISH_TIMEOUT, f"{RUNS} runs to succeed")
                print("done", asyncio.get_running_loop().time())
                runs = [
                    (await c.get(f"/api/v1/runs/{run_id}")).json()["data"] for run_id in run_ids
                ]
                if workers:  # the killed API process was started again

                    async def two_api_processes() -> bool:
                        return len(_api_processes(server)) == 2

                    await _wait_for(two_api_processes, 30, "the API process to be restarted")
        finally:
            for pid in _api_processes(server):
                os.kill(pid, signal.SIGKILL)
            for process in [server, *workers]:
                await process.kill()

    assert {run["status"] for run in runs} == {"succeeded"}
    committed: dict[str, datetime] = {}
    for run in runs:
        for node_id in ("first", "second"):
            done = [
                s for s in run["steps"] if s["node_id"] == node_id and s["status"] == "succeeded"
            ]
            assert len(done) == 1, run["steps"]
            committed[f"{run['id']}:{node_id}:1"] = datetime.fromisoformat(done[0]["finished_at"])
    by_key: dict[str, int] = {}
    for request in api.seen("/effect"):
        by_key[request.headers["idempotency-key"]] = (
            by_key.get(request.headers["idempotency-key"], 0) + 1
        )
    assert set(by_key) == set(committed)  # every effect happened, and no other
    repeated = [k for k, n in by_key.items() if n > 1]
    # Only steps in flight in the killed process may have been sent twice (same key).
    assert len(repeated) <= SLOTS
    assert all(by_key[k] == 2 for k in repeated), {k: by_key[k] for k in repeated}


async def test_a_run_waiting_on_approval_survives_a_restart_and_resumes_once(
    tmp_path: Path,
) -> None:
    async with fresh_instance(tmp_path) as instance, Servers() as servers:
        server = await _start(servers, instance)
        creds = instance.credentials()
        key = {"Authorization": f"Bearer {creds['api_key']}"}
        try:
            async with httpx.AsyncClient(base_url=server.base_url, headers=key, timeout=30) as c:
                me = (await c.get("/api/v1/auth/me")).json()["data"]
                definition = {
                    "nodes": [
                        node("start", "start"),
                        node("ask", "approval", title="Ship it?", assignees=[me["user"]["id"]]),
                        node("done", "end", output="{{ steps.ask.output.decision }}"),
                    ],
                    "edges": [
                        {"id": "e1", "source": "start", "target": "ask"},
                        {"id": "e2", "source": "ask", "target": "done", "label": "approved"},
                    ],
                }
                r = await c.post("/api/v1/flows", json={"name": "gate", "definition": definition})
                flow_id = r.json()["data"]["id"]
                r = await c.post(f"/api/v1/flows/{flow_id}/run", json={"wait_seconds": 5})
                run = r.json()["data"]
                assert run["status"] == "waiting", run
            assert await server.stop() == 0
            server = await _start(servers, instance)
            async with httpx.AsyncClient(base_url=server.base_url, headers=key, timeout=30) as c:
                pending = (await c.get("/api/v1/approvals/pending")).json()["data"]
                [approval] = [a for a in pending if a["run_id"] == run["id"]]
                r = await c.post(
                    f"/api/v1/approvals/{approval['id']}/respond", json={"decision": "approve"}
                )
                assert r.status_code == 200, r.text
                again = await c.post(
                    f"/api/v1/approvals/{approval['id']}/respond", json={"decision": "approve"}
                )
                assert again.status_code == 409

                async def ended() -> bool:
                    r = await c.get(f"/api/v1/runs/{run['id']}")
                    return bool(r.json()["data"]["status"] == "succeeded")

                await _wait_for(ended, 30, "the approved run to finish")
                done = (await c.get(f"/api/v1/runs/{run['id']}")).json()["data"]
                events = (await c.get(f"/api/v1/runs/{run['id']}/events?size=100")).json()["data"]
        finally:
            await server.kill()
    assert done["output"] == "approved"
    assert [s["node_id"] for s in done["steps"]] == ["start", "ask", "done"]
    types = [e["type"] for e in events]
    assert types.count("approval.resolved") == 1
    assert types.count("run.resumed") == 1
