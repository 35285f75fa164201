"""Batches and uploads: rows/s of a batch on the echo model at concurrency 8; upload and
download MB/s of a 50 MB file through the real app, with the process's RSS growth.

    .venv/bin/python -m bench.batches [--rows 2000] [--mb 50]

SQLite in a temporary data dir. The batch: the app in process (ASGI transport), the
engine's worker beside it. The transfers: a real ``flowline serve`` on loopback, whose
RSS is sampled every 20 ms while each transfer runs.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson
import psutil
from cryptography.fernet import Fernet

from flowline.app import build_runtime, create_app
from flowline.config import Settings
from flowline.db import migrate
from flowline.engine.worker import Worker
from flowline.orgs.service import create_organization


class Rss:
    def __init__(self, process: psutil.Process) -> None:
        self.process = process
        self.start = self.peak = self.process.memory_info().rss
        self.task: asyncio.Task[None] | None = None

    async def _sample(self) -> None:
        while True:
            self.peak = max(self.peak, self.process.memory_info().rss)
            await asyncio.sleep(0.02)

    def __enter__(self) -> Rss:
        self.task = asyncio.create_task(self._sample())
        return self

    def __exit__(self, *_: object) -> None:
        assert self.task is not None
        self.task.cancel()

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.start) / 1e6


async def main(rows: int, mb: int) -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="flowline-bench-"))
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=data_dir,
        secret_key=Fernet.generate_key().decode(),
        rate_limit_per_minute=0,
        access_log=False,
        upload_max_mb=max(100, mb + 1),
    )
    runtime = build_runtime(settings)
    await migrate.upgrade(runtime.db.engine)
    await runtime.bus.start()
    async with runtime.db.session(write=True) as session:
        made = await create_organization(session, name="bench", owner_email="b@example.com")
    headers = {"Authorization": f"Bearer {made.api_key}"}
    transport = httpx.ASGITransport(app=create_app(runtime=runtime))
    async with httpx.AsyncClient(transport=transport, base_url="http://b", timeout=600) as c:
        await batch_rate(c, runtime, headers, rows)
    await runtime.bus.close()
    await runtime.db.dispose()
    await transfers(data_dir, mb)


async def batch_rate(
    c: httpx.AsyncClient, runtime: object, headers: dict[str, str], n: int
) -> None:
    body = b"".join(orjson.dumps({"text": f"row {i}"}) + b"\n" for i in range(n))
    r = await c.post("/api/v1/files", files={"file": ("rows.jsonl", body)}, headers=headers)
    file_id = r.json()["data"]["id"]
    operation = {"kind": "summarize", "input_field": "text"}
    worker = Worker(runtime, slots=8)  # type: ignore[arg-type]
    running = asyncio.create_task(worker.run())
    started = time.perf_counter()
    r = await c.post(
        "/api/v1/batches",
        json={"file_id": file_id, "operation": operation, "concurrency": 8},
        headers=headers,
    )
    batch_id = r.json()["data"]["id"]
    while True:
        got = (await c.get(f"/api/v1/batches/{batch_id}", headers=headers)).json()["data"]
        if got["status"] != "queued" and got["status"] != "running":
            break
        await asyncio.sleep(0.05)
    took = time.perf_counter() - started
    worker.stop()
    await running
    print(f"batch: {n} rows, concurrency 8, echo model: {n / took:,.0f} rows/s ({took:.1f} s)")


@contextlib.contextmanager
def live_server(data_dir: Path) -> Iterator[tuple[str, dict[str, str], psutil.Process]]:
    """``flowline serve`` on a free port, its owner's key, and its process."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOWLINE_")}
    env |= {"FLOWLINE_DATA_DIR": str(data_dir / "live"), "FLOWLINE_ACCESS_LOG": "false"}
    server = subprocess.Popen(
        [sys.executable, "-m", "flowline", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{url}/ready", timeout=5).status_code == 200:
                    break
            time.sleep(0.3)
        key = json.loads((data_dir / "live" / "initial-credentials").read_text())["api_key"]
        yield url, {"Authorization": f"Bearer {key}"}, psutil.Process(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)


async def transfers(data_dir: Path, mb: int) -> None:
    """Upload and download through a real server; the server process's RSS growth."""
    path = data_dir / "big.bin"
    with path.open("wb") as out:
        for _ in range(mb):
            out.write(bytes(range(256)) * 4096)
    size = path.stat().st_size
    with live_server(data_dir) as (url, headers, process):
        async with httpx.AsyncClient(base_url=url, timeout=600) as c:
            with Rss(process) as rss, path.open("rb") as handle:
                started = time.perf_counter()
                files = {"file": ("big.bin", handle)}
                r = await c.post("/api/v1/attachments", files=files, headers=headers)
                took = time.perf_counter() - started
            attachment = r.json()["data"]["id"]
            mbs = size / 1e6 / took
            print(
                f"upload {size / 1e6:.0f} MB: {mbs:,.0f} MB/s, server RSS +{rss.growth_mb:.1f} MB"
            )
            with Rss(process) as rss:
                started = time.perf_counter()
                got = 0
                link = f"/api/v1/attachments/{attachment}/download"
                async with c.stream("GET", link, headers=headers) as r:
                    async for chunk in r.aiter_bytes():
                        got += len(chunk)
                took = time.perf_counter() - started
    assert got == size
    mbs = size / 1e6 / took
    print(f"download {size / 1e6:.0f} MB: {mbs:,.0f} MB/s, server RSS +{rss.growth_mb:.1f} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--mb", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(main(args.rows, args.mb))
