"""Schedule queries: an organisation's schedules, and the due ones of every organisation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Flow, Run, Schedule
from flowline.db.repository import OrgRepository


class ScheduleRepository(OrgRepository[Schedule]):
    model = Schedule

    async def get_for_update(self, schedule_id: str) -> Schedule | None:
        """The schedule, row-locked until the transaction ends (PostgreSQL; SQLite
        already serialises writers)."""
        stmt = self.select().where(Schedule.id == schedule_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def flow_exists(self, flow_id: str) -> bool:
        """Whether the organisation has this flow (deleted flows do not count)."""
        stmt = sa.select(sa.func.count()).where(
            Flow.org_id == self.org_id, Flow.id == flow_id, Flow.deleted_at.is_(None)
        )
        return bool((await self.session.execute(stmt)).scalar_one())

    async def recent_runs(self, key_prefix: str, limit: int) -> Sequence[Run]:
        """The latest runs whose idempotency key starts with ``key_prefix``, newest first."""
        stmt = (
            sa.select(Run)
            .where(
                Run.org_id == self.org_id,
                Run.trigger == "schedule",
                Run.idempotency_key.startswith(key_prefix, autoescape=True),
            )
            .order_by(Run.created_at.desc(), Run.id.desc())
            .limit(limit)
        )
        return (await self.session.execute(stmt)).scalars().all()


# The scheduler works for every organisation at once, so these are not org-scoped.


async def due_ids(
    session: AsyncSession, now: datetime, limit: int, *, besides: Sequence[str] = ()
) -> list[str]:
    """Enabled schedules whose next firing has come, the most overdue first."""
    stmt = (
        sa.select(Schedule.id)
        .where(Schedule.enabled.is_(True), Schedule.next_run_at <= now)
        .order_by(Schedule.next_run_at, Schedule.id)
        .limit(limit)
    )
    if besides:
        stmt = stmt.where(Schedule.id.not_in(besides))
    return list((await session.execute(stmt)).scalars().all())


async def lock_due(session: AsyncSession, schedule_id: str, now: datetime) -> Schedule | None:
    """The schedule, row-locked, if it is still enabled and due; else ``None``.

    On PostgreSQL a schedule another scheduler holds is skipped, not waited for:
    that one is firing it, and this one finds it moved on next time.
    """
    stmt = (
        sa.select(Schedule)
        .where(
            Schedule.id == schedule_id,
            Schedule.enabled.is_(True),
            Schedule.next_run_at <= now,
        )
        .with_for_update(skip_locked=True)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def earliest_next_run(
    session: AsyncSession, *, besides: Sequence[str] = ()
) -> datetime | None:
    """The soonest firing of any enabled schedule."""
    stmt = sa.select(sa.func.min(Schedule.next_run_at)).where(Schedule.enabled.is_(True))
    if besides:
        stmt = stmt.where(Schedule.id.not_in(besides))
    return (await session.execute(stmt)).scalar_one_or_none()
