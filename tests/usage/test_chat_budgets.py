"""Chat turns under credits and budgets: refused with 402 before the model is called."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from flowline.auth.scopes import Role
from flowline.db.models import Conversation, LlmUsage, Run
from flowline.llm.echo import EchoProvider
from flowline.llm.provider import ChatRequest, ChatResponse, StreamEvent
from flowline.runtime import Runtime
from tests.agents.builders import make_agent
from tests.agents.test_chat import _events
from tests.factories import Factory, Member, Org
from tests.usage.builders import BUDGET, USER_BUDGETS, price_echo, put_budget


class Calls:
    """How many times the model was asked."""

    def __init__(self) -> None:
        self.count = 0


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Calls:
    seen = Calls()
    plain_chat, plain_stream = EchoProvider.chat, EchoProvider.stream

    async def chat(self: EchoProvider, request: ChatRequest) -> ChatResponse:
        seen.count += 1
        return await plain_chat(self, request)

    async def stream(self: EchoProvider, request: ChatRequest) -> AsyncIterator[StreamEvent]:
        seen.count += 1
        async for event in plain_stream(self, request):
            yield event

    monkeypatch.setattr(EchoProvider, "chat", chat)
    monkeypatch.setattr(EchoProvider, "stream", stream)
    return seen


@pytest.fixture
async def org(client: httpx.AsyncClient, factory: Factory) -> Org:
    made = await factory.org()
    await price_echo(client, made)
    return made


async def _chat(
    client: httpx.AsyncClient, who: Org | Member, agent_id: str, **body: Any
) -> httpx.Response:
    body.setdefault("messages", "hello there")
    return await client.post(f"/api/v1/agents/{agent_id}/chat", json=body, headers=who.headers)


def _payment(r: httpx.Response, code: str) -> None:
    assert r.status_code == 402, r.text
    assert r.json()["error"] == code
    assert r.json()["statusCode"] == 402


async def _count(runtime: Runtime, model: Any, org: Org) -> int:
    async with runtime.db.session() as session:
        stmt = sa.select(sa.func.count()).select_from(model).where(model.org_id == org.id)
        return int(await session.scalar(stmt) or 0)


async def test_a_fresh_organisation_chats_and_its_spend_is_counted(
    client: httpx.AsyncClient, org: Org, calls: Calls
) -> None:
    agent_id = await make_agent(client, org)
    r = await _chat(client, org, agent_id)
    assert r.status_code == 200, r.text
    cost = r.json()["data"]["metadata"]["cost"]
    assert cost == 5  # 2 tokens in, 3 out, a dollar each
    budget = (await client.get(BUDGET, headers=org.headers)).json()["data"]
    assert budget["credits_usd"] is None
    assert budget["month_spend_usd"] == 5
    users = (await client.get(USER_BUDGETS, headers=org.headers)).json()["data"]
    assert users[0]["month_spend_usd"] == 5


async def test_no_credits_is_402_before_any_model_call(
    client: httpx.AsyncClient, runtime: Runtime, org: Org, calls: Calls
) -> None:
    agent_id = await make_agent(client, org)
    await put_budget(client, org, credits_usd=0)
    r = await _chat(client, org, agent_id)
    _payment(r, "PAYMENT_REQUIRED")
    assert "No credits available" in r.json()["message"]
    assert calls.count == 0
    for model in (Conversation, Run, LlmUsage):
        assert await _count(runtime, model, org) == 0, model


async def test_stream_without_credits_is_402_not_a_stream(
    client: httpx.AsyncClient, org: Org, calls: Calls
) -> None:
    agent_id = await make_agent(client, org)
    await put_budget(client, org, credits_usd=0)
    r = await _chat(client, org, agent_id, stream=True)
    _payment(r, "PAYMENT_REQUIRED")
    assert calls.count == 0


async def test_credits_run_out_mid_conversation(
    client: httpx.AsyncClient, org: Org, calls: Calls
) -> None:
    agent_id = await make_agent(client, org)
    await put_budget(client, org, credits_usd=1)
    first = await _chat(client, org, agent_id)
    assert first.status_code == 200, first.text
    thread = first.json()["data"]["thread_id"]
    assert (await client.get(BUDGET, headers=org.headers)).json()["data"]["credits_usd"] == -4

    r = await _chat(client, org, agent_id, thread_id=thread, messages="and again")
    _payment(r, "PAYMENT_REQUIRED")
    assert calls.count == 1
    conversation = (await client.get(f"/api/v1/conversations/{thread}", headers=org.headers)).json()
    assert conversation["data"]["busy"] is False

    await put_budget(client, org, add_credits_usd=100)
    r = await _chat(client, org, agent_id, thread_id=thread, messages="and again")
    assert r.status_code == 200, r.text
    assert calls.count == 2


async def test_monthly_budget_exhausted_mid_conversation(
    client: httpx.AsyncClient, org: Org, calls: Calls
) -> None:
    agent_id = await make_agent(client, org)
    await put_budget(client, org, monthly_limit_usd=1)
    first = await _chat(client, org, agent_id)
    assert first.status_code == 200, first.text
    thread = first.json()["data"]["thread_id"]
    budget = (await client.get(BUDGET, headers=org.headers)).json()["data"]
    assert budget["month_spend_usd"] == 5
    assert budget["remaining_usd"] == 0

    r = await _chat(client, org, agent_id, thread_id=thread, messages="more")
    _payment(r, "BUDGET_EXCEEDED")
    assert "organisation's monthly budget" in r.json()["message"]
    assert budget["resets_at"] in r.json()["message"]
    assert calls.count == 1

    await put_budget(client, org, monthly_limit_usd=None)
    r = await _chat(client, org, agent_id, thread_id=thread, messages="more")
    assert r.status_code == 200, r.text


async def test_budget_spent_inside_a_turn_stops_before_the_next_model_call(
    client: httpx.AsyncClient, org: Org, calls: Calls
) -> None:
    agent_id = await make_agent(client, org, tools=["kv_set"])
    await put_budget(client, org, monthly_limit_usd=1)
    r = await _chat(client, org, agent_id, messages='call kv_set {"key": "spent", "value": 1}')
    _payment(r, "BUDGET_EXCEEDED")
    assert calls.count == 1  # the call asking for the tool; not the one after it
    assert (await client.get("/api/v1/kv/spent", headers=org.headers)).status_code == 200
    listed = (await client.get("/api/v1/conversations", headers=org.headers)).json()["data"]
    assert listed[0]["busy"] is False
    messages = await client.get(
        f"/api/v1/conversations/{listed[0]['id']}/messages", headers=org.headers
    )
    assert [m["role"] for m in messages.json()["data"]] == ["user", "assistant", "tool"]


async def test_stream_reports_a_budget_spent_mid_turn_as_its_error_event(
    client: httpx.AsyncClient, org: Org, calls: Calls
) -> None:
    agent_id = await make_agent(client, org, tools=["kv_set"])
    await put_budget(client, org, monthly_limit_usd=1)
    body = {"messages": 'call kv_set {"key": "s", "value": 1}', "stream": True}
    async with client.stream(
        "POST", f"/api/v1/agents/{agent_id}/chat", json=body, headers=org.headers
    ) as r:
        assert r.status_code == 200
        events = _events((await r.aread()).decode())
    assert events[-1][1] == "error"
    assert events[-1][2]["error"] == "BUDGET_EXCEEDED"
    assert calls.count == 1


async def test_a_users_cap_stops_that_user_only(
    client: httpx.AsyncClient, factory: Factory, org: Org, calls: Calls
) -> None:
    agent_id = await make_agent(client, org)
    member = await factory.member(org, Role.MEMBER)
    body = {"user_id": member.user_id, "monthly_limit_usd": 2}
    assert (await client.put(USER_BUDGETS, json=body, headers=org.headers)).status_code == 200

    assert (await _chat(client, member, agent_id)).status_code == 200
    r = await _chat(client, member, agent_id)
    _payment(r, "BUDGET_EXCEEDED")
    assert "Your monthly budget" in r.json()["message"]
    assert calls.count == 1
    assert (await _chat(client, org, agent_id)).status_code == 200


async def test_an_agents_budget_stops_that_agent_only(
    client: httpx.AsyncClient, org: Org, calls: Calls
) -> None:
    capped = await make_agent(client, org, budget={"monthly_limit_usd": 3})
    free = await make_agent(client, org)
    assert (await _chat(client, org, capped)).status_code == 200
    r = await _chat(client, org, capped)
    _payment(r, "BUDGET_EXCEEDED")
    assert "This agent's monthly budget" in r.json()["message"]
    assert (await _chat(client, org, free)).status_code == 200
    assert calls.count == 2

    patch = {"budget": {"monthly_limit_usd": None}}
    r = await client.patch(f"/api/v1/agents/{capped}/config", json=patch, headers=org.headers)
    assert r.status_code == 200, r.text
    assert (await _chat(client, org, capped)).status_code == 200


async def test_a_zero_budget_refuses_even_free_calls(
    client: httpx.AsyncClient, factory: Factory, calls: Calls
) -> None:
    org = await factory.org()  # echo unpriced: calls cost nothing
    agent_id = await make_agent(client, org)
    assert (await _chat(client, org, agent_id)).status_code == 200
    await put_budget(client, org, monthly_limit_usd=0)
    _payment(await _chat(client, org, agent_id), "BUDGET_EXCEEDED")
    assert calls.count == 1
