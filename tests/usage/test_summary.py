"""``GET admin/usage/summary``: totals and per agent, model, user and day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import pytest

from flowline.runtime import Runtime
from tests.agents.builders import make_agent
from tests.factories import Factory, Member, Org
from tests.usage.builders import SUMMARY, add_usage, days_ago, today


async def _summary(client: httpx.AsyncClient, org: Org, range_: str | None) -> dict[str, Any]:
    params = {} if range_ is None else {"range": range_}
    r = await client.get(SUMMARY, params=params, headers=org.headers)
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


def _day(n: int) -> str:
    return (today() - timedelta(days=n)).isoformat()


@dataclass
class Used:
    org: Org
    member: Member
    a1: str
    a2: str


@pytest.fixture
async def used(client: httpx.AsyncClient, factory: Factory, runtime: Runtime) -> Used:
    """Usage at 0, 6, 29 and 200 days ago, by two agents, two models, two users."""
    made = await factory.org()
    member = await factory.member(made)
    a1 = await make_agent(client, made)
    a2 = await make_agent(client, made)
    owner = made.owner.user_id
    for at, cost, agent, user, model in [
        (days_ago(0), 1.0, a1, owner, "openai/gpt-4o"),
        (days_ago(0), 2.0, a2, member.user_id, "openai/gpt-4o-mini"),
        (days_ago(6), 4.0, a1, member.user_id, "openai/gpt-4o"),
        (days_ago(29), 8.0, a2, owner, "openai/gpt-4o"),
        (days_ago(200), 16.0, None, None, "anthropic/claude-sonnet-4-0"),  # since deleted
    ]:
        await add_usage(runtime, made, at=at, cost=cost, agent_id=agent, user_id=user, model=model)
    other = await factory.org()
    await add_usage(runtime, other, at=days_ago(0), cost=1000.0)
    return Used(made, member, a1, a2)


async def test_seven_days_is_the_default(client: httpx.AsyncClient, used: Used) -> None:
    data = await _summary(client, used.org, None)
    a1, a2, member = used.a1, used.a2, used.member
    assert data["range"] == "7d"
    assert data["start"].startswith(f"{_day(6)}T00:00:00")
    assert data["totals"] == {"calls": 3, "input_tokens": 30, "output_tokens": 15, "cost_usd": 7.0}
    assert [(a["agent_id"], a["cost_usd"], a["calls"]) for a in data["by_agent"]] == [
        (a1, 5.0, 2),
        (a2, 2.0, 1),
    ]
    assert data["by_agent"][0]["agent_name"].startswith("agent-")
    assert [(m["model"], m["cost_usd"]) for m in data["by_model"]] == [
        ("openai/gpt-4o", 5.0),
        ("openai/gpt-4o-mini", 2.0),
    ]
    assert [(u["user_id"], u["cost_usd"]) for u in data["by_user"]] == [
        (member.user_id, 6.0),
        (used.org.owner.user_id, 1.0),
    ]
    assert data["by_user"][0]["email"] == member.email
    assert [d["date"] for d in data["by_day"]] == [_day(n) for n in range(7)]
    assert [d["cost_usd"] for d in data["by_day"]] == [3.0, 0, 0, 0, 0, 0, 4.0]
    assert data["by_day"][1] == {
        "date": _day(1),
        "calls": 0,
        "input_tokens": 0,
        "output_tokens": 0,
        "cost_usd": 0,
    }


@pytest.mark.parametrize(("range_", "cost", "days"), [("30d", 15.0, 30), ("90d", 15.0, 90)])
async def test_longer_ranges(
    client: httpx.AsyncClient, used: Used, range_: str, cost: float, days: int
) -> None:
    data = await _summary(client, used.org, range_)
    assert data["totals"]["cost_usd"] == cost
    assert len(data["by_day"]) == days
    assert data["by_day"][-1]["date"] == _day(days - 1)


async def test_all_time_counts_calls_of_deleted_agents_and_users(
    client: httpx.AsyncClient, used: Used
) -> None:
    data = await _summary(client, used.org, "all")
    assert data["totals"]["cost_usd"] == 31.0
    assert data["totals"]["calls"] == 5
    assert data["by_agent"][0] == {
        "agent_id": None,
        "agent_name": None,
        "calls": 1,
        "input_tokens": 10,
        "output_tokens": 5,
        "cost_usd": 16.0,
    }
    assert data["by_user"][0]["user_id"] is None
    assert data["by_model"][0]["model"] == "anthropic/claude-sonnet-4-0"
    assert data["start"].startswith(f"{_day(200)}T00:00:00")
    assert len(data["by_day"]) == 201


async def test_no_usage_yet(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    data = await _summary(client, org, "all")
    assert data["start"] is None
    assert data["totals"]["calls"] == 0
    assert data["by_day"] == data["by_agent"] == []
    data = await _summary(client, org, "7d")
    assert len(data["by_day"]) == 7
    assert {d["cost_usd"] for d in data["by_day"]} == {0}


@pytest.mark.parametrize("value", ["1d", "7", "week", "ALL", ""])
async def test_bad_range_is_422_naming_range(
    client: httpx.AsyncClient, factory: Factory, value: str
) -> None:
    org = await factory.org()
    r = await client.get(SUMMARY, params={"range": value}, headers=org.headers)
    assert r.status_code == 422, r.text
    assert [d["field"] for d in r.json()["details"]] == ["range"]
