"""Budget counters and usage reports: the queries of the usage domain.

Charging is one statement (a multi-row upsert), so concurrent model calls never
lose a charge between a read and a write; the spend check before a model call
is one statement too.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler

from flowline.db.models import Agent, Budget, LlmUsage, User
from flowline.db.repository import OrgRepository, Page, PageRequest

ORG, USER, AGENT = "org", "user", "agent"
DIMENSIONS = {"agent": "agent_id", "model": "model", "user": "user_id", "day": "day"}
"""The usage summary's breakdowns, and the column each groups by."""
AGENT_LIMIT = "limit"
"""The ``subject_type`` of the spend check's row carrying the agent's configured limit."""


class utc_day(sa.sql.functions.GenericFunction[str]):
    """``YYYY-MM-DD`` of a UTC timestamp column, as text on both databases."""

    type = sa.String()
    inherit_cache = True


@compiles(utc_day, "sqlite")
def _utc_day_sqlite(element: utc_day, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLite keeps UTC timestamps as naive ISO text: the day is its first ten characters.
    return f"substr({compiler.process(element.clauses, **kw)}, 1, 10)"


@compiles(utc_day, "postgresql")
def _utc_day_postgresql(element: utc_day, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')"


def _spend_limits() -> sa.CompoundSelect[Any]:
    org_id, user_id, agent_id = (
        sa.bindparam(name, type_=sa.String()) for name in ("org_id", "user_id", "agent_id")
    )

    def subject(kind: str, param: sa.BindParameter[str]) -> sa.ColumnElement[bool]:
        return sa.and_(Budget.subject_type == kind, Budget.subject_id == param)

    counters = sa.select(
        Budget.subject_type,
        Budget.credits_usd,
        Budget.monthly_limit_usd,
        Budget.period,
        Budget.period_spend_usd,
    ).where(
        # The IN lists give PostgreSQL index conditions on every key column (of an OR
        # alone it would read all the organisation's rows); the OR keeps pairs exact.
        Budget.org_id == org_id,
        Budget.subject_type.in_([ORG, USER, AGENT]),
        Budget.subject_id.in_([org_id, user_id, agent_id]),
        sa.or_(subject(ORG, org_id), subject(USER, user_id), subject(AGENT, agent_id)),
    )
    limit = sa.select(
        sa.literal(AGENT_LIMIT, sa.String()),
        sa.cast(sa.null(), sa.Float()),
        Agent.config[("budget", "monthly_limit_usd")].as_float(),
        sa.cast(sa.null(), sa.String()),
        sa.cast(sa.null(), sa.Float()),
    ).where(Agent.org_id == org_id, Agent.id == agent_id)
    return sa.union_all(counters, limit)


_SPEND_LIMITS = _spend_limits()
"""Built once: the check runs before every model call, and building a statement costs
more than running this one."""


@functools.cache
def _charge_statement(dialect: str) -> Any:
    """The charge upsert of one subject, run once per subject (``executemany``).

    Built once, and of one row: SQLAlchemy caches its compiled form, which it does not
    for a multi-row ``VALUES``.
    """
    table = Budget.__table__
    assert isinstance(table, sa.Table)
    row = {
        "org_id": sa.bindparam("org_id"),
        "subject_type": sa.bindparam("kind"),
        "subject_id": sa.bindparam("subject_id"),
        "credits_usd": None,
        "monthly_limit_usd": None,
        "period": sa.bindparam("period"),
        "period_spend_usd": sa.bindparam("cost", type_=sa.Float()),
        "version": 1,
        "updated_at": sa.bindparam("now", type_=table.c.updated_at.type),
    }
    # On the table, not the ORM class: the session would take the parameters for rows
    # of an ORM bulk insert.
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table).values(row)
    new = insert.excluded
    return insert.on_conflict_do_update(
        index_elements=[table.c.org_id, table.c.subject_type, table.c.subject_id],
        set_={
            "period_spend_usd": sa.case(
                (table.c.period == new.period, table.c.period_spend_usd + new.period_spend_usd),
                else_=new.period_spend_usd,
            ),
            "period": new.period,
            "credits_usd": table.c.credits_usd - new.period_spend_usd,
        },
    )


def _charges(
    org_id: str,
    period: str,
    cost: float,
    user_id: str | None,
    agent_id: str | None,
    now: datetime,
) -> list[dict[str, Any]]:
    """The parameters of each subject's charge, ``org`` first, then ``user``, ``agent``
    (one order everywhere, so that two charges never wait on each other's rows)."""
    subjects = [(ORG, org_id), (USER, user_id), (AGENT, agent_id)]
    return [
        {
            "org_id": org_id,
            "kind": kind,
            "subject_id": subject_id,
            "period": period,
            "cost": cost,
            "now": now,
        }
        for kind, subject_id in subjects
        if subject_id
    ]


def spend_limits_on(
    conn: sa.Connection, org_id: str, user_id: str | None, agent_id: str | None
) -> Sequence[Any]:
    """The counters of the organisation, user and agent, and the agent's limit.

    One statement, built once: primary-key lookups of ``budgets``, and the
    agent's ``budget.monthly_limit_usd`` read out of its configuration (without
    loading the rest of it) as a row of its own, ``subject_type`` ``limit``
    with the limit in ``monthly_limit_usd``. A missing user or agent matches
    no row.
    """
    params = {"org_id": org_id, "user_id": user_id, "agent_id": agent_id}
    return conn.execute(_SPEND_LIMITS, params).all()


def charge_on(
    conn: sa.Connection,
    org_id: str,
    period: str,
    cost: float,
    user_id: str | None,
    agent_id: str | None,
    now: datetime,
) -> None:
    """Add ``cost`` to this month's counters and take it off the credits, at once.

    A counter of an earlier month starts again from ``cost``. The credits of
    ``user`` and ``agent`` rows are always ``NULL``, and ``NULL`` minus
    anything stays ``NULL``: unmetered organisations stay unmetered.
    """
    charges = _charges(org_id, period, cost, user_id, agent_id, now)
    conn.execute(_charge_statement(conn.dialect.name), charges)


class BudgetRepository(OrgRepository[Budget]):
    model = Budget

    def _insert(self) -> Any:
        dialect = self.session.get_bind().dialect.name
        return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(Budget)

    def _subject(self, kind: str, subject_id: str) -> sa.ColumnElement[bool]:
        return sa.and_(
            Budget.org_id == self.org_id,
            Budget.subject_type == kind,
            Budget.subject_id == subject_id,
        )

    async def find(self, kind: str, subject_id: str) -> Budget | None:
        stmt = sa.select(Budget).where(self._subject(kind, subject_id))
        stmt = stmt.execution_options(populate_existing=True)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def create_missing(self, kind: str, subject_id: str, period: str, now: datetime) -> None:
        """Make the subject's row if it has none (a no-op when it exists)."""
        stmt = (
            self._insert()
            .values(
                org_id=self.org_id,
                subject_type=kind,
                subject_id=subject_id,
                credits_usd=None,
                monthly_limit_usd=None,
                period=period,
                period_spend_usd=0.0,
                version=1,
                updated_at=now,
            )
            .on_conflict_do_nothing()
        )
        await self.session.execute(stmt)

    async def change(
        self,
        kind: str,
        subject_id: str,
        values: dict[str, Any],
        expected_version: int | None,
        *,
        add_credits: float | None = None,
    ) -> bool:
        """Apply ``values`` (and add ``add_credits`` to the balance in place, an
        unmetered one counting as 0) and bump the version, in one statement;
        ``False`` on a version mismatch."""
        stmt = sa.update(Budget).where(self._subject(kind, subject_id))
        if expected_version is not None:
            stmt = stmt.where(Budget.version == expected_version)
        if add_credits is not None:
            values = {
                **values,
                "credits_usd": sa.func.coalesce(Budget.credits_usd, 0.0) + add_credits,
            }
        stmt = stmt.values(**values, version=Budget.version + 1)
        result = await self.session.execute(stmt.execution_options(synchronize_session=False))
        return bool(getattr(result, "rowcount", 0))

    async def users_page(self, page: PageRequest) -> Page[tuple[User, Budget | None]]:
        """The organisation's users, newest first, each with its ``user`` row if any."""
        joined = sa.and_(
            Budget.org_id == User.org_id,
            Budget.subject_type == USER,
            Budget.subject_id == User.id,
        )
        total = await self.session.scalar(
            sa.select(sa.func.count()).select_from(User).where(User.org_id == self.org_id)
        )
        stmt = (
            sa.select(User, Budget)
            .outerjoin(Budget, joined)
            .where(User.org_id == self.org_id)
            .order_by(User.id.desc())
            .limit(page.size)
            .offset(page.offset)
        )
        rows = (
            [(user, row) for user, row in (await self.session.execute(stmt)).all()] if total else []
        )
        return Page(items=rows, total=int(total or 0), page=page.page, size=page.size)


_FIGURES = (
    sa.func.count().label("calls"),
    sa.func.coalesce(sa.func.sum(LlmUsage.input_tokens), 0).label("input_tokens"),
    sa.func.coalesce(sa.func.sum(LlmUsage.output_tokens), 0).label("output_tokens"),
    sa.func.coalesce(sa.func.sum(LlmUsage.cost), 0.0).label("cost"),
)


class UsageReportRepository(OrgRepository[LlmUsage]):
    model = LlmUsage

    async def agent_daily(self, agent_id: str, start: datetime, end: datetime) -> dict[str, float]:
        """Cost per UTC day of the agent's calls in ``[start, end)``; days without any
        charged call are absent. Served by the (org, agent, created_at) index."""
        day = utc_day(LlmUsage.created_at)
        stmt = (
            sa.select(day, sa.func.sum(LlmUsage.cost))
            .where(
                self.scoped(),
                LlmUsage.agent_id == agent_id,
                LlmUsage.created_at >= start,
                LlmUsage.created_at < end,
                LlmUsage.cost > 0,
            )
            .group_by(day)
        )
        return {str(d): float(cost) for d, cost in (await self.session.execute(stmt)).all()}

    async def breakdown(self, since: datetime | None) -> Sequence[Any]:
        """Figures per agent, per model, per user and per UTC day since ``since`` (all
        time: ``None``), as rows of ``(dimension, key, calls, input_tokens,
        output_tokens, cost)`` with ``dimension`` one of ``DIMENSIONS``.

        One pass over the usage rows: they are grouped by all four at once (a
        common table expression, which both databases materialise as it is read
        four times), and those few groups are folded per dimension.
        """
        day = utc_day(LlmUsage.created_at).label("day")
        keys = (LlmUsage.agent_id, LlmUsage.model, LlmUsage.user_id, day)
        inner = sa.select(*keys, *_FIGURES).where(self.scoped())
        if since is not None:
            inner = inner.where(LlmUsage.created_at >= since)
        groups = inner.group_by(*keys).cte("usage_groups")
        parts = [
            sa.select(
                sa.literal(dimension, sa.String()).label("dimension"),
                sa.cast(groups.c[column], sa.String()).label("key"),
                sa.func.sum(groups.c.calls).label("calls"),
                sa.func.sum(groups.c.input_tokens).label("input_tokens"),
                sa.func.sum(groups.c.output_tokens).label("output_tokens"),
                sa.func.sum(groups.c.cost).label("cost"),
            ).group_by(groups.c[column])
            for dimension, column in DIMENSIONS.items()
        ]
        return (await self.session.execute(sa.union_all(*parts))).all()

    async def agent_names(self, ids: set[str]) -> dict[str, str]:
        if not ids:
            return {}
        stmt = sa.select(Agent.id, Agent.name).where(Agent.org_id == self.org_id, Agent.id.in_(ids))
        return {i: n for i, n in (await self.session.execute(stmt)).all()}

    async def users(self, ids: set[str]) -> dict[str, tuple[str, str]]:
        """Email and name of each of ``ids`` still in the organisation."""
        if not ids:
            return {}
        stmt = sa.select(User.id, User.email, User.name).where(
            User.org_id == self.org_id, User.id.in_(ids)
        )
        return {i: (e, n) for i, e, n in (await self.session.execute(stmt)).all()}
