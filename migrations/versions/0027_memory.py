"""memory: blocks (compare-and-set, per agent or per person), archival memory as
knowledge bases of kind ``archival``

Revision ID: 0027
Revises: 0026
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.DateTime(timezone=True)


def _fk(column: str, table: str, primary_key: bool = False) -> sa.Column[str]:
    return sa.Column(
        column,
        sa.String(40),
        sa.ForeignKey(f"{table}.id", ondelete="CASCADE"),
        nullable=False,
        primary_key=primary_key,
    )


def upgrade() -> None:
    # A plain added column (no foreign key): SQLite adds it without rebuilding the table,
    # which would cascade into the documents and chunks.
    op.add_column(
        "knowledge_bases",
        sa.Column("kind", sa.String(16), nullable=False, server_default="documents"),
    )
    op.create_table(
        "memory_blocks",
        sa.Column("id", sa.String(40), primary_key=True),
        _fk("agent_id", "agents"),
        sa.Column("subject", sa.String(60), nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("char_limit", sa.Integer, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_by", sa.String(60), nullable=True),
        sa.Column("created_at", NOW, nullable=False),
        sa.Column("updated_at", NOW, nullable=False),
        _fk("org_id", "organizations"),
        sa.UniqueConstraint(
            "agent_id", "subject", "type", name="uq_memory_blocks_agent_id_subject_type"
        ),
    )
    op.create_index("ix_memory_blocks_org_id", "memory_blocks", ["org_id"])
    op.create_table(
        "memory_archives",
        _fk("kb_id", "knowledge_bases", primary_key=True),
        _fk("agent_id", "agents"),
        sa.Column("subject", sa.String(60), nullable=False),
        sa.Column("created_at", NOW, nullable=False),
        _fk("org_id", "organizations"),
        sa.UniqueConstraint("agent_id", "subject", name="uq_memory_archives_agent_id_subject"),
    )
    op.create_index("ix_memory_archives_org_id", "memory_archives", ["org_id"])


def downgrade() -> None:
    op.drop_table("memory_archives")
    op.drop_table("memory_blocks")
    # Not batch mode: SQLite (3.35+) drops a plain column in place; rebuilding the table
    # would cascade into its documents and chunks.
    op.execute("ALTER TABLE knowledge_bases DROP COLUMN kind")
