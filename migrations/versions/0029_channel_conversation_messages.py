"""channel conversations: each conversation message may be a channel message, with its metadata

Revision ID: 0029
Revises: 0028
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    # Plain ADD COLUMN on both databases (nullable, no constraint): SQLite needs no rebuild.
    op.add_column(
        "conversation_messages", sa.Column("channel_message_id", sa.String(40), nullable=True)
    )
    op.add_column("conversation_messages", sa.Column("metadata", JSON, nullable=True))
    op.create_index(
        op.f("ix_conversation_messages_channel_message_id"),
        "conversation_messages",
        ["channel_message_id"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_conversation_messages_channel_message_id"), table_name="conversation_messages"
    )
    with op.batch_alter_table("conversation_messages") as batch:
        batch.drop_column("metadata")
        batch.drop_column("channel_message_id")
