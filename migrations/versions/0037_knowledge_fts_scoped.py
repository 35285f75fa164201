"""knowledge chunks' FTS5 rows carry their organisation, KB and document (SQLite)

A keyword search keeps the KB's rows by the FTS5 row's own columns (``UNINDEXED``) and
lets FTS5 sort by ``rank`` and stop at the limit: no join of every full-text match to
its chunk (about a third of the CPU of the statement at 100,000 chunks). The table is
made again with the new columns and filled from the chunks (same ``rowid``: the
chunks' ``fts_id``). PostgreSQL keeps its ``tsv`` column and GIN index: nothing changes.

Revision ID: 0037
Revises: 0036
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0037"
down_revision: str | None = "0036"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCOPED = (
    "CREATE VIRTUAL TABLE knowledge_chunks_fts USING fts5(text, chunk_id UNINDEXED, "
    "org_id UNINDEXED, kb_id UNINDEXED, document_id UNINDEXED, tokenize='porter unicode61')",
    "INSERT INTO knowledge_chunks_fts(rowid, text, chunk_id, org_id, kb_id, document_id) "
    "SELECT fts_id, text, id, org_id, kb_id, document_id FROM knowledge_chunks "
    "WHERE fts_id IS NOT NULL",
)
BEFORE = (
    "CREATE VIRTUAL TABLE knowledge_chunks_fts USING fts5("
    "text, chunk_id UNINDEXED, tokenize='porter unicode61')",
    "INSERT INTO knowledge_chunks_fts(rowid, text, chunk_id) "
    "SELECT fts_id, text, id FROM knowledge_chunks WHERE fts_id IS NOT NULL",
)


def _make(statements: tuple[str, str]) -> None:
    """The FTS5 table made again (``statements``: its creation and filling from the
    chunks), with the trigger that deletes a chunk's row."""
    op.execute("DROP TRIGGER IF EXISTS knowledge_chunks_fts_delete")
    op.execute("DROP TABLE IF EXISTS knowledge_chunks_fts")
    for statement in statements:
        op.execute(statement)
    op.execute(
        "CREATE TRIGGER knowledge_chunks_fts_delete AFTER DELETE ON knowledge_chunks BEGIN "
        "DELETE FROM knowledge_chunks_fts WHERE rowid = old.fts_id; END"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        _make(SCOPED)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        _make(BEFORE)
