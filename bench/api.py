"""Throughput and latency of the KV routes: Flowline beside a bare FastAPI app.

Run ``python bench/api.py`` (``--help`` for the options). For each database it
starts three servers, each in its own uvicorn subprocess (uvloop, httptools,
one process, no uvicorn access log): Flowline as in production, Flowline with
``FLOWLINE_ACCESS_LOG=false``, and a bare FastAPI app. The load comes from
``bench/load.py`` in a process of its own, ``--concurrency`` keep-alive
connections each sending requests back to back.

The bare app issues the same statements through the same repository and
session factory as Flowline, but has no authentication, no validation or
envelope models, no middleware and no idempotency, so the Flowline/bare ratio
is what Flowline's request handling costs around the same query.

The machine is small and may be busy with other work, so each figure is taken
in ``--rounds`` slices, interleaved across the three servers, which spreads any
background load evenly over them instead of onto whichever ran at a bad moment.
Beside requests/s and latency it reports each server's own CPU time per
request, which busy neighbours disturb less than throughput.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NoReturn

import asyncpg
import fastapi
import httpx
import orjson
import psutil
import sqlalchemy as sa
import uvicorn
from fastapi import FastAPI, Request, Response
from sqlalchemy.engine import make_url

from flowline.app import create_app
from flowline.bootstrap import initialise
from flowline.config import Settings, async_database_url
from flowline.db.models import KvEntry, User
from flowline.db.session import Database
from flowline.db.types import utcnow
from flowline.kv.repository import KvRepository

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
HOST = "127.0.0.1"
DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/test"
BENCH_DATABASE = "flowline_bench"
ORG_ENV = "FLOWLINE_BENCH_ORG_ID"
# High enough never to refuse a request, so the limiter's bookkeeping is still measured.
RATE_LIMIT_PER_MINUTE = 1_000_000_000
READ_KEYS = 1000
TARGET = 0.5
ROUTES = {"get": "GET /api/v1/kv/{key}", "post": "POST /api/v1/kv"}
FLOWLINE = "flowline"
FLOWLINE_QUIET = "flowline, access log off"
BARE = "bare FastAPI"
# name, uvicorn factory in this module, FLOWLINE_ACCESS_LOG
SERVERS = (
    (FLOWLINE, "flowline_app", True),
    (FLOWLINE_QUIET, "flowline_app", False),
    (BARE, "bare_app", True),
)
MAX_ERROR_SAMPLES = 5


def read_key(n: int) -> str:
    return f"bench/key-{n:04d}"


def sample_value(n: int) -> dict[str, Any]:
    return {"name": f"item {n}", "count": n, "tags": ["alpha", "beta"], "active": True}


# --- the servers (uvicorn factories, imported by the server subprocesses) ---


def flowline_app() -> FastAPI:
    """Flowline as in production, configured from ``FLOWLINE_*`` variables."""
    return create_app(Settings(_env_file=None))


def _render(entry: KvEntry) -> Response:
    data = {
        "key": entry.key,
        "value": entry.value,
        "version": entry.version,
        "expires_at": entry.expires_at,
        "created_at": entry.created_at,
        "updated_at": entry.updated_at,
    }
    body = orjson.dumps({"data": data}, option=orjson.OPT_UTC_Z)
    return Response(body, media_type="application/json")


def bare_app() -> FastAPI:
    """The same statements and JSON as Flowline's KV routes, and nothing else."""
    db = Database(async_database_url(os.environ["FLOWLINE_DATABASE_URL"]))
    org_id = os.environ[ORG_ENV]

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        await db.dispose()

    app = FastAPI(lifespan=lifespan, openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/api/v1/kv/{key:path}")
    async def get_entry(key: str) -> Response:
        async with db.session() as session:
            entry = await KvRepository(session, org_id).get_live(key, utcnow())
        if entry is None:
            return Response(b'{"error":"KEY_NOT_FOUND"}', 404, media_type="application/json")
        return _render(entry)

    @app.post("/api/v1/kv")
    async def set_entry(request: Request) -> Response:
        body = orjson.loads(await request.body())
        now = utcnow()
        async with db.session(write=True) as session:
            entry = await KvRepository(session, org_id).upsert(
                body["key"], body["value"], None, now, only_new=False
            )
        assert entry is not None
        return _render(entry)

    return app


# --- child processes ---

# Insertion-ordered, so the load processes (started first) are stopped first.
_children: dict[subprocess.Popen[bytes], None] = {}


def _spawn(command: list[str], env: dict[str, str], **streams: Any) -> subprocess.Popen[bytes]:
    """Start a child in a session of its own, so Ctrl-C reaches only us and we stop it."""
    proc = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True, **streams)
    _children[proc] = None
    return proc


def _stop(proc: subprocess.Popen[bytes]) -> None:
    _children.pop(proc, None)
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _stop_all() -> None:
    for proc in list(_children):
        _stop(proc)


def _on_terminate(_signum: int, _frame: Any) -> NoReturn:
    raise KeyboardInterrupt


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _tail(path: Path) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-20:])


class Server:
    """One uvicorn subprocess serving a factory of this module."""

    def __init__(self, name: str, factory: str, env: dict[str, str], log: Path) -> None:
        self.name = name
        self.port = _free_port()
        self.log = log
        command = [sys.executable, "-m", "uvicorn", f"bench.api:{factory}", "--factory"]
        command += ["--app-dir", str(ROOT), "--host", HOST, "--port", str(self.port)]
        command += ["--loop", "uvloop", "--http", "httptools", "--no-access-log"]
        command += ["--log-level", "warning"]
        with log.open("wb") as errors:
            # Flowline's JSON request log goes to stdout: kept on, written to /dev/null.
            self.proc = _spawn(command, env, stdout=subprocess.DEVNULL, stderr=errors)

    def wait_ready(self, path: str, token: str) -> bytes:
        """Poll ``path`` until it answers 200; return that body."""
        deadline = time.monotonic() + 90
        with httpx.Client(base_url=f"http://{HOST}:{self.port}", timeout=5) as client:
            while time.monotonic() < deadline:
                self.check_alive()
                try:
                    answer = client.get(path, headers={"Authorization": f"Bearer {token}"})
                except httpx.TransportError:
                    time.sleep(0.2)
                    continue
                if answer.status_code != 200:
                    raise RuntimeError(f"{self.name}: probe answered {answer.text[:300]}")
                return answer.content
        raise RuntimeError(f"{self.name} did not answer within 90 s:\n{_tail(self.log)}")

    def cpu_seconds(self) -> float:
        """User and system time of the server process so far, all its threads."""
        times = psutil.Process(self.proc.pid).cpu_times()
        return float(times.user + times.system)

    def check_alive(self) -> None:
        if self.proc.poll() is not None:
            raise RuntimeError(f"{self.name} exited ({self.proc.returncode}):\n{_tail(self.log)}")


@dataclass(slots=True)
class Outcome:
    latencies: list[float] = field(default_factory=list)
    answered: int = 0
    errors: int = 0
    samples: list[str] = field(default_factory=list)
    cpu_seconds: float = 0.0  # the server process's, over every slice including warm-up

    def merge(self, answer: dict[str, Any]) -> None:
        self.latencies.extend(answer["latencies"])
        self.answered += answer["answered"]
        self.errors += answer["errors"]
        self.samples.extend(answer["samples"][: max(MAX_ERROR_SAMPLES - len(self.samples), 0)])


class LoadProcesses:
    """``bench/load.py`` workers, started once and given one job per measurement."""

    def __init__(self, count: int) -> None:
        env = dict(os.environ)
        command = [sys.executable, str(BENCH_DIR / "load.py")]
        pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE}
        self.procs = [_spawn(command, env, **pipes) for _ in range(count)]

    def run(self, job: dict[str, Any], out: Outcome) -> None:
        """Split the job's connections between the workers; add what they measured to ``out``."""
        share, extra = divmod(job["connections"], len(self.procs))
        first = 0
        for n, proc in enumerate(self.procs):
            count = share + (1 if n < extra else 0)
            _pipe(proc.stdin).write(orjson.dumps({**job, "first": first, "connections": count}))
            _pipe(proc.stdin).write(b"\n")
            _pipe(proc.stdin).flush()
            first += count
        for proc in self.procs:
            line = _pipe(proc.stdout).readline()
            if not line:
                raise RuntimeError(f"load process exited ({proc.wait()})")
            out.merge(orjson.loads(line))


def _pipe(stream: IO[bytes] | None) -> IO[bytes]:
    assert stream is not None
    return stream


# --- preparing a database ---


async def prepare(settings: Settings) -> tuple[str, str]:
    """Schema, owner, and the keys the readers ask for. Returns (API key, org id)."""
    credentials = await initialise(settings)
    if credentials is None:
        raise RuntimeError(f"{settings.resolved_database_url} already had an owner")
    db = Database(settings.resolved_database_url, pool_size=1)
    try:
        async with db.session(write=True) as session:
            stmt = sa.select(User.org_id).where(User.email == credentials.email)
            org_id = (await session.execute(stmt)).scalar_one()
            repo = KvRepository(session, org_id)
            now = utcnow()
            for n in range(READ_KEYS):
                await repo.upsert(read_key(n), sample_value(n), None, now, only_new=False)
    finally:
        await db.dispose()
    return credentials.api_key, org_id


async def _postgres(pg_url: str, statement: str) -> str:
    """Run one statement on the PostgreSQL server's maintenance database."""
    base = make_url(pg_url)
    conn = await asyncpg.connect(
        host=base.host,
        port=base.port or 5432,
        user=base.username,
        password=base.password,
        database=base.database,
    )
    try:
        return str(await conn.fetchval(statement))
    finally:
        await conn.close()


def _server_env(settings: Settings, org_id: str, access_log: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOWLINE_")}
    env.update(
        FLOWLINE_DATA_DIR=str(settings.data_dir),
        FLOWLINE_DATABASE_URL=settings.database_url or "",
        FLOWLINE_RATE_LIMIT_PER_MINUTE=str(RATE_LIMIT_PER_MINUTE),
        FLOWLINE_ACCESS_LOG="true" if access_log else "false",
        FLOWLINE_LOG_LEVEL="info",
    )
    env[ORG_ENV] = org_id
    return env


# --- measuring ---


@dataclass(frozen=True, slots=True)
class Measurement:
    database: str
    route: str
    server: str
    rps: float
    p50_ms: float
    p99_ms: float
    cpu_us: float  # server CPU per answered request
    errors: int
    samples: list[str]


@dataclass(frozen=True, slots=True)
class Options:
    duration: float
    warmup: float
    concurrency: int
    rounds: int


def _percentile(ordered: list[float], fraction: float) -> float:
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def summarise(database: str, route: str, server: str, out: Outcome, seconds: float) -> Measurement:
    ordered = sorted(out.latencies)
    return Measurement(
        database=database,
        route=ROUTES[route],
        server=server,
        rps=len(ordered) / seconds,
        p50_ms=_percentile(ordered, 0.50) * 1000,
        p99_ms=_percentile(ordered, 0.99) * 1000,
        cpu_us=out.cpu_seconds / out.answered * 1e6 if out.answered else float("nan"),
        errors=out.errors,
        samples=out.samples,
    )


def bench_database(
    database: str, database_url: str, options: Options, load: LoadProcesses, work: Path
) -> list[Measurement]:
    settings = Settings(
        _env_file=None,
        data_dir=work / database,
        database_url=database_url,
    )
    print(f"[{database}] preparing schema, owner and {READ_KEYS} keys", flush=True)
    token, org_id = asyncio.run(prepare(settings))
    servers: list[Server] = []
    try:
        for name, factory, access_log in SERVERS:
            env = _server_env(settings, org_id, access_log)
            servers.append(Server(name, factory, env, work / f"{database}-{len(servers)}.log"))
        # The first probe is also the API key's first use, so Flowline records the
        # key's last use here rather than under the load.
        bodies = {s.name: s.wait_ready(f"/api/v1/kv/{read_key(0)}", token) for s in servers}
        same = orjson.loads(bodies[FLOWLINE]) == orjson.loads(bodies[BARE])
        print(f"[{database}] Flowline and bare answer the same JSON: {'yes' if same else 'NO'}")
        if not same:
            print(f"  flowline: {bodies[FLOWLINE]!r}\n  bare:     {bodies[BARE]!r}")
        return [
            m
            for route in ROUTES
            for m in _bench_route(database, route, servers, token, options, load)
        ]
    finally:
        for server in servers:
            _stop(server.proc)


def _bench_route(
    database: str,
    route: str,
    servers: list[Server],
    token: str,
    options: Options,
    load: LoadProcesses,
) -> list[Measurement]:
    """Measure every server on ``route`` in interleaved slices, rotating who goes first."""
    outcomes = {server.name: Outcome() for server in servers}
    job = {
        "route": route,
        "token": token,
        "connections": options.concurrency,
        "warmup": options.warmup / options.rounds,
        "duration": options.duration / options.rounds,
        "read_keys": [read_key(n) for n in range(READ_KEYS)] if route == "get" else [],
        "value": sample_value(7),
    }
    for turn in range(options.rounds):
        order = servers[turn % len(servers) :] + servers[: turn % len(servers)]
        for server in order:
            print(
                f"[{database}] {ROUTES[route]:<22} {server.name:<26} "
                f"slice {turn + 1}/{options.rounds}",
                flush=True,
            )
            cpu = server.cpu_seconds()
            load.run({**job, "port": server.port}, outcomes[server.name])
            outcomes[server.name].cpu_seconds += server.cpu_seconds() - cpu
            server.check_alive()
    return [
        summarise(database, route, server.name, outcomes[server.name], options.duration)
        for server in servers
    ]


# --- reporting ---


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def print_context(args: argparse.Namespace, versions: dict[str, str], busy: float) -> None:
    print()
    print(f"machine:   {os.cpu_count()} cores, {_cpu_model()}, {platform.platform()}")
    note = " (the machine was busy: figures are lower and noisier)" if busy >= 1 else ""
    print(f"before:    1-minute load average {busy:.2f}{note}")
    print(f"python:    {platform.python_implementation()} {platform.python_version()}")
    print(
        f"stack:     fastapi {fastapi.__version__}, uvicorn {uvicorn.__version__} "
        f"(uvloop, httptools, 1 process), sqlalchemy {sa.__version__}"
    )
    for name, version in versions.items():
        print(f"database:  {name} {version}")
    print(
        f"load:      {args.concurrency} keep-alive connections from {args.load_processes} "
        f"process(es); per figure {args.duration:g} s measured + {args.warmup:g} s warm-up, "
        f"in {args.rounds} interleaved slices"
    )


def print_table(measurements: list[Measurement]) -> None:
    header = f"{'database':<11}{'route':<23}{'server':<26}{'req/s':>9}"
    header += f"{'p50 ms':>9}{'p99 ms':>9}{'CPU us/req':>12}{'errors':>8}"
    print()
    print(header)
    print("-" * len(header))
    for m in measurements:
        print(
            f"{m.database:<11}{m.route:<23}{m.server:<26}{m.rps:>9.0f}"
            f"{m.p50_ms:>9.2f}{m.p99_ms:>9.2f}{m.cpu_us:>12.0f}{m.errors:>8}"
        )
    print("CPU us/req: the server process's CPU time (all threads) per answered request.")


def print_ratios(measurements: list[Measurement]) -> bool:
    """Print Flowline/bare per route; return whether the production figures meet the target."""
    by_key = {(m.database, m.route, m.server): m for m in measurements}
    met = True
    print()
    print(f"Flowline / bare, target >= {TARGET:.0%} of the bare throughput")
    print(f"{'':2}{'database':<11}{'route':<23}{'server':<26}{'throughput':>17}{'CPU/req':>10}")
    for database, route, server in by_key:
        if server != BARE:
            continue
        bare = by_key[(database, route, BARE)]
        for variant in (FLOWLINE, FLOWLINE_QUIET):
            flowline = by_key[(database, route, variant)]
            ratio = flowline.rps / bare.rps if bare.rps else 0.0
            verdict = "meets" if ratio >= TARGET else "BELOW"
            if variant == FLOWLINE:
                met = met and ratio >= TARGET
            cpu = bare.cpu_us / flowline.cpu_us if flowline.cpu_us else 0.0
            print(
                f"{'':2}{database:<11}{route:<23}{variant:<26}{ratio:>10.1%} {verdict}{cpu:>10.1%}"
            )
    print("CPU/req: bare's server CPU per request over Flowline's, the ratio to expect")
    print("when the server has a core to itself.")
    return met


def report_errors(measurements: list[Measurement]) -> int:
    total = sum(m.errors for m in measurements)
    if not total:
        print("\nevery response was 200")
        return 0
    print(f"\n!!!!!! {total} REQUESTS FAILED: THESE FIGURES ARE NOT VALID !!!!!!")
    for m in measurements:
        if m.errors:
            print(f"  {m.database} {m.route} {m.server}: {m.errors} errors, e.g.")
            for sample in m.samples:
                print(f"    {sample}")
    return total


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument(
        "--pg-url", default=DEFAULT_PG_URL, help="PostgreSQL server to create a bench database on"
    )
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds per figure")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds per figure")
    parser.add_argument("--concurrency", type=int, default=50, help="keep-alive connections")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved slices per figure")
    parser.add_argument("--load-processes", type=int, default=1, choices=(1, 2))
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    busy = os.getloadavg()[0]
    signal.signal(signal.SIGTERM, _on_terminate)
    options = Options(args.duration, args.warmup, args.concurrency, args.rounds)
    databases = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    measurements: list[Measurement] = []
    versions: dict[str, str] = {}
    drop = f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)'
    pg_created = False
    try:
        with tempfile.TemporaryDirectory(prefix="flowline-bench-") as tmp:
            work = Path(tmp)
            load = LoadProcesses(args.load_processes)
            for database in databases:
                if database == "sqlite":
                    versions["SQLite"] = sqlite3.sqlite_version
                    url = f"sqlite:///{work / 'sqlite' / 'flowline.db'}"
                else:
                    versions["PostgreSQL"] = asyncio.run(
                        _postgres(args.pg_url, "SHOW server_version")
                    )
                    asyncio.run(_postgres(args.pg_url, drop))
                    asyncio.run(_postgres(args.pg_url, f'CREATE DATABASE "{BENCH_DATABASE}"'))
                    pg_created = True
                    bench_url = make_url(args.pg_url).set(database=BENCH_DATABASE)
                    url = bench_url.render_as_string(hide_password=False)
                measurements += bench_database(database, url, options, load, work)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    except RuntimeError as exc:  # a server or load process failed; it says why
        print(f"\nbenchmark failed: {exc}", file=sys.stderr)
        return 2
    finally:
        _stop_all()
        if pg_created:
            asyncio.run(_postgres(args.pg_url, drop))
    print_context(args, versions, busy)
    print_table(measurements)
    met = print_ratios(measurements)
    failed = report_errors(measurements)
    return 1 if failed or not met else 0


if __name__ == "__main__":
    sys.exit(main())
