"""knowledge chunks' FTS5 rows written by the chunks' repository (SQLite): no insert trigger

The repository writes a batch of chunks with their ``fts_id`` already numbered, then
their FTS5 rows in one statement of the same transaction; the trigger did it one row at
a time (an FTS5 insert and an update of the chunk each), at twice the cost. Deleting a
chunk still deletes its FTS5 row by trigger.

Revision ID: 0035
Revises: 0034
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0035"
down_revision: str | None = "0034"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TRIGGER IF EXISTS knowledge_chunks_fts_insert")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        op.execute(
            "CREATE TRIGGER knowledge_chunks_fts_insert AFTER INSERT ON knowledge_chunks BEGIN "
            "INSERT INTO knowledge_chunks_fts(text, chunk_id) VALUES (new.text, new.id); "
            "UPDATE knowledge_chunks SET fts_id = last_insert_rowid() WHERE id = new.id; END"
        )
