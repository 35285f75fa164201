"""A channel send survives ``kill -9``: never lost, never two messages at the provider.

The server runs with the test-only ``test_http`` kind (``tests/channels/testkinds``),
whose provider is a fake on loopback that counts requests by ``Idempotency-Key``
(the message id). Two moments are killed: after the send's commit and before any
provider call (``serve --no-worker`` accepts it; a server with a worker starts after
the kill), and during the provider call (the fake holds the request).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.cli.environment import Instance, fresh_instance
from tests.e2e.test_serve import Server, Servers, free_port
from tests.fakes.http import Answer, FakeApi, serve_fake

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
BOOT = (
    f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
    "from tests.channels.testkinds import install_test_kinds; install_test_kinds(); "
    "from flowline.cli.main import main; sys.argv[0] = 'flowline'; main()"
)
ENV = {
    "FLOWLINE_LEASE_SECONDS": "2",
    "FLOWLINE_LOG_LEVEL": "warning",
    "FLOWLINE_ALLOW_HOSTS": "127.0.0.1",
}
TEMPLATE = {"to": "+14155550123", "template": "order_update", "language": "en_US"}


async def _serve(servers: Servers, instance: Instance, *flags: str) -> Server:
    """``flowline serve <flags>`` with the test kinds installed, owned by ``servers``,
    once it is ready."""
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        BOOT,
        "serve",
        "--port",
        str(port),
        *flags,
        cwd=instance.root,
        env=instance.env(**ENV),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        start_new_session=True,
    )
    server = servers.own(Server(process, port))
    await server.wait_ready()
    return server


async def _channel(c: httpx.AsyncClient, api: FakeApi) -> str:
    secret = {"name": "app", "kind": "generic", "value": "app-secret-value-1"}
    assert (await c.post("/api/v1/secrets", json=secret)).status_code == 201
    body = {
        "name": "durable",
        "kind": "test_http",
        "config": {"api_base": api.url},
        "credentials": {"app_secret": "app"},
    }
    r = await c.post("/api/v1/channels", json=body)
    assert r.status_code == 201, r.text
    return str(r.json()["data"]["id"])


async def _sent(c: httpx.AsyncClient, message_id: str) -> dict[str, Any]:
    async with asyncio.timeout(60):
        while True:
            r = await c.get(f"/api/v1/messages/{message_id}")
            if r.status_code == 200 and r.json()["data"]["status"] != "queued":
                data: dict[str, Any] = r.json()["data"]
                return data
            await asyncio.sleep(0.1)


def _client(instance: Instance, server: Server) -> httpx.AsyncClient:
    key = {"Authorization": f"Bearer {instance.credentials()['api_key']}"}
    return httpx.AsyncClient(base_url=server.base_url, headers=key, timeout=30)


async def _after_restart(
    servers: Servers, instance: Instance, channel_id: str, message_id: str
) -> tuple[dict[str, Any], list[str]]:
    """A server with a worker started again: the message once it left ``queued``, and the
    channel's event types."""
    server = await _serve(servers, instance)
    try:
        async with _client(instance, server) as c:
            message = await _sent(c, message_id)
            events = (await c.get(f"/api/v1/channels/{channel_id}/stream?size=100")).json()
    finally:
        await server.stop()
    return message, [e["type"] for e in events["data"]]


async def test_a_send_killed_after_its_commit_is_sent_once_by_the_next_worker(
    tmp_path: Path,
) -> None:
    async with fresh_instance(tmp_path) as instance, serve_fake() as api, Servers() as servers:
        api.answer("/messages", Answer(200, {"id": "prov-1"}))
        server = await _serve(servers, instance, "--no-worker")  # accepts, calls no provider
        try:
            async with _client(instance, server) as c:
                channel_id = await _channel(c, api)
                r = await c.post(f"/api/v1/channels/{channel_id}/templates/send", json=TEMPLATE)
                assert r.status_code == 202, r.text
                message_id = r.json()["data"]["id"]
        finally:
            await server.kill()  # SIGKILL, after the commit, before any provider call
        assert api.seen("/messages") == []

        message, events = await _after_restart(servers, instance, channel_id, message_id)
        assert message["status"] == "sent"
        assert message["provider_message_id"] == "prov-1"
        requests = api.seen("/messages")
        assert len(requests) == 1
        assert requests[0].headers["idempotency-key"] == message_id
        assert events == ["message.queued", "message.sent"]


async def test_a_send_killed_during_the_provider_call_is_one_message_at_the_provider(
    tmp_path: Path,
) -> None:
    async with fresh_instance(tmp_path) as instance, serve_fake() as api, Servers() as servers:
        # The first request is held (the worker is killed while it waits); later ones answer.
        api.answer(
            "/messages", Answer(200, {"id": "prov-1"}, delay=120), Answer(200, {"id": "prov-1"})
        )
        server = await _serve(servers, instance)
        try:
            async with _client(instance, server) as c:
                channel_id = await _channel(c, api)
                r = await c.post(f"/api/v1/channels/{channel_id}/templates/send", json=TEMPLATE)
                assert r.status_code == 202, r.text
                message_id = r.json()["data"]["id"]
                async with asyncio.timeout(60):
                    while not api.seen("/messages"):  # noqa: ASYNC110 - the fake has no event
                        await asyncio.sleep(0.05)
        finally:
            await server.kill()

        message, events = await _after_restart(servers, instance, channel_id, message_id)
        assert message["status"] == "sent"
        requests = api.seen("/messages")
        # The call in flight was made again, as one message: every request carries the
        # message's key. (A busy machine may let a 2 s lease lapse mid-call and the call be
        # made a third time, with the same key: the count is not what is promised.)
        assert len(requests) >= 2
        assert {r.headers["idempotency-key"] for r in requests} == {message_id}
        assert events == ["message.queued", "message.sent"]
