from __future__ import annotations

from typing import Annotated

from fastapi import Query

from flowline.api.concurrency import IfMatch
from flowline.api.deps import SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.usage import service
from flowline.usage.schemas import (
    AgentUsageRead,
    BudgetRead,
    BudgetUpdate,
    UsageRange,
    UsageSummary,
    UserBudgetRead,
    UserBudgetUpdate,
)

router = make_router("/api/v1", "Usage and budgets")
Admin = Annotated[Principal, require("admin")]
AgentsRead = Annotated[Principal, require("agents:read")]

_DATE_RULES = (
    "Dates are `YYYY-MM-DD`, UTC. Without dates: the 7 days ending yesterday. `start_date` "
    "alone ends yesterday. Each of these answers 400: `end_date` without `start_date` "
    "(`INVALID_DATE_RANGE`), a bad format (`INVALID_DATE_FORMAT`), a date that does not exist "
    "(`INVALID_DATES`), `start_date` after `end_date` (`INVALID_DATE_RANGE`), `end_date` today "
    "or later (`INVALID_END_DATE`), more than 31 days (`DATE_RANGE_TOO_LARGE`)."
)

_DAY = {"format": "date", "pattern": f"^{service.DATE_PATTERN}$"}
"""A day as the document states it; the route answers another with 400
``INVALID_DATE_FORMAT`` (or ``INVALID_DATES``), as seed 004 does, not 422."""


@router.get(
    "/admin/budget",
    summary="Get the organisation's credits and monthly budget",
    description="Credits left (`null`: unmetered), the monthly budget, the effective cap, "
    "this month's spend and when the month resets. Needs `admin`.",
)
async def get_budget(session: SessionDep, principal: Admin) -> Envelope[BudgetRead]:
    return envelope(await service.get_budget(session, principal))


@router.put(
    "/admin/budget",
    summary="Set the organisation's credits and monthly budget",
    description="Fields left out keep their value; `monthly_limit_usd: null` removes the "
    "budget, `credits_usd: null` makes the organisation unmetered; `add_credits_usd` grants "
    "credits in place. `If-Match` / `expected_version`: 409 on mismatch. Needs `admin`.",
)
async def update_budget(
    body: BudgetUpdate, session: SessionDep, principal: Admin, if_match: IfMatch
) -> Envelope[BudgetRead]:
    return envelope(await service.update_budget(session, principal, body, if_match))


@router.get(
    "/admin/budget/users",
    summary="List users' monthly caps and spend",
    description="Every user of the organisation, newest first, with its monthly cap "
    "(`null`: none) and this month's spend. Needs `admin`.",
)
async def list_user_budgets(
    session: SessionDep, principal: Admin, page: PageParams
) -> PageEnvelope[UserBudgetRead]:
    found = await service.list_user_budgets(session, principal, page)
    return page_envelope(found, lambda item: item)


@router.put(
    "/admin/budget/users",
    summary="Set or clear a user's monthly cap",
    description='`{"user_id", "monthly_limit_usd"}`; `null` removes the cap. A user of '
    "another organisation answers 404. Needs `admin`.",
)
async def set_user_budget(
    body: UserBudgetUpdate, session: SessionDep, principal: Admin
) -> Envelope[UserBudgetRead]:
    return envelope(await service.set_user_budget(session, principal, body))


@router.get(
    "/admin/usage/summary",
    summary="Summarise the organisation's model usage",
    description="Calls, tokens and cost over the last 7, 30 or 90 days (today included) or "
    "all time: in total, per agent, model and user (costliest first) and per day (every "
    "day, newest first). Needs `admin`.",
)
async def usage_summary(
    session: SessionDep,
    principal: Admin,
    range_: Annotated[
        UsageRange, Query(alias="range", description="`7d`, `30d`, `90d` or `all`.")
    ] = "7d",
) -> Envelope[UsageSummary]:
    return envelope(await service.summary(session, principal, range_))


@router.get(
    "/agents/{agent_id}/usage",
    summary="An agent's daily spend",
    description="What the agent's model calls cost (USD) per day, every day of the range "
    f"present, newest first. {_DATE_RULES} Needs `agents:read`.",
    response_model_exclude_none=True,
)
async def agent_usage(
    agent_id: str,
    session: SessionDep,
    principal: AgentsRead,
    start_date: Annotated[
        str | None, Query(description="First day, `YYYY-MM-DD`.", json_schema_extra=_DAY)
    ] = None,
    end_date: Annotated[
        str | None,
        Query(description="Last day, `YYYY-MM-DD`; needs `start_date`.", json_schema_extra=_DAY),
    ] = None,
) -> Envelope[AgentUsageRead]:
    return envelope(await service.agent_usage(session, principal, agent_id, start_date, end_date))
