"""``Idempotency-Key`` on ``POST /v1/chat/completions``: a repeat starts no second turn."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import orjson
import pytest
import sqlalchemy as sa

from flowline.db.models import Run
from flowline.runtime import Runtime
from tests.agents.builders import hold_echo, make_agent
from tests.answers import assert_openai_error
from tests.factories import Factory, Org, unique

URL = "/v1/chat/completions"
REPLAYED = "idempotent-replayed"


def _body(agent_id: str, text: str = "hello", **extra: Any) -> dict[str, Any]:
    return {"model": agent_id, "messages": [{"role": "user", "content": text}], **extra}


async def _post(
    client: httpx.AsyncClient, org: Org, key: str, body: dict[str, Any]
) -> httpx.Response:
    return await client.post(URL, json=body, headers={**org.headers, "Idempotency-Key": key})


async def _statuses(runtime: Runtime, agent_id: str) -> list[str]:
    async with runtime.db.session() as session:
        return list(await session.scalars(sa.select(Run.status).where(Run.agent_id == agent_id)))


def _chunks(text: str) -> list[Any]:
    datas = [line[len("data: ") :] for line in text.splitlines() if line.startswith("data: ")]
    return [d if d == "[DONE]" else orjson.loads(d) for d in datas]


async def test_a_repeat_is_the_first_completion_and_no_second_turn(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    key = unique("k-")
    first = await _post(client, org, key, _body(agent_id))
    assert first.status_code == 200, first.text
    assert REPLAYED not in first.headers
    again = await _post(client, org, key, _body(agent_id))
    assert again.status_code == 200, again.text
    assert again.headers[REPLAYED] == "true"
    one, two = first.json(), again.json()
    assert two["id"] == one["id"]
    assert two["choices"] == one["choices"]
    assert two["usage"] == one["usage"]
    assert one["choices"][0]["message"]["content"] == "echo: hello"
    assert await _statuses(runtime, agent_id) == ["succeeded"]

    # Streamed, a repeat is the whole message in one chunk, the finish, the usage.
    key = unique("k-")
    streamed = _body(agent_id, "again", stream=True, stream_options={"include_usage": True})
    first = await _post(client, org, key, streamed)
    assert first.status_code == 200, first.text
    again = await _post(client, org, key, streamed)
    assert again.headers[REPLAYED] == "true"
    live, replayed = _chunks(first.text), _chunks(again.text)
    assert replayed[-1] == "[DONE]"
    assert {c["id"] for c in replayed[:-1]} == {live[0]["id"]}

    def text(chunks: list[Any]) -> str:
        return "".join(
            c["choices"][0]["delta"].get("content") or "" for c in chunks[:-1] if c["choices"]
        )

    assert text(replayed) == text(live) == "echo: again"
    assert replayed[-3]["choices"][0]["finish_reason"] == "stop"
    assert replayed[-2]["usage"] == live[-2]["usage"]
    assert await _statuses(runtime, agent_id) == ["succeeded", "succeeded"]


async def test_a_repeat_while_the_turn_runs_is_409_and_another_body_422(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    entered, release = hold_echo(monkeypatch)
    key = unique("k-")
    first = asyncio.create_task(_post(client, org, key, _body(agent_id, "slow")))
    await asyncio.wait_for(entered.wait(), 10)
    assert_openai_error(await _post(client, org, key, _body(agent_id, "slow")), 409, "CONFLICT")
    streamed = _body(agent_id, "slow", stream=True)
    assert_openai_error(await _post(client, org, key, streamed), 422, "VALIDATION_ERROR")
    release.set()
    assert (await first).status_code == 200
    assert_openai_error(
        await _post(client, org, key, _body(agent_id, "other")), 422, "VALIDATION_ERROR"
    )
    assert await _statuses(runtime, agent_id) == ["succeeded"]
    bad = await client.post(
        URL, json=_body(agent_id), headers={**org.headers, "Idempotency-Key": ""}
    )
    assert_openai_error(bad, 422, "VALIDATION_ERROR")
