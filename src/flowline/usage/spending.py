"""Whether a model call may be made, and what it costs the organisation.

Every model call (a chat turn's, a capability's, a flow ``llm`` node's, a
compaction's) is checked first with :func:`ensure_can_spend_now` (one statement:
primary-key lookups of the ``budgets`` counters plus the agent's configured
limit) and recorded after with :func:`record` (a :class:`ModelCall`): its
``llm_usage`` row and its charge (one upsert), in one transaction. ``record``
is the one writer of usage rows and charges. Each query has one implementation,
on a plain connection; ``ensure_can_spend``, ``charge`` and ``record_in`` run it
on an async session's connection. Kept apart from the usage routes
(``service.py``) so that the engine's nodes can use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import LlmUsage
from flowline.db.types import utcnow
from flowline.errors import PaymentRequired
from flowline.ids import new_id
from flowline.usage.repository import (
    AGENT,
    AGENT_LIMIT,
    ORG,
    USER,
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
    await session.run_sync(
        lambda sync: ensure_can_spend_now(sync.connection(), org_id, user_id, agent_id)
    )


def ensure_can_spend_now(
    conn: sa.Connection, org_id: str, user_id: str | None, agent_id: str | None = None
) -> None:
    """:func:`ensure_can_spend` on a plain connection (``Database.transact``): its one
    implementation."""
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
    """:func:`charge_now` in an async session's transaction."""
    await session.run_sync(
        lambda sync: charge_now(sync.connection(), org_id, user_id, cost, agent_id=agent_id)
    )


def charge_now(
    conn: sa.Connection,
    org_id: str,
    user_id: str | None,
    cost: float,
    *,
    agent_id: str | None = None,
) -> None:
    """Count a model call's ``cost`` against this month and take it off the credits.

    Call it in the transaction that stores the call's ``llm_usage`` row (:func:`record`
    does both), so the two commit or roll back together. One atomic upsert: concurrent
    charges all count. A free call (cost 0) changes nothing and writes nothing.
    """
    if not cost > 0:
        return
    now = utcnow()
    charge_on(conn, org_id, month_of(now), float(cost), user_id, agent_id, now)


INSERT_USAGE = sa.insert(LlmUsage)


@dataclass(frozen=True, slots=True)
class ModelCall:
    """One model call, as its usage is kept: who pays, the model, tokens and cost.

    The one record of a model call whatever made it: a chat turn (``turn_id``: its
    run), a flow's ``llm`` node (``turn_id``: the flow's run), an agent's structured
    answer, a conversation's compaction or title.
    """

    org_id: str
    model: str
    input_tokens: int
    output_tokens: int
    cost: float
    user_id: str | None = None
    agent_id: str | None = None
    turn_id: str | None = None

    def usage_row(self, now: datetime) -> dict[str, Any]:
        """The ``llm_usage`` row."""
        return {
            "id": new_id("use"),
            "org_id": self.org_id,
            "agent_id": self.agent_id,
            "turn_id": self.turn_id,
            "user_id": self.user_id or None,
            "model": self.model,
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "cost": self.cost,
            "created_at": now,
        }


def record(conn: sa.Connection, call: ModelCall, now: datetime | None = None) -> None:
    """The call's ``llm_usage`` row and its charge, in the caller's transaction: the one
    writer of both."""
    conn.execute(INSERT_USAGE, [call.usage_row(now or utcnow())])
    charge_now(conn, call.org_id, call.user_id or None, call.cost, agent_id=call.agent_id)


async def record_in(session: AsyncSession, call: ModelCall) -> None:
    """:func:`record` in an async session's transaction."""
    await session.run_sync(lambda sync: record(sync.connection(), call))
