"""A cheap HTTP/1.1 load generator for the KV benchmark (``bench/api.py``).

It runs as its own process (``python bench/load.py``), shares nothing with the
servers and imports nothing heavy. It reads one JSON job per line on stdin and
answers each with one JSON line on stdout (``latencies`` in seconds of the
answers inside the measured window, ``answered``: every 200 including warm-up,
``errors``, ``samples``), so the benchmark starts it once and reuses it for every
measurement. A job names the keys to read, or the value to write.

Each connection is a keep-alive stream from ``asyncio.open_connection`` that
sends requests back to back; the client parses the status line, the headers
and a ``Content-Length`` body, and times every answer.
"""

from __future__ import annotations

import asyncio
import signal
import sys
import time
from dataclasses import dataclass, field
from typing import Any

import orjson
import uvloop

HOST = "127.0.0.1"
WRITE_KEYS_PER_CONNECTION = 100
MAX_ERROR_SAMPLES = 5


@dataclass(frozen=True, slots=True)
class Job:
    port: int
    route: str  # "get" or "post"
    token: str
    first: int  # index of this process's first connection
    connections: int
    warmup: float
    duration: float
    read_keys: list[str]  # for "get"
    value: Any  # for "post"


@dataclass(slots=True)
class Outcome:
    latencies: list[float] = field(default_factory=list)
    answered: int = 0
    errors: int = 0
    samples: list[str] = field(default_factory=list)

    def error(self, text: str) -> None:
        self.errors += 1
        if len(self.samples) < MAX_ERROR_SAMPLES:
            self.samples.append(text)


def _head(job: Job, line: str) -> str:
    return f"{line} HTTP/1.1\r\nHost: {HOST}:{job.port}\r\nAuthorization: Bearer {job.token}\r\n"


def get_requests(job: Job) -> list[bytes]:
    return [(_head(job, f"GET /api/v1/kv/{key}") + "\r\n").encode() for key in job.read_keys]


def post_requests(job: Job, connection: int) -> list[bytes]:
    """Each connection writes keys of its own, so writers never wait on each other's rows."""
    requests = []
    for n in range(WRITE_KEYS_PER_CONNECTION):
        body = orjson.dumps({"key": f"bench/w-{connection:03d}-{n:03d}", "value": job.value})
        head = _head(job, "POST /api/v1/kv")
        head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        requests.append(head.encode() + body)
    return requests


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    at = head.lower().find(b"\r\ncontent-length:")
    if at < 0:
        raise ValueError(f"response without Content-Length: {head[:200]!r}")
    length = int(head[at + 17 : head.index(b"\r\n", at + 2)])
    return status, (await reader.readexactly(length) if length else b"")


Streams = tuple[asyncio.StreamReader, asyncio.StreamWriter]


async def _client(
    port: int, streams: Streams, requests: list[bytes], window: tuple[float, float], out: Outcome
) -> None:
    """Send requests back to back on one connection until the window closes.

    An answer counts (throughput and latency) when it arrives inside the window;
    every non-200 answer counts as an error, warm-up included.
    """
    reader, writer = streams
    start, end = window
    clock = time.perf_counter
    i = 0
    try:
        while (sent := clock()) < end:
            try:
                writer.write(requests[i % len(requests)])
                status, body = await read_response(reader)
            except (OSError, ValueError, asyncio.IncompleteReadError) as exc:
                out.error(f"connection: {exc!r}")
                writer.close()
                try:
                    reader, writer = await _reconnect(port, end, out)
                except OSError:
                    return  # the server is gone and the window is over
                continue
            done = clock()
            i += 1
            if status != 200:
                out.error(f"HTTP {status}: {body[:300].decode(errors='replace')}")
            else:
                out.answered += 1
                if start <= done <= end:
                    out.latencies.append(done - sent)
    finally:
        writer.close()


async def _reconnect(port: int, end: float, out: Outcome) -> Streams:
    """Open a new connection, retrying until the window closes."""
    while True:
        await asyncio.sleep(0.05)
        try:
            return await asyncio.open_connection(HOST, port)
        except OSError as exc:
            out.error(f"connect: {exc!r}")
            if time.perf_counter() >= end:
                raise


async def run(job: Job) -> Outcome:
    out = Outcome()
    indexes = range(job.first, job.first + job.connections)
    shared = get_requests(job) if job.route == "get" else []
    # Readers start at different keys; writers each have keys of their own.
    requests = [
        shared[i * 17 :] + shared[: i * 17] if shared else post_requests(job, i) for i in indexes
    ]
    streams = await asyncio.gather(*(asyncio.open_connection(HOST, job.port) for _ in indexes))
    start = time.perf_counter() + job.warmup
    window = (start, start + job.duration)
    await asyncio.gather(
        *(
            _client(job.port, pair, reqs, window, out)
            for pair, reqs in zip(streams, requests, strict=True)
        )
    )
    return out


def serve() -> None:
    """Answer jobs from stdin until it closes; the parent stops us, so ignore Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for line in sys.stdin.buffer:
        out = uvloop.run(run(Job(**orjson.loads(line))))
        answer = {"latencies": out.latencies, "answered": out.answered}
        answer |= {"errors": out.errors, "samples": out.samples}
        sys.stdout.buffer.write(orjson.dumps(answer) + b"\n")
        sys.stdout.buffer.flush()


if __name__ == "__main__":
    serve()
