"""prompt blocks (static and dynamic, with their cache) and MCP servers

Revision ID: 0031
Revises: 0030
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0031"
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TIME = sa.DateTime(timezone=True)


def _owned(table: str) -> list[sa.SchemaItem]:
    """The columns and constraints every org-scoped, user-created table of ours has."""
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.String(length=40), nullable=True),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
        sa.Column("org_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f(f"fk_{table}_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f(f"fk_{table}_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint("org_id", "name", name=op.f(f"uq_{table}_org_id_name")),
    ]


def _indexes(table: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f(f"ix_{table}_created_by_id"), ["created_by_id"], unique=False
        )
        batch_op.create_index(batch_op.f(f"ix_{table}_org_id"), ["org_id"], unique=False)


def upgrade() -> None:
    op.create_table(
        "prompt_blocks",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("source", JSON, nullable=True),
        sa.Column("ttl_seconds", sa.Integer(), nullable=False),
        sa.Column("cached_text", sa.Text(), nullable=True),
        sa.Column("cached_at", TIME, nullable=True),
        sa.Column("expires_at", TIME, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        *_owned("prompt_blocks"),
    )
    _indexes("prompt_blocks")
    op.create_table(
        "mcp_servers",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("credential", sa.String(length=100), nullable=True),
        sa.Column("allowed_tools", JSON, nullable=True),
        sa.Column("timeout_seconds", sa.Float(), nullable=False),
        *_owned("mcp_servers"),
    )
    _indexes("mcp_servers")


def downgrade() -> None:
    for table in ("mcp_servers", "prompt_blocks"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_org_id"))
            batch_op.drop_index(batch_op.f(f"ix_{table}_created_by_id"))
        op.drop_table(table)
