"""Credits, monthly budgets and caps, and what was spent: the routes' reads and changes.

The checks before a model call and the charges after it are ``spending.py``.
Months are UTC calendar months; a counter of an earlier month counts as nothing
spent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.service import get_agent
from flowline.auth.principal import Principal
from flowline.db.models import Budget, User
from flowline.db.repository import Page, PageRequest
from flowline.db.types import utcnow
from flowline.errors import BadRequest, Conflict
from flowline.usage.repository import (
    DIMENSIONS,
    ORG,
    USER,
    BudgetRepository,
    UsageReportRepository,
)
from flowline.usage.schemas import (
    AgentCredits,
    AgentUsage,
    AgentUsageRead,
    BudgetRead,
    BudgetUpdate,
    DailyCredits,
    DayUsage,
    ModelUsage,
    TimeRange,
    UsageFigures,
    UsageRange,
    UsageSummary,
    UserBudgetRead,
    UserBudgetUpdate,
    UserUsage,
)
from flowline.usage.spending import month_of, next_month, spent
from flowline.users.service import check_version, get_user

DECIMALS = 9
"""Dollar amounts are reported to the billionth (float sums would show 0.30000000000000004)."""
RANGE_DAYS: dict[str, int | None] = {"7d": 7, "30d": 30, "90d": 90, "all": None}
DEFAULT_DAYS = 7
MAX_DAYS = 31
DATE_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_DATE = re.compile(DATE_PATTERN)


def usd(value: float) -> float:
    return round(float(value), DECIMALS)


def _budget_read(row: Budget | None, now: datetime) -> BudgetRead:
    current = month_of(now)
    credits = row.credits_usd if row else None
    limit = row.monthly_limit_usd if row else None
    spend = spent(row.period, row.period_spend_usd, current) if row else 0.0
    caps = [c for c in (limit, None if credits is None else spend + credits) if c is not None]
    effective = min(caps) if caps else None
    return BudgetRead(
        credits_usd=None if credits is None else usd(credits),
        monthly_limit_usd=limit,
        effective_limit_usd=None if effective is None else usd(effective),
        month=current,
        month_spend_usd=usd(spend),
        remaining_usd=None if effective is None else usd(max(effective - spend, 0.0)),
        resets_at=next_month(now),
        version=row.version if row else 1,
    )


async def get_budget(session: AsyncSession, principal: Principal) -> BudgetRead:
    row = await BudgetRepository(session, principal.org_id).find(ORG, principal.org_id)
    return _budget_read(row, utcnow())


async def update_budget(
    session: AsyncSession, principal: Principal, data: BudgetUpdate, if_match: int | None
) -> BudgetRead:
    """Set or clear the monthly budget and set or add credits, in one statement."""
    repo = BudgetRepository(session, principal.org_id)
    now = utcnow()
    await repo.create_missing(ORG, principal.org_id, month_of(now), now)
    row = await repo.find(ORG, principal.org_id)
    assert row is not None
    check_version(row.version, if_match, "The budget")
    check_version(row.version, data.expected_version, "The budget")
    sent = data.model_fields_set
    values: dict[str, Any] = {"updated_at": now}
    if "monthly_limit_usd" in sent:
        values["monthly_limit_usd"] = data.monthly_limit_usd
    if "credits_usd" in sent:
        values["credits_usd"] = data.credits_usd
    changed = await repo.change(
        ORG, principal.org_id, values, row.version, add_credits=data.add_credits_usd
    )
    if not changed:
        raise Conflict("The budget changed while this request was made; reload and try again.")
    return _budget_read(await repo.find(ORG, principal.org_id), now)


def _user_budget(user: User, row: Budget | None, now: datetime) -> UserBudgetRead:
    current = month_of(now)
    limit = row.monthly_limit_usd if row else None
    spend = spent(row.period, row.period_spend_usd, current) if row else 0.0
    return UserBudgetRead(
        user_id=user.id,
        email=user.email,
        name=user.name,
        monthly_limit_usd=limit,
        month=current,
        month_spend_usd=usd(spend),
        remaining_usd=None if limit is None else usd(max(limit - spend, 0.0)),
    )


async def list_user_budgets(
    session: AsyncSession, principal: Principal, page: PageRequest
) -> Page[UserBudgetRead]:
    found = await BudgetRepository(session, principal.org_id).users_page(page)
    now = utcnow()
    items = [_user_budget(user, row, now) for user, row in found.items]
    return Page(items=items, total=found.total, page=found.page, size=found.size)


async def set_user_budget(
    session: AsyncSession, principal: Principal, data: UserBudgetUpdate
) -> UserBudgetRead:
    """Set or clear one user's monthly cap (``404`` for a user of another organisation)."""
    user = await get_user(session, principal, data.user_id)
    repo = BudgetRepository(session, principal.org_id)
    now = utcnow()
    await repo.create_missing(USER, user.id, month_of(now), now)
    await repo.change(USER, user.id, {"monthly_limit_usd": data.monthly_limit_usd}, None)
    return _user_budget(user, await repo.find(USER, user.id), now)


# -- reports -----------------------------------------------------------------------------


def _bad_dates(code: str, message: str, field: str) -> BadRequest:
    return BadRequest(message, code=code, details=[{"field": field, "problem": message}])


def _parse_day(value: str, field: str) -> date:
    if not _DATE.fullmatch(value):
        raise _bad_dates("INVALID_DATE_FORMAT", "Dates must be in YYYY-MM-DD format.", field)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _bad_dates("INVALID_DATES", "Provided dates are not valid.", field) from None


def usage_window(start_date: str | None, end_date: str | None, today: date) -> tuple[date, date]:
    """The days (first, last) that ``GET agents/{id}/usage`` reports, by seed 004's rules.

    Neither date: the 7 days ending yesterday. ``start_date`` alone: up to
    yesterday. ``end_date`` alone, a bad format, an impossible date, a start
    after the end, an end today or later, or more than 31 days: ``400``.
    """
    yesterday = today - timedelta(days=1)
    if start_date is None:
        if end_date is not None:
            raise _bad_dates(
                "INVALID_DATE_RANGE",
                "start_date is required when end_date is provided (format: YYYY-MM-DD).",
                "start_date",
            )
        return yesterday - timedelta(days=DEFAULT_DAYS - 1), yesterday
    start = _parse_day(start_date, "start_date")
    end = yesterday if end_date is None else _parse_day(end_date, "end_date")
    if start > end:
        raise _bad_dates(
            "INVALID_DATE_RANGE", "start_date must not be after end_date.", "start_date"
        )
    if end >= today:
        raise _bad_dates(
            "INVALID_END_DATE",
            "end_date cannot be today or in the future. Data is only available up to yesterday.",
            "end_date",
        )
    if (end - start).days + 1 > MAX_DAYS:
        raise _bad_dates(
            "DATE_RANGE_TOO_LARGE", f"Date range cannot exceed {MAX_DAYS} days.", "end_date"
        )
    return start, end


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def _days(first: date, last: date) -> list[date]:
    """Every day from ``last`` back to ``first``: newest first."""
    return [last - timedelta(days=n) for n in range((last - first).days + 1)]


async def agent_usage(
    session: AsyncSession,
    principal: Principal,
    agent_id: str,
    start_date: str | None,
    end_date: str | None,
) -> AgentUsageRead:
    """What an agent's model calls cost per day; every day present, newest first."""
    agent = await get_agent(session, principal, agent_id)
    first, last = usage_window(start_date, end_date, utcnow().date())
    daily = await UsageReportRepository(session, principal.org_id).agent_daily(
        agent.id, _midnight(first), _midnight(last + timedelta(days=1))
    )
    breakdown = [
        DailyCredits(date=day.isoformat(), credits_used=usd(daily.get(day.isoformat(), 0.0)))
        for day in _days(first, last)
    ]
    created = agent.created_at.date()
    note = None
    if first < created:
        note = (
            f"Usage is recorded from {created.isoformat()}, when the agent was created; "
            "earlier days show 0."
        )
    return AgentUsageRead(
        agent_id=agent.id,
        time_range=TimeRange(
            start=f"{first.isoformat()}T00:00:00.000Z", end=f"{last.isoformat()}T23:59:59.999Z"
        ),
        usage=AgentCredits(total_credits_used=usd(sum(daily.values())), daily_breakdown=breakdown),
        note=note,
    )


@dataclass(slots=True)
class _Tally:
    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost: float = 0.0

    def add(self, row: Any) -> None:
        self.calls += int(row.calls)
        self.input_tokens += int(row.input_tokens)
        self.output_tokens += int(row.output_tokens)
        self.cost += float(row.cost)

    def figures(self) -> dict[str, Any]:
        return {
            "calls": self.calls,
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "cost_usd": usd(self.cost),
        }


_NOBODY: tuple[str | None, str | None] = (None, None)
K = TypeVar("K")
T = TypeVar("T")


def _costliest(tallies: dict[K, _Tally], make: Callable[[K, dict[str, Any]], T]) -> list[T]:
    order = sorted(tallies.items(), key=lambda kv: (-kv[1].cost, -kv[1].calls, str(kv[0])))
    return [make(key, tally.figures()) for key, tally in order]


def _fold(rows: Iterable[Any]) -> dict[str, dict[Any, _Tally]]:
    by: dict[str, dict[Any, _Tally]] = {name: {} for name in DIMENSIONS}
    for row in rows:
        by[row.dimension].setdefault(row.key, _Tally()).add(row)
    return by


async def summary(session: AsyncSession, principal: Principal, range_: UsageRange) -> UsageSummary:
    """Usage of the last 7, 30 or 90 days (today included) or of all time, in total and
    per agent, model, user and day."""
    now = utcnow()
    today = now.date()
    days = RANGE_DAYS[range_]
    first: date | None = None if days is None else today - timedelta(days=days - 1)
    repo = UsageReportRepository(session, principal.org_id)
    by = _fold(await repo.breakdown(None if first is None else _midnight(first)))
    total = _Tally()
    for tally in by["model"].values():  # every call has a model
        total.add(tally)
    if first is None and by["day"]:
        first = min(date.fromisoformat(day) for day in by["day"])
    agents = await repo.agent_names({k for k in by["agent"] if k is not None})
    users = await repo.users({k for k in by["user"] if k is not None})
    return UsageSummary(
        range=range_,
        start=None if first is None else _midnight(first),
        end=now,
        totals=UsageFigures(**total.figures()),
        by_agent=_costliest(
            by["agent"], lambda k, f: AgentUsage(agent_id=k, agent_name=agents.get(k), **f)
        ),
        by_model=_costliest(by["model"], lambda k, f: ModelUsage(model=k, **f)),
        by_user=_costliest(
            by["user"],
            lambda k, f: UserUsage(
                user_id=k, email=users.get(k, _NOBODY)[0], name=users.get(k, _NOBODY)[1], **f
            ),
        ),
        by_day=[] if first is None else _every_day(by["day"], first, today),
    )


def _every_day(tallies: dict[str, _Tally], first: date, last: date) -> list[DayUsage]:
    days = [day.isoformat() for day in _days(first, last)]
    return [DayUsage(date=day, **tallies.get(day, _Tally()).figures()) for day in days]
