from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
import uvicorn

from flowline.examples.capi_sim import Simulator, create_app, mint
from flowline.examples.capi_sim.app import BASE


@dataclass
class Sim:
    """A simulator served on loopback: its state, its root URL and a valid token."""

    state: Simulator
    url: str
    token: str

    @property
    def base(self) -> str:
        return f"{self.url}{BASE}"

    def requests(self) -> list[dict[str, object]]:
        return [entry.view() for entry in self.state.log]


@pytest.fixture
def simulator() -> Simulator:
    return Simulator(secret="test-secret", seed_users=5)


@pytest.fixture
async def asgi(simulator: Simulator) -> AsyncIterator[httpx.AsyncClient]:
    """The simulator in-process (no socket), with a valid token on every request."""
    transport = httpx.ASGITransport(app=create_app(simulator))
    headers = {"Authorization": f"Bearer {mint('test-secret')}"}
    async with httpx.AsyncClient(
        transport=transport, base_url=f"http://capi.test{BASE}", headers=headers
    ) as client:
        yield client


@pytest.fixture
async def sim(simulator: Simulator) -> AsyncIterator[Sim]:
    """The simulator on a loopback port, as flows call it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(simulator), log_level="warning", lifespan="off", timeout_graceful_shutdown=1
        )
    )
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:  # noqa: ASYNC110 - uvicorn offers no event for it
        await asyncio.sleep(0.01)
    try:
        yield Sim(simulator, f"http://127.0.0.1:{port}", mint("test-secret"))
    finally:
        server.should_exit = True
        await task
        sock.close()
