"""callback signing keys: made on first need, rotated with an overlap window

Revision ID: 0022
Revises: 0021
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "callback_signing_keys",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("ciphertext", sa.Text(), nullable=False),
        sa.Column("last4", sa.String(length=4), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revealed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("retires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("org_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_callback_signing_keys_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_callback_signing_keys")),
    )
    with op.batch_alter_table("callback_signing_keys", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_callback_signing_keys_org_id"), ["org_id"], unique=False
        )
        batch_op.create_index(
            "uq_callback_signing_keys_current",
            ["org_id"],
            unique=True,
            sqlite_where=sa.text("retires_at IS NULL"),
            postgresql_where=sa.text("retires_at IS NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("callback_signing_keys", schema=None) as batch_op:
        batch_op.drop_index("uq_callback_signing_keys_current")
        batch_op.drop_index(batch_op.f("ix_callback_signing_keys_org_id"))
    op.drop_table("callback_signing_keys")
