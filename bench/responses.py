"""Time to first token: ``POST /v1/responses`` streamed against the agent chat stream.

Run ``python -m bench.responses`` (``--help`` for the options). The same three
processes as ``bench/chat.py`` (its ``Server``, fake provider and set-up): this
one (the client, httpx over loopback), ``flowline serve`` and the fake model
provider, whose answer of a dozen words streams at once. One agent, one server;
``--turns`` pairs of streamed turns one after the other, each pair one turn
through each route in alternating order (chat first, then responses first), so
that the machine's noise falls on both alike. Each turn is timed from sending
the request to its first event and to its first token (``message.delta``;
``response.output_text.delta``), and read to its end (``run.completed``;
``response.completed``). The figures: p50 and p99 of each, and of the
difference within each pair (target: the routes within 1 ms of each other).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from cryptography.fernet import Fernet

from bench.chat import (
    Server,
    Setup,
    configure,
    load,
    ms,
    percentile,
    provider_process,
    reference_ms,
)
from flowline.bootstrap import initialise
from flowline.config import Settings

PROMPT = "Say something short."


@dataclass(frozen=True, slots=True)
class Route:
    """A streamed turn's route, and how its stream marks the first token and the end."""

    name: str
    first_token: bytes
    end: bytes

    def request(self, setup: Setup) -> tuple[str, dict[str, Any]]:
        if self.name == "chat":
            return f"/api/v1/agents/{setup.agent}/chat", {"messages": PROMPT, "stream": True}
        return "/v1/responses", {"model": setup.agent, "input": PROMPT, "stream": True}


CHAT = Route("chat", b"event: message.delta", b"event: run.completed")
RESPONSES = Route("responses", b"event: response.output_text.delta", b"event: response.completed")


@dataclass(slots=True)
class Timing:
    headers: float = float("nan")
    first_event: float = float("nan")
    first_token: float = float("nan")
    done: bool = False


async def streamed_turn(client: httpx.AsyncClient, setup: Setup, route: Route) -> Timing:
    """One streamed turn on a new conversation, read to its end; times from sending it."""
    path, body = route.request(setup)
    timing = Timing()
    seen = b""
    t0 = time.perf_counter()
    async with client.stream("POST", path, json=body, headers=setup.headers) as response:
        timing.headers = time.perf_counter() - t0
        if response.status_code != 200:
            raise SystemExit(f"{route.name}: {response.status_code} {await response.aread()!r}")
        async for chunk in response.aiter_bytes():
            now = time.perf_counter()
            seen += chunk
            if timing.first_event != timing.first_event and b"event: " in seen:
                timing.first_event = now - t0
            if timing.first_token != timing.first_token and route.first_token in seen:
                timing.first_token = now - t0
            if route.end in seen:
                timing.done = True
            seen = seen[-64:]  # enough to find an event name cut between chunks
    if not timing.done:
        raise SystemExit(f"{route.name}: the stream ended without {route.end!r}")
    return timing


def _figures(values: list[float]) -> str:
    return f"p50 {ms(percentile(values, 0.5))} ms, p99 {ms(percentile(values, 0.99))} ms"


async def measure(server: Server, setup: Setup, turns: int) -> None:
    limits = httpx.Limits(max_connections=10, max_keepalive_connections=10)
    async with httpx.AsyncClient(base_url=server.url, limits=limits, timeout=60) as client:
        for _ in range(20):  # warm-up: imports, pools, statement caches of both routes
            for route in (CHAT, RESPONSES):
                await streamed_turn(client, setup, route)
        found: dict[str, list[Timing]] = {CHAT.name: [], RESPONSES.name: []}
        cpu = {CHAT.name: 0.0, RESPONSES.name: 0.0}
        for i in range(turns):
            for route in (CHAT, RESPONSES) if i % 2 == 0 else (RESPONSES, CHAT):
                cpu0 = server.cpu_seconds()
                found[route.name].append(await streamed_turn(client, setup, route))
                cpu[route.name] += server.cpu_seconds() - cpu0
    print(f"{turns} turns through each route, {load()}, reference loop {reference_ms()} ms CPU")
    for name, timings in found.items():
        print(
            f"  {name:9} headers {_figures([t.headers for t in timings])}; "
            f"first event {_figures([t.first_event for t in timings])}; "
            f"first token {_figures([t.first_token for t in timings])}; "
            f"server CPU {round(cpu[name] / turns * 1000, 2)} ms a turn"
        )
    chat = [t.first_token for t in found[CHAT.name]]
    responses = [t.first_token for t in found[RESPONSES.name]]
    gaps = [r - c for c, r in zip(chat, responses, strict=True)]
    print(
        "  responses less chat, first token: "
        f"p50 {ms(percentile(responses, 0.5) - percentile(chat, 0.5))} ms, "
        f"p99 {ms(percentile(responses, 0.99) - percentile(chat, 0.99))} ms; "
        f"within each pair: median {ms(statistics.median(gaps))} ms"
    )


async def run(args: argparse.Namespace, provider_url: str) -> None:
    with tempfile.TemporaryDirectory(prefix="flowline-bench-responses-") as tmp:
        root = Path(tmp)
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            data_dir=root / "data",
            database_url=f"sqlite:///{root / 'flowline.db'}",
            secret_key=Fernet.generate_key().decode(),
        )
        made = await initialise(settings)
        assert made is not None
        setup: Setup | None = None
        for repeat in range(1, args.repeat + 1):
            print(f"--- round {repeat}/{args.repeat}", flush=True)
            server = Server(settings, root / f"server-{repeat}.log")
            try:
                await server.wait_ready()
                if setup is None:
                    async with httpx.AsyncClient(base_url=server.url, timeout=60) as client:
                        setup = await configure(client, made.api_key, provider_url)
                await measure(server, setup, args.turns)
            finally:
                server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--turns", type=int, default=300, help="turns through each route")
    parser.add_argument("--repeat", type=int, default=1, help="rounds, a fresh server each")
    args = parser.parse_args()
    with provider_process() as provider:
        asyncio.run(run(args, provider.url))


if __name__ == "__main__":
    main()
