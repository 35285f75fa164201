"""runs.pruned_at and a partial index on unpruned finished runs, for retention

Revision ID: 0026
Revises: 0025
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNPRUNED = sa.text("pruned_at IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("pruned_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index(
        "ix_runs_unpruned_finished_at",
        "runs",
        ["finished_at"],
        sqlite_where=UNPRUNED,
        postgresql_where=UNPRUNED,
    )


def downgrade() -> None:
    op.drop_index("ix_runs_unpruned_finished_at", table_name="runs")
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("pruned_at")
