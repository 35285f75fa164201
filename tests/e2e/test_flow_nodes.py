"""Flow nodes ``agent`` and ``respond`` through real ``flowline`` processes.

An ``agent`` step whose tool needs a person's approval: the turn, and so the
flow, waits; the server (on PostgreSQL an API-only one and a worker) is killed
with SIGKILL and started again; the approval
is answered on the new process, the turn goes on and the flow finishes with the
agent's answer. A ``respond`` step answers a hook call taken by an API-only
process while a separate worker runs the flow (PostgreSQL; on SQLite, the one
embedded server).
"""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.cli.environment import Instance, fresh_instance
from tests.e2e.test_durability import _start
from tests.e2e.test_serve import Server, Servers
from tests.engine.flows import chain, node
from tests.postgres import PG_URL

pytestmark = pytest.mark.e2e

WORKER_READY_SECONDS = 180


async def _until(c: httpx.AsyncClient, path: str, done: Any) -> dict[str, Any]:
    """GET ``path`` until ``done(data)`` holds (60 s at most)."""
    async with asyncio.timeout(60):
        while True:
            r = await c.get(path)
            assert r.status_code == 200, r.text
            data: dict[str, Any] = r.json()
            if done(data):
                return data
            await asyncio.sleep(0.05)


async def _processes(servers: Servers, instance: Instance) -> tuple[Server, list[Server]]:
    """``flowline serve``; on PostgreSQL an API-only one and a ``flowline worker`` beside it."""
    server = await _start(servers, instance, *(["--no-worker"] if PG_URL else []))
    workers = [await _start(servers, instance, "worker")] if PG_URL else []
    for worker in workers:  # claiming once it says so (a busy machine takes its time)
        async with asyncio.timeout(WORKER_READY_SECONDS):
            while "running with" not in worker.output:
                assert worker.process.returncode is None, worker.output
                await asyncio.sleep(0.1)
    return server, workers


async def test_a_flows_agent_approval_survives_a_restart(tmp_path: Path) -> None:
    async with fresh_instance(tmp_path) as instance, Servers() as servers:
        server, workers = await _processes(servers, instance)
        key = {"Authorization": f"Bearer {instance.credentials()['api_key']}"}
        try:
            async with httpx.AsyncClient(base_url=server.base_url, headers=key, timeout=30) as c:
                config = {"tools": ["kv_set"], "approval": {"kv_set": "always"}}
                r = await c.post("/api/v1/agents", json={"name": "clerk", "config": config})
                assert r.status_code == 201, r.text
                prompt = 'call kv_set {"key": "city", "value": "{{ input.city }}"}'
                definition = chain(
                    node("start", "start"),
                    node("ask", "agent", agent_id="clerk", prompt=prompt, thread="desk"),
                    node("done", "end", output={"said": "{{ steps.ask.output.text }}"}),
                )
                r = await c.post("/api/v1/flows", json={"name": "f", "definition": definition})
                assert r.status_code == 201, r.text
                assert r.json()["data"]["status"] == "active", r.json()["data"]["problems"]
                flow_id = r.json()["data"]["id"]
                r = await c.post(f"/api/v1/flows/{flow_id}/run", json={"input": {"city": "Oslo"}})
                assert r.status_code == 201, r.text
                run_id = r.json()["data"]["id"]
                pending = await _until(c, "/api/v1/approvals/pending", lambda d: d["data"])
                [approval] = pending["data"]
                assert approval["payload"] == {"key": "city", "value": "Oslo"}
                run = await _until(
                    c, f"/api/v1/runs/{run_id}", lambda d: d["data"]["status"] == "waiting"
                )

            for process in [*workers, server]:
                process.process.send_signal(signal.SIGKILL)
                await process.kill()
            server, workers = await _processes(servers, instance)

            async with httpx.AsyncClient(base_url=server.base_url, headers=key, timeout=30) as c:
                run = (await c.get(f"/api/v1/runs/{run_id}")).json()["data"]
                assert run["status"] == "waiting"
                turn_id = approval["run_id"]
                assert (await c.get(f"/api/v1/runs/{turn_id}")).json()["data"]["status"] == (
                    "waiting"
                )
                r = await c.post(
                    f"/api/v1/approvals/{approval['id']}/respond", json={"decision": "approve"}
                )
                assert r.status_code == 200, r.text
                done = await _until(
                    c,
                    f"/api/v1/runs/{run_id}",
                    lambda d: d["data"]["status"] in ("succeeded", "failed"),
                )
                assert done["data"]["status"] == "succeeded", done["data"]
                assert "Oslo" in done["data"]["output"]["said"]
                kv = (await c.get("/api/v1/kv/city")).json()["data"]
                assert kv["value"] == "Oslo"
        finally:
            for process in [*workers, server]:
                await process.kill()


async def test_a_hook_call_on_the_api_process_gets_the_answer_of_a_run_on_a_worker(
    tmp_path: Path,
) -> None:
    async with fresh_instance(tmp_path) as instance, Servers() as servers:
        server, workers = await _processes(servers, instance)
        key = {"Authorization": f"Bearer {instance.credentials()['api_key']}"}
        try:
            async with httpx.AsyncClient(base_url=server.base_url, headers=key, timeout=30) as c:
                definition = chain(
                    node("start", "start"),
                    node(
                        "answer",
                        "respond",
                        status=201,
                        headers={"X-Run": "{{ run.id }}"},
                        body={"got": "{{ input.n }}"},
                    ),
                    node("later", "delay", seconds=3600),
                )
                r = await c.post("/api/v1/flows", json={"name": "h", "definition": definition})
                assert r.status_code == 201, r.text
                flow_id = r.json()["data"]["id"]
                r = await c.post(f"/api/v1/flows/{flow_id}/hook")
                token = r.json()["data"]["token"]
                async with httpx.AsyncClient(base_url=server.base_url, timeout=60) as public:
                    r = await public.post(f"/api/v1/hooks/{token}?wait_seconds=60", json={"n": 5})
                assert r.status_code == 201, r.text
                assert r.json() == {"got": 5}
                run_id = r.headers["x-run"]
                run = await _until(
                    c, f"/api/v1/runs/{run_id}", lambda d: d["data"]["status"] == "waiting"
                )
                assert run["data"]["trigger"] == "webhook"
        finally:
            for process in [*workers, server]:
                await process.kill()
