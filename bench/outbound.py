"""What the safe outbound client costs: per request against plain httpx, and in flows.

Run ``python bench/outbound.py`` (``--help`` for the options). Figures:

(a) mean time per sequential GET over one kept-alive connection to a local
    server (a separate process answering ``{}``), through plain
    ``httpx.AsyncClient`` and through ``OutboundClient`` (policy, pinned
    connections, retry bookkeeping, User-Agent); the ratio is the overhead
    (target at most 1.3 times);
(b) ``--runs`` runs of ``start -> http_request`` queued at once on SQLite and
    run by an in-process worker with ``--slots`` slots: requests/s end to end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import socket
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
from cryptography.fernet import Fernet

from flowline.app import build_runtime
from flowline.auth.principal import Principal
from flowline.auth.scopes import Role
from flowline.config import Settings
from flowline.db import migrate
from flowline.db.models import Run
from flowline.engine.start import start_run
from flowline.engine.worker import Worker
from flowline.flows.schemas import FlowCreate
from flowline.flows.service import create_flow
from flowline.orgs.service import create_organization
from flowline.outbound.client import OutboundClient, OutboundRequest

ANSWER = (
    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n"
    b"connection: keep-alive\r\n\r\n{}"
)


class _Answering(asyncio.Protocol):
    """Answers every request head with ``{}`` (GETs only: bodies are not read)."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.buffer = b""

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            _, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            self.transport.write(ANSWER)


def _serve(sock: socket.socket) -> None:
    async def main() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(_Answering, sock=sock, backlog=1024)
        await server.serve_forever()

    asyncio.run(main())


@contextlib.contextmanager
def local_server() -> Any:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1024)
    process = multiprocessing.Process(target=_serve, args=(sock,), daemon=True)
    process.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        process.terminate()
        process.join()
        sock.close()


async def per_request(url: str, requests: int, repeat: int) -> dict[str, float]:
    plain_times, ours_times = [], []
    async with httpx.AsyncClient(trust_env=False) as plain:
        ours = OutboundClient("bench@example.com", allow_hosts=["127.0.0.1"])
        try:
            for _ in range(20):  # warm both pools
                await plain.get(f"{url}/x")
                await ours.send(OutboundRequest("GET", f"{url}/x"))
            for _ in range(repeat):
                t0 = time.perf_counter()
                for _ in range(requests):
                    (await plain.get(f"{url}/x")).json()
                plain_times.append((time.perf_counter() - t0) / requests)
                t0 = time.perf_counter()
                for _ in range(requests):
                    await ours.send(OutboundRequest("GET", f"{url}/x"))
                ours_times.append((time.perf_counter() - t0) / requests)
        finally:
            await ours.close()
    plain_us = statistics.median(plain_times) * 1e6
    ours_us = statistics.median(ours_times) * 1e6
    return {"httpx_us": plain_us, "outbound_us": ours_us, "ratio": ours_us / plain_us}


async def flows(url: str, runs: int, slots: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as root:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            data_dir=Path(root),
            database_url=f"sqlite:///{Path(root) / 'bench.db'}",
            secret_key=Fernet.generate_key().decode(),
            log_level="warning",
            access_log=False,
            allow_hosts=["127.0.0.1"],
            workers=slots,
        )
        runtime = build_runtime(settings)
        await migrate.upgrade(runtime.db.engine)
        await runtime.bus.start()
        try:
            async with runtime.db.session(write=True) as session:
                made = await create_organization(
                    session, name="bench", owner_email="bench@example.com"
                )
                principal = Principal(org_id=made.org.id, user_id=made.owner.id, role=Role.OWNER)
                definition = {
                    "nodes": [
                        {"id": "start", "data": {"node_type": "start"}},
                        {
                            "id": "call",
                            "data": {"node_type": "http_request", "config": {"url": f"{url}/r"}},
                        },
                    ],
                    "edges": [{"id": "e", "source": "start", "target": "call"}],
                }
                flow = await create_flow(
                    session,
                    principal,
                    FlowCreate.model_validate({"name": "b", "definition": definition}),
                )
            async with runtime.db.session(write=True) as session:
                for _ in range(runs):
                    await start_run(
                        session,
                        runtime.bus,
                        org_id=made.org.id,
                        flow_id=flow.id,
                        input={},
                        trigger="api",
                    )
            worker = Worker(runtime, slots=slots)
            t0 = time.perf_counter()
            task = asyncio.create_task(worker.run())
            while True:
                async with runtime.db.session() as session:
                    done = await session.scalar(
                        sa.select(sa.func.count()).where(
                            Run.flow_id == flow.id, Run.status == "succeeded"
                        )
                    )
                if (done or 0) >= runs:
                    break
                await asyncio.sleep(0.05)
            elapsed = time.perf_counter() - t0
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        finally:
            await runtime.outbound.close()
            await runtime.bus.close()
            await runtime.db.dispose()
    return {"runs": runs, "seconds": elapsed, "requests_per_s": runs / elapsed}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--slots", type=int, default=64)
    args = parser.parse_args()
    with local_server() as url:
        a = await per_request(url, args.requests, args.repeat)
        print(
            f"(a) per request: httpx {a['httpx_us']:.0f} µs, outbound {a['outbound_us']:.0f} µs, "
            f"ratio {a['ratio']:.2f}x"
        )
        b = await flows(url, args.runs, args.slots)
        print(
            f"(b) {b['runs']} concurrent http_request runs ({args.slots} slots, SQLite): "
            f"{b['seconds']:.2f} s, {b['requests_per_s']:.0f} requests/s"
        )


if __name__ == "__main__":
    asyncio.run(main())
