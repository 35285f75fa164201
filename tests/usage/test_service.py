"""``ensure_can_spend`` and ``charge``: one statement each, atomic, by the month."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy import event

from flowline.db.models import Budget
from flowline.errors import PaymentRequired
from flowline.runtime import Runtime
from flowline.usage.spending import charge, ensure_can_spend
from tests.agents.builders import make_agent
from tests.factories import Factory, Org
from tests.usage.builders import put_budget


@contextmanager
def _statements(runtime: Runtime) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(*args: Any) -> None:
        if "budgets" in str(args[2]) or "agents" in str(args[2]):
            seen.append(str(args[2]))

    engines = runtime.db.sync_engines  # every engine a statement can run on
    for engine in engines:
        event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", record)


async def _check(runtime: Runtime, org: Org, user_id: str | None, agent_id: str | None) -> None:
    async with runtime.db.session() as session:
        await ensure_can_spend(session, org.id, user_id, agent_id)


async def _charge(runtime: Runtime, org: Org, cost: float, **who: Any) -> None:
    async with runtime.db.session(write=True) as session:
        await charge(session, org.id, who.get("user_id"), cost, agent_id=who.get("agent_id"))


async def _rows(runtime: Runtime, org: Org) -> dict[str, Budget]:
    async with runtime.db.session() as session:
        found = await session.scalars(sa.select(Budget).where(Budget.org_id == org.id))
        return {row.subject_type: row for row in found}


async def test_the_check_is_one_statement(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, budget={"monthly_limit_usd": 10})
    await put_budget(client, org, monthly_limit_usd=10, credits_usd=10)
    await _charge(runtime, org, 1, user_id=org.owner.user_id, agent_id=agent_id)
    with _statements(runtime) as seen:
        await _check(runtime, org, org.owner.user_id, agent_id)
    assert len(seen) == 1
    with _statements(runtime) as seen:
        await _check(runtime, org, None, None)
    assert len(seen) == 1


async def test_a_charge_is_one_statement_and_a_free_call_none(
    factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    with _statements(runtime) as seen:
        await _charge(runtime, org, 0.0, user_id=org.owner.user_id)
    assert seen == []
    assert await _rows(runtime, org) == {}
    with _statements(runtime) as seen:
        await _charge(runtime, org, 0.5, user_id=org.owner.user_id)
    assert len(seen) == 1
    rows = await _rows(runtime, org)
    assert set(rows) == {"org", "user"}
    assert rows["org"].credits_usd is None  # unmetered stays unmetered
    assert rows["user"].period_spend_usd == 0.5


async def test_concurrent_charges_all_count(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    await put_budget(client, org, credits_usd=100)
    await asyncio.gather(
        *(
            _charge(runtime, org, 0.25, user_id=org.owner.user_id, agent_id=agent_id)
            for _ in range(40)
        )
    )
    rows = await _rows(runtime, org)
    assert rows["org"].credits_usd == pytest.approx(90)
    assert rows["org"].period_spend_usd == pytest.approx(10)
    assert rows["user"].period_spend_usd == pytest.approx(10)
    assert rows["agent"].period_spend_usd == pytest.approx(10)


async def test_a_charge_rolls_back_with_its_transaction(factory: Factory, runtime: Runtime) -> None:
    org = await factory.org()

    async def charge_then_fail() -> None:
        async with runtime.db.session(write=True) as session:
            await charge(session, org.id, None, 3.0)
            raise RuntimeError("the usage row could not be stored")

    with pytest.raises(RuntimeError):
        await charge_then_fail()
    assert await _rows(runtime, org) == {}


async def test_limits_are_reached_at_equality(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    await put_budget(client, org, monthly_limit_usd=2)
    await _charge(runtime, org, 1.5)
    await _check(runtime, org, None, None)
    await _charge(runtime, org, 0.5)
    with pytest.raises(PaymentRequired) as refused:
        await _check(runtime, org, None, None)
    assert refused.value.error_code == "BUDGET_EXCEEDED"


async def test_credits_at_zero_or_below_refuse(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    await put_budget(client, org, credits_usd=0.5)
    await _check(runtime, org, None, None)
    await _charge(runtime, org, 0.75)
    assert (await _rows(runtime, org))["org"].credits_usd == pytest.approx(-0.25)
    with pytest.raises(PaymentRequired) as refused:
        await _check(runtime, org, None, None)
    assert refused.value.error_code == "PAYMENT_REQUIRED"


async def test_last_months_spend_does_not_count(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, budget={"monthly_limit_usd": 1})
    member = await factory.member(org)
    await put_budget(client, org, monthly_limit_usd=1)
    r = await client.put(
        "/api/v1/admin/budget/users",
        json={"user_id": member.user_id, "monthly_limit_usd": 1},
        headers=org.headers,
    )
    assert r.status_code == 200
    await _charge(runtime, org, 5, user_id=member.user_id, agent_id=agent_id)
    with pytest.raises(PaymentRequired):
        await _check(runtime, org, member.user_id, agent_id)

    async with runtime.db.session(write=True) as session:
        await session.execute(
            sa.update(Budget).where(Budget.org_id == org.id).values(period="2001-12")
        )
    await _check(runtime, org, member.user_id, agent_id)  # a new month: nothing spent yet
    await _charge(runtime, org, 0.25, user_id=member.user_id, agent_id=agent_id)
    rows = await _rows(runtime, org)
    assert {kind: row.period_spend_usd for kind, row in rows.items()} == {
        "org": 0.25,
        "user": 0.25,
        "agent": 0.25,
    }
    assert {row.period for row in rows.values()} != {"2001-12"}


async def test_an_agent_of_another_organisation_has_no_limit_here(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org, other = await factory.org(), await factory.org()
    agent_id = await make_agent(client, other, budget={"monthly_limit_usd": 0})
    with pytest.raises(PaymentRequired):
        await _check(runtime, other, None, agent_id)
    await _check(runtime, org, None, agent_id)
