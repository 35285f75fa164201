"""Hook calls answered by a flow's ``respond`` node: answers/s and latency.

Run ``python -m bench.respond`` (``--help`` for the options). ``flowline serve``
(uvicorn, uvloop, httptools, the embedded worker) runs in its own process on
SQLite in a temporary directory (``bench/chat.py``'s ``Server``); this process
is the clients (httpx over loopback). The flow is hook → ``set`` → ``respond``
→ ``end``; each call waits for the ``respond`` answer (the default wait of a
flow that has one). ``--clients`` clients call back to back for
``--duration`` seconds, after a warm-up; the figure is answers/s, p50/p99
latency and the server's CPU time per answer, ``--repeat`` times.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import httpx
from cryptography.fernet import Fernet

from bench.chat import Server, load, reference_ms
from flowline.bootstrap import initialise
from flowline.config import Settings

FLOW = {
    "name": "respond-bench",
    "definition": {
        "nodes": [
            {"id": "start", "data": {"node_type": "start"}},
            {
                "id": "sum",
                "data": {"node_type": "set", "config": {"values": {"s": "{{ input.a + 1 }}"}}},
            },
            {
                "id": "answer",
                "data": {
                    "node_type": "respond",
                    "config": {
                        "status": 201,
                        "headers": {"X-Sum": "{{ vars.s }}"},
                        "body": {"s": "{{ vars.s }}"},
                    },
                },
            },
            {"id": "done", "data": {"node_type": "end", "config": {"output": "{{ vars.s }}"}}},
        ],
        "edges": [
            {"id": "e1", "source": "start", "target": "sum"},
            {"id": "e2", "source": "sum", "target": "answer"},
            {"id": "e3", "source": "answer", "target": "done"},
        ],
    },
}


async def _client(client: httpx.AsyncClient, path: str, end: float, times: list[float]) -> int:
    errors = 0
    while time.monotonic() < end:
        began = time.monotonic()
        r = await client.post(path, json={"a": 1})
        if r.status_code == 201 and r.json() == {"s": 2}:
            times.append(time.monotonic() - began)
        else:
            errors += 1
    return errors


async def measure(server: Server, path: str, clients: int, duration: float) -> dict[str, float]:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=server.url, limits=limits, timeout=60) as client:
        await asyncio.gather(
            *(_client(client, path, time.monotonic() + 2, []) for _ in range(clients))
        )
        times: list[float] = []
        cpu = server.cpu_seconds()
        began = time.monotonic()
        errors = await asyncio.gather(
            *(_client(client, path, began + duration, times) for _ in range(clients))
        )
        elapsed = time.monotonic() - began
        cpu = server.cpu_seconds() - cpu
    times.sort()
    return {
        "answers_per_s": round(len(times) / elapsed, 1),
        "p50_ms": round(statistics.median(times) * 1000, 1),
        "p99_ms": round(times[int(len(times) * 0.99)] * 1000, 1),
        "server_cpu_ms_per_answer": round(cpu / max(len(times), 1) * 1000, 2),
        "errors": float(sum(errors)),
    }


async def run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="flowline-bench-respond-") as tmp:
        root = Path(tmp)
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            data_dir=root / "data",
            secret_key=Fernet.generate_key().decode(),
        )
        made = await initialise(settings)
        assert made is not None
        key = {"Authorization": f"Bearer {made.api_key}"}
        for repeat in range(1, args.repeat + 1):
            server = Server(settings, root / f"server-{repeat}.log")
            try:
                await server.wait_ready()
                async with httpx.AsyncClient(base_url=server.url, headers=key) as c:
                    r = await c.get("/api/v1/flows?q=respond-bench")
                    if r.json()["data"]:
                        flow_id = r.json()["data"][0]["id"]
                    else:
                        flow_id = (await c.post("/api/v1/flows", json=FLOW)).json()["data"]["id"]
                    token = (await c.post(f"/api/v1/flows/{flow_id}/hook")).json()["data"]["token"]
                figure = await measure(
                    server, f"/api/v1/hooks/{token}", args.clients, args.duration
                )
                print(f"round {repeat}: {load()}, reference loop {reference_ms()} ms CPU:", figure)
            finally:
                server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--clients", type=int, default=16, help="callers at once")
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds")
    parser.add_argument("--repeat", type=int, default=2, help="rounds, each a fresh server")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
