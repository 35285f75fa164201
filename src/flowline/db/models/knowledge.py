from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped, Timestamped
from flowline.db.types import JSONValue, utcnow


class KnowledgeBase(OrgScoped, Timestamped, Base):
    """A searchable set of documents. ``version`` goes up whenever its chunks change,
    so a per-process vector cache keyed by it is never stale."""

    __tablename__ = "knowledge_bases"

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    embedding: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    """``{"provider": "wordllama"}`` or ``{"provider": "openai", "base_url", "model", ...}``."""
    chunk_size: Mapped[int] = mapped_column(default=256)
    chunk_overlap: Mapped[int] = mapped_column(default=32)
    separators: Mapped[list[str]] = mapped_column(
        JSONValue, default=list, server_default=sa.text("'[]'")
    )
    """Texts that always end a chunk, cut before splitting (``parsing.split``)."""
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", JSONValue, default=dict)
    version: Mapped[int] = mapped_column(default=1)
    kind: Mapped[str] = mapped_column(
        sa.String(16), default="documents", server_default="documents"
    )
    """``documents`` (the ``/knowledge-bases`` routes), or ``archival``: an agent's archival
    memory (``memory_archives``), hidden from those routes."""


class KnowledgeDocument(OrgScoped, Timestamped, Base):
    """One uploaded file, fetched URL or text; its raw bytes are kept so that a crashed
    ingestion can start again and ``refresh`` can re-index it."""

    __tablename__ = "knowledge_documents"
    __table_args__ = (sa.UniqueConstraint("kb_id", "content_hash"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    kb_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("knowledge_bases.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(255))
    source: Mapped[str] = mapped_column(sa.String(16))
    url: Mapped[str | None] = mapped_column(sa.String(2048), nullable=True)
    content_type: Mapped[str] = mapped_column(sa.String(255))
    content_hash: Mapped[str | None] = mapped_column(sa.String(64), nullable=True)
    size: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    data: Mapped[bytes | None] = mapped_column(sa.LargeBinary, nullable=True, deferred=True)
    status: Mapped[str] = mapped_column(sa.String(16), default="queued")
    error: Mapped[dict[str, Any] | None] = mapped_column(JSONValue, nullable=True)
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", JSONValue, default=dict)
    chunk_count: Mapped[int] = mapped_column(default=0)


class KnowledgeChunk(OrgScoped, Base):
    """One piece of a document with its vector (float32 bytes). Lexical search reads a
    full-text index kept beside it by the database (FTS5 table / ``tsv`` column)."""

    __tablename__ = "knowledge_chunks"
    __table_args__ = (sa.UniqueConstraint("document_id", "seq"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    kb_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("knowledge_bases.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("knowledge_documents.id", ondelete="CASCADE")
    )
    seq: Mapped[int] = mapped_column()
    text: Mapped[str] = mapped_column(sa.Text)
    tokens: Mapped[int] = mapped_column(default=0)
    embedding: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AgentKnowledgeBase(OrgScoped, Base):
    """An agent searches this knowledge base (``knowledge_search``, ``capability/retrieve``)."""

    __tablename__ = "agent_knowledge_bases"

    agent_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True
    )
    kb_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("knowledge_bases.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
