"""Usage rows, prices and budgets for the usage tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import httpx
import sqlalchemy as sa

from flowline.db.models import Agent, LlmUsage
from flowline.ids import new_id
from flowline.runtime import Runtime
from tests.factories import Org

BUDGET = "/api/v1/admin/budget"
USER_BUDGETS = "/api/v1/admin/budget/users"
SUMMARY = "/api/v1/admin/usage/summary"
DOLLAR_A_TOKEN = {"input_per_million": 1_000_000, "output_per_million": 1_000_000}
"""Echo priced at one dollar a token: every call costs a few dollars."""


def today() -> date:
    return datetime.now(UTC).date()


def days_ago(n: int, hour: int = 12) -> datetime:
    return datetime.combine(today() - timedelta(days=n), time(hour), UTC)


async def add_usage(
    runtime: Runtime,
    org: Org,
    *,
    at: datetime,
    cost: float,
    agent_id: str | None = None,
    user_id: str | None = None,
    model: str = "openai/gpt-4o-mini",
    input_tokens: int = 10,
    output_tokens: int = 5,
) -> None:
    async with runtime.db.session(write=True) as session:
        session.add(
            LlmUsage(
                id=new_id("use"),
                org_id=org.id,
                agent_id=agent_id,
                user_id=user_id,
                model=model,
                input_tokens=input_tokens,
                output_tokens=output_tokens,
                cost=cost,
                created_at=at,
            )
        )


async def backdate_agent(runtime: Runtime, agent_id: str, days: int) -> None:
    async with runtime.db.session(write=True) as session:
        await session.execute(
            sa.update(Agent).where(Agent.id == agent_id).values(created_at=days_ago(days))
        )


async def price_echo(client: httpx.AsyncClient, org: Org) -> None:
    body = {"price_overrides": {"flowline/echo": DOLLAR_A_TOKEN}}
    r = await client.put("/api/v1/llm/config", json=body, headers=org.headers)
    assert r.status_code == 200, r.text


async def put_budget(client: httpx.AsyncClient, org: Org, **body: Any) -> dict[str, Any]:
    r = await client.put(BUDGET, json=body, headers=org.headers)
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()["data"]
    return data
