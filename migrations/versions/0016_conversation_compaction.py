"""conversation compaction: summary messages and the range of messages they stand for

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("conversation_messages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=16), server_default="message", nullable=False)
        )
        batch_op.add_column(sa.Column("summary_from_seq", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("summary_to_seq", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("conversation_messages", schema=None) as batch_op:
        batch_op.drop_column("summary_to_seq")
        batch_op.drop_column("summary_from_seq")
        batch_op.drop_column("kind")
