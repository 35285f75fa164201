"""Flowline beside DBOS on the same machine, in the same run: 10-step runs and 10-step
runs of HTTP calls.

Run ``python -m bench.peers`` (``--help`` for the options). DBOS (``dbos`` from
PyPI, with httpx) is installed in a venv of its own outside the repository
(``--venv``, default ``/tmp/flowline-peers/dbos``) on first use, and runs as a
separate process on SQLite (its system database in a temporary directory),
in-process as its users run it: ``threads`` (``--clients`` threads calling the
workflow function back to back), ``asyncio`` (as many tasks calling an async
workflow) and ``queue`` (workflows enqueued on a DBOS ``Queue`` and awaited),
the best of which is DBOS's figure. Flowline runs as ``flowline serve`` on
SQLite (``bench/chat.py``'s ``Server``) driven over HTTP by ``--clients`` clients
each starting a run with ``wait_seconds`` back to back (``bench/paths.py``).

(a) ``sets``: a workflow of 10 steps, each setting one variable (Flowline: start,
    10 ``set`` nodes, end): finished runs/s. Target: Flowline ≥ 3x DBOS's best.
(b) ``calls``: 10 steps each calling a loopback HTTP fake (``bench/outbound.py``'s,
    in a process of its own) (Flowline: 10 ``http_request`` nodes, each durable per
    step; DBOS: ``httpx`` in each ``@DBOS.step``): finished runs/s. Target ≥ 2x.

Each figure comes with the CPU milliseconds per run (DBOS's process, all threads, in
its best mode; Flowline's server process) and their ratio, which a busy machine
disturbs less than the rates. The two alternate ``--repeat`` times so that a busy
machine weighs on both alike.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx
from cryptography.fernet import Fernet

from bench.chat import Server, load
from bench.outbound import local_server
from bench.paths import flow_id, runs_over_http, set_chain
from flowline.bootstrap import initialise
from flowline.config import Settings

ROOT = Path(__file__).resolve().parent.parent
STEPS = 10

DBOS_SCRIPT = """
import asyncio, json, sys, threading, time
import httpx
from dbos import DBOS

shape, url, seconds, clients, db = sys.argv[1:6]
seconds, clients = float(seconds), int(clients)
DBOS(config={"name": "peers", "system_database_url": f"sqlite:///{db}"})

http = httpx.Client()
ahttp = None

@DBOS.step()
def set_step(i, values):
    return {**values, f"v{i}": i}

@DBOS.step()
def call_step(i):
    return http.get(url + "/r").json()

@DBOS.workflow()
def sets():
    values = {}
    for i in range(10):
        values = set_step(i, values)
    return values

@DBOS.workflow()
def calls():
    for i in range(10):
        call_step(i)
    return 1

@DBOS.step()
async def aset_step(i, values):
    return {**values, f"v{i}": i}

@DBOS.step()
async def acall_step(i):
    return (await ahttp.get(url + "/r")).json()

@DBOS.workflow()
async def asets():
    values = {}
    for i in range(10):
        values = await aset_step(i, values)
    return values

@DBOS.workflow()
async def acalls():
    for i in range(10):
        await acall_step(i)
    return 1

DBOS.launch()
# Its best: a queue polled every 10 ms (the default is a second).
queue = DBOS.register_queue("peers", worker_concurrency=clients, polling_interval_sec=0.01)
sync_fn, async_fn = (sets, asets) if shape == "sets" else (calls, acalls)

def timed(mode):
    # Runs/s of the mode, and the process's CPU milliseconds per run (all threads).
    cpu, began = time.process_time(), time.monotonic()
    done = mode()
    seconds = time.monotonic() - began
    return done / seconds, (time.process_time() - cpu) * 1000 / max(done, 1)

def threads():
    done = [0]
    end = time.monotonic() + seconds
    def worker():
        while time.monotonic() < end:
            sync_fn()
            done[0] += 1
    ts = [threading.Thread(target=worker) for _ in range(clients)]
    began = time.monotonic()
    for t in ts: t.start()
    for t in ts: t.join()
    return done[0]

def queued():
    done = 0
    began = time.monotonic()
    while time.monotonic() < began + seconds:
        handles = [queue.enqueue(sync_fn) for _ in range(clients * 4)]
        for h in handles:
            h.get_result()
            done += 1
    return done

async def tasks():
    global ahttp
    ahttp = httpx.AsyncClient()
    done = 0
    end = time.monotonic() + seconds
    async def worker():
        nonlocal done
        while time.monotonic() < end:
            await async_fn()
            done += 1
    await asyncio.gather(*(worker() for _ in range(clients)))
    return done

figures = {
    "threads": timed(threads),
    "asyncio": timed(lambda: asyncio.run(tasks())),
    "queue": timed(queued),
}
print(json.dumps({k: round(v[0], 1) for k, v in figures.items()}))
print(json.dumps({f"{k}_cpu_ms_per_run": round(v[1], 1) for k, v in figures.items()}))
DBOS.destroy()
"""


def dbos_python(venv: Path) -> Path:
    """The DBOS venv's interpreter, made on first use (outside the repository)."""
    python = venv / "bin" / "python"
    if not python.exists():
        uv = ROOT / ".tools" / "bin" / "uv"
        subprocess.run([str(uv), "venv", "-q", str(venv)], check=True)
        subprocess.run(
            [str(uv), "pip", "install", "-q", "--python", str(python), "dbos", "httpx"],
            check=True,
        )
    return python


def dbos_figures(python: Path, shape: str, url: str, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="flowline-peers-dbos-") as tmp:
        script, db = Path(tmp) / "peers_dbos.py", str(Path(tmp) / "dbos.sqlite")
        script.write_text(DBOS_SCRIPT)
        out = subprocess.run(
            [str(python), str(script), shape, url, str(args.duration), str(args.clients), db],
            capture_output=True,
            text=True,
            cwd=tmp,
            check=False,
        )
    if out.returncode != 0:
        raise SystemExit(f"DBOS failed:\n{out.stderr[-2000:]}")
    rates, cpu = out.stdout.strip().splitlines()[-2:]
    figures: dict[str, Any] = json.loads(rates)
    best = max(figures, key=figures.__getitem__)
    figures["best"] = figures[best]
    figures["best_cpu_ms_per_run"] = json.loads(cpu)[f"{best}_cpu_ms_per_run"]
    return figures


def calls_chain(url: str) -> dict[str, Any]:
    """start, ``STEPS`` ``http_request`` nodes calling the fake, end."""
    nodes: list[dict[str, Any]] = [{"id": "start", "data": {"node_type": "start"}}]
    nodes += [
        {"id": f"c{i}", "data": {"node_type": "http_request", "config": {"url": f"{url}/r"}}}
        for i in range(STEPS)
    ]
    nodes.append({"id": "done", "data": {"node_type": "end", "config": {"output": 1}}})
    edges = [
        {"id": f"e{i}", "source": a["id"], "target": b["id"]}
        for i, (a, b) in enumerate(itertools.pairwise(nodes))
    ]
    return {"nodes": nodes, "edges": edges}


async def ours(server: Server, key: dict[str, str], url: str, args: argparse.Namespace) -> Any:
    figures: dict[str, Any] = {}
    async with httpx.AsyncClient(base_url=server.url, headers=key, timeout=60) as client:
        definitions = {"sets": set_chain(STEPS), "calls": calls_chain(url)}
        for shape in args.shapes:
            flow = await flow_id(client, f"peers-{shape}", definitions[shape])
            cpu = server.cpu_seconds()
            figure = await runs_over_http(client, flow, args.clients, args.duration)
            # The server's CPU per run (its warm-up's runs included: a busy machine weighs
            # less on it than on the rates).
            runs = max(figure["runs_per_s"] * (args.duration + 2), 1)
            figure["server_cpu_ms_per_run"] = round((server.cpu_seconds() - cpu) * 1000 / runs, 1)
            figures[shape] = figure
    return figures


async def run(args: argparse.Namespace) -> None:
    python = dbos_python(Path(args.venv))
    with tempfile.TemporaryDirectory(prefix="flowline-bench-peers-") as tmp, local_server() as url:
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
            server = Server(
                settings, root / f"server-{repeat}.log", {"FLOWLINE_ALLOW_HOSTS": "127.0.0.1"}
            )
            try:
                await server.wait_ready()
                flowline = await ours(server, key, url, args)
            finally:
                server.stop()
            print(f"round {repeat} ({load()}):")
            for shape in args.shapes:
                dbos = dbos_figures(python, shape, url, args)
                ratio = flowline[shape]["runs_per_s"] / max(dbos["best"], 0.1)
                cpu_ratio = dbos["best_cpu_ms_per_run"] / max(
                    flowline[shape]["server_cpu_ms_per_run"], 0.1
                )
                print(f"  {shape}: flowline {flowline[shape]}")
                print(f"  {shape}: dbos runs/s {dbos}  -> flowline/dbos best = {ratio:.2f}x")
                print(f"  {shape}: CPU per run, dbos best / flowline = {cpu_ratio:.2f}x")
                sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--clients", type=int, default=8, help="callers at once, both sides")
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds per mode")
    parser.add_argument("--repeat", type=int, default=1, help="alternating rounds")
    parser.add_argument("--shapes", nargs="+", default=["sets", "calls"], choices=["sets", "calls"])
    venv = Path(tempfile.gettempdir()) / "flowline-peers" / "dbos"
    parser.add_argument("--venv", default=str(venv), help="DBOS's venv (made on first use)")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
