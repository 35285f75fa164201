"""Whether a model call may be made, and what it costs the organisation.

Every model call (a chat turn's, a capability's, a flow ``llm`` node's) is
checked first with :func:`ensure_can_spend` (one statement: primary-key lookups
of the ``budgets`` counters plus the agent's configured limit) and charged after
with :func:`charge`, in the transaction that records its usage row (one
upsert). Kept apart from the usage routes (``service.py``) so that the engine's
nodes can use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.types import utcnow
from flowline.errors import PaymentRequired
from flowline.usage.repository import (
    AGENT,
    AGENT_LIMIT,
    ORG,
    USER,
    BudgetRepository,
    charge_on,
    spend_limits_on,
)


def month_of(moment: datetime) -> str:
    return f"{moment.year:04d}-{moment.month:02d}"


def next_month(moment: datetime) -> datetime:
    """The first instant of the month after ``moment``'s, UTC."""
    year, month = (moment.year + 1, 1) if moment.month == 12 else (moment.year, moment.month + 1)
    return datetime(year, month, 1, tzinfo=UTC)


def spent(period: str | None, spend: float | None, current: str) -> float:
    return float(spend or 0.0) if period == current else 0.0


def _resets(now: datetime) -> str:
    return next_month(now).strftime("%Y-%m-%dT%H:%M:%SZ")


def budget_exceeded(whose: str, now: datetime) -> PaymentRequired:
    return PaymentRequired(
        f"{whose} monthly budget is spent; it resets at {_resets(now)}.", code="BUDGET_EXCEEDED"
    )


def no_credits() -> PaymentRequired:
    return PaymentRequired(
        "No credits available: the organisation's credits are used up. An administrator "
        "can add credits (PUT /api/v1/admin/budget)."
    )


async def ensure_can_spend(
    session: AsyncSession, org_id: str, user_id: str | None, agent_id: str | None = None
) -> None:
    """Refuse a model call (``402``) that the credits or a monthly budget do not allow.

    ``PAYMENT_REQUIRED`` when the organisation's credits are at or below 0;
    ``BUDGET_EXCEEDED`` when this month's spend has reached the organisation's
    budget, the agent's (its ``budget.monthly_limit_usd``) or the user's cap.
    A call's cost is known only once it is made, so the call that crosses a
    limit is allowed and the next one is refused.
    """
    check_spend(await BudgetRepository(session, org_id).spend_limits(user_id, agent_id))


def ensure_can_spend_now(
    conn: sa.Connection, org_id: str, user_id: str | None, agent_id: str | None = None
) -> None:
    """:func:`ensure_can_spend` on a plain connection (``Database.transact``)."""
    check_spend(spend_limits_on(conn, org_id, user_id, agent_id))


def check_spend(rows: Iterable[Any]) -> None:
    """The decision of :func:`ensure_can_spend` on the rows of ``spend_limits``."""
    now = utcnow()
    current = month_of(now)
    found = {row.subject_type: row for row in rows}
    org = found.get(ORG)
    if org is not None and org.credits_usd is not None and org.credits_usd <= 0:
        raise no_credits()
    configured = found.get(AGENT_LIMIT)
    checks = (
        ("The organisation's", org, org.monthly_limit_usd if org else None),
        ("This agent's", found.get(AGENT), configured.monthly_limit_usd if configured else None),
        ("Your", found.get(USER), found[USER].monthly_limit_usd if USER in found else None),
    )
    for whose, counter, limit in checks:
        if limit is None:
            continue
        spend = spent(counter.period, counter.period_spend_usd, current) if counter else 0.0
        if spend >= limit:
            raise budget_exceeded(whose, now)


async def charge(
    session: AsyncSession,
    org_id: str,
    user_id: str | None,
    cost: float,
    *,
    agent_id: str | None = None,
) -> None:
    """Count a model call's ``cost`` against this month and take it off the credits.

    Call it in the transaction that stores the call's ``llm_usage`` row, so the
    two commit or roll back together. One atomic upsert: concurrent charges all
    count. A free call (cost 0) changes nothing and writes nothing.
    """
    if not cost > 0:
        return
    now = utcnow()
    await BudgetRepository(session, org_id).charge(
        month_of(now), float(cost), user_id, agent_id, now
    )


def charge_now(
    conn: sa.Connection,
    org_id: str,
    user_id: str | None,
    cost: float,
    *,
    agent_id: str | None = None,
) -> None:
    """:func:`charge` on a plain connection, in the transaction of the call's usage row."""
    if not cost > 0:
        return
    now = utcnow()
    charge_on(conn, org_id, month_of(now), float(cost), user_id, agent_id, now)
