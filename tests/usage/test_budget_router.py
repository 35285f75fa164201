"""``admin/budget`` and ``admin/budget/users``: reading, setting, validation, permissions."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest
import sqlalchemy as sa

from flowline.auth.scopes import Role
from flowline.db.models import Budget
from flowline.runtime import Runtime
from flowline.usage import spending
from tests.factories import Factory, Org
from tests.usage.builders import BUDGET, USER_BUDGETS, put_budget


def _next_month() -> str:
    now = datetime.now(UTC)
    year, month = (now.year + 1, 1) if now.month == 12 else (now.year, now.month + 1)
    return f"{year:04d}-{month:02d}-01T00:00:00Z"


async def _budget(client: httpx.AsyncClient, org: Org) -> dict[str, object]:
    r = await client.get(BUDGET, headers=org.headers)
    assert r.status_code == 200, r.text
    data: dict[str, object] = r.json()["data"]
    return data


async def _charge(runtime: Runtime, org: Org, cost: float, user_id: str | None = None) -> None:
    async with runtime.db.session(write=True) as session:
        await spending.charge(session, org.id, user_id, cost)


def test_next_month_rolls_the_year() -> None:
    assert spending.next_month(datetime(2026, 12, 31, 23, 59, tzinfo=UTC)) == datetime(
        2027, 1, 1, tzinfo=UTC
    )
    assert spending.next_month(datetime(2026, 1, 1, tzinfo=UTC)) == datetime(2026, 2, 1, tzinfo=UTC)


async def test_a_new_organisation_is_unmetered(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    now = datetime.now(UTC)
    assert await _budget(client, org) == {
        "credits_usd": None,
        "monthly_limit_usd": None,
        "effective_limit_usd": None,
        "month": f"{now.year:04d}-{now.month:02d}",
        "month_spend_usd": 0,
        "remaining_usd": None,
        "resets_at": _next_month(),
        "version": 1,
    }


async def test_set_budget_and_credits_then_spend(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    data = await put_budget(client, org, monthly_limit_usd=50, credits_usd=20)
    assert data["monthly_limit_usd"] == 50
    assert data["credits_usd"] == 20
    assert data["effective_limit_usd"] == 20  # the credits cap it first
    assert data["remaining_usd"] == 20
    assert data["version"] == 2

    await _charge(runtime, org, 7.5)
    data = await _budget(client, org)
    assert data["month_spend_usd"] == 7.5
    assert data["credits_usd"] == 12.5
    assert data["effective_limit_usd"] == 20
    assert data["remaining_usd"] == 12.5

    data = await put_budget(client, org, credits_usd=100)
    assert data["monthly_limit_usd"] == 50  # left out: kept
    assert data["effective_limit_usd"] == 50
    assert data["remaining_usd"] == 42.5


async def test_null_clears_and_omitted_keeps(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    await put_budget(client, org, monthly_limit_usd=10, credits_usd=5)
    data = await put_budget(client, org, monthly_limit_usd=None)
    assert data["monthly_limit_usd"] is None
    assert data["credits_usd"] == 5
    data = await put_budget(client, org, credits_usd=None)
    assert data["credits_usd"] is None
    assert data["effective_limit_usd"] is None
    assert (await _budget(client, org))["credits_usd"] is None


async def test_add_credits_adds_in_place(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    data = await put_budget(client, org, add_credits_usd=10)
    assert data["credits_usd"] == 10  # unmetered starts from 0
    await _charge(runtime, org, 4)
    data = await put_budget(client, org, add_credits_usd=2.5)
    assert data["credits_usd"] == 8.5


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"monthly_limit_usd": -1}, "monthly_limit_usd"),
        ({"credits_usd": -0.01}, "credits_usd"),
        ({"add_credits_usd": 0}, "add_credits_usd"),
        ({"add_credits_usd": -5}, "add_credits_usd"),
        ({"monthly_limit_usd": "ten"}, "monthly_limit_usd"),
        ({"monthly_limit_usd": 1e300}, "monthly_limit_usd"),
        ({"credits_usd": 1, "add_credits_usd": 1}, "body"),
        ({"credit": 5}, "credit"),
        ({"expected_version": 0}, "expected_version"),
    ],
)
async def test_bad_budget_is_422_and_changes_nothing(
    client: httpx.AsyncClient, factory: Factory, body: dict[str, object], field: str
) -> None:
    org = await factory.org()
    await put_budget(client, org, monthly_limit_usd=10, credits_usd=5)
    before = await _budget(client, org)
    r = await client.put(BUDGET, json=body, headers=org.headers)
    assert r.status_code == 422, r.text
    assert field in [d["field"] for d in r.json()["details"]]
    assert await _budget(client, org) == before


async def test_nan_is_refused(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    r = await client.put(
        BUDGET,
        content=b'{"monthly_limit_usd": NaN}',
        headers={**org.headers, "Content-Type": "application/json"},
    )
    assert r.status_code == 422, r.text
    assert (await _budget(client, org))["monthly_limit_usd"] is None


async def test_version_mismatch_is_409(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    version = (await put_budget(client, org, monthly_limit_usd=10))["version"]
    r = await client.put(
        BUDGET, json={"monthly_limit_usd": 20}, headers={**org.headers, "If-Match": '"1"'}
    )
    assert r.status_code == 409, r.text
    r = await client.put(
        BUDGET, json={"monthly_limit_usd": 20, "expected_version": 1}, headers=org.headers
    )
    assert r.status_code == 409
    assert (await _budget(client, org))["monthly_limit_usd"] == 10
    r = await client.put(
        BUDGET, json={"monthly_limit_usd": 20}, headers={**org.headers, "If-Match": f'"{version}"'}
    )
    assert r.status_code == 200, r.text
    assert r.json()["data"]["monthly_limit_usd"] == 20


async def test_spend_of_an_earlier_month_does_not_count(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    await put_budget(client, org, monthly_limit_usd=10)
    await _charge(runtime, org, 4)
    async with runtime.db.session(write=True) as session:
        await session.execute(
            sa.update(Budget).where(Budget.org_id == org.id).values(period="2001-01")
        )
    assert (await _budget(client, org))["month_spend_usd"] == 0
    await _charge(runtime, org, 1.25)
    assert (await _budget(client, org))["month_spend_usd"] == 1.25


@pytest.mark.parametrize("route", [BUDGET, USER_BUDGETS, "/api/v1/admin/usage/summary"])
async def test_admin_routes_need_admin(
    client: httpx.AsyncClient, factory: Factory, route: str
) -> None:
    org = await factory.org()
    member = await factory.member(org, Role.MEMBER)
    assert (await client.get(route, headers=member.headers)).status_code == 403
    keyed = await factory.member(org, Role.ADMIN, scopes=["agents:read", "agents:chat"])
    assert (await client.get(route, headers=keyed.headers)).status_code == 403
    admin = await factory.member(org, Role.ADMIN)
    assert (await client.get(route, headers=admin.headers)).status_code == 200
    assert (await client.get(route)).status_code == 401


async def test_members_cannot_change_budgets(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    member = await factory.member(org, Role.MEMBER)
    r = await client.put(BUDGET, json={"credits_usd": 1000}, headers=member.headers)
    assert r.status_code == 403
    body = {"user_id": member.user_id, "monthly_limit_usd": None}
    r = await client.put(USER_BUDGETS, json=body, headers=member.headers)
    assert r.status_code == 403
    assert (await _budget(client, org))["credits_usd"] is None


async def test_user_caps_set_list_and_clear(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    member = await factory.member(org)
    await _charge(runtime, org, 3, user_id=member.user_id)

    body = {"user_id": member.user_id, "monthly_limit_usd": 5}
    r = await client.put(USER_BUDGETS, json=body, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"] == {
        "user_id": member.user_id,
        "email": member.email,
        "name": r.json()["data"]["name"],
        "monthly_limit_usd": 5,
        "month": (await _budget(client, org))["month"],
        "month_spend_usd": 3,
        "remaining_usd": 2,
    }

    r = await client.get(USER_BUDGETS, headers=org.headers)
    assert r.status_code == 200
    page = r.json()
    assert page["total"] == 2
    listed = {u["user_id"]: u for u in page["data"]}
    assert listed[member.user_id]["monthly_limit_usd"] == 5
    assert listed[member.user_id]["month_spend_usd"] == 3
    assert listed[org.owner.user_id]["monthly_limit_usd"] is None
    assert listed[org.owner.user_id]["month_spend_usd"] == 0
    assert [u["user_id"] for u in page["data"]] == [member.user_id, org.owner.user_id]

    body["monthly_limit_usd"] = None
    r = await client.put(USER_BUDGETS, json=body, headers=org.headers)
    assert r.json()["data"]["monthly_limit_usd"] is None
    assert r.json()["data"]["month_spend_usd"] == 3  # clearing the cap keeps the count


async def test_user_caps_paginate(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    for _ in range(2):
        await factory.member(org)
    r = await client.get(USER_BUDGETS, params={"size": 2, "page": 1}, headers=org.headers)
    assert r.status_code == 200
    assert r.json()["total"] == 3
    assert r.json()["pages"] == 2
    assert len(r.json()["data"]) == 1
    r = await client.get(USER_BUDGETS, params={"size": 0}, headers=org.headers)
    assert r.status_code == 422


async def test_cap_of_an_unknown_or_foreign_user_is_404(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org, other = await factory.org(), await factory.org()
    for user_id in ("usr_unknown", other.owner.user_id):
        body = {"user_id": user_id, "monthly_limit_usd": 1}
        r = await client.put(USER_BUDGETS, json=body, headers=org.headers)
        assert r.status_code == 404, r.text
        assert r.json()["error"] == "USER_NOT_FOUND"
    r = await client.get(USER_BUDGETS, headers=other.headers)
    assert r.json()["data"][0]["monthly_limit_usd"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"user_id": "x", "monthly_limit_usd": -3}, "monthly_limit_usd"),
        ({"user_id": "x"}, "monthly_limit_usd"),
        ({"monthly_limit_usd": 3}, "user_id"),
        ({"user_id": "", "monthly_limit_usd": 3}, "user_id"),
    ],
)
async def test_bad_user_cap_is_422(
    client: httpx.AsyncClient, factory: Factory, body: dict[str, object], field: str
) -> None:
    org = await factory.org()
    r = await client.put(USER_BUDGETS, json=body, headers=org.headers)
    assert r.status_code == 422, r.text
    assert field in [d["field"] for d in r.json()["details"]]
