"""Channel tasks a claim took together: routings in one transaction, sends' provider calls
at once and their results in one transaction; each message once, a lost lease left alone."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace

import httpx
import orjson
import pytest
import sqlalchemy as sa

from flowline.channels.inbound import ROUTE_TASK, route_many
from flowline.channels.sending import SEND_TASK, deliver_many
from flowline.db.models import Task
from flowline.engine import queue
from flowline.engine.queue import Lease
from flowline.engine.worker import Worker
from flowline.runtime import Runtime
from tests.channels.builders import CHANNELS, PHONE, make_http_channel, message_once
from tests.channels.builders import send as api_send
from tests.channels.testkinds import sign
from tests.engine.flows import chain, create_flow, node
from tests.factories import Factory, Org
from tests.fakes.http import Answer, FakeApi, serve_fake

APP_SECRET = "test-app-secret-batches"


@pytest.fixture
async def fake() -> AsyncIterator[FakeApi]:
    async with serve_fake() as made:
        made.answer("/messages", *(Answer(200, {"id": f"prov-{n}"}) for n in range(20)))
        yield made


async def _answering_channel(client: httpx.AsyncClient, org: Org, fake: FakeApi) -> str:
    """A channel whose ``on_message`` flow answers every message with ``send_text``."""
    answer = node(
        "answer",
        "send_text",
        channel_id="{{ input.message.channel_id }}",
        to="{{ input.contact.address }}",
        text="re: {{ input.message.body.text }}",
    )
    flow_id = await create_flow(
        client, org, chain(node("start", "start"), answer, node("done", "end"))
    )
    channel = await make_http_channel(
        client, org, fake.url, APP_SECRET, on_message={"flow_id": flow_id}
    )
    return str(channel["id"])


async def _writes(client: httpx.AsyncClient, channel_id: str, texts: list[str]) -> None:
    """A person's messages, stored and queued for routing (no worker runs here)."""
    for text in texts:
        body = orjson.dumps({"messages": [{"id": f"in-{text}", "from": PHONE, "text": text}]})
        headers = {"X-Test-Signature": sign(APP_SECRET, body), "Content-Type": "application/json"}
        r = await client.post(f"{CHANNELS}/{channel_id}/inbound", content=body, headers=headers)
        assert r.status_code == 200, r.text


def _answers(fake: FakeApi) -> list[str]:
    """The texts the provider was asked to send, sorted."""
    return sorted(orjson.loads(r.body)["body"]["text"] for r in fake.seen("/messages"))


async def _claim(runtime: Runtime, org: Org, kind: str) -> list[Lease]:
    """The organisation's due tasks of ``kind``, leased as a worker's claim would (any
    other claimed task is given back)."""
    async with runtime.db.session(write=True) as tx:
        leases = await queue.claim(tx, "test-worker", limit=100, lease_seconds=30)
        mine = [lease for lease in leases if lease.kind == kind and lease.org_id == org.id]
        await queue.release(tx, [lease.task_id for lease in leases if lease not in mine])
    return mine


async def _tasks(runtime: Runtime, org: Org, kind: str) -> list[Task]:
    async with runtime.db.session() as session:
        stmt = sa.select(Task).where(Task.org_id == org.id, Task.kind == kind)
        return list((await session.execute(stmt)).scalars())


async def test_messages_claimed_together_are_routed_and_answered_once_each(
    client: httpx.AsyncClient, factory: Factory, fake: FakeApi, runtime: Runtime
) -> None:
    org = await factory.org()
    channel_id = await _answering_channel(client, org, fake)
    texts = [f"m{n}" for n in range(5)]
    await _writes(client, channel_id, texts)
    leases = await _claim(runtime, org, ROUTE_TASK)
    assert len(leases) == 5
    lost = replace(leases[2], token=leases[2].token + 1)  # taken over by another worker

    await route_many(runtime, [*leases[:2], lost, *leases[3:]])

    assert _answers(fake) == sorted(f"re: {t}" for t in texts if t != "m2")
    keys = [r.headers["idempotency-key"] for r in fake.seen("/messages")]
    assert len(set(keys)) == len(keys) == 4  # one request per answer
    for key in keys:
        assert (await message_once(client, org, key, {"sent", "failed"}))["status"] == "sent"
    [left] = await _tasks(runtime, org, ROUTE_TASK)
    assert left.id == leases[2].task_id  # the lost lease's message: its holder routes it
    assert await _tasks(runtime, org, SEND_TASK) == []


async def test_sends_claimed_together_are_each_sent_once(
    client: httpx.AsyncClient, factory: Factory, fake: FakeApi, runtime: Runtime
) -> None:
    org = await factory.org()
    channel_id = await _answering_channel(client, org, fake)
    await _writes(client, channel_id, ["hello"])  # opens the contact's session window
    await _claim(runtime, org, ROUTE_TASK)  # leased away: this test is about the sends
    ids = [
        (await api_send(client, org, channel_id, f"s{n}")).json()["data"]["id"] for n in range(4)
    ]
    leases = await _claim(runtime, org, SEND_TASK)
    assert sorted(lease.node_id for lease in leases) == sorted(ids)

    await deliver_many(runtime, leases)

    keys = [r.headers["idempotency-key"] for r in fake.seen("/messages")]
    assert sorted(keys) == sorted(ids)
    sent = [await message_once(client, org, i, {"sent", "failed"}) for i in ids]
    assert {m["status"] for m in sent} == {"sent"}
    assert len({m["provider_message_id"] for m in sent}) == 4
    assert await _tasks(runtime, org, SEND_TASK) == []


async def test_a_worker_routes_and_answers_what_it_claimed_together(
    client: httpx.AsyncClient, factory: Factory, fake: FakeApi, runtime: Runtime
) -> None:
    org = await factory.org()
    channel_id = await _answering_channel(client, org, fake)
    texts = [f"w{n}" for n in range(6)]
    await _writes(client, channel_id, texts)  # queued before any worker runs
    worker = Worker(runtime, slots=4)
    running = asyncio.create_task(worker.run())
    try:
        async with asyncio.timeout(30):
            while len(fake.seen("/messages")) < len(texts) or worker.busy:  # noqa: ASYNC110
                await asyncio.sleep(0.05)
    finally:
        worker.stop()
        await asyncio.wait_for(running, 10)
    assert _answers(fake) == sorted(f"re: {t}" for t in texts)  # each once
    assert await _tasks(runtime, org, ROUTE_TASK) == []
    assert await _tasks(runtime, org, SEND_TASK) == []
