"""WhatsApp inbound answered by a flow, and durable sends: requests/s and latencies.

Run ``python -m bench.channels`` (``--help`` for the options). ``flowline serve``
runs in its own process on SQLite in a temporary directory (``bench/chat.py``'s
``Server``), with the outbound network opened to loopback; the WhatsApp Cloud API
fake (``tests/fakes/whatsapp_server.py``) runs in a thread of this process with
its own event loop, and notes when each message reaches it. A ``whatsapp``
channel points at the fake; its ``on_message`` flow answers every message with
``send_text`` (``re: <text>``).

Inbound: ``--senders`` (1, 10, 50 by default) people post signed webhooks
(``X-Hub-Signature-256``) back to back for ``--duration`` seconds each, every
message new; the figures are requests/s, p50/p99 from the request to its 200,
and p50/p99 from the request to the fake receiving the answer; the server's CPU per
message counts all its work until it is idle again (the runs' ends after the answers).

Sends: ``--sends`` (1,000) ``POST channels/{id}/send`` queued as fast as 20
callers can, then the time until the fake has them all: sends/s end to end.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import orjson
from cryptography.fernet import Fernet
from starlette.requests import Request
from starlette.responses import Response
from tests.fakes.provider_api import serve_provider
from tests.fakes.whatsapp_server import FakeWhatsApp

from bench.chat import Server, load, reference_ms
from flowline.bootstrap import initialise
from flowline.config import Settings

TOKEN = "EAAbench-token"
APP_SECRET = "bench-app-secret"
NUMBER_ID = "106540352242922"
REPLY = "re: "

FLOW = {
    "name": "channels-bench",
    "definition": {
        "nodes": [
            {"id": "start", "data": {"node_type": "start"}},
            {
                "id": "answer",
                "data": {
                    "node_type": "send_text",
                    "config": {
                        "channel_id": "{{ input.message.channel_id }}",
                        "to": "{{ input.contact.address }}",
                        "text": REPLY + "{{ input.message.body.text }}",
                    },
                },
            },
            {"id": "done", "data": {"node_type": "end"}},
        ],
        "edges": [
            {"id": "e1", "source": "start", "target": "answer"},
            {"id": "e2", "source": "answer", "target": "done"},
        ],
    },
}


class TimedWhatsApp(FakeWhatsApp):
    """The Cloud API fake, noting when each text (by its body) arrived."""

    def __init__(self) -> None:
        super().__init__(TOKEN, NUMBER_ID)
        self.arrived: dict[str, float] = {}
        self.count = 0

    async def messages(self, request: Request) -> Response:
        at = time.monotonic()
        body = orjson.loads(await request.body())
        self.count += 1
        text = (body.get("text") or {}).get("body")
        if isinstance(text, str):
            self.arrived[text] = at
        return await super().messages(request)


@contextmanager
def fake_in_thread() -> Iterator[TimedWhatsApp]:
    """The fake served by its own event loop in a thread, so the load does not slow it."""
    fake = TimedWhatsApp()
    ready, stop = threading.Event(), threading.Event()

    async def serve() -> None:
        async with serve_provider(fake):
            ready.set()
            while not stop.is_set():  # noqa: ASYNC110 - set by another thread
                await asyncio.sleep(0.05)

    thread = threading.Thread(target=asyncio.run, args=(serve(),), daemon=True)
    thread.start()
    ready.wait(30)
    try:
        yield fake
    finally:
        stop.set()
        thread.join(10)


def signed_webhook(wa_id: str, message_id: str, text: str) -> tuple[bytes, dict[str, str]]:
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"phone_number_id": NUMBER_ID},
        "contacts": [{"profile": {"name": "Bench"}, "wa_id": wa_id}],
        "messages": [
            {
                "from": wa_id,
                "id": message_id,
                "timestamp": str(int(time.time())),
                "type": "text",
                "text": {"body": text},
            }
        ],
    }
    body = orjson.dumps(
        {
            "object": "whatsapp_business_account",
            "entry": [{"id": "1", "changes": [{"field": "messages", "value": value}]}],
        }
    )
    mac = hmac.new(APP_SECRET.encode(), body, hashlib.sha256).hexdigest()
    return body, {"Content-Type": "application/json", "X-Hub-Signature-256": f"sha256={mac}"}


async def _setup(client: httpx.AsyncClient, fake_url: str) -> str:
    secrets = {}
    for role, value, kind in (
        ("access_token", TOKEN, "bearer"),
        ("app_secret", APP_SECRET, "generic"),
        ("verify_token", "bench-verify", "generic"),
    ):
        name = f"bench_{role}"
        body = {"name": name, "kind": kind, "value": value, "hosts": ["127.0.0.1"]}
        r = await client.post("/api/v1/secrets", json=body)
        assert r.status_code in (201, 409), r.text
        secrets[role] = name
    flow = await client.post("/api/v1/flows", json=FLOW)
    assert flow.status_code == 201, flow.text
    channel = {
        "name": f"bench-{time.monotonic_ns()}",
        "kind": "whatsapp",
        "config": {"api_base": fake_url, "phone_number_id": NUMBER_ID},
        "credentials": secrets,
        "on_message": {"flow_id": flow.json()["data"]["id"]},
        "limits": {"messages_per_second": 1000, "burst": 10000},
    }
    r = await client.post("/api/v1/channels", json=channel)
    assert r.status_code == 201, r.text
    return str(r.json()["data"]["id"])


def _p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000, 1)


async def settled(server: Server, quiet: float = 0.02, window: float = 0.5) -> None:
    """Until the server is idle (under ``quiet`` of a core over ``window`` seconds, for at
    most a minute): the work after the answers (a send's settling, the run's resume and
    end) is counted in its CPU per message too."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        before = server.cpu_seconds()
        await asyncio.sleep(window)
        if server.cpu_seconds() - before < quiet * window:
            return


async def inbound(
    client: httpx.AsyncClient,
    server: Server,
    fake: TimedWhatsApp,
    channel_id: str,
    senders: int,
    duration: float,
    tag: str,
) -> dict[str, Any]:
    sent: dict[str, float] = {}
    to_200: list[float] = []
    errors = 0

    async def person(n: int, end: float) -> None:
        nonlocal errors
        wa_id = f"3161{n:07d}"
        i = 0
        while time.monotonic() < end:
            i += 1
            message_id = f"wamid.{tag}.{n}.{i}"
            body, headers = signed_webhook(wa_id, message_id, message_id)
            began = time.monotonic()
            r = await client.post(
                f"/api/v1/channels/{channel_id}/inbound", content=body, headers=headers
            )
            if r.status_code == 200:
                to_200.append(time.monotonic() - began)
                sent[message_id] = began
            else:
                errors += 1

    cpu = server.cpu_seconds()
    began = time.monotonic()
    await asyncio.gather(*(person(n, began + duration) for n in range(senders)))
    elapsed = time.monotonic() - began
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not all(REPLY + m in fake.arrived for m in sent):  # noqa: ASYNC110 - the fake's thread
        await asyncio.sleep(0.1)
    await settled(server)
    cpu = server.cpu_seconds() - cpu
    replies = [fake.arrived[REPLY + m] - t for m, t in sent.items() if REPLY + m in fake.arrived]
    return {
        "senders": senders,
        "inbound_per_s": round(len(to_200) / elapsed, 1),
        "p50_to_200_ms": _p(to_200, 0.5),
        "p99_to_200_ms": _p(to_200, 0.99),
        "p50_to_reply_ms": _p(replies, 0.5),
        "p99_to_reply_ms": _p(replies, 0.99),
        "answered": f"{len(replies)}/{len(sent)}",
        "errors": errors,
        "server_cpu_ms_per_message": round(cpu * 1000 / max(1, len(sent)), 2),
    }


async def sends(
    client: httpx.AsyncClient, server: Server, fake: TimedWhatsApp, channel_id: str, count: int
) -> dict[str, Any]:
    before = fake.count
    cpu = server.cpu_seconds()
    queue = list(range(count))
    began = time.monotonic()

    async def caller() -> None:
        while queue:
            n = queue.pop()
            body = {"to": "+31610000000", "text": f"send {n}"}  # wrote in the inbound part
            r = await client.post(f"/api/v1/channels/{channel_id}/send", json=body)
            assert r.status_code == 202, r.text

    await asyncio.gather(*(caller() for _ in range(20)))
    queued = time.monotonic() - began
    while fake.count - before < count and time.monotonic() - began < 300:  # noqa: ASYNC110
        await asyncio.sleep(0.05)
    done = time.monotonic() - began
    await settled(server)
    cpu = server.cpu_seconds() - cpu
    return {
        "sends": count,
        "queued_per_s": round(count / queued, 1),
        "delivered_per_s": round((fake.count - before) / done, 1),
        "all_delivered_after_s": round(done, 2),
        "server_cpu_ms_per_send": round(cpu * 1000 / count, 2),
    }


async def run(args: argparse.Namespace) -> None:
    with (
        tempfile.TemporaryDirectory(prefix="flowline-bench-channels-") as tmp,
        fake_in_thread() as fake,
    ):
        root = Path(tmp)
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            data_dir=root / "data",
            secret_key=Fernet.generate_key().decode(),
        )
        made = await initialise(settings)
        assert made is not None
        server = Server(
            settings, root / "server.log", extra_env={"FLOWLINE_ALLOW_HOSTS": "127.0.0.1"}
        )
        key = {"Authorization": f"Bearer {made.api_key}"}
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
        try:
            await server.wait_ready()
            async with httpx.AsyncClient(
                base_url=server.url, headers=key, limits=limits, timeout=60
            ) as client:
                channel_id = await _setup(client, fake.url)
                await inbound(client, server, fake, channel_id, 5, 2.0, "warm")
                print(
                    f"server pid {server.proc.pid}, {load()},",
                    f"reference loop {reference_ms()} ms CPU",
                )
                for senders in args.senders:
                    figure = await inbound(
                        client, server, fake, channel_id, senders, args.duration, f"c{senders}"
                    )
                    print("inbound:", figure, flush=True)
                print(
                    "sends:", await sends(client, server, fake, channel_id, args.sends), flush=True
                )
        finally:
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--senders", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per level")
    parser.add_argument("--sends", type=int, default=1000, help="sends queued at once")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
