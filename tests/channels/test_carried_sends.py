"""Sends a routing carries: leased to the process that queued them, delivered when their
transaction commits, and delivered by a worker, once, if that process dies first."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import orjson
import pytest
import sqlalchemy as sa

from flowline.channels.sending import (
    CARRIER,
    SEND_TASK,
    Outgoing,
    carry_sends,
    deliver_carried,
    send,
)
from flowline.db.models import Task
from flowline.db.types import utcnow
from flowline.engine.queue import Lease
from flowline.engine.worker import Worker
from flowline.runtime import Runtime
from tests.channels.builders import CHANNELS, PHONE, make_http_channel, message_once
from tests.channels.builders import send as api_send
from tests.channels.testkinds import sign
from tests.factories import Factory, Org
from tests.fakes.http import Answer, FakeApi, serve_fake

APP_SECRET = "test-app-secret-carried"


@pytest.fixture
async def fake() -> AsyncIterator[FakeApi]:
    async with serve_fake() as made:
        yield made


async def _channel(client: httpx.AsyncClient, org: Org, fake: FakeApi) -> str:
    """A channel the contact wrote to just now (its session window open)."""
    channel = await make_http_channel(client, org, fake.url, APP_SECRET)
    body = orjson.dumps({"messages": [{"id": "hello-1", "from": PHONE, "text": "hi"}]})
    headers = {"X-Test-Signature": sign(APP_SECRET, body), "Content-Type": "application/json"}
    r = await client.post(f"{CHANNELS}/{channel['id']}/inbound", content=body, headers=headers)
    assert r.status_code == 200, r.text
    return str(channel["id"])


async def _carried_send(runtime: Runtime, org_id: str, channel_id: str, text: str) -> list[Lease]:
    async with runtime.db.session(write=True) as session:
        carried = carry_sends(session)
        await send(session, runtime, org_id, channel_id, Outgoing(PHONE, "text", {"text": text}))
    return carried


async def _task_of(runtime: Runtime, message_id: str) -> Task | None:
    async with runtime.db.session() as session:
        stmt = sa.select(Task).where(Task.kind == SEND_TASK, Task.node_id == message_id)
        return (await session.execute(stmt)).scalar_one_or_none()


async def test_a_carried_send_is_delivered_when_its_transaction_commits(
    client: httpx.AsyncClient, factory: Factory, fake: FakeApi, runtime: Runtime
) -> None:
    org = await factory.org()
    channel_id = await _channel(client, org, fake)
    fake.answer("/messages", Answer(200, {"id": "prov-carried"}))
    carried = await _carried_send(runtime, org.id, channel_id, "carried")
    [task] = carried
    stored = await _task_of(runtime, task.node_id)
    assert stored is not None
    assert stored.lease_owner == CARRIER
    assert stored.lease_expires_at is not None
    assert stored.lease_expires_at > utcnow()

    await deliver_carried(runtime, carried)  # no worker runs in this test
    message = await message_once(client, org, task.node_id, {"sent", "failed"})
    assert message["status"] == "sent"
    assert message["provider_message_id"] == "prov-carried"
    assert [t.headers["idempotency-key"] for t in fake.seen("/messages")] == [task.node_id]
    assert await _task_of(runtime, task.node_id) is None


async def test_a_carried_send_its_process_never_delivered_is_sent_once_by_a_worker(
    client: httpx.AsyncClient, factory: Factory, fake: FakeApi, runtime: Runtime, worker: Worker
) -> None:
    org = await factory.org()
    channel_id = await _channel(client, org, fake)
    fake.answer("/messages", Answer(200, {"id": "prov-late"}), Answer(200, {"id": "prov-other"}))
    [task] = await _carried_send(runtime, org.id, channel_id, "lost")
    # The process died after the commit: its lease runs out (here: made to have run out).
    async with runtime.db.session(write=True) as session:
        await session.execute(
            sa.update(Task)
            .where(Task.id == task.task_id)
            .values(lease_expires_at=utcnow() - timedelta(seconds=1))
        )
    # A later send wakes the worker, which takes both.
    other = (await api_send(client, org, channel_id, "other")).json()["data"]
    await message_once(client, org, other["id"], {"sent"})
    message = await message_once(client, org, task.node_id, {"sent", "failed"})
    assert message["status"] == "sent"
    keys = [t.headers["idempotency-key"] for t in fake.seen("/messages")]
    assert sorted(keys) == sorted([task.node_id, other["id"]])  # one request each
