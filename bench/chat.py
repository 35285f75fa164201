"""Agent chat: time to first event and token, sync turns/s, memory per open stream.

Run ``python bench/chat.py`` (``--help`` for the options). Three processes: this
one (the clients: httpx over loopback), ``flowline serve`` (uvicorn, uvloop,
httptools, the embedded worker, the access log on as in production and written
to /dev/null; a fresh one for each round of (a)+(b) and of (c)), and the fake
model provider ``bench/chat_provider.py`` (the tests' fake OpenAI API on
uvicorn, zero latency, one scripted answer of a dozen words). Flowline calls it
as an organisation's ``openai_compatible`` provider (``POST
/llm/config/providers``, ``byok``), through the OpenAI SDK as in production.
Every figure is taken ``--repeat`` times; the summary gives the best and the
spread, and the load average and a reference loop's CPU time say how busy and
how fast the machine was.

(a) streamed chats (``stream: true``, a new thread each) with 1 and with
    ``--concurrency`` clients at once: time from sending the request to the
    first SSE event (``run.started``) and to the first token (the first
    ``message.delta``), p50/p99. The same clients then stream from the provider
    itself, as Flowline asks it, to its first chunk and first text chunk; the
    overhead is Flowline's time to first token less the provider's, at p50
    (target <= 10 ms);
(b) sync chats from ``--clients`` clients back to back for ``--duration`` s:
    turns/s (target >= 200 on SQLite) and the server's CPU time per turn, which
    busy neighbours disturb less than throughput; then the same clients call the
    provider alone, the ceiling of this harness;
(c) ``--streams`` streams opened at once on a model whose stream holds after its
    first word: the server's RSS before and with all of them open (all must have
    had their first event and token), MiB per stream; then the provider lets go
    and every stream must end with ``run.completed``.

``--database-url postgresql://…`` runs on a scratch database made on that
server (and dropped after); without it, on SQLite in a temporary directory.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import psutil
from cryptography.fernet import Fernet
from sqlalchemy.engine import make_url

from flowline.bootstrap import initialise
from flowline.config import Settings

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
WORDS = "Here is a short answer of about a dozen words from the benchmark model."
"""The fake provider's answer (``bench/chat_provider.py``)."""
MODEL = "fake/gpt-4o-mini"
HOLD_MODEL = "fake/hold-after-first-token"
RATE_LIMIT_PER_MINUTE = 1_000_000_000
FIRST_TOKEN = re.compile(rb'"content":"[^"]')
"""A provider chunk with text (its first chunk carries the role and empty content)."""


# --- the fake provider (bench/chat_provider.py, a process of its own) ---


@dataclass(frozen=True, slots=True)
class Provider:
    url: str
    """Its base URL, ``…/v1``."""
    ps: psutil.Process

    def cpu_seconds(self) -> float:
        times = self.ps.cpu_times()
        return float(times.user + times.system)

    def rss_mib(self) -> float:
        return float(self.ps.memory_info().rss) / 2**20


@contextlib.contextmanager
def provider_process() -> Iterator[Provider]:
    """``bench/chat_provider.py`` in a process of its own."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.chat_provider"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        port = proc.stdout.readline().strip()
        if not port.isdigit():
            raise SystemExit(f"the fake provider did not start: {port!r}")
        yield Provider(f"http://{HOST}:{port}/v1", psutil.Process(proc.pid))
    finally:
        proc.terminate()
        proc.wait(10)


# --- the Flowline server (``flowline serve``, a process of its own) ---


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class Server:
    """``python -m flowline serve`` on loopback with the bench's settings."""

    def __init__(
        self, settings: Settings, log: Path, extra_env: dict[str, str] | None = None
    ) -> None:
        self.port = _free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.log = log
        env = {k: v for k, v in os.environ.items() if not k.startswith("FLOWLINE_")}
        env.update(
            FLOWLINE_DATA_DIR=str(settings.data_dir),
            FLOWLINE_DATABASE_URL=settings.database_url or "",
            FLOWLINE_SECRET_KEY=str(settings.secret_key),
            FLOWLINE_PORT=str(self.port),
            FLOWLINE_RATE_LIMIT_PER_MINUTE=str(RATE_LIMIT_PER_MINUTE),
            FLOWLINE_LOG_LEVEL="warning",
        )
        env.update(extra_env or {})
        with log.open("wb") as output:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "flowline", "serve"],
                cwd=ROOT,
                env=env,
                stdout=output,  # the JSON log: requests at info, so only what went wrong
                stderr=subprocess.STDOUT,
            )
        self.ps = psutil.Process(self.proc.pid)

    async def wait_ready(self) -> None:
        deadline = time.monotonic() + 90
        async with httpx.AsyncClient(base_url=self.url, timeout=5) as client:
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    raise SystemExit(f"flowline serve exited:\n{self.tail()}")
                with contextlib.suppress(httpx.TransportError):
                    if (await client.get("/ready")).status_code == 200:
                        return
                await asyncio.sleep(0.2)
        raise SystemExit(f"flowline serve did not get ready:\n{self.tail()}")

    def rss_mib(self) -> float:
        return float(self.ps.memory_info().rss) / 2**20

    def cpu_seconds(self) -> float:
        times = self.ps.cpu_times()
        return float(times.user + times.system)

    def tail(self) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-20:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@dataclass(slots=True)
class Setup:
    headers: dict[str, str]
    agent: str
    """An agent on ``MODEL``."""
    holding_agent: str
    """An agent on ``HOLD_MODEL``."""


async def configure(client: httpx.AsyncClient, api_key: str, provider_url: str) -> Setup:
    """Through the API, as a user would: the provider, ``byok``, two agents."""
    headers = {"Authorization": f"Bearer {api_key}"}
    body = {
        "name": "fake",
        "kind": "openai_compatible",
        "base_url": provider_url,
        "api_key": "sk-bench",
    }
    for method, path, payload in (
        ("POST", "/api/v1/llm/config/providers", body),
        ("PUT", "/api/v1/llm/config", {"mode": "byok"}),
    ):
        r = await client.request(method, path, json=payload, headers=headers)
        if r.status_code >= 300:
            raise SystemExit(f"{method} {path}: {r.status_code} {r.text}")
    agents = []
    for name, model in (("bench", MODEL), ("bench-hold", HOLD_MODEL)):
        r = await client.post(
            "/api/v1/agents", json={"name": name, "config": {"model": model}}, headers=headers
        )
        if r.status_code != 201:
            raise SystemExit(f"POST /api/v1/agents: {r.status_code} {r.text}")
        agents.append(r.json()["data"]["id"])
    return Setup(headers, agents[0], agents[1])


# --- one request ---


@dataclass(slots=True)
class Timing:
    first_event: float = float("nan")
    first_token: float = float("nan")
    done: bool = False
    error: str | None = None


async def stream_chat(
    client: httpx.AsyncClient,
    setup: Setup,
    agent: str,
    *,
    until_first_token: asyncio.Event | None = None,
    on_first_token: Callable[[], None] | None = None,
) -> Timing:
    """One streamed chat on a new thread, read to its end; times from sending it."""
    timing = Timing()
    body = {"messages": "Say something short.", "stream": True}
    t0 = time.perf_counter()
    seen = b""
    async with client.stream(
        "POST", f"/api/v1/agents/{agent}/chat", json=body, headers=setup.headers
    ) as response:
        if response.status_code != 200:
            timing.error = f"{response.status_code} {(await response.aread())[:200]!r}"
            return timing
        async for chunk in response.aiter_bytes():
            now = time.perf_counter()
            seen += chunk
            if timing.first_event != timing.first_event and b"event: " in seen:
                timing.first_event = now - t0
            if timing.first_token != timing.first_token and b"event: message.delta" in seen:
                timing.first_token = now - t0
                if on_first_token is not None:
                    on_first_token()
                if until_first_token is not None:
                    await until_first_token.wait()
            if b"event: run.completed" in seen:
                timing.done = True
            elif b"event: error" in seen:
                timing.error = seen[seen.index(b"event: error") :][:300].decode()
            seen = seen[-64:]  # enough to find an event name cut between chunks
    return timing


async def stream_provider(client: httpx.AsyncClient, provider_url: str) -> Timing:
    """The provider's own first chunk and first text, streamed the way Flowline asks."""
    timing = Timing()
    body = {
        "model": "gpt-4o-mini",
        "messages": [{"role": "user", "content": "Say something short."}],
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    headers = {"Authorization": "Bearer sk-bench"}
    t0 = time.perf_counter()
    seen = b""
    async with client.stream(
        "POST", f"{provider_url}/chat/completions", json=body, headers=headers
    ) as response:
        async for chunk in response.aiter_bytes():
            now = time.perf_counter()
            seen += chunk
            if timing.first_event != timing.first_event and b"data: " in seen:
                timing.first_event = now - t0
            if timing.first_token != timing.first_token and FIRST_TOKEN.search(seen):
                timing.first_token = now - t0
            seen = seen[-64:]
        timing.done = response.status_code == 200 and b"[DONE]" in seen
    return timing


async def complete_directly(client: httpx.AsyncClient, provider_url: str) -> str | None:
    """One non-streamed completion from the provider itself."""
    body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Say something."}]}
    headers = {"Authorization": "Bearer sk-bench"}
    r = await client.post(f"{provider_url}/chat/completions", json=body, headers=headers)
    return None if r.status_code == 200 else f"{r.status_code} {r.text[:200]}"


async def sync_chat(client: httpx.AsyncClient, setup: Setup) -> str | None:
    body = {"messages": "Say something short."}
    r = await client.post(f"/api/v1/agents/{setup.agent}/chat", json=body, headers=setup.headers)
    if r.status_code != 200 or r.json()["data"]["message"]["content"] != WORDS:
        return f"{r.status_code} {r.text[:200]}"
    return None


# --- figures ---


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(v for v in values if v == v)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


async def _fan_out(concurrency: int, total: int, one: Callable[[], Awaitable[Timing]]) -> list[Any]:
    results: list[Timing] = []
    left = [total]

    async def client_loop() -> None:
        while left[0] > 0:
            left[0] -= 1
            results.append(await one())

    await asyncio.gather(*(client_loop() for _ in range(concurrency)))
    return results


async def figure_a(
    client: httpx.AsyncClient, setup: Setup, provider_url: str, concurrency: int, total: int
) -> dict[str, Any]:
    """Flowline's streams, then the provider's own, at the same concurrency."""
    chats = await _fan_out(concurrency, total, lambda: stream_chat(client, setup, setup.agent))
    direct = await _fan_out(concurrency, total, lambda: stream_provider(client, provider_url))
    failed = [t.error or "no run.completed" for t in chats if not t.done]
    failed += ["provider stream incomplete" for t in direct if not t.done]
    flow_ttft = [t.first_token for t in chats]
    prov_ttft = [t.first_token for t in direct]
    return {
        "streams": len(chats),
        "first_event_p50_ms": ms(percentile([t.first_event for t in chats], 0.5)),
        "first_event_p99_ms": ms(percentile([t.first_event for t in chats], 0.99)),
        "first_token_p50_ms": ms(percentile(flow_ttft, 0.5)),
        "first_token_p99_ms": ms(percentile(flow_ttft, 0.99)),
        "provider_first_chunk_p50_ms": ms(percentile([t.first_event for t in direct], 0.5)),
        "provider_first_token_p50_ms": ms(percentile(prov_ttft, 0.5)),
        "provider_first_token_p99_ms": ms(percentile(prov_ttft, 0.99)),
        "overhead_p50_ms": ms(percentile(flow_ttft, 0.5) - percentile(prov_ttft, 0.5)),
        "overhead_p99_ms": ms(percentile(flow_ttft, 0.99) - percentile(prov_ttft, 0.99)),
        "failed": len(failed),
        **({"first_failure": failed[0]} if failed else {}),
    }


async def _throughput(
    clients: int, seconds: float, one: Callable[[], Awaitable[str | None]], cpu: Callable[[], float]
) -> dict[str, Any]:
    """``clients`` loops calling ``one`` back to back; what ended in the measured window."""
    counts = {"done": 0, "errors": 0}
    failures: list[str] = []
    measuring = [False]
    stop_at = time.perf_counter() + 1.0 + seconds

    async def client_loop() -> None:
        while time.perf_counter() < stop_at:
            error = await one()
            if measuring[0]:
                counts["errors" if error else "done"] += 1
                if error and len(failures) < 3:
                    failures.append(error)

    async def clock() -> tuple[float, float]:
        await asyncio.sleep(1.0)  # warm-up: every client has a call under way
        measuring[0] = True
        cpu0, t0 = cpu(), time.perf_counter()
        await asyncio.sleep(seconds)
        measuring[0] = False
        return cpu() - cpu0, time.perf_counter() - t0

    timed = asyncio.create_task(clock())
    await asyncio.gather(*(client_loop() for _ in range(clients)))
    used, elapsed = await timed
    done = counts["done"]
    return {
        "per_s": round(done / elapsed, 1),
        "cpu_ms": round(used / done * 1000, 2) if done else float("nan"),
        "errors": counts["errors"],
        **({"first_failure": failures[0]} if failures else {}),
    }


async def figure_b(
    client: httpx.AsyncClient,
    setup: Setup,
    server: Server,
    provider: Provider,
    clients: int,
    seconds: float,
) -> dict[str, Any]:
    chats = await _throughput(
        clients, seconds, lambda: sync_chat(client, setup), server.cpu_seconds
    )
    direct = await _throughput(
        clients, seconds, lambda: complete_directly(client, provider.url), provider.cpu_seconds
    )
    return {
        "clients": clients,
        "turns_per_s": chats["per_s"],
        "server_cpu_ms_per_turn": chats["cpu_ms"],
        "errors": chats["errors"],
        **({"first_failure": chats["first_failure"]} if "first_failure" in chats else {}),
        "provider_alone_per_s": direct["per_s"],
        "provider_cpu_ms_per_call": direct["cpu_ms"],
        "provider_errors": direct["errors"],
    }


async def figure_c(setup: Setup, server: Server, provider_url: str, streams: int) -> dict[str, Any]:
    limits = httpx.Limits(max_connections=streams + 10, max_keepalive_connections=streams + 10)
    timeout = httpx.Timeout(300.0)
    control = provider_url.removesuffix("/v1")
    async with httpx.AsyncClient(base_url=server.url, limits=limits, timeout=timeout) as client:
        await client.post(f"{control}/bench/hold")
        before = server.rss_mib()
        all_open = asyncio.Event()
        release = asyncio.Event()
        got = [0, 0]  # streams that had their first token, streams that ended without one

        def counted(index: int) -> None:
            got[index] += 1
            if sum(got) == streams:
                all_open.set()

        def ended(task: asyncio.Task[Timing]) -> None:
            failed = task.cancelled() or task.exception() is not None
            if failed or task.result().first_token != task.result().first_token:
                counted(1)

        t0 = time.perf_counter()
        tasks = []
        for _ in range(streams):
            task = asyncio.create_task(
                stream_chat(
                    client,
                    setup,
                    setup.holding_agent,
                    until_first_token=release,
                    on_first_token=lambda: counted(0),
                )
            )
            task.add_done_callback(ended)
            tasks.append(task)
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(300):
                await all_open.wait()
        opened_s = time.perf_counter() - t0
        await asyncio.sleep(1.0)  # let the server settle with every stream open
        with_open = server.rss_mib()
        release.set()
        await client.post(f"{control}/bench/release")
        answers = await asyncio.gather(*tasks, return_exceptions=True)
    timings = [
        a if isinstance(a, Timing) else Timing(error=f"{type(a).__name__}: {a}") for a in answers
    ]
    first_events = sum(1 for t in timings if t.first_event == t.first_event)
    first_tokens = sum(1 for t in timings if t.first_token == t.first_token)
    failures = [t.error for t in timings if t.error]
    return {
        "streams": streams,
        "first_events": first_events,
        "first_tokens_while_open": got[0],
        "completed": sum(1 for t in timings if t.done),
        "all_open_after_s": round(opened_s, 1),
        "rss_before_mib": round(before, 1),
        "rss_open_mib": round(with_open, 1),
        "mib_per_stream": round((with_open - before) / streams, 3),
        "errors": len(failures),
        **({"first_failure": failures[0]} if failures else {}),
        **({"first_tokens": first_tokens} if first_tokens != got[0] else {}),
    }


# --- running it ---


async def _admin(server_url: str, statement: str) -> None:
    url = make_url(server_url)
    conn = await asyncpg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database=url.database,
    )
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


@contextlib.asynccontextmanager
async def database(server_url: str | None, root: Path) -> AsyncIterator[tuple[str, str]]:
    """(label, URL): SQLite in ``root``, or a scratch database on ``server_url``."""
    if server_url is None:
        yield "sqlite", f"sqlite:///{root / 'flowline.db'}"
        return
    name = f"bench_chat_{os.getpid()}"
    await _admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await _admin(server_url, f'CREATE DATABASE "{name}"')
    try:
        yield "postgresql", make_url(server_url).set(database=name).render_as_string(False)
    finally:
        await _admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass(slots=True)
class Summary:
    """One figure over the repeats: the best value and the spread."""

    key: str
    name: str
    unit: str
    lower_is_better: bool
    values: list[float] = field(default_factory=list)

    def line(self) -> str:
        if not self.values:
            return f"{self.name}: not measured"
        best = min(self.values) if self.lower_is_better else max(self.values)
        low, high = min(self.values), max(self.values)
        spread = f"spread {low:g} to {high:g} over {len(self.values)} rounds"
        return f"{self.name}: best {best:g} {self.unit} ({spread})"


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


def reference_ms() -> float:
    """CPU time of a fixed pure-Python loop: how fast this machine is just now."""
    t0 = time.process_time()
    total = 0
    for i in range(3_000_000):
        total += i
    return round((time.process_time() - t0) * 1000, 1)


def figures(label: str, args: argparse.Namespace) -> dict[str, Summary]:
    n = args.concurrency
    made = [
        Summary("a1_ttft", f"(a) 1 stream, first token p50, {label}", "ms", True),
        Summary("a1_overhead", f"(a) 1 stream, TTFT overhead p50, {label}", "ms", True),
        Summary("an_ttft", f"(a) {n} streams, first token p50, {label}", "ms", True),
        Summary("an_overhead", f"(a) {n} streams, TTFT overhead p50, {label}", "ms", True),
        Summary("b_rate", f"(b) {args.clients} clients, sync turns/s, {label}", "turns/s", False),
        Summary("b_cpu", f"(b) server CPU per sync turn, {label}", "ms", True),
        Summary("c_mib", f"(c) {args.streams} open streams, MiB per stream, {label}", "MiB", True),
    ]
    return {s.key: s for s in made}


@dataclass(slots=True)
class Bench:
    """The database, the provider, and a fresh ``flowline serve`` on demand."""

    args: argparse.Namespace
    label: str
    settings: Settings
    root: Path
    api_key: str
    provider: Provider
    setup: Setup | None = None
    servers: int = 0

    @contextlib.asynccontextmanager
    async def serving(self) -> AsyncIterator[tuple[Server, httpx.AsyncClient, Setup]]:
        """A server process of its own, warmed up: imports, pools, the API key's first use."""
        self.servers += 1
        server = Server(self.settings, self.root / f"server-{self.servers}.log")
        limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
        try:
            await server.wait_ready()
            async with httpx.AsyncClient(base_url=server.url, limits=limits, timeout=120) as client:
                if self.setup is None:
                    self.setup = await configure(client, self.api_key, self.provider.url)
                for _ in range(10):
                    await stream_chat(client, self.setup, self.setup.agent)
                    await sync_chat(client, self.setup)
                yield server, client, self.setup
        finally:
            server.stop()

    async def measure(self) -> dict[str, Summary]:
        args, label, provider = self.args, self.label, self.provider
        skip = set(args.skip.split(","))
        found = figures(label, args)
        for repeat in range(1, args.repeat + 1):
            print(
                f"--- {label}, round {repeat}/{args.repeat}: {load()}, "
                f"reference loop {reference_ms()} ms CPU",
                flush=True,
            )
            if not {"a", "b"} <= skip:
                async with self.serving() as (server, client, setup):
                    if "a" not in skip:
                        for n in (1, args.concurrency):
                            total = args.samples if n == 1 else max(args.samples, 10 * n)
                            a = await figure_a(client, setup, provider.url, n, total)
                            print(f"{label} (a) concurrency={n}", a, flush=True)
                            prefix = "a1" if n == 1 else "an"
                            found[f"{prefix}_ttft"].values.append(a["first_token_p50_ms"])
                            found[f"{prefix}_overhead"].values.append(a["overhead_p50_ms"])
                    if "b" not in skip:
                        b = await figure_b(
                            client, setup, server, provider, args.clients, args.duration
                        )
                        print(f"{label} (b)", b, flush=True)
                        found["b_rate"].values.append(b["turns_per_s"])
                        found["b_cpu"].values.append(b["server_cpu_ms_per_turn"])
            if "c" not in skip:
                # A fresh process: one that held 1,000 streams before keeps that memory.
                async with self.serving() as (server, _client, setup):
                    c = await figure_c(setup, server, provider.url, args.streams)
                    if c["errors"]:
                        print(f"{label} (c) the server's log ends:\n{server.tail()}", flush=True)
                c["provider_rss_mib"] = round(provider.rss_mib(), 1)
                print(f"{label} (c)", c, flush=True)
                if c["first_tokens_while_open"] == args.streams == c["completed"]:
                    found["c_mib"].values.append(c["mib_per_stream"])
                else:
                    print(f"{label} (c) NOT EVERY STREAM WAS SERVED: not counted", flush=True)
        return found


async def run(args: argparse.Namespace, provider: Provider) -> dict[str, Summary]:
    with tempfile.TemporaryDirectory(prefix="flowline-bench-chat-") as tmp:
        root = Path(tmp)
        async with database(args.database_url, root) as (label, url):
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                data_dir=root / "data",
                database_url=url,
                secret_key=Fernet.generate_key().decode(),
            )
            made = await initialise(settings)
            assert made is not None
            return await Bench(args, label, settings, root, made.api_key, provider).measure()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=None,
        help="a PostgreSQL server (postgresql://postgres@127.0.0.1:5432/test) to make a "
        "scratch database on; SQLite when not given",
    )
    parser.add_argument("--repeat", type=int, default=2, help="rounds of every figure")
    parser.add_argument("--samples", type=int, default=200, help="(a) streams per figure")
    parser.add_argument("--concurrency", type=int, default=50, help="(a) streams at once")
    parser.add_argument("--clients", type=int, default=32, help="(b) sync clients at once")
    parser.add_argument("--duration", type=float, default=10.0, help="(b) measured seconds")
    parser.add_argument("--streams", type=int, default=1000, help="(c) streams held open")
    parser.add_argument("--skip", default="", help="comma list of a,b,c to skip")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    print(
        f"machine: {os.cpu_count()} cores, {platform.platform()}, python "
        f"{platform.python_version()}; {load()}; reference loop {reference_ms()} ms CPU"
    )
    print(
        "server: flowline serve (uvicorn, uvloop, httptools, embedded worker) in its own "
        "process on loopback; clients: httpx in this process, over loopback; provider: the "
        "tests' fake OpenAI API (uvicorn) in a third process"
    )
    with provider_process() as provider:
        found = asyncio.run(run(args, provider))
    print(f"--- summary: {load()}, reference loop {reference_ms()} ms CPU")
    for summary in found.values():
        print(summary.line())
    print("targets: TTFT overhead <= 10 ms p50; >= 200 sync turns/s (SQLite); 1,000 open streams")


if __name__ == "__main__":
    main()
