"""PostgreSQL scale-out: runs/s with 1, 2 and 4 workers behind 2 API processes, against
SQLite's single process, and a kill -9 of an API process and a worker under load.

Run ``python -m bench.scale`` (``--help`` for the options). ``flowline serve
--no-worker --processes 2`` serves a fresh PostgreSQL database; ``flowline worker``
processes (1, 2, then 4) do the work. ``--clients`` API clients start runs of a
10-step ``set`` flow without waiting for them for ``--duration`` seconds; the
figure is runs finished per second from the first start to the last end. The same
load against ``flowline serve`` on SQLite (embedded worker) is the reference: the
target is one worker reaching 60 % of it.

``--kill`` adds a ``--kill-duration`` (120 s) load with 2 workers during which an
API process and a worker are killed with ``kill -9`` (the worker is started again);
then every run must have succeeded and no step may have succeeded twice.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncpg
import httpx
import psutil
from cryptography.fernet import Fernet
from sqlalchemy.engine import make_url

from bench.chat import _free_port
from bench.engine import PG_DEFAULT, _drop_database, _scratch_database
from bench.paths import flow_id, set_chain
from flowline.bootstrap import initialise
from flowline.config import Settings

ROOT = Path(__file__).resolve().parent.parent


class Fleet:
    """The processes of one instance: API processes and workers, started by command."""

    def __init__(self, settings: Settings, root: Path) -> None:
        self.root = root
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("FLOWLINE_")}
        self.env.update(
            FLOWLINE_DATA_DIR=str(settings.data_dir),
            FLOWLINE_DATABASE_URL=str(settings.database_url),
            FLOWLINE_SECRET_KEY=str(settings.secret_key),
            FLOWLINE_RATE_LIMIT_PER_MINUTE="0",
            FLOWLINE_LOG_LEVEL="warning",
            FLOWLINE_ACCESS_LOG="false",
            FLOWLINE_LEASE_SECONDS="5",
        )
        self.server: subprocess.Popen[bytes] | None = None
        self.workers: list[subprocess.Popen[bytes]] = []
        self.logs: dict[int, Path] = {}

    def _start(self, *args: str) -> subprocess.Popen[bytes]:
        path = self.root / f"{args[0]}-{time.monotonic_ns()}.log"
        log = path.open("wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "flowline", *args],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.logs[process.pid] = path
        return process

    async def serve(self, *flags: str) -> None:
        self.server = self._start("serve", "--port", str(self.port), *flags)
        deadline = time.monotonic() + 180
        async with httpx.AsyncClient(base_url=self.url, timeout=5) as client:
            while time.monotonic() < deadline:
                with contextlib.suppress(httpx.TransportError):
                    if (await client.get("/ready")).status_code == 200:
                        return
                await asyncio.sleep(0.3)
        raise SystemExit("flowline serve did not get ready")

    def add_workers(self, count: int) -> None:
        self.workers += [self._start("worker") for _ in range(count)]

    async def workers_ready(self) -> None:
        """Wait until every worker says it is running: a worker still importing (seconds of
        CPU on a loaded machine) would count its start-up against the runs/s and the CPU
        per run of the load that follows."""
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            logs = [self.logs[w.pid].read_bytes() for w in self.workers]
            if all(b" running with " in log for log in logs):
                return
            await asyncio.sleep(0.2)
        raise SystemExit("a worker did not start")

    def api_children(self) -> list[int]:
        assert self.server is not None
        found = []
        for entry in filter(str.isdigit, os.listdir("/proc")):
            with contextlib.suppress(OSError, ValueError, IndexError):
                stat = Path(f"/proc/{entry}/stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == self.server.pid:
                    found.append(int(entry))
        return found

    def stop(self) -> None:
        for pid in self.api_children():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for process in [*self.workers, *([self.server] if self.server else [])]:
            process.kill()
            process.wait()
        self.workers = []


async def load(client: httpx.AsyncClient, flow: str, clients: int, duration: float) -> int:
    """``clients`` callers start runs back to back for ``duration`` s; return how many."""
    started = 0

    async def caller(end: float) -> None:
        nonlocal started
        while time.monotonic() < end:
            with contextlib.suppress(httpx.TransportError):  # a killed API process
                r = await client.post(f"/api/v1/flows/{flow}/run", json={"input": {}})
                started += r.status_code == 201

    end = time.monotonic() + duration
    await asyncio.gather(*(caller(end) for _ in range(clients)))
    return started


async def finished(client: httpx.AsyncClient, flow: str, total: int, within: float) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.TransportError):
            r = await client.get(f"/api/v1/runs?flow_id={flow}&status=succeeded&size=1")
            if r.json()["total"] >= total:
                return
        await asyncio.sleep(0.2)
    raise SystemExit(f"runs did not finish within {within} s")


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes have used so far."""
    total = 0.0
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            times = psutil.Process(pid).cpu_times()
            total += times.user + times.system
    return total


async def runs_per_second(
    fleet: Fleet, key: dict[str, str], args: argparse.Namespace
) -> tuple[float, str]:
    """Runs/s, and the CPU each kind of process spent per run (ms): figures the machine's
    other load changes less than runs/s."""
    async with httpx.AsyncClient(base_url=fleet.url, headers=key, timeout=60) as client:
        flow = await flow_id(client, f"scale-{time.monotonic_ns()}", set_chain())
        assert fleet.server is not None
        api = fleet.api_children() or [fleet.server.pid]  # one process: no children
        workers = [w.pid for w in fleet.workers]
        cpu = [cpu_seconds(api), cpu_seconds(workers)]
        began = time.monotonic()
        total = await load(client, flow, args.clients, args.duration)
        await finished(client, flow, total, 600)
        rate = total / (time.monotonic() - began)
        api_ms = (cpu_seconds(api) - cpu[0]) * 1000 / max(total, 1)
        worker_ms = (cpu_seconds(workers) - cpu[1]) * 1000 / max(total, 1)
        return rate, f"CPU per run: API processes {api_ms:.1f} ms, workers {worker_ms:.1f} ms"


async def twice_succeeded(url: str) -> int:
    parts = make_url(url)
    conn = await asyncpg.connect(
        host=parts.host, port=parts.port or 5432, user=parts.username, database=parts.database
    )
    try:
        rows = await conn.fetch(
            "SELECT run_id, node_id FROM steps WHERE status = 'succeeded'"
            " GROUP BY run_id, node_id, attempt_group HAVING count(*) > 1"
        )
        return len(rows)
    finally:
        await conn.close()


async def kill_under_load(fleet: Fleet, key: dict[str, str], args: argparse.Namespace) -> None:
    fleet.add_workers(2)
    async with httpx.AsyncClient(base_url=fleet.url, headers=key, timeout=60) as client:
        flow = await flow_id(client, f"kill-{time.monotonic_ns()}", set_chain())

        async def kills() -> None:
            await asyncio.sleep(args.kill_duration / 3)
            os.kill(fleet.api_children()[0], signal.SIGKILL)
            fleet.workers[0].kill()
            await asyncio.sleep(args.kill_duration / 3)
            fleet.add_workers(1)

        total, _ = await asyncio.gather(
            load(client, flow, args.clients, args.kill_duration), kills()
        )
        await finished(client, flow, total, 600)
    repeated = await twice_succeeded(str(fleet.env["FLOWLINE_DATABASE_URL"]))
    print(f"kill -9 under load: {total} runs started, all succeeded, steps run twice: {repeated}")


def settings_for(root: Path, url: str | None) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=root / "data",
        database_url=url or f"sqlite:///{root / 'data' / 'flowline.db'}",
        secret_key=Fernet.generate_key().decode(),
    )


async def one(args: argparse.Namespace, database: str) -> None:
    with tempfile.TemporaryDirectory(prefix="flowline-bench-scale-") as tmp:
        root = Path(tmp)
        name = f"bench_scale_{os.getpid()}" if database == "postgres" else None
        url = await _scratch_database(args.postgres_url, name) if name else None
        settings = settings_for(root, url)
        made = await initialise(settings)
        assert made is not None
        key = {"Authorization": f"Bearer {made.api_key}"}
        fleet = Fleet(settings, root)
        try:
            await measure(fleet, key, args, database)
        finally:
            fleet.stop()
            if name is not None:
                await _drop_database(args.postgres_url, name)


async def measure(fleet: Fleet, key: dict[str, str], args: argparse.Namespace, db: str) -> None:
    if db == "sqlite":
        await fleet.serve()
        rate, cpu = await runs_per_second(fleet, key, args)
        print(f"sqlite, one process: {rate:.0f} runs/s ({cpu})")
        return
    await fleet.serve("--no-worker", "--processes", "2")
    for workers in args.workers:
        fleet.add_workers(workers - len(fleet.workers))
        await fleet.workers_ready()
        rate, cpu = await runs_per_second(fleet, key, args)
        print(f"postgresql, 2 API processes, {workers} worker(s): {rate:.0f} runs/s ({cpu})")
    if args.kill:
        for worker in fleet.workers:
            worker.kill()
        fleet.workers = []
        await kill_under_load(fleet, key, args)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--postgres-url", default=PG_DEFAULT)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--kill", action="store_true")
    parser.add_argument("--kill-duration", type=float, default=120.0)
    args = parser.parse_args()
    print(f"cores={os.cpu_count()} clients={args.clients} duration={args.duration}s")
    for database in ("sqlite", "postgres"):
        asyncio.run(one(args, database))


if __name__ == "__main__":
    main()
