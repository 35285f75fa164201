"""knowledge_chunks.fts_id indexed (SQLite): full-text hits join their chunks by it

Revision ID: 0025
Revises: 0024
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        op.create_index("ix_knowledge_chunks_fts_id", "knowledge_chunks", ["fts_id"], unique=True)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        op.drop_index("ix_knowledge_chunks_fts_id", table_name="knowledge_chunks")
