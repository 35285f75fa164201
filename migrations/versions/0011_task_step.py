"""tasks.step_id: the waiting step a timer or resume task is for

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("step_id", sa.String(length=40), nullable=True))
        batch.create_index(batch.f("ix_tasks_step_id"), ["step_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.drop_index(batch.f("ix_tasks_step_id"))
        batch.drop_column("step_id")
