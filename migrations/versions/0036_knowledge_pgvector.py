"""knowledge chunks' vectors in pgvector, with an HNSW index, where the extension exists

Only on PostgreSQL where ``pg_available_extensions`` lists ``vector`` and the extension
can be created (else nothing changes, and vector search stays the exact scan of each
process's cache): ``knowledge_chunks.vec`` (``vector``, any dimension), filled from the
stored float32 vectors, and an HNSW index (cosine) on the 256-dimension vectors of the
packaged model. Vectors of another dimension are searched by an exact scan in SQL.

Revision ID: 0036
Revises: 0035
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0036"
down_revision: str | None = "0035"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000


def _created(bind: sa.Connection) -> bool:
    """Create the extension if it is available and we may (a savepoint: a refusal
    leaves the migration's transaction usable)."""
    available = bind.execute(
        sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")
    ).first()
    if available is None:
        return False
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS vector"))
    except sa.exc.DBAPIError:
        return False
    return True


def _text(embedding: bytes) -> str:
    # array, not numpy: every process that migrates loads this file, and numpy is 14 MB.
    return "[" + ",".join(repr(x) for x in array("f", embedding)) + "]"


def _fill(bind: sa.Connection) -> None:
    """Every stored chunk's vector copied into ``vec``, a batch at a time."""
    last = ""
    while True:
        rows = bind.execute(
            sa.text(
                "SELECT id, embedding FROM knowledge_chunks WHERE id > :last "
                "ORDER BY id LIMIT :batch"
            ),
            {"last": last, "batch": BATCH},
        ).all()
        if not rows:
            return
        bind.execute(
            sa.text("UPDATE knowledge_chunks SET vec = CAST(:vec AS vector) WHERE id = :id"),
            [{"id": row.id, "vec": _text(bytes(row.embedding))} for row in rows],
        )
        last = rows[-1].id


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql" or not _created(bind):
        return
    op.execute("ALTER TABLE knowledge_chunks ADD COLUMN IF NOT EXISTS vec vector")
    _fill(bind)
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_knowledge_chunks_vec ON knowledge_chunks "
        "USING hnsw ((vec::vector(256)) vector_cosine_ops) WHERE vector_dims(vec) = 256"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_knowledge_chunks_vec")
        op.execute("ALTER TABLE knowledge_chunks DROP COLUMN IF EXISTS vec")
