"""Batches and uploads: rows/s of a batch on the echo model at concurrency 8; upload and
download MB/s of a 50 MB file through the real app, with the process's RSS growth.

    .venv/bin/python -m bench.batches [--rows 2000] [--mb 50]

SQLite in a temporary data dir, the app in process (ASGI transport), the engine's
worker beside it. RSS is sampled every 20 ms while a transfer runs.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
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
    def __init__(self) -> None:
        self.process = psutil.Process()
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
        await transfers(c, headers, data_dir, mb)
    await runtime.bus.close()
    await runtime.db.dispose()


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


async def transfers(c: httpx.AsyncClient, headers: dict[str, str], data_dir: Path, mb: int) -> None:
    path = data_dir / "big.bin"
    with path.open("wb") as out:
        for _ in range(mb):
            out.write(bytes(range(256)) * 4096)
    size = path.stat().st_size
    with Rss() as rss, path.open("rb") as handle:
        started = time.perf_counter()
        r = await c.post(
            "/api/v1/attachments", files={"file": ("big.bin", handle)}, headers=headers
        )
        took = time.perf_counter() - started
    attachment = r.json()["data"]["id"]
    print(f"upload {size / 1e6:.0f} MB: {size / 1e6 / took:,.0f} MB/s, RSS +{rss.growth_mb:.1f} MB")
    with Rss() as rss:
        started = time.perf_counter()
        got = 0
        async with c.stream(
            "GET", f"/api/v1/attachments/{attachment}/download", headers=headers
        ) as r:
            async for chunk in r.aiter_bytes():
                got += len(chunk)
        took = time.perf_counter() - started
    assert got == size
    print(
        f"download {size / 1e6:.0f} MB: {size / 1e6 / took:,.0f} MB/s, RSS +{rss.growth_mb:.1f} MB"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--mb", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(main(args.rows, args.mb))
