"""channels: channels, contacts, messages, their event log and waiting runs; a channel's
conversation per contact; tasks of no run (channel sends and inbound routing)

Revision ID: 0018
Revises: 0017

``conversations.channel_id``/``contact_id`` have no foreign keys: SQLite adds one only
by rebuilding the table, and dropping ``conversations`` during a rebuild would cascade
into every message. The channels service deletes a channel's conversations with it.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
WHEN = sa.DateTime(timezone=True)


def _org(table: str) -> tuple[sa.Column[str], sa.ForeignKeyConstraint]:
    return (
        sa.Column("org_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f(f"fk_{table}_org_id_organizations"),
            ondelete="CASCADE",
        ),
    )


def _to_channel(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["channel_id"],
        ["channels.id"],
        name=op.f(f"fk_{table}_channel_id_channels"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "channels",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("config", JSON, nullable=False),
        sa.Column("credentials", JSON, nullable=False),
        sa.Column("on_message", JSON, nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("limits", JSON, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("event_seq", sa.Integer(), nullable=False),
        sa.Column("send_tat", WHEN, nullable=True),
        *_org("channels"),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channels")),
        sa.UniqueConstraint("org_id", "name", name=op.f("uq_channels_org_id_name")),
    )
    op.create_index(op.f("ix_channels_org_id"), "channels", ["org_id"], unique=False)

    op.create_table(
        "contacts",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("channel_id", sa.String(length=40), nullable=False),
        sa.Column("address", sa.String(length=320), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("opted_out_at", WHEN, nullable=True),
        sa.Column("last_inbound_at", WHEN, nullable=True),
        sa.Column("metadata", JSON, nullable=False),
        sa.Column("conversation_id", sa.String(length=40), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        *_org("contacts"),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        _to_channel("contacts"),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_contacts_conversation_id_conversations"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
        sa.UniqueConstraint("channel_id", "address", name=op.f("uq_contacts_channel_id_address")),
    )
    op.create_index(op.f("ix_contacts_org_id"), "contacts", ["org_id"], unique=False)

    op.create_table(
        "channel_messages",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("channel_id", sa.String(length=40), nullable=False),
        sa.Column("contact_id", sa.String(length=40), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("body", JSON, nullable=False),
        sa.Column("provider_message_id", sa.String(length=255), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("error", JSON, nullable=True),
        sa.Column("run_id", sa.String(length=40), nullable=True),
        sa.Column("step_id", sa.String(length=40), nullable=True),
        sa.Column("conversation_id", sa.String(length=40), nullable=True),
        *_org("channel_messages"),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("status_at", WHEN, nullable=True),
        _to_channel("channel_messages"),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_channel_messages_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["runs.id"],
            name=op.f("fk_channel_messages_run_id_runs"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_channel_messages_conversation_id_conversations"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel_messages")),
        sa.UniqueConstraint(
            "channel_id",
            "provider_message_id",
            name=op.f("uq_channel_messages_channel_id_provider_message_id"),
        ),
    )
    op.create_index(
        "ix_channel_messages_channel_id_created_at",
        "channel_messages",
        ["channel_id", "created_at"],
        unique=False,
    )
    op.create_index(
        "ix_channel_messages_contact_id_created_at",
        "channel_messages",
        ["contact_id", "created_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_channel_messages_org_id"), "channel_messages", ["org_id"], unique=False
    )
    op.create_index(
        op.f("ix_channel_messages_run_id"), "channel_messages", ["run_id"], unique=False
    )

    op.create_table(
        "channel_events",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("channel_id", sa.String(length=40), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("message_id", sa.String(length=40), nullable=True),
        sa.Column("data", JSON, nullable=False),
        *_org("channel_events"),
        sa.Column("created_at", WHEN, nullable=False),
        _to_channel("channel_events"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel_events")),
        sa.UniqueConstraint("channel_id", "seq", name=op.f("uq_channel_events_channel_id_seq")),
    )
    op.create_index(op.f("ix_channel_events_org_id"), "channel_events", ["org_id"], unique=False)

    op.create_table(
        "channel_waits",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("channel_id", sa.String(length=40), nullable=False),
        sa.Column("address", sa.String(length=320), nullable=False),
        sa.Column("run_id", sa.String(length=40), nullable=False),
        sa.Column("step_id", sa.String(length=40), nullable=False),
        sa.Column("node_id", sa.String(length=64), nullable=False),
        sa.Column("match", sa.Text(), nullable=True),
        *_org("channel_waits"),
        sa.Column("created_at", WHEN, nullable=False),
        _to_channel("channel_waits"),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name=op.f("fk_channel_waits_run_id_runs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel_waits")),
        sa.UniqueConstraint("step_id", name=op.f("uq_channel_waits_step_id")),
    )
    op.create_index(
        "ix_channel_waits_channel_id_address",
        "channel_waits",
        ["channel_id", "address"],
        unique=False,
    )
    op.create_index(op.f("ix_channel_waits_org_id"), "channel_waits", ["org_id"], unique=False)
    op.create_index(op.f("ix_channel_waits_run_id"), "channel_waits", ["run_id"], unique=False)

    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("channel_id", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("contact_id", sa.String(length=40), nullable=True))
        batch_op.create_index(batch_op.f("ix_conversations_channel_id"), ["channel_id"])
        batch_op.create_index(
            batch_op.f("ix_conversations_contact_id"), ["contact_id"], unique=True
        )

    # Rebuilt on SQLite (nothing refers to tasks, so nothing cascades).
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.alter_column("run_id", existing_type=sa.String(length=40), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM tasks WHERE run_id IS NULL")
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.alter_column("run_id", existing_type=sa.String(length=40), nullable=False)
    # Not batch: a rebuild of conversations would cascade into its messages (SQLite
    # drops a column in place since 3.35).
    op.drop_index(op.f("ix_conversations_contact_id"), table_name="conversations")
    op.drop_index(op.f("ix_conversations_channel_id"), table_name="conversations")
    op.drop_column("conversations", "contact_id")
    op.drop_column("conversations", "channel_id")
    op.drop_table("channel_waits")
    op.drop_table("channel_events")
    op.drop_table("channel_messages")
    op.drop_table("contacts")
    op.drop_table("channels")
