"""agent runs: chat turns become runs (kind, agent_id, conversation_id), questions, callbacks

A chat turn is a row of ``runs`` (``kind = 'agent'``, no flow), its model and
tool calls are ``steps`` and its stream is ``run_events``. The turns and turn
events recorded so far are copied over before their tables go.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.alter_column("flow_id", existing_type=sa.String(length=40), nullable=True)
        batch_op.alter_column("flow_version_id", existing_type=sa.String(length=40), nullable=True)
        batch_op.add_column(
            sa.Column("kind", sa.String(length=16), nullable=False, server_default="flow")
        )
        batch_op.add_column(sa.Column("agent_id", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("conversation_id", sa.String(length=40), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_runs_agent_id_agents"),
            "agents",
            ["agent_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_runs_conversation_id_conversations"),
            "conversations",
            ["conversation_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_index(
            "ix_runs_org_id_conversation_id_created_at",
            ["org_id", "conversation_id", "created_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_runs_org_id_agent_id_created_at", ["org_id", "agent_id", "created_at"], unique=False
        )

    op.execute(
        """
        INSERT INTO runs (id, org_id, kind, agent_id, conversation_id, flow_id, flow_version_id,
                          status, trigger, input, output, error, vars, attempt_group, event_seq,
                          created_by_id, created_at, started_at, finished_at)
        SELECT id, org_id, 'agent', agent_id, conversation_id, NULL, NULL,
               status, 'chat', '{}', result, error, '{}', 1, event_seq,
               user_id, started_at, started_at, finished_at
        FROM agent_turns
        """
    )
    op.execute(
        """
        INSERT INTO run_events (org_id, run_id, seq, type, data, created_at)
        SELECT org_id, turn_id, seq, type, data, created_at FROM agent_turn_events
        """
    )
    with op.batch_alter_table("llm_usage", schema=None) as batch_op:
        batch_op.drop_constraint("fk_llm_usage_turn_id_agent_turns", type_="foreignkey")
        batch_op.create_foreign_key(
            batch_op.f("fk_llm_usage_turn_id_runs"),
            "runs",
            ["turn_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.drop_table("agent_turn_events")
    op.drop_table("agent_turns")

    op.create_table(
        "questions",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("run_id", sa.String(length=40), nullable=False),
        sa.Column("step_id", sa.String(length=40), nullable=True),
        sa.Column("agent_id", sa.String(length=40), nullable=True),
        sa.Column("conversation_id", sa.String(length=40), nullable=True),
        sa.Column("tool_call_id", sa.String(length=200), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("options", JSON, nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("answer", JSON, nullable=True),
        sa.Column("answered_by_id", sa.String(length=40), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("org_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_questions_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name=op.f("fk_questions_run_id_runs"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["answered_by_id"],
            ["users.id"],
            name=op.f("fk_questions_answered_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questions")),
        sa.UniqueConstraint("step_id", name=op.f("uq_questions_step_id")),
    )
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_questions_org_id_status_created_at", ["org_id", "status", "created_at"]
        )
        batch_op.create_index(batch_op.f("ix_questions_run_id"), ["run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_questions_org_id"), ["org_id"], unique=False)

    op.create_table(
        "callback_attempts",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("run_id", sa.String(length=40), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("delivered", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("org_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_callback_attempts_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["runs.id"],
            name=op.f("fk_callback_attempts_run_id_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_callback_attempts")),
    )
    with op.batch_alter_table("callback_attempts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_callback_attempts_run_id"), ["run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_callback_attempts_org_id"), ["org_id"], unique=False)


def _org_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["org_id"],
        ["organizations.id"],
        name=op.f(f"fk_{table}_org_id_organizations"),
        ondelete="CASCADE",
    )


def downgrade() -> None:
    op.drop_table("callback_attempts")
    op.drop_table("questions")
    op.create_table(
        "agent_turns",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("agent_id", sa.String(length=40), nullable=False),
        sa.Column("conversation_id", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.String(length=40), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("model", sa.String(length=200), nullable=False),
        sa.Column("model_calls", sa.Integer(), nullable=False),
        sa.Column("input_tokens", sa.Integer(), nullable=False),
        sa.Column("output_tokens", sa.Integer(), nullable=False),
        sa.Column("cost", sa.Float(), nullable=False),
        sa.Column("error", JSON, nullable=True),
        sa.Column("result", JSON, nullable=True),
        sa.Column("event_seq", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("org_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"],
            ["agents.id"],
            name=op.f("fk_agent_turns_agent_id_agents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_agent_turns_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        _org_fk("agent_turns"),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_agent_turns_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_turns")),
    )
    with op.batch_alter_table("agent_turns", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agent_turns_agent_id"), ["agent_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_agent_turns_conversation_id"), ["conversation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_agent_turns_org_id"), ["org_id"], unique=False)
    op.create_table(
        "agent_turn_events",
        sa.Column("turn_id", sa.String(length=40), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("data", JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("org_id", sa.String(length=40), nullable=False),
        _org_fk("agent_turn_events"),
        sa.ForeignKeyConstraint(
            ["turn_id"],
            ["agent_turns.id"],
            name=op.f("fk_agent_turn_events_turn_id_agent_turns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("turn_id", "seq", name=op.f("pk_agent_turn_events")),
    )
    with op.batch_alter_table("agent_turn_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agent_turn_events_org_id"), ["org_id"], unique=False)
    op.execute(
        """
        INSERT INTO agent_turns (id, org_id, agent_id, conversation_id, user_id, status, model,
                                 model_calls, input_tokens, output_tokens, cost, error, result,
                                 event_seq, started_at, finished_at)
        SELECT id, org_id, agent_id, conversation_id, created_by_id,
               CASE WHEN status IN ('succeeded', 'failed') THEN status ELSE 'failed' END, '',
               0, 0, 0, 0, error, output, event_seq, COALESCE(started_at, created_at), finished_at
        FROM runs WHERE kind = 'agent'
        """
    )
    op.execute(
        """
        INSERT INTO agent_turn_events (org_id, turn_id, seq, type, data, created_at)
        SELECT e.org_id, e.run_id, e.seq, e.type, e.data, e.created_at
        FROM run_events e JOIN runs r ON r.id = e.run_id WHERE r.kind = 'agent'
        """
    )
    with op.batch_alter_table("llm_usage", schema=None) as batch_op:
        batch_op.drop_constraint("fk_llm_usage_turn_id_runs", type_="foreignkey")
    op.execute("DELETE FROM runs WHERE kind = 'agent'")
    with op.batch_alter_table("llm_usage", schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f("fk_llm_usage_turn_id_agent_turns"),
            "agent_turns",
            ["turn_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.drop_index("ix_runs_org_id_agent_id_created_at")
        batch_op.drop_index("ix_runs_org_id_conversation_id_created_at")
        batch_op.drop_constraint("fk_runs_conversation_id_conversations", type_="foreignkey")
        batch_op.drop_constraint("fk_runs_agent_id_agents", type_="foreignkey")
        batch_op.drop_column("conversation_id")
        batch_op.drop_column("agent_id")
        batch_op.drop_column("kind")
        batch_op.alter_column("flow_version_id", existing_type=sa.String(length=40), nullable=False)
        batch_op.alter_column("flow_id", existing_type=sa.String(length=40), nullable=False)
