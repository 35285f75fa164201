"""Start-up cost of ``flowline serve``: import time, time to ``/ready``, and memory.

Run ``python -m bench.startup`` (``--help`` for the options). Figures:

(a) ``import``: seconds to ``import flowline.app`` in a fresh interpreter (the median of
    ``--imports`` runs), and which heavy SDKs that import loaded (each should load only
    when its feature is used: a provider call, an S3 store, an MCP server, an embedder);
(b) ``serve``: a fresh ``flowline serve`` on SQLite in a temporary directory
    (``bench/chat.py``'s ``Server``): seconds from spawn to ``/ready`` and its RSS then;
(c) ``load``: ``--requests`` hook calls (start → ``set`` → ``respond`` → ``end`` with
    ``?wait_seconds``, ``--concurrency`` at once), then the server's RSS (issue target:
    ≤ 200 MB after a webhook load run).

The machine is shared: compare alternating runs (``--repeat``), not single figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, cast

import httpx
from cryptography.fernet import Fernet

from bench.chat import Server, load
from bench.paths import flow_id
from bench.respond import FLOW as RESPOND_FLOW
from flowline.bootstrap import initialise
from flowline.config import Settings

HEAVY = (
    "anthropic",
    "openai",
    "mcp",
    "mcp_types",
    "boto3",
    "botocore",
    "tiktoken",
    "docx",
    "icalendar",
    "pypdf",
    "wordllama",
    "numpy",
    "tokenizers",
    "semchunk",
    "moto",
    "slack_sdk",
    "asyncpg",
    "selectolax",
)

PROBE = """
import json, sys, time
began = time.perf_counter()
import flowline.app
took = time.perf_counter() - began
heavy = sorted(name for name in HEAVY if name in sys.modules)
print(json.dumps({"seconds": took, "heavy": heavy}))
"""


def import_probe() -> dict[str, object]:
    """``import flowline.app`` in a fresh interpreter: seconds and heavy SDKs loaded."""
    code = f"HEAVY = {HEAVY!r}\n{PROBE}"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    result: dict[str, object] = json.loads(out.splitlines()[-1])
    return result


def imports(times: int) -> dict[str, object]:
    probes = [import_probe() for _ in range(times)]
    seconds = [float(str(p["seconds"])) for p in probes]
    return {"import_s_median": round(statistics.median(seconds), 3), "heavy": probes[-1]["heavy"]}


async def hooks(server: Server, key: dict[str, str], requests: int, concurrency: int) -> int:
    """``requests`` hook calls, ``concurrency`` at once; the count of non-2xx answers."""
    async with httpx.AsyncClient(base_url=server.url, headers=key, timeout=60) as client:
        definition = cast(dict[str, Any], RESPOND_FLOW["definition"])
        flow = await flow_id(client, "respond-bench", definition)
        token = (await client.post(f"/api/v1/flows/{flow}/hook")).json()["data"]["token"]
        queue = iter(range(requests))
        failed = 0

        async def caller() -> None:
            nonlocal failed
            for _ in queue:
                r = await client.post(f"/api/v1/hooks/{token}?wait_seconds=10", json={"a": 1})
                failed += r.status_code >= 300

        await asyncio.gather(*(caller() for _ in range(concurrency)))
        return failed


async def serve_round(root: Path, settings: Settings, key: dict[str, str], args: object) -> None:
    assert isinstance(args, argparse.Namespace)
    began = time.monotonic()
    server = Server(settings, root / f"server-{time.monotonic_ns()}.log")
    try:
        await server.wait_ready()
        ready_s = time.monotonic() - began
        rss_ready = server.rss_mib() * 2**20 / 1e6
        failed = await hooks(server, key, args.requests, args.concurrency)
        rss_load = server.rss_mib() * 2**20 / 1e6
    finally:
        server.stop()
    print(
        f"  serve: ready in {ready_s:.2f} s, RSS {rss_ready:.1f} MB after /ready, "
        f"{rss_load:.1f} MB after {args.requests} hook calls ({failed} non-2xx)"
    )


async def run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="flowline-bench-startup-") as tmp:
        root = Path(tmp)
        settings = Settings(
            _env_file=None,
            data_dir=root / "data",
            secret_key=Fernet.generate_key().decode(),
        )
        made = await initialise(settings)
        assert made is not None
        key = {"Authorization": f"Bearer {made.api_key}"}
        for repeat in range(1, args.repeat + 1):
            print(f"round {repeat} ({load()}):")
            print(f"  import flowline.app: {imports(args.imports)}")
            await serve_round(root, settings, key, args)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--imports", type=int, default=3, help="import probes per round")
    parser.add_argument("--requests", type=int, default=2000, help="hook calls after /ready")
    parser.add_argument("--concurrency", type=int, default=10, help="hook calls at once")
    parser.add_argument("--repeat", type=int, default=1, help="rounds, each a fresh server")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
