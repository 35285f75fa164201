"""Declarative base with a naming convention so migrations name constraints alike."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from flowline.db.types import UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class OrgScoped:
    """Rows that belong to one organisation; repositories filter on ``org_id``."""

    @declared_attr
    def org_id(cls) -> Mapped[str]:
        return mapped_column(
            sa.String(40), sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True
        )


UNMAPPED_TABLES = ("knowledge_chunks_fts",)
"""Tables that migrations make outside the models: SQLite's FTS5 index of knowledge
chunks (a virtual table) and the shadow tables SQLite keeps for it."""
UNMAPPED_COLUMNS = frozenset(
    {("knowledge_chunks", "fts_id"), ("knowledge_chunks", "tsv"), ("knowledge_chunks", "vec")}
)
"""Full-text columns one dialect has and the models leave out: the FTS5 row of a chunk
(SQLite), its generated ``tsvector`` (PostgreSQL), its pgvector copy (PostgreSQL with the
``vector`` extension); indexes on them are left out too."""
UNMAPPED_INDEXES = ("ix_knowledge_chunks_vec",)
"""pgvector's HNSW index, on an expression of ``vec``."""


def is_modelled(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Alembic's ``include_object``: leave what migrations make outside the models out."""
    if not reflected:
        return True
    if type_ == "table":
        return not (name or "").startswith(UNMAPPED_TABLES)
    if type_ == "column" and isinstance(obj, sa.Column):
        return (obj.table.name, obj.name) not in UNMAPPED_COLUMNS
    if type_ == "index" and name in UNMAPPED_INDEXES:
        return False
    if type_ == "index" and isinstance(obj, sa.Index) and obj.table is not None:
        return not any((obj.table.name, c.name) in UNMAPPED_COLUMNS for c in obj.columns)
    return True
