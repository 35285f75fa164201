"""Approval queries, always within one organisation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from flowline.db.models import Approval, GroupMember
from flowline.db.repository import OrgRepository
from flowline.engine import approvals as engine_approvals


@dataclass(frozen=True, slots=True)
class PendingFilter:
    assignee: str | None = None
    """A user id: approvals that user may answer as assignee or group member."""
    group_id: str | None = None
    flow_id: str | None = None
    run_id: str | None = None


class ApprovalRepository(OrgRepository[Approval]):
    model = Approval

    @property
    def _dialect(self) -> str:
        return self.session.get_bind().dialect.name

    async def get_for_update(self, approval_id: str) -> Approval | None:
        """The row, locked and freshly read; take the run's lock first."""
        stmt = (
            self.select()
            .where(Approval.id == approval_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    def _lists(self, user_id: str) -> sa.ColumnElement[bool]:
        """``assignees`` (a JSON array) holds ``user_id``."""
        if self._dialect == "postgresql":
            return sa.type_coerce(Approval.assignees, JSONB).contains([user_id])
        values = sa.func.json_each(Approval.assignees).table_valued("value")
        return sa.exists(sa.select(1).select_from(values).where(values.c.value == user_id))

    def pending(self, wanted: PendingFilter) -> sa.Select[Approval]:
        return self._filtered(self.select().where(Approval.status == "pending"), wanted)

    def decided(self, wanted: PendingFilter, status: str | None) -> sa.Select[Approval]:
        """Approvals no longer pending (only ``status`` if given), latest decision first."""
        closed = Approval.status != "pending" if status is None else Approval.status == status
        stmt = self._filtered(self.select().where(closed), wanted)
        return stmt.order_by(Approval.decided_at.desc())

    def _filtered(self, stmt: sa.Select[Approval], wanted: PendingFilter) -> sa.Select[Approval]:
        if wanted.assignee is not None:
            groups = sa.select(GroupMember.group_id).where(
                GroupMember.org_id == self.org_id, GroupMember.user_id == wanted.assignee
            )
            stmt = stmt.where(sa.or_(self._lists(wanted.assignee), Approval.group_id.in_(groups)))
        if wanted.group_id is not None:
            stmt = stmt.where(Approval.group_id == wanted.group_id)
        if wanted.flow_id is not None:
            stmt = stmt.where(Approval.flow_id == wanted.flow_id)
        if wanted.run_id is not None:
            stmt = stmt.where(Approval.run_id == wanted.run_id)
        return stmt

    async def pending_of_run(self, run_id: str) -> Sequence[Approval]:
        stmt = self.pending(PendingFilter(run_id=run_id)).order_by(Approval.id).limit(2)
        return (await self.session.execute(stmt)).scalars().all()

    async def in_group(self, group_id: str, user_id: str) -> bool:
        stmt = sa.select(sa.func.count()).where(
            GroupMember.org_id == self.org_id,
            GroupMember.group_id == group_id,
            GroupMember.user_id == user_id,
        )
        return bool((await self.session.execute(stmt)).scalar_one())

    async def decide(self, approval_id: str, values: dict[str, Any]) -> Approval | None:
        """Move the approval from ``pending`` to ``values``; ``None`` if it had moved on."""
        moved = await engine_approvals.move_pending(
            self.session, self.org_id, Approval.id == approval_id, values
        )
        return moved[0] if moved else None

    async def expire_due(self, approval_id: str, now: datetime) -> Approval | None:
        """Expire the approval if it is pending and past ``expires_at``."""
        moved = await engine_approvals.move_pending(
            self.session,
            self.org_id,
            sa.and_(Approval.id == approval_id, Approval.expires_at <= now),
            {"status": "expired", "decided_at": now},
        )
        return moved[0] if moved else None

    async def overdue(self, now: datetime, limit: int) -> Sequence[tuple[str, str | None]]:
        """``(id, run_id)`` of pending approvals past ``expires_at``, in lock order."""
        stmt = (
            sa.select(Approval.id, Approval.run_id)
            .where(self.scoped(), Approval.status == "pending", Approval.expires_at <= now)
            .order_by(Approval.run_id, Approval.id)
            .limit(limit)
        )
        return [(row.id, row.run_id) for row in (await self.session.execute(stmt)).all()]

    async def counts(self, *, tool_id: str | None = None) -> dict[str, int]:
        """Approvals by status (only those of ``tool_id`` if given)."""
        stmt = sa.select(Approval.status, sa.func.count()).where(self.scoped())
        if tool_id is not None:
            stmt = stmt.where(Approval.tool_id == tool_id)
        rows = (await self.session.execute(stmt.group_by(Approval.status))).all()
        return {status: count for status, count in rows}

    async def oldest_pending(self) -> datetime | None:
        stmt = sa.select(sa.func.min(Approval.created_at)).where(
            self.scoped(), Approval.status == "pending"
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def overdue_count(self, now: datetime) -> int:
        stmt = sa.select(sa.func.count()).where(
            self.scoped(), Approval.status == "pending", Approval.expires_at <= now
        )
        return int((await self.session.execute(stmt)).scalar_one())

    async def mean_decision_seconds(self, *, tool_id: str | None = None) -> float | None:
        """Average time from asking to a person's answer (approved or denied)."""
        if self._dialect == "postgresql":
            seconds: Any = sa.func.extract("epoch", Approval.decided_at - Approval.created_at)
        else:
            seconds = (
                sa.func.julianday(Approval.decided_at) - sa.func.julianday(Approval.created_at)
            ) * 86400.0
        stmt = sa.select(sa.func.avg(seconds)).where(
            self.scoped(),
            Approval.status.in_(("approved", "denied")),
            Approval.decided_at.is_not(None),
        )
        if tool_id is not None:
            stmt = stmt.where(Approval.tool_id == tool_id)
        value = (await self.session.execute(stmt)).scalar_one_or_none()
        return None if value is None else round(float(value), 3)
