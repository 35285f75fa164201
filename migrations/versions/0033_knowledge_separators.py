"""knowledge_bases.separators: texts that always end a chunk

Revision ID: 0033
Revises: 0032
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0033"
down_revision: str | None = "0032"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    # Plain ALTER TABLE, not batch mode: rebuilding the table on SQLite would cascade
    # into its documents and chunks.
    op.add_column(
        "knowledge_bases",
        sa.Column("separators", JSON, nullable=False, server_default=sa.text("'[]'")),
    )


def downgrade() -> None:
    op.execute("ALTER TABLE knowledge_bases DROP COLUMN separators")
