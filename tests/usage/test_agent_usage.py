"""``GET agents/{id}/usage``: seed 004's date rules, one test each."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

import httpx
import pytest

from flowline.auth.scopes import Role
from flowline.runtime import Runtime
from tests.agents.builders import make_agent
from tests.factories import Factory, Org
from tests.usage.builders import add_usage, backdate_agent, days_ago, today


def _day(n: int) -> str:
    """The date ``n`` days before today, ``YYYY-MM-DD``."""
    return (today() - timedelta(days=n)).isoformat()


async def _usage(
    client: httpx.AsyncClient, org: Org, agent_id: str, **params: str
) -> httpx.Response:
    return await client.get(f"/api/v1/agents/{agent_id}/usage", params=params, headers=org.headers)


async def _ok(client: httpx.AsyncClient, org: Org, agent_id: str, **params: str) -> dict[str, Any]:
    r = await _usage(client, org, agent_id, **params)
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()["data"]
    return data


def _refused(r: httpx.Response, code: str, message: str, field: str) -> None:
    assert r.status_code == 400, r.text
    body = r.json()
    assert body["error"] == code
    assert body["statusCode"] == 400
    assert message in body["message"]
    assert body["details"][0]["field"] == field


@pytest.fixture
async def org(factory: Factory) -> Org:
    return await factory.org()


@pytest.fixture
async def agent_id(client: httpx.AsyncClient, org: Org) -> str:
    return await make_agent(client, org)


async def test_default_is_the_seven_days_ending_yesterday(
    client: httpx.AsyncClient, runtime: Runtime, org: Org, agent_id: str
) -> None:
    other_agent = await make_agent(client, org)
    for at, cost, agent in [
        (days_ago(1, 9), 1.5, agent_id),
        (days_ago(1, 20), 1.5, agent_id),
        (days_ago(3), 0.25, agent_id),
        (days_ago(7), 0.5, agent_id),  # the first day of the window
        (days_ago(8), 50.0, agent_id),  # before it
        (days_ago(0), 100.0, agent_id),  # today: not yet reported
        (days_ago(2), 7.0, other_agent),
        (days_ago(2), 0.0, agent_id),  # free calls count nothing
    ]:
        await add_usage(runtime, org, at=at, cost=cost, agent_id=agent)

    data = await _ok(client, org, agent_id)

    assert data["agent_id"] == agent_id
    assert data["time_range"] == {
        "start": f"{_day(7)}T00:00:00.000Z",
        "end": f"{_day(1)}T23:59:59.999Z",
    }
    assert data["usage"]["total_credits_used"] == 3.75
    assert data["usage"]["daily_breakdown"] == [
        {"date": _day(1), "credits_used": 3.0},
        {"date": _day(2), "credits_used": 0},
        {"date": _day(3), "credits_used": 0.25},
        {"date": _day(4), "credits_used": 0},
        {"date": _day(5), "credits_used": 0},
        {"date": _day(6), "credits_used": 0},
        {"date": _day(7), "credits_used": 0.5},
    ]


async def test_days_are_utc_days_cut_at_midnight(
    client: httpx.AsyncClient, runtime: Runtime, org: Org, agent_id: str
) -> None:
    midnight = datetime.combine(today(), time(), UTC)
    await add_usage(
        runtime, org, at=midnight - timedelta(microseconds=1), cost=2.0, agent_id=agent_id
    )
    await add_usage(runtime, org, at=midnight, cost=40.0, agent_id=agent_id)
    first = midnight - timedelta(days=2)
    await add_usage(runtime, org, at=first, cost=0.125, agent_id=agent_id)
    await add_usage(runtime, org, at=first - timedelta(microseconds=1), cost=9.0, agent_id=agent_id)

    data = await _ok(client, org, agent_id, start_date=_day(2))

    assert [(d["date"], d["credits_used"]) for d in data["usage"]["daily_breakdown"]] == [
        (_day(1), 2.0),
        (_day(2), 0.125),
    ]
    assert data["usage"]["total_credits_used"] == 2.125


async def test_start_date_alone_ends_yesterday(
    client: httpx.AsyncClient, runtime: Runtime, org: Org, agent_id: str
) -> None:
    await add_usage(runtime, org, at=days_ago(10), cost=1.0, agent_id=agent_id)
    data = await _ok(client, org, agent_id, start_date=_day(10))
    assert data["time_range"] == {
        "start": f"{_day(10)}T00:00:00.000Z",
        "end": f"{_day(1)}T23:59:59.999Z",
    }
    dates = [d["date"] for d in data["usage"]["daily_breakdown"]]
    assert dates == [_day(n) for n in range(1, 11)]
    assert data["usage"]["daily_breakdown"][-1]["credits_used"] == 1.0


async def test_both_dates_give_exactly_that_range(
    client: httpx.AsyncClient, runtime: Runtime, org: Org, agent_id: str
) -> None:
    await add_usage(runtime, org, at=days_ago(20), cost=4.0, agent_id=agent_id)
    await add_usage(runtime, org, at=days_ago(19), cost=8.0, agent_id=agent_id)  # after the end
    data = await _ok(client, org, agent_id, start_date=_day(22), end_date=_day(20))
    assert data["time_range"]["end"] == f"{_day(20)}T23:59:59.999Z"
    assert data["usage"] == {
        "total_credits_used": 4.0,
        "daily_breakdown": [
            {"date": _day(20), "credits_used": 4.0},
            {"date": _day(21), "credits_used": 0},
            {"date": _day(22), "credits_used": 0},
        ],
    }


async def test_one_day_range(client: httpx.AsyncClient, org: Org, agent_id: str) -> None:
    data = await _ok(client, org, agent_id, start_date=_day(1), end_date=_day(1))
    assert data["usage"]["daily_breakdown"] == [{"date": _day(1), "credits_used": 0}]


async def test_end_date_alone_is_400(client: httpx.AsyncClient, org: Org, agent_id: str) -> None:
    r = await _usage(client, org, agent_id, end_date=_day(3))
    _refused(
        r, "INVALID_DATE_RANGE", "start_date is required when end_date is provided", "start_date"
    )


async def test_thirty_one_days_is_the_largest_range(
    client: httpx.AsyncClient, org: Org, agent_id: str
) -> None:
    data = await _ok(client, org, agent_id, start_date=_day(31), end_date=_day(1))
    assert len(data["usage"]["daily_breakdown"]) == 31


async def test_range_over_31_days_is_400(
    client: httpx.AsyncClient, org: Org, agent_id: str
) -> None:
    r = await _usage(client, org, agent_id, start_date=_day(32), end_date=_day(1))
    _refused(r, "DATE_RANGE_TOO_LARGE", "Date range cannot exceed 31 days", "end_date")


async def test_start_date_alone_over_31_days_is_400(
    client: httpx.AsyncClient, org: Org, agent_id: str
) -> None:
    r = await _usage(client, org, agent_id, start_date=_day(40))
    _refused(r, "DATE_RANGE_TOO_LARGE", "Date range cannot exceed 31 days", "end_date")


async def test_end_date_today_is_400(client: httpx.AsyncClient, org: Org, agent_id: str) -> None:
    r = await _usage(client, org, agent_id, start_date=_day(3), end_date=_day(0))
    _refused(r, "INVALID_END_DATE", "end_date cannot be today or in the future", "end_date")


async def test_end_date_in_the_future_is_400(
    client: httpx.AsyncClient, org: Org, agent_id: str
) -> None:
    tomorrow = (today() + timedelta(days=1)).isoformat()
    r = await _usage(client, org, agent_id, start_date=_day(3), end_date=tomorrow)
    _refused(r, "INVALID_END_DATE", "Data is only available up to yesterday", "end_date")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("start_date", "2025/05/20"),
        ("start_date", "20-05-2025"),
        ("start_date", "2025-5-20"),
        ("start_date", "2025-05-20T00:00:00"),
        ("start_date", ""),
        ("start_date", "yesterday"),
        ("end_date", "2025.05.26"),
        ("end_date", "\u0662\u0660\u0662\u0665-\u0660\u0665-\u0662\u0666"),  # Arabic-Indic digits
    ],
)
async def test_bad_date_format_is_400(
    client: httpx.AsyncClient, org: Org, agent_id: str, field: str, value: str
) -> None:
    params = {"start_date": _day(5), "end_date": _day(2), field: value}
    r = await _usage(client, org, agent_id, **params)
    _refused(r, "INVALID_DATE_FORMAT", "Dates must be in YYYY-MM-DD format", field)


@pytest.mark.parametrize("value", ["2025-02-30", "2025-13-01", "2025-00-10", "2023-02-29"])
async def test_dates_that_do_not_exist_are_400(
    client: httpx.AsyncClient, org: Org, agent_id: str, value: str
) -> None:
    r = await _usage(client, org, agent_id, start_date=value, end_date=_day(1))
    _refused(r, "INVALID_DATES", "Provided dates are not valid", "start_date")


async def test_start_after_end_is_400(client: httpx.AsyncClient, org: Org, agent_id: str) -> None:
    r = await _usage(client, org, agent_id, start_date=_day(2), end_date=_day(4))
    _refused(r, "INVALID_DATE_RANGE", "start_date must not be after end_date", "start_date")


async def test_start_date_today_alone_is_400(
    client: httpx.AsyncClient, org: Org, agent_id: str
) -> None:
    # It would end yesterday, before it starts.
    r = await _usage(client, org, agent_id, start_date=_day(0))
    _refused(r, "INVALID_DATE_RANGE", "start_date must not be after end_date", "start_date")


async def test_unknown_agent_is_404(client: httpx.AsyncClient, org: Org) -> None:
    r = await _usage(client, org, "agt_unknown")
    assert r.status_code == 404
    assert r.json()["error"] == "AGENT_NOT_FOUND"


async def test_another_organisations_agent_is_404(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime, agent_id: str, org: Org
) -> None:
    await add_usage(runtime, org, at=days_ago(1), cost=1.0, agent_id=agent_id)
    other = await factory.org()
    r = await _usage(client, other, agent_id)
    assert r.status_code == 404
    assert "credits_used" not in r.text


async def test_note_only_when_the_range_starts_before_the_agent(
    client: httpx.AsyncClient, runtime: Runtime, org: Org, agent_id: str
) -> None:
    data = await _ok(client, org, agent_id)  # made today: every day is before it
    assert data["note"] == (
        f"Usage is recorded from {_day(0)}, when the agent was created; earlier days show 0."
    )
    await backdate_agent(runtime, agent_id, days=5)
    data = await _ok(client, org, agent_id)
    assert _day(5) in data["note"]
    data = await _ok(client, org, agent_id, start_date=_day(5))
    assert "note" not in data


async def test_needs_agents_read(
    client: httpx.AsyncClient, factory: Factory, org: Org, agent_id: str
) -> None:
    viewer = await factory.member(org, Role.VIEWER)
    r = await client.get(f"/api/v1/agents/{agent_id}/usage", headers=viewer.headers)
    assert r.status_code == 200, r.text
    narrow = await factory.member(org, Role.ADMIN, scopes=["flows:read"])
    r = await client.get(f"/api/v1/agents/{agent_id}/usage", headers=narrow.headers)
    assert r.status_code == 403
    r = await client.get(f"/api/v1/agents/{agent_id}/usage")
    assert r.status_code == 401
