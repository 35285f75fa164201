"""files and batches: uploaded attachments in a storage backend, batches and their rows

Revision ID: 0028
Revises: 0027
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(JSONB(), "postgresql")
WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("attachments") as batch:
        batch.alter_column("data", existing_type=sa.LargeBinary(), nullable=True)
        batch.add_column(sa.Column("name", sa.String(length=255), nullable=True))
        batch.add_column(
            sa.Column("purpose", sa.String(length=16), server_default="step", nullable=False)
        )
        batch.add_column(sa.Column("storage", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("storage_key", sa.String(length=300), nullable=True))
        batch.add_column(sa.Column("created_by_id", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("format", sa.String(length=8), nullable=True))
        batch.add_column(sa.Column("row_count", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            batch.f("fk_attachments_created_by_id_users"),
            "users",
            ["created_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "batches",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("file_id", sa.String(length=40), nullable=True),
        sa.Column("created_by_id", sa.String(length=40), nullable=True),
        sa.Column("operation", JSON, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("total_rows", sa.Integer(), nullable=False),
        sa.Column("concurrency", sa.Integer(), nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=False),
        sa.Column("error", JSON, nullable=True),
        sa.Column("started_at", WHEN, nullable=True),
        sa.Column("finished_at", WHEN, nullable=True),
        sa.Column("org_id", sa.String(length=40), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_batches_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["attachments.id"],
            name=op.f("fk_batches_file_id_attachments"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_batches_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_batches")),
    )
    op.create_index("ix_batches_org_id_created_at", "batches", ["org_id", "created_at"])
    op.create_index(op.f("ix_batches_org_id"), "batches", ["org_id"])
    op.create_table(
        "batch_results",
        sa.Column("batch_id", sa.String(length=40), nullable=False),
        sa.Column("row", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("output", JSON, nullable=True),
        sa.Column("error", JSON, nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("org_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["batches.id"],
            name=op.f("fk_batch_results_batch_id_batches"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_batch_results_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("batch_id", "row", name=op.f("pk_batch_results")),
    )
    op.create_index(op.f("ix_batch_results_org_id"), "batch_results", ["org_id"])


def downgrade() -> None:
    op.drop_table("batch_results")
    op.drop_table("batches")
    with op.batch_alter_table("attachments") as batch:
        batch.drop_constraint(batch.f("fk_attachments_created_by_id_users"), type_="foreignkey")
        for column in (
            "row_count",
            "format",
            "created_by_id",
            "storage_key",
            "storage",
            "purpose",
            "name",
        ):
            batch.drop_column(column)
        batch.alter_column("data", existing_type=sa.LargeBinary(), nullable=False)
