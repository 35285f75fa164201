"""agent tools: persisted tool definitions of agents, and agents.parent_id for sub-agents

Revision ID: 0015
Revises: 0014

``agents.parent_id`` has no foreign key: SQLite can add one only by rebuilding the
table, and dropping ``agents`` during a rebuild would cascade into every
conversation. The agents service deletes sub-agents with their parent.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parent_id", sa.String(length=40), nullable=True))
        batch_op.create_index(batch_op.f("ix_agents_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "agent_tools",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("agent_id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("parameters", JSON, nullable=False),
        sa.Column("config", JSON, nullable=False),
        sa.Column("approval", sa.String(length=16), nullable=True),
        sa.Column("subagent_id", sa.String(length=40), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.String(length=40), nullable=True),
        sa.Column("org_id", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"],
            ["agents.id"],
            name=op.f("fk_agent_tools_agent_id_agents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["subagent_id"],
            ["agents.id"],
            name=op.f("fk_agent_tools_subagent_id_agents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_agent_tools_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_agent_tools_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_tools")),
        sa.UniqueConstraint("agent_id", "name", name=op.f("uq_agent_tools_agent_id_name")),
    )
    with op.batch_alter_table("agent_tools", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agent_tools_org_id"), ["org_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_agent_tools_subagent_id"), ["subagent_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("agent_tools", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agent_tools_subagent_id"))
        batch_op.drop_index(batch_op.f("ix_agent_tools_org_id"))

    op.drop_table("agent_tools")
    # recreate="never": a rebuild of ``agents`` on SQLite would cascade into conversations.
    with op.batch_alter_table("agents", schema=None, recreate="never") as batch_op:
        batch_op.drop_index(batch_op.f("ix_agents_parent_id"))
        batch_op.drop_column("parent_id")
