"""``Idempotency-Key`` on chat: a repeat starts no second turn and is answered from the first."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from flowline.db.models import IdempotencyRecord, Run
from flowline.engine.worker import Worker
from flowline.llm.echo import EchoProvider
from flowline.llm.errors import ProviderError
from flowline.llm.provider import ChatRequest, ChatResponse
from flowline.runtime import Runtime
from tests.agents.builders import hold_echo, make_agent
from tests.agents.test_chat import _events
from tests.factories import Factory, Org, unique
from tests.fakes.http import Answer, FakeApi, serve_fake

REPLAYED = "idempotent-replayed"


async def _chat(
    client: httpx.AsyncClient,
    org: Org,
    agent_id: str,
    key: str,
    headers: dict[str, str] | None = None,
    **body: Any,
) -> httpx.Response:
    return await client.post(
        f"/api/v1/agents/{agent_id}/chat",
        json=body,
        headers={**(headers or org.headers), "Idempotency-Key": key},
    )


async def _runs_of(runtime: Runtime, agent_id: str) -> list[str]:
    async with runtime.db.session() as session:
        found = await session.scalars(sa.select(Run.status).where(Run.agent_id == agent_id))
        return list(found)


async def test_a_repeat_is_the_first_answer_and_no_second_turn(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, tools=["kv_set"])
    body = {"messages": 'call kv_set {"key": "once", "value": 1}'}
    key = unique("k-")
    first = await _chat(client, org, agent_id, key, **body)
    assert first.status_code == 200, first.text
    assert REPLAYED not in first.headers
    again = await _chat(client, org, agent_id, key, **body)
    assert again.status_code == 200, again.text
    assert again.headers[REPLAYED] == "true"
    assert again.json() == first.json()
    assert await _runs_of(runtime, agent_id) == ["succeeded"]
    thread = first.json()["data"]["thread_id"]
    messages = await client.get(f"/api/v1/conversations/{thread}/messages", headers=org.headers)
    assert [m["role"] for m in messages.json()["data"]] == [
        "user",
        "assistant",
        "tool",
        "assistant",
    ]

    # Without the key, or with another, the same body is a new turn.
    other = await _chat(client, org, agent_id, unique("k-"), **body)
    assert other.status_code == 200
    assert REPLAYED not in other.headers
    assert len(await _runs_of(runtime, agent_id)) == 2


async def test_the_same_key_with_another_request_is_422_and_changes_nothing(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    key = unique("k-")
    assert (await _chat(client, org, agent_id, key, messages="one")).status_code == 200
    r = await _chat(client, org, agent_id, key, messages="two")
    assert r.status_code == 422, r.text
    assert [d["field"] for d in r.json()["details"]] == ["Idempotency-Key"]
    assert await _runs_of(runtime, agent_id) == ["succeeded"]
    long = await _chat(client, org, agent_id, "x" * 256, messages="one")
    assert long.status_code == 422
    assert [d["field"] for d in long.json()["details"]] == ["Idempotency-Key"]
    assert len(await _runs_of(runtime, agent_id)) == 1


async def test_keys_are_the_callers_own(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    member = await factory.member(org)
    agent_id = await make_agent(client, org)
    key = unique("k-")
    assert (await _chat(client, org, agent_id, key, messages="hi")).status_code == 200
    theirs = await _chat(client, org, agent_id, key, headers=member.headers, messages="hi")
    assert theirs.status_code == 200, theirs.text
    assert REPLAYED not in theirs.headers
    assert len(await _runs_of(runtime, agent_id)) == 2


async def test_a_sync_repeat_while_the_turn_runs_is_409_then_the_answer(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    entered, release = hold_echo(monkeypatch)
    key = unique("k-")
    first = asyncio.create_task(_chat(client, org, agent_id, key, messages="slow"))
    await asyncio.wait_for(entered.wait(), 10)
    during = await _chat(client, org, agent_id, key, messages="slow")
    assert during.status_code == 409, during.text
    assert during.json()["error"] == "CONFLICT"
    release.set()
    answer = await first
    assert answer.status_code == 200
    after = await _chat(client, org, agent_id, key, messages="slow")
    assert after.json() == answer.json()
    assert await _runs_of(runtime, agent_id) == ["succeeded"]


async def test_a_failed_turn_runs_again(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    plain = EchoProvider.chat
    calls: list[str] = []

    async def failing_once(self: EchoProvider, request: ChatRequest) -> ChatResponse:
        calls.append("call")
        if len(calls) == 1:
            raise ProviderError("the provider fell over")
        return await plain(self, request)

    monkeypatch.setattr(EchoProvider, "chat", failing_once)
    key = unique("k-")
    failed = await _chat(client, org, agent_id, key, messages="retry me")
    assert failed.status_code == 502, failed.text
    retried = await _chat(client, org, agent_id, key, messages="retry me")
    assert retried.status_code == 200, retried.text
    assert REPLAYED not in retried.headers
    assert sorted(await _runs_of(runtime, agent_id)) == ["failed", "succeeded"]
    replayed = await _chat(client, org, agent_id, key, messages="retry me")
    assert replayed.headers[REPLAYED] == "true"
    assert replayed.json() == retried.json()
    async with runtime.db.session() as session:
        claims = await session.scalars(
            sa.select(IdempotencyRecord.run_id).where(IdempotencyRecord.key == key)
        )
        assert list(claims) == [retried.json()["data"]["metadata"]["run_id"]]


async def test_a_streamed_repeat_replays_the_turns_events(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, tools=["kv_set"])
    body = {"messages": 'call kv_set {"key": "s", "value": 3}', "stream": True}
    key = unique("k-")
    first = await _chat(client, org, agent_id, key, **body)
    assert first.status_code == 200, first.text
    again = await _chat(client, org, agent_id, key, **body)
    assert again.status_code == 200
    assert again.headers["content-type"].startswith("text/event-stream")
    assert again.headers[REPLAYED] == "true"
    assert _events(again.text) == _events(first.text)
    assert [name for _, name, _ in _events(again.text)][-1] == "run.completed"
    assert await _runs_of(runtime, agent_id) == ["succeeded"]


@pytest.fixture
async def receiver() -> AsyncIterator[FakeApi]:
    async with serve_fake() as fake:
        yield fake


async def test_a_callback_repeat_is_the_same_202_and_one_delivery(
    client: httpx.AsyncClient,
    factory: Factory,
    runtime: Runtime,
    worker: Worker,
    receiver: FakeApi,
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    receiver.answer("/hook", Answer(status=200))
    body = {"messages": "hello", "callback_url": f"{receiver.url}/hook"}
    key = unique("k-")
    first = await _chat(client, org, agent_id, key, **body)
    assert first.status_code == 202, first.text
    again = await _chat(client, org, agent_id, key, **body)
    assert again.status_code == 202
    assert again.headers[REPLAYED] == "true"
    assert again.json() == first.json()
    for _ in range(200):
        if receiver.seen("/hook"):
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.2)
    assert len(receiver.seen("/hook")) == 1
    assert await _runs_of(runtime, agent_id) == ["succeeded"]


async def test_two_first_requests_at_once_start_one_turn(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    for _ in range(5):
        key = unique("k-")
        answers = await asyncio.gather(
            *(_chat(client, org, agent_id, key, messages="together") for _ in range(4))
        )
        codes = sorted(a.status_code for a in answers)
        assert codes[0] == 200, codes
        assert set(codes) <= {200, 409}, codes
        ok = [a for a in answers if a.status_code == 200]
        assert len({a.json()["data"]["metadata"]["run_id"] for a in ok}) == 1
    assert len(await _runs_of(runtime, agent_id)) == 5
