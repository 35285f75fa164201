"""How fast the engine runs flows: chains, throughput, start latency, many waiting runs.

Run ``python bench/engine.py`` (``--help`` for the options). Figures:

(a) wall time of one 40-node sequential flow of ``set`` nodes, from the commit
    that starts it to the run's end (median of ``--repeat``);
(b) throughput of ``--runs`` runs of a 10-node flow, queued at once, in runs/s
    and steps/s;
(c) ``POST /flows/{id}/run`` through the real ASGI app to the run's first
    ``step.started`` event, p50/p99;
(d) ``--waiting`` runs waiting on approvals: process memory and CPU while idle,
    asyncio tasks and threads held, then the time to approve them all.

On SQLite the worker runs in this process, as in ``flowline serve``. On
PostgreSQL the workers are ``flowline worker`` processes (``--workers``), and
(c) and (d) use one embedded worker.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import psutil
import sqlalchemy as sa
from cryptography.fernet import Fernet
from sqlalchemy.engine import make_url

from flowline.app import build_runtime, create_app
from flowline.config import Settings
from flowline.db import migrate
from flowline.db.models import Run, RunEvent
from flowline.engine.start import start_run
from flowline.engine.waiting import wait_for_run
from flowline.engine.worker import Worker
from flowline.flows.schemas import FlowCreate
from flowline.flows.service import create_flow
from flowline.orgs.service import create_organization
from flowline.runtime import Runtime

PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/test"
TERMINAL = ("succeeded", "failed", "cancelled")


def _chain(length: int) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = [{"id": "start", "data": {"node_type": "start"}}]
    for i in range(length - 2):
        nodes.append(
            {"id": f"s{i}", "data": {"node_type": "set", "config": {"values": {f"v{i}": i}}}}
        )
    nodes.append({"id": "done", "data": {"node_type": "end", "config": {"output": 1}}})
    edges = [
        {"id": f"e{i}", "source": a["id"], "target": b["id"]}
        for i, (a, b) in enumerate(itertools.pairwise(nodes))
    ]
    return {"nodes": nodes, "edges": edges}


def _approval_flow(assignee: str) -> dict[str, Any]:
    return {
        "nodes": [
            {"id": "start", "data": {"node_type": "start"}},
            {
                "id": "ask",
                "data": {
                    "node_type": "approval",
                    "config": {"title": "ok?", "assignees": [assignee]},
                },
            },
            {"id": "done", "data": {"node_type": "end", "config": {"output": 1}}},
        ],
        "edges": [
            {"id": "e1", "source": "start", "target": "ask"},
            {"id": "e2", "source": "ask", "target": "done", "label": "approved"},
        ],
    }


class Bench:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.org_id = ""
        self.principal: Any = None
        self.api_key = ""

    async def setup(self) -> None:
        await migrate.upgrade(self.runtime.db.engine)
        await self.runtime.bus.start()
        async with self.runtime.db.session(write=True) as session:
            made = await create_organization(
                session, name=f"bench-{time.time_ns()}", owner_email="bench@example.com"
            )
        self.org_id = made.org.id
        self.api_key = made.api_key
        from flowline.auth.principal import Principal
        from flowline.auth.scopes import Role

        self.principal = Principal(org_id=made.org.id, user_id=made.owner.id, role=Role.OWNER)

    async def flow(self, name: str, definition: dict[str, Any]) -> str:
        async with self.runtime.db.session(write=True) as session:
            view = await create_flow(
                session,
                self.principal,
                FlowCreate.model_validate({"name": name, "definition": definition}),
            )
        return view.id

    async def start(self, flow_id: str, count: int, batch: int = 200) -> list[str]:
        ids: list[str] = []
        for offset in range(0, count, batch):
            async with self.runtime.db.session(write=True) as session:
                for _ in range(min(batch, count - offset)):
                    started = await start_run(
                        session,
                        self.runtime.bus,
                        org_id=self.org_id,
                        flow_id=flow_id,
                        input={},
                        trigger="api",
                    )
                    ids.append(started.run.id)
        return ids

    async def count(self, flow_id: str, statuses: tuple[str, ...]) -> int:
        async with self.runtime.db.session() as session:
            return int(
                await session.scalar(
                    sa.select(sa.func.count()).where(
                        Run.flow_id == flow_id, Run.status.in_(statuses)
                    )
                )
                or 0
            )

    async def wait_all(
        self, flow_id: str, total: int, statuses: tuple[str, ...] = TERMINAL
    ) -> None:
        while await self.count(flow_id, statuses) < total:  # noqa: ASYNC110 - a count, not an event
            await asyncio.sleep(0.2)


@asynccontextmanager
async def embedded_worker(runtime: Runtime) -> AsyncIterator[Worker]:
    worker = Worker(runtime)
    task = asyncio.create_task(worker.run())
    try:
        yield worker
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


@asynccontextmanager
async def worker_processes(settings: Settings, count: int) -> AsyncIterator[None]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOWLINE_")}
    env.update(
        FLOWLINE_DATABASE_URL=str(settings.database_url),
        FLOWLINE_DATA_DIR=str(settings.data_dir),
        FLOWLINE_SECRET_KEY=str(settings.secret_key),
        FLOWLINE_LOG_LEVEL="warning",
        FLOWLINE_WORKERS=str(settings.workers),
    )
    processes = [
        subprocess.Popen(  # noqa: ASYNC220 - started once, before the clock runs
            [sys.executable, "-m", "flowline", "worker"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for _ in range(count)
    ]
    try:
        for process in processes:
            assert process.stderr is not None
            line = await asyncio.to_thread(process.stderr.readline)  # "worker … running"
            if b"running" not in line:
                raise SystemExit(f"worker did not start: {line!r}")
        yield
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(10)


async def bench_chain(bench: Bench, repeat: int) -> dict[str, float]:
    flow_id = await bench.flow(f"chain40-{time.time_ns()}", _chain(40))
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        [run_id] = await bench.start(flow_id, 1)
        run = await wait_for_run(bench.runtime, bench.org_id, run_id, 60)
        assert run is not None
        assert run.status == "succeeded", run.error
        times.append(time.perf_counter() - t0)
    return {"chain40_p50_s": statistics.median(times), "chain40_min_s": min(times)}


async def bench_throughput(bench: Bench, runs: int, workers: Any) -> dict[str, float]:
    flow_id = await bench.flow(f"ten-{time.time_ns()}", _chain(10))
    await bench.start(flow_id, runs)
    t0 = time.perf_counter()
    async with workers():
        await bench.wait_all(flow_id, runs)
        elapsed = time.perf_counter() - t0
    ok = await bench.count(flow_id, ("succeeded",))
    return {
        "runs": runs,
        "succeeded": ok,
        "seconds": elapsed,
        "runs_per_s": runs / elapsed,
        "steps_per_s": runs * 10 / elapsed,
    }


async def bench_start_latency(bench: Bench, samples: int) -> dict[str, float]:
    flow_id = await bench.flow(f"lat-{time.time_ns()}", _chain(3))
    app = create_app(runtime=bench.runtime)
    headers = {"Authorization": f"Bearer {bench.api_key}"}
    latencies = []
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for _ in range(samples):
            t0 = time.time()
            r = await client.post(f"/api/v1/flows/{flow_id}/run", json={}, headers=headers)
            run_id = r.json()["data"]["id"]
            while True:
                async with bench.runtime.db.session() as session:
                    at = await session.scalar(
                        sa.select(RunEvent.created_at).where(
                            RunEvent.run_id == run_id, RunEvent.type == "step.started"
                        )
                    )
                if at is not None:
                    break
                await asyncio.sleep(0.0005)
            latencies.append((at.timestamp() - t0) * 1000)
    latencies.sort()
    return {
        "p50_ms": statistics.median(latencies),
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1],
    }


async def bench_waiting(bench: Bench, count: int) -> dict[str, float]:
    from flowline.db.models import Approval
    from flowline.engine.signals import resume_step

    flow_id = await bench.flow(f"wait-{time.time_ns()}", _approval_flow(bench.principal.user_id))
    await bench.start(flow_id, count, batch=500)
    await bench.wait_all(flow_id, count, ("waiting", "failed", "succeeded", "cancelled"))
    waiting = await bench.count(flow_id, ("waiting",))
    if waiting != count:
        raise SystemExit(f"only {waiting} of {count} runs are waiting")
    process = psutil.Process()
    await asyncio.sleep(1)
    tasks = len(asyncio.all_tasks())
    threads = threading.active_count()
    rss = process.memory_info().rss / 2**20
    cpu0 = process.cpu_times()
    t0 = time.perf_counter()
    await asyncio.sleep(5)
    cpu1 = process.cpu_times()
    idle = ((cpu1.user - cpu0.user) + (cpu1.system - cpu0.system)) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    async with bench.runtime.db.session() as session:
        pending = (
            await session.execute(
                sa.select(Approval.id, Approval.run_id, Approval.step_id, Approval.node_id).where(
                    Approval.org_id == bench.org_id, Approval.status == "pending"
                )
            )
        ).all()
    for offset in range(0, len(pending), 500):
        async with bench.runtime.db.session(write=True) as session:
            for approval in pending[offset : offset + 500]:
                await session.execute(
                    sa.update(Approval).where(Approval.id == approval.id).values(status="approved")
                )
                await resume_step(
                    session,
                    bench.runtime.bus,
                    org_id=bench.org_id,
                    run_id=approval.run_id,
                    step_id=approval.step_id,
                    node_id=approval.node_id,
                    data={"outcome": "approved", "output": {"decision": "approve"}},
                )
    await bench.wait_all(flow_id, count, ("succeeded",))
    return {
        "waiting_runs": count,
        "rss_mib": rss,
        "idle_cpu_percent": idle * 100,
        "asyncio_tasks": tasks,
        "threads": threads,
        "approve_all_s": time.perf_counter() - t0,
    }


async def _admin(server_url: str, statement: str) -> None:
    url = make_url(server_url)
    conn = await asyncpg.connect(
        host=url.host, port=url.port or 5432, user=url.username, database=url.database
    )
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


async def _scratch_database(server_url: str, name: str) -> str:
    await _admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await _admin(server_url, f'CREATE DATABASE "{name}"')
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


async def _drop_database(server_url: str, name: str) -> None:
    await _admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _settings(database: str, root: Path, workers: int, url: str | None) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=root,
        database_url=url or f"sqlite:///{root / 'bench.db'}",
        secret_key=Fernet.generate_key().decode(),
        log_level="warning",
        access_log=False,
        rate_limit_per_minute=0,
        workers=workers,
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--postgres-url", default=PG_DEFAULT)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--waiting", type=int, default=10_000)
    parser.add_argument("--slots", type=int, default=8, help="tasks in flight per worker")
    parser.add_argument("--skip", default="", help="comma list of a,b,c,d to skip")
    args = parser.parse_args()
    skip = set(args.skip.split(","))
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    print(f"cores={os.cpu_count()} python={sys.version.split()[0]}")
    for database in databases:
        for workers in (1, 2) if database == "postgres" else (1,):
            with tempfile.TemporaryDirectory() as tmp:
                url = None
                name = None
                if database == "postgres":
                    name = f"bench_engine_{os.getpid()}_{workers}"
                    url = await _scratch_database(args.postgres_url, name)
                settings = _settings(database, Path(tmp), args.slots, url)
                runtime = build_runtime(settings, worker_enabled=False)
                bench = Bench(runtime)
                await bench.setup()
                label = f"{database} workers={workers}"
                try:
                    workers_cm: Any = (
                        functools.partial(embedded_worker, runtime)
                        if database == "sqlite"
                        else functools.partial(worker_processes, settings, workers)
                    )

                    if "a" not in skip and workers == 1:
                        async with embedded_worker(runtime):
                            print(label, "(a)", await bench_chain(bench, args.repeat))
                    if "b" not in skip:
                        print(label, "(b)", await bench_throughput(bench, args.runs, workers_cm))
                    if "c" not in skip and workers == 1:
                        async with embedded_worker(runtime):
                            print(label, "(c)", await bench_start_latency(bench, args.samples))
                    if "d" not in skip and workers == 1:
                        async with embedded_worker(runtime):
                            print(label, "(d)", await bench_waiting(bench, args.waiting))
                finally:
                    await runtime.bus.close()
                    await runtime.db.dispose()
                    if name is not None:
                        await _drop_database(args.postgres_url, name)


if __name__ == "__main__":
    asyncio.run(main())
