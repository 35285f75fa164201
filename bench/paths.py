"""The paths users take, over HTTP against ``flowline serve``: runs started by API clients,
hook → ``set`` → ``respond`` under ``wrk``, bulk starts, and the server's memory.

Run ``python -m bench.paths`` (``--help`` for the options). ``flowline serve``
(uvicorn, the embedded worker) runs on SQLite in a temporary directory
(``bench/chat.py``'s ``Server``); a fresh one each ``--repeat`` round. Figures:

(a) ``runs``: ``--clients`` clients (8) start runs of a flow of 10 ``set`` steps
    (start, 10 set, end) back to back, each ``POST /flows/{id}/run`` with
    ``wait_seconds`` so that its answer is the finished run: finished runs/s, p50/p99;
(b) ``hooks``: ``wrk`` (Debian's package) POSTs ``{"a": 1}`` to a hook of a flow
    start → ``set`` → ``respond`` → ``end`` with ``?wait_seconds=10`` (n8n's benchmark
    shape) over 1 and over 50 connections: requests/s, p50/p99 (targets: ≥ 300/s with
    p99 ≤ 100 ms at 50, p50 ≤ 5 ms at 1), non-2xx answers, and the server's RSS after
    the round (target ≤ 200 MB);
(c) ``bulk``: ``POST /flows/{id}/runs/bulk`` with 1,000 inputs, runs started/s
    (target ≥ 2,000);
(d) ``dbos``: DBOS running the same 10-step workflow in-process in its own venv
    (``bench/peers.py``), after each round, and the ratio of (a) to its best mode
    (target ≥ 3x). ``--skip dbos`` leaves it out.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from cryptography.fernet import Fernet

from bench.chat import Server, load, reference_ms
from bench.respond import FLOW as RESPOND_FLOW
from flowline.bootstrap import initialise
from flowline.config import Settings

STEPS = 10

WRK_SCRIPT = """
wrk.method = "POST"
wrk.body = '{"a": 1}'
wrk.headers["Content-Type"] = "application/json"
done = function(summary, latency, requests)
  io.write(string.format(
    "JSON {\\"requests\\": %d, \\"non2xx\\": %d, \\"p50_us\\": %d, \\"p99_us\\": %d}\\n",
    summary.requests, summary.errors.status, latency:percentile(50), latency:percentile(99)))
end
"""


def set_chain(steps: int = STEPS) -> dict[str, Any]:
    """start, ``steps`` ``set`` nodes, end."""
    nodes: list[dict[str, Any]] = [{"id": "start", "data": {"node_type": "start"}}]
    nodes += [
        {"id": f"s{i}", "data": {"node_type": "set", "config": {"values": {f"v{i}": i}}}}
        for i in range(steps)
    ]
    nodes.append({"id": "done", "data": {"node_type": "end", "config": {"output": 1}}})
    edges = [
        {"id": f"e{i}", "source": a["id"], "target": b["id"]}
        for i, (a, b) in enumerate(itertools.pairwise(nodes))
    ]
    return {"nodes": nodes, "edges": edges}


async def flow_id(client: httpx.AsyncClient, name: str, definition: dict[str, Any]) -> str:
    found = (await client.get(f"/api/v1/flows?q={name}")).json()["data"]
    if found:
        return str(found[0]["id"])
    made = await client.post("/api/v1/flows", json={"name": name, "definition": definition})
    made.raise_for_status()
    return str(made.json()["data"]["id"])


def _p(values: list[float], share: float) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(len(values) * share))] * 1000, 1)


async def runs_over_http(
    client: httpx.AsyncClient, flow: str, clients: int, duration: float
) -> dict[str, float]:
    """``clients`` callers starting runs and waiting for each to finish."""
    times: list[float] = []
    failed = 0

    async def caller(end: float, keep: bool) -> None:
        nonlocal failed
        while time.monotonic() < end:
            began = time.monotonic()
            r = await client.post(
                f"/api/v1/flows/{flow}/run", json={"input": {}, "wait_seconds": 30}
            )
            ok = r.status_code == 201 and r.json()["data"]["status"] == "succeeded"
            if keep and ok:
                times.append(time.monotonic() - began)
            elif keep:
                failed += 1

    await asyncio.gather(*(caller(time.monotonic() + 2, False) for _ in range(clients)))
    began = time.monotonic()
    await asyncio.gather(*(caller(began + duration, True) for _ in range(clients)))
    elapsed = time.monotonic() - began
    return {
        "runs_per_s": round(len(times) / elapsed, 1),
        "p50_ms": _p(times, 0.5),
        "p99_ms": _p(times, 0.99),
        "failed": float(failed),
    }


def wrk(url: str, connections: int, duration: float, script: Path) -> dict[str, float]:
    threads = min(2, connections)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration:g}s", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("JSON "))
    data = json.loads(line[5:])
    return {
        "req_per_s": round(data["requests"] / duration, 1),
        "p50_ms": round(data["p50_us"] / 1000, 2),
        "p99_ms": round(data["p99_us"] / 1000, 2),
        "non2xx": float(data["non2xx"]),
    }


async def bulk(client: httpx.AsyncClient, server: Server, flow: str, batches: int) -> Any:
    """``batches`` bulk starts of 1,000 runs: the median's runs/s, and the server's CPU
    time per request (the embedded worker runs the runs meanwhile, in the same process)."""
    took: list[float] = []
    cpu = server.cpu_seconds()
    for _ in range(batches):
        items = [{"input": {"n": i}} for i in range(1000)]
        began = time.monotonic()
        r = await client.post(f"/api/v1/flows/{flow}/runs/bulk", json={"runs": items})
        if r.status_code != 201:
            return {"status": float(r.status_code)}
        took.append(time.monotonic() - began)
    return {
        "runs_started_per_s": round(1000 / statistics.median(took), 1),
        "server_cpu_ms_per_1000_incl_running_them": round(
            (server.cpu_seconds() - cpu) * 1000 / batches, 1
        ),
    }


def _per(server: Server, cpu_before: float, figure: dict[str, float], seconds: float) -> float:
    """The server's CPU time per run or request of ``figure`` (less disturbed by a busy
    machine than the rates are; includes the warm-up's share)."""
    done = figure.get("runs_per_s", figure.get("req_per_s", 0.0)) * seconds
    return round((server.cpu_seconds() - cpu_before) * 1000 / max(done, 1), 2)


async def one_round(server: Server, key: dict[str, str], args: argparse.Namespace) -> None:
    figures: dict[str, Any] = {}
    async with httpx.AsyncClient(base_url=server.url, headers=key, timeout=60) as client:
        chain = await flow_id(client, "paths-chain", set_chain())
        respond = await flow_id(client, "respond-bench", RESPOND_FLOW["definition"])
        r = await client.post(f"/api/v1/flows/{respond}/hook")
        token = r.json()["data"]["token"]
        if "runs" not in args.skip:
            cpu = server.cpu_seconds()
            figures["runs_http"] = await runs_over_http(client, chain, args.clients, args.duration)
            figures["runs_http"]["server_cpu_ms_per_run"] = _per(
                server, cpu, figures["runs_http"], args.duration + 2
            )
        if "hooks" not in args.skip:
            url = f"{server.url}/api/v1/hooks/{token}?wait_seconds=10"
            with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
                script.write(WRK_SCRIPT)
                script.flush()
                for connections in args.connections:
                    wrk(url, connections, 2, Path(script.name))  # warm-up
                    cpu = server.cpu_seconds()
                    figure = wrk(url, connections, args.duration, Path(script.name))
                    figure["server_cpu_ms_per_req"] = _per(server, cpu, figure, args.duration)
                    figures[f"hooks_c{connections}"] = figure
        if "bulk" not in args.skip:
            figures["bulk"] = await bulk(client, server, chain, 3)
    figures["rss_mb_after"] = round(server.rss_mib() * 2**20 / 1e6, 1)
    print(f"{load()}, reference loop {reference_ms()} ms CPU")
    for name, figure in figures.items():
        print(f"  {name}: {figure}")
    if "runs" not in args.skip and "dbos" not in args.skip:
        dbos = dbos_sets(args)
        ratio = figures["runs_http"]["runs_per_s"] / max(dbos["best"], 0.1)
        print(f"  dbos_sets: {dbos} ({load()})")
        print(f"  runs_http / dbos best = {ratio:.2f}x (target >= 3x)")


def dbos_sets(args: argparse.Namespace) -> dict[str, Any]:
    """DBOS's 10-step ``sets`` workflow in-process, each of its modes (``bench/peers.py``)."""
    from bench.peers import dbos_figures, dbos_python  # it imports this module

    return dbos_figures(dbos_python(Path(args.venv)), "sets", "", args)


async def run(args: argparse.Namespace) -> None:
    if shutil.which("wrk") is None and "hooks" not in args.skip:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    with tempfile.TemporaryDirectory(prefix="flowline-bench-paths-") as tmp:
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
                print(f"round {repeat}:")
                await one_round(server, key, args)
            finally:
                server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--clients", type=int, default=8, help="API clients starting runs")
    parser.add_argument("--connections", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds")
    parser.add_argument("--repeat", type=int, default=1, help="rounds, each a fresh server")
    parser.add_argument("--skip", default="", help="comma list of runs,hooks,bulk,dbos")
    venv = Path(tempfile.gettempdir()) / "flowline-peers" / "dbos"
    parser.add_argument("--venv", default=str(venv), help="DBOS's venv (made on first use)")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
