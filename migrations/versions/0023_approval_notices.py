"""approval_notices: an approval's request sent on a channel, and its reply code

Revision ID: 0023
Revises: 0022
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "approval_notices",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("approval_id", sa.String(length=40), nullable=False),
        sa.Column("channel_id", sa.String(length=40), nullable=False),
        sa.Column("contact_id", sa.String(length=40), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("org_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["approval_id"],
            ["approvals.id"],
            name=op.f("fk_approval_notices_approval_id_approvals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channels.id"],
            name=op.f("fk_approval_notices_channel_id_channels"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_approval_notices_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_approval_notices_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approval_notices")),
        sa.UniqueConstraint(
            "approval_id", "contact_id", name=op.f("uq_approval_notices_approval_id_contact_id")
        ),
    )
    op.create_index("ix_approval_notices_org_id", "approval_notices", ["org_id"])
    op.create_index(
        "ix_approval_notices_contact_id_code", "approval_notices", ["contact_id", "code"]
    )


def downgrade() -> None:
    op.drop_index("ix_approval_notices_contact_id_code", table_name="approval_notices")
    op.drop_index("ix_approval_notices_org_id", table_name="approval_notices")
    op.drop_table("approval_notices")
