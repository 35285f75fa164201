"""budgets: credits, monthly budgets and caps with running monthly spend; llm_usage by time

Revision ID: 0014
Revises: 0013

The current month's counters are filled from the ``llm_usage`` rows already
recorded, so that budgets count what was spent before this revision.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    budgets = op.create_table(
        "budgets",
        sa.Column("org_id", sa.String(length=40), nullable=False),
        sa.Column("subject_type", sa.String(length=8), nullable=False),
        sa.Column("subject_id", sa.String(length=40), nullable=False),
        sa.Column("credits_usd", sa.Float(), nullable=True),
        sa.Column("monthly_limit_usd", sa.Float(), nullable=True),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("period_spend_usd", sa.Float(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_budgets_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("org_id", "subject_type", "subject_id", name=op.f("pk_budgets")),
    )
    with op.batch_alter_table("llm_usage", schema=None) as batch_op:
        batch_op.create_index(
            "ix_llm_usage_org_id_created_at", ["org_id", "created_at"], unique=False
        )
    _count_this_month(budgets)


def _count_this_month(budgets: sa.Table) -> None:
    now = datetime.now(UTC)
    start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    usage = sa.table(
        "llm_usage",
        sa.column("org_id", sa.String()),
        sa.column("agent_id", sa.String()),
        sa.column("user_id", sa.String()),
        sa.column("cost", sa.Float()),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    stmt = (
        sa.select(usage.c.org_id, usage.c.user_id, usage.c.agent_id, sa.func.sum(usage.c.cost))
        .where(usage.c.created_at >= start, usage.c.cost > 0)
        .group_by(usage.c.org_id, usage.c.user_id, usage.c.agent_id)
    )
    spend: dict[tuple[str, str, str], float] = defaultdict(float)
    for org_id, user_id, agent_id, cost in op.get_bind().execute(stmt):
        spend[(org_id, "org", org_id)] += cost
        if user_id is not None:
            spend[(org_id, "user", user_id)] += cost
        if agent_id is not None:
            spend[(org_id, "agent", agent_id)] += cost
    rows = [
        {
            "org_id": org_id,
            "subject_type": kind,
            "subject_id": subject_id,
            "credits_usd": None,
            "monthly_limit_usd": None,
            "period": f"{now.year:04d}-{now.month:02d}",
            "period_spend_usd": cost,
            "version": 1,
            "updated_at": now,
        }
        for (org_id, kind, subject_id), cost in spend.items()
    ]
    if rows:
        op.bulk_insert(budgets, rows)


def downgrade() -> None:
    with op.batch_alter_table("llm_usage", schema=None) as batch_op:
        batch_op.drop_index("ix_llm_usage_org_id_created_at")
    op.drop_table("budgets")
