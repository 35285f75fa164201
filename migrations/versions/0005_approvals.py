"""approvals: the decisions approval steps and agents' tool calls wait for

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "approvals",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("run_id", sa.String(length=40), nullable=True),
        sa.Column("step_id", sa.String(length=40), nullable=True),
        sa.Column("node_id", sa.String(length=64), nullable=True),
        sa.Column("flow_id", sa.String(length=40), nullable=True),
        sa.Column("tool_id", sa.String(length=200), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("assignees", _json(), nullable=False),
        sa.Column("group_id", sa.String(length=40), nullable=True),
        sa.Column("payload", _json(), nullable=True),
        sa.Column("payload_schema", _json(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("on_timeout", sa.String(length=16), nullable=False),
        sa.Column("arguments", _json(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("decided_by_id", sa.String(length=40), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("org_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["users.id"],
            name=op.f("fk_approvals_decided_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_approvals_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name=op.f("fk_approvals_run_id_runs"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["step_id"], ["steps.id"], name=op.f("fk_approvals_step_id_steps"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approvals")),
        sa.UniqueConstraint("step_id", name=op.f("uq_approvals_step_id")),
    )
    with op.batch_alter_table("approvals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_approvals_org_id"), ["org_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_approvals_run_id"), ["run_id"], unique=False)
        batch_op.create_index(
            "ix_approvals_org_id_status_created_at",
            ["org_id", "status", "created_at"],
            unique=False,
        )
        batch_op.create_index("ix_approvals_org_id_tool_id", ["org_id", "tool_id"], unique=False)
        batch_op.create_index(
            "ix_approvals_status_expires_at", ["status", "expires_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("approvals", schema=None) as batch_op:
        batch_op.drop_index("ix_approvals_status_expires_at")
        batch_op.drop_index("ix_approvals_org_id_tool_id")
        batch_op.drop_index("ix_approvals_org_id_status_created_at")
        batch_op.drop_index(batch_op.f("ix_approvals_run_id"))
        batch_op.drop_index(batch_op.f("ix_approvals_org_id"))
    op.drop_table("approvals")
