"""``flowline serve`` as a real process on a real port, first start and restart."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from flowline.api.deps import SESSION_COOKIE
from tests.cli.environment import Instance, fresh_instance

pytestmark = pytest.mark.e2e

READY_TIMEOUT = 180.0  # a loaded machine starts a server slowly; a dead one is seen at once
STOP_TIMEOUT = 10.0
REQUEST_TIMEOUT = 60.0  # one answer on a loaded machine (the first ones load what they use)
BANNER_TITLE = "the owner's login (shown once)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def _collect(stream: asyncio.StreamReader | None, into: list[str]) -> None:
    assert stream is not None
    async for line in stream:
        into.append(line.decode())


class Server:
    """A running ``flowline serve`` and everything it has printed so far."""

    def __init__(self, process: asyncio.subprocess.Process, port: int) -> None:
        self.process = process
        self.base_url = f"http://127.0.0.1:{port}"
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        self._readers = [
            asyncio.create_task(_collect(process.stdout, self.stdout)),
            asyncio.create_task(_collect(process.stderr, self.stderr)),
        ]

    @property
    def output(self) -> str:
        return "".join(self.stdout) + "".join(self.stderr)

    async def wait_ready(self) -> None:
        deadline = asyncio.get_running_loop().time() + READY_TIMEOUT
        async with httpx.AsyncClient(base_url=self.base_url, timeout=2) as client:
            while True:
                if self.process.returncode is not None:
                    await asyncio.gather(*self._readers)
                    pytest.fail(f"serve exited with {self.process.returncode}:\n{self.output}")
                try:
                    if (await client.get("/ready")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                if asyncio.get_running_loop().time() > deadline:
                    pytest.fail(
                        f"/ready did not answer 200 within {READY_TIMEOUT}s:\n{self.output}"
                    )
                await asyncio.sleep(0.2)

    async def stop(self) -> int:
        """SIGTERM, then the exit code (within ``STOP_TIMEOUT``)."""
        self.process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(self.process.wait(), STOP_TIMEOUT)
        await asyncio.gather(*self._readers)
        return code

    async def kill(self) -> None:
        """SIGKILL to the process and to every process of its group (the API processes
        ``serve --processes`` starts), then the rest of its output."""
        if self.process.returncode is None:
            self.process.kill()
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)  # a group only if it leads one
        await self.process.wait()
        await asyncio.gather(*self._readers)

    def log_events(self) -> list[dict[str, Any]]:
        """stdout is JSON lines only: the first-start banner goes to stderr."""
        events = [json.loads(line) for line in self.stdout if line.strip()]
        assert all(isinstance(event, dict) for event in events)
        return events


class Servers:
    """The ``flowline`` processes a test starts, each owned from the moment it exists.

    Leaving ``async with Servers() as servers`` kills every one still running, so a
    readiness wait that fails, a stop that times out or a failure between a start and
    a test's own clean-up leaves no process behind.
    """

    def __init__(self) -> None:
        self._owned: list[Server] = []

    async def __aenter__(self) -> Servers:
        return self

    async def __aexit__(self, *_: object) -> None:
        while self._owned:
            await self._owned.pop().kill()

    def own(self, server: Server) -> Server:
        """A server started some other way, killed with the rest on the way out."""
        self._owned.append(server)
        return server

    async def start(
        self,
        instance: Instance,
        *args: str,
        env: Mapping[str, str] | None = None,
        python: Sequence[str] = (),
    ) -> Server:
        """``flowline <args>``, owned at once, not waited for (``serve`` gets a free port)."""
        port = free_port()
        if args[:1] == ("serve",):
            args = ("serve", "--port", str(port), *args[1:])
        return self.own(Server(await instance.start(*args, env=env, python=python), port))

    async def serve(
        self, instance: Instance, *flags: str, env: Mapping[str, str] | None = None
    ) -> Server:
        """``flowline serve <flags>`` on a free port, owned, once ``/ready`` answers."""
        server = await self.start(instance, "serve", *flags, env=env)
        await server.wait_ready()
        return server


@asynccontextmanager
async def serving(root: Path, env: Mapping[str, str]) -> AsyncIterator[tuple[Server, str]]:
    """A fresh instance served on a free port, ready, with its first start's API key."""
    async with fresh_instance(root) as instance, Servers() as servers:
        server = await servers.serve(instance, env=env)
        yield server, instance.credentials()["api_key"]


async def exercise_api(server: Server, creds: dict[str, str]) -> list[str]:
    """Walk the public surface; return the session tokens handed out, to look for leaks."""
    key = {"Authorization": f"Bearer {creds['api_key']}"}
    async with httpx.AsyncClient(base_url=server.base_url, timeout=REQUEST_TIMEOUT) as client:
        root = await client.get("/")
        assert root.status_code == 200
        assert root.json()["name"] == "flowline"

        health = await client.get("/health")
        assert health.status_code == 200
        assert health.json()["status"] == "ok"
        assert health.json()["database"]["ok"] is True
        assert health.json()["worker"]["enabled"] is True

        spec = await client.get("/openapi.json")
        assert spec.status_code == 200
        assert "/api/v1/kv" in spec.json()["paths"]

        put = await client.post(
            "/api/v1/kv", json={"key": "e2e/greeting", "value": {"hello": "world"}}, headers=key
        )
        assert put.status_code == 200, put.text
        got = await client.get("/api/v1/kv/e2e/greeting", headers=key)
        assert got.status_code == 200, got.text
        assert got.json()["data"]["value"] == {"hello": "world"}

    async with httpx.AsyncClient(base_url=server.base_url, timeout=REQUEST_TIMEOUT) as browser:
        login = await browser.post(
            "/api/v1/auth/login", json={"email": creds["email"], "password": creds["password"]}
        )
        assert login.status_code == 200, login.text
        session_token = browser.cookies.get(SESSION_COOKIE)
        assert session_token
        csrf = login.json()["data"]["csrf_token"]

        me = await browser.get("/api/v1/auth/me")
        assert me.status_code == 200, me.text
        assert me.json()["data"]["via"] == "session"

        body = {"key": "e2e/cookie", "value": 1}
        refused = await browser.post("/api/v1/kv", json=body)
        assert refused.status_code == 403, refused.text
        assert refused.json()["statusCode"] == 403

        allowed = await browser.post("/api/v1/kv", json=body, headers={"X-CSRF-Token": csrf})
        assert allowed.status_code == 200, allowed.text
        assert (await browser.get("/api/v1/kv/e2e/cookie")).json()["data"]["value"] == 1
    return [session_token, csrf]


async def test_serve_first_start_then_restart(instance: Instance) -> None:
    async with Servers() as servers:
        first = await servers.serve(instance)
        creds = instance.credentials()
        session_tokens = await exercise_api(first, creds)
        code = await first.stop()
    assert code == 0, first.output

    # The login and key appear once, in the banner on stderr; never in a log line.
    stderr = "".join(first.stderr)
    assert BANNER_TITLE in stderr
    for secret in (creds["api_key"], creds["password"]):
        assert first.output.count(secret) == 1
        assert secret in stderr
    for token in session_tokens:
        assert token not in first.output
    events = first.log_events()
    requests = [e for e in events if e.get("event") == "request"]
    assert any(e["path"] == "/api/v1/kv" and e["method"] == "POST" for e in requests)

    # Restart on the same data: nothing new is printed and the old key still works.
    async with Servers() as servers:
        second = await servers.serve(instance, "--no-worker")
        async with httpx.AsyncClient(base_url=second.base_url, timeout=REQUEST_TIMEOUT) as client:
            health = await client.get("/health")
            assert health.json()["worker"]["enabled"] is False
            got = await client.get(
                "/api/v1/kv/e2e/greeting",
                headers={"Authorization": f"Bearer {creds['api_key']}"},
            )
            assert got.status_code == 200, got.text
            assert got.json()["data"]["value"] == {"hello": "world"}
        code = await second.stop()
    assert code == 0, second.output
    assert BANNER_TITLE not in second.output
    assert creds["api_key"] not in second.output
    assert creds["password"] not in second.output
    assert instance.credentials() == creds
    second.log_events()


async def test_a_server_whose_readiness_wait_fails_is_not_left_running(
    instance: Instance, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.modules[__name__], "READY_TIMEOUT", 0.0)
    started: list[Server] = []

    async def start_and_wait() -> None:
        async with Servers() as servers:
            started.append(await servers.start(instance, "serve"))
            await started[0].wait_ready()

    with pytest.raises(pytest.fail.Exception, match="did not answer 200"):
        await start_and_wait()
    [server] = started
    assert server.process.returncode == -signal.SIGKILL
    with pytest.raises(ProcessLookupError):
        os.killpg(server.process.pid, 0)  # nothing of its group is left either
