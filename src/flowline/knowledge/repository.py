"""Knowledge queries, all scoped by organisation. Lexical search is the only place the
two databases differ: SQLite's FTS5 table (BM25) and PostgreSQL's ``tsv`` column (GIN)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from flowline.db.models import (
    Agent,
    AgentKnowledgeBase,
    KnowledgeBase,
    KnowledgeChunk,
    KnowledgeDocument,
)
from flowline.db.repository import OrgRepository, Page, PageRequest
from flowline.db.types import utcnow
from flowline.ids import new_id

# Each FTS5 row carries its chunk's organisation, KB and document (unindexed columns):
# the KB is kept without a join to the chunks, and ``ORDER BY rank`` lets FTS5 sort the
# matches itself and stop at the limit (a third of the CPU of a join and ``bm25()``).
SQLITE_KEYWORD = sa.text(
    "SELECT chunk_id AS id, document_id, -rank AS score FROM knowledge_chunks_fts "
    "WHERE knowledge_chunks_fts MATCH :query AND org_id = :org_id AND kb_id IN :kb_ids "
    "ORDER BY rank LIMIT :limit"
).bindparams(sa.bindparam("kb_ids", expanding=True))
# Chunks are written by one multi-row statement; on SQLite each carries the id of its
# FTS5 row (``fts_id``, numbered on from the largest), and the FTS5 rows of a batch are
# written by one statement more, in the same transaction. (A trigger a row cost twice
# as much: FTS5 does its work a statement.)
CHUNKS = sa.table(
    "knowledge_chunks",
    *(sa.column(c.name, c.type) for c in KnowledgeChunk.__table__.columns),
    sa.column("fts_id", sa.BigInteger),
    sa.column("vec"),
)
SQLITE_LAST_FTS_ID = sa.text("SELECT coalesce(max(fts_id), 0) FROM knowledge_chunks")
SQLITE_INDEX_CHUNKS = sa.text(
    "INSERT INTO knowledge_chunks_fts(rowid, text, chunk_id, org_id, kb_id, document_id) "
    "SELECT fts_id, text, id, org_id, kb_id, document_id FROM knowledge_chunks "
    "WHERE fts_id BETWEEN :first AND :last"
)


class _PgVector(sa.types.UserDefinedType[str]):
    """pgvector's ``vector`` (values travel as text: ``[0.1,0.2,…]``)."""

    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return "vector"


PGVECTOR_COLUMN = sa.text(
    "SELECT 1 FROM information_schema.columns "
    "WHERE table_name = 'knowledge_chunks' AND column_name = 'vec' "
    "AND table_schema = current_schema()"
)
PGVECTOR_INDEXED_DIMS = 256
"""The dimension of the HNSW index migration 0036 makes (the packaged model's)."""
_PGVECTOR_QUERY = (
    "SELECT c.id AS id, c.document_id AS document_id, 1 - ({vec} <=> CAST(:query AS vector)) "
    "AS score FROM knowledge_chunks c WHERE c.org_id = :org_id AND c.kb_id = :kb_id "
    "AND vector_dims(c.vec) = {dims} AND (CAST(:documents AS text[]) IS NULL "
    "OR c.document_id = ANY(CAST(:documents AS text[]))) "
    "ORDER BY {vec} <=> CAST(:query AS vector) LIMIT :limit"
)
# The index's own expression, so that the planner can walk it.
PGVECTOR_INDEXED = sa.text(
    _PGVECTOR_QUERY.format(
        vec=f"(c.vec::vector({PGVECTOR_INDEXED_DIMS}))", dims=PGVECTOR_INDEXED_DIMS
    )
)
PGVECTOR_EXACT = sa.text(_PGVECTOR_QUERY.format(vec="c.vec", dims=":dims"))
_pgvector_columns: dict[str, bool] = {}
VECTOR_PART = 5_000


async def pgvector_in_use(session: AsyncSession) -> bool:
    """Whether chunks carry a pgvector column (migration 0036 adds it when the
    ``vector`` extension is available); asked once a database per process."""
    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        return False
    key = str(bind.engine.url)
    if key not in _pgvector_columns:
        found = (await session.execute(PGVECTOR_COLUMN)).first() is not None
        _pgvector_columns[key] = found
    return _pgvector_columns[key]


def vector_text(embedding: bytes) -> str:
    """float32 bytes as pgvector's text form."""
    import numpy as np

    return "[" + ",".join(repr(float(x)) for x in np.frombuffer(embedding, np.float32)) + "]"


POSTGRES_KEYWORD = sa.text(
    "SELECT c.id AS id, c.document_id AS document_id, ts_rank_cd(c.tsv, q) AS score "
    "FROM knowledge_chunks c, to_tsquery('english', :query) q "
    "WHERE c.tsv @@ q AND c.org_id = :org_id AND c.kb_id IN :kb_ids "
    "ORDER BY score DESC, c.id LIMIT :limit"
).bindparams(sa.bindparam("kb_ids", expanding=True))


class KnowledgeBaseRepository(OrgRepository[KnowledgeBase]):
    """The organisation's knowledge bases of one ``kind``: ``documents`` here, so an
    agent's archival memory (:class:`ArchivalKnowledgeBaseRepository`) is never listed,
    read, searched or bound through the ``/knowledge-bases`` routes."""

    model = KnowledgeBase
    kind: ClassVar[str] = "documents"

    def select(self) -> sa.Select[KnowledgeBase]:
        return super().select().where(KnowledgeBase.kind == self.kind)

    async def lock(self, kb_id: str) -> KnowledgeBase | None:
        stmt = self.select().where(KnowledgeBase.id == kb_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def many(self, ids: Sequence[str]) -> list[KnowledgeBase]:
        stmt = self.select().where(KnowledgeBase.id.in_(list(ids)))
        return list((await self.session.execute(stmt)).scalars())

    async def bump(self, kb_id: str) -> None:
        """A new version: every process's vector cache of the KB is now stale."""
        await self.session.execute(
            sa.update(KnowledgeBase)
            .where(self.scoped(), KnowledgeBase.id == kb_id)
            .values(version=KnowledgeBase.version + 1)
        )


class ArchivalKnowledgeBaseRepository(KnowledgeBaseRepository):
    """The knowledge bases that hold agents' archival memory (``flowline.memory``)."""

    kind = "archival"


class DocumentRepository(OrgRepository[KnowledgeDocument]):
    model = KnowledgeDocument

    def of_kb(self, kb_id: str) -> sa.Select[KnowledgeDocument]:
        return self.select().where(KnowledgeDocument.kb_id == kb_id)

    async def all_of(self, kb_ids: Sequence[str]) -> list[KnowledgeDocument]:
        stmt = self.select().where(KnowledgeDocument.kb_id.in_(list(kb_ids)))
        return list((await self.session.execute(stmt)).scalars())

    async def by_hash(self, kb_id: str, content_hash: str) -> KnowledgeDocument | None:
        stmt = self.of_kb(kb_id).where(KnowledgeDocument.content_hash == content_hash)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def by_url(self, kb_id: str, url: str) -> KnowledgeDocument | None:
        stmt = self.of_kb(kb_id).where(KnowledgeDocument.url == url).limit(1)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def with_data(self, document_id: str) -> KnowledgeDocument | None:
        stmt = (
            self.select()
            .where(KnowledgeDocument.id == document_id)
            .options(undefer(KnowledgeDocument.data))
            .execution_options(populate_existing=True)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def viewable(self, document_id: str) -> KnowledgeDocument | None:
        """A document of a knowledge base (not of an archival memory), with its bytes."""
        stmt = (
            self.select()
            .join(KnowledgeBase, KnowledgeBase.id == KnowledgeDocument.kb_id)
            .where(KnowledgeDocument.id == document_id, KnowledgeBase.kind == "documents")
            .options(undefer(KnowledgeDocument.data))
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def in_kb(self, kb_id: str, document_id: str) -> KnowledgeDocument | None:
        stmt = self.of_kb(kb_id).where(KnowledgeDocument.id == document_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def counts(self, kb_id: str) -> dict[str, int]:
        stmt = (
            sa.select(KnowledgeDocument.status, sa.func.count())
            .where(self.scoped(), KnowledgeDocument.kb_id == kb_id)
            .group_by(KnowledgeDocument.status)
        )
        return {status: int(n) for status, n in (await self.session.execute(stmt)).all()}


@dataclass(frozen=True, slots=True)
class NewChunk:
    """A chunk to store: its text, token count and vector (float32 bytes)."""

    text: str
    tokens: int
    embedding: bytes


class ChunkRepository(OrgRepository[KnowledgeChunk]):
    model = KnowledgeChunk

    async def replace(self, kb_id: str, document_id: str, chunks: Sequence[NewChunk]) -> list[str]:
        """The document's chunks become ``chunks`` (none twice, whatever ran before);
        their ids, in order."""
        await self.delete_of_document(document_id)
        return await self.insert(kb_id, document_id, chunks)

    async def insert(self, kb_id: str, document_id: str, chunks: Sequence[NewChunk]) -> list[str]:
        """Store a new document's chunks, numbered from 0, with their full-text index
        entries (two statements on SQLite, one on PostgreSQL, whatever their number)."""
        if not chunks:
            return []
        ids = [new_id("chk") for _ in chunks]
        now = utcnow()
        rows: list[dict[str, Any]] = [
            {
                "id": chunk_id,
                "org_id": self.org_id,
                "kb_id": kb_id,
                "document_id": document_id,
                "seq": seq,
                "text": chunk.text,
                "tokens": chunk.tokens,
                "embedding": chunk.embedding,
                "created_at": now,
            }
            for seq, (chunk_id, chunk) in enumerate(zip(ids, chunks, strict=True))
        ]
        if self.session.get_bind().dialect.name == "postgresql":
            insert = sa.insert(CHUNKS)
            if await pgvector_in_use(self.session):
                for row in rows:
                    row["vec_text"] = vector_text(row["embedding"])
                insert = insert.values(vec=sa.cast(sa.bindparam("vec_text"), _PgVector()))
            await self.session.execute(insert, rows)
            return ids
        last = int((await self.session.execute(SQLITE_LAST_FTS_ID)).scalar_one())
        for n, row in enumerate(rows, start=1):
            row["fts_id"] = last + n
        await self.session.execute(sa.insert(CHUNKS), rows)
        await self.session.execute(
            SQLITE_INDEX_CHUNKS, {"first": last + 1, "last": last + len(rows)}
        )
        return ids

    async def delete_of_kb(self, kb_id: str) -> None:
        await self.session.execute(
            sa.delete(KnowledgeChunk).where(self.scoped(), KnowledgeChunk.kb_id == kb_id)
        )

    async def delete_of_document(self, document_id: str) -> None:
        await self.session.execute(
            sa.delete(KnowledgeChunk).where(
                self.scoped(), KnowledgeChunk.document_id == document_id
            )
        )

    async def in_kb(self, kb_id: str, chunk_id: str) -> KnowledgeChunk | None:
        stmt = self.select().where(KnowledgeChunk.kb_id == kb_id, KnowledgeChunk.id == chunk_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def page_of_kb(self, kb_id: str, page: PageRequest) -> Page[KnowledgeChunk]:
        """The KB's chunks by document (oldest first), then by their order in it."""
        count, _ = await self.totals(kb_id)
        stmt = (
            self.select()
            .where(KnowledgeChunk.kb_id == kb_id)
            .order_by(KnowledgeChunk.document_id, KnowledgeChunk.seq)
            .limit(page.size)
            .offset(page.offset)
        )
        rows = (await self.session.execute(stmt)).scalars().all()
        return Page(items=rows, total=count, page=page.page, size=page.size)

    async def totals(self, kb_id: str) -> tuple[int, int]:
        stmt = sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(KnowledgeChunk.tokens), 0))
        stmt = stmt.where(self.scoped(), KnowledgeChunk.kb_id == kb_id)
        count, tokens = (await self.session.execute(stmt)).one()
        return int(count), int(tokens)

    async def vectors(self, kb_id: str) -> AsyncIterator[Sequence[tuple[str, str, bytes]]]:
        """``(chunk_id, document_id, vector bytes)`` of every chunk of the KB, read
        ``VECTOR_PART`` rows at a time (the rows of 100,000 chunks at once would take
        a few times the memory of the matrix they are made into)."""
        stmt = sa.select(
            KnowledgeChunk.id, KnowledgeChunk.document_id, KnowledgeChunk.embedding
        ).where(self.scoped(), KnowledgeChunk.kb_id == kb_id)
        result = await self.session.stream(stmt.execution_options(yield_per=VECTOR_PART))
        async for part in result.partitions():
            yield [(a, b, c) for a, b, c in part]

    async def keyword(
        self, kb_ids: Sequence[str], terms: Sequence[str], limit: int
    ) -> list[tuple[str, str, float]]:
        """``(chunk_id, document_id, rank)`` of chunks holding any of ``terms``, best first."""
        if not terms:
            return []
        if self.session.get_bind().dialect.name == "postgresql":
            stmt, query = POSTGRES_KEYWORD, " | ".join(terms)
        else:
            stmt, query = SQLITE_KEYWORD, " OR ".join(f'"{t}"' for t in terms)
        rows = await self.session.execute(
            stmt,
            {"query": query, "org_id": self.org_id, "kb_ids": list(kb_ids), "limit": limit},
        )
        return [(str(row.id), str(row.document_id), float(row.score)) for row in rows]

    async def nearest(
        self, kb_id: str, query: bytes, documents: Sequence[str] | None, limit: int
    ) -> list[tuple[str, float]]:
        """``(chunk_id, cosine)`` of the KB's chunks nearest ``query`` by pgvector, best
        first: through the HNSW index for the indexed dimension (approximate; searched
        wide enough for ``limit``), an exact scan for any other."""
        dims = len(query) // 4
        indexed = dims == PGVECTOR_INDEXED_DIMS
        if indexed:
            await self.session.execute(sa.text(f"SET LOCAL hnsw.ef_search = {max(limit, 40)}"))
        rows = await self.session.execute(
            PGVECTOR_INDEXED if indexed else PGVECTOR_EXACT,
            {
                "query": vector_text(query),
                "org_id": self.org_id,
                "kb_id": kb_id,
                "dims": dims,
                "documents": None if documents is None else list(documents),
                "limit": limit,
            },
        )
        return [(str(row.id), float(row.score)) for row in rows]

    async def hits(
        self, chunk_ids: Sequence[str]
    ) -> dict[str, tuple[KnowledgeChunk, str, dict[str, Any]]]:
        """The chunks with their document's name and metadata, by id."""
        stmt = (
            sa.select(KnowledgeChunk, KnowledgeDocument.name, KnowledgeDocument.meta)
            .join(KnowledgeDocument, KnowledgeDocument.id == KnowledgeChunk.document_id)
            # ``org_id || ''``: still scoped, but SQLite must not pick the org_id index
            # (every chunk of the organisation) over the primary key for a few ids.
            .where(
                KnowledgeChunk.org_id.concat("") == self.org_id,
                KnowledgeChunk.id.in_(list(chunk_ids)),
            )
        )
        rows = (await self.session.execute(stmt)).all()
        return {c.id: (c, name, meta or {}) for c, name, meta in rows}


class BindingRepository(OrgRepository[AgentKnowledgeBase]):
    model = AgentKnowledgeBase

    async def agent_exists(self, agent_id: str) -> bool:
        stmt = sa.select(Agent.id).where(Agent.org_id == self.org_id, Agent.id == agent_id)
        return (await self.session.execute(stmt)).first() is not None

    async def of_agent(self, agent_id: str) -> list[tuple[KnowledgeBase, Any]]:
        stmt = (
            sa.select(KnowledgeBase, AgentKnowledgeBase.created_at)
            .join(AgentKnowledgeBase, AgentKnowledgeBase.kb_id == KnowledgeBase.id)
            .where(self.scoped(), AgentKnowledgeBase.agent_id == agent_id)
            .order_by(AgentKnowledgeBase.created_at, KnowledgeBase.id)
        )
        return [(kb, at) for kb, at in (await self.session.execute(stmt)).all()]

    async def find(self, agent_id: str, kb_id: str) -> AgentKnowledgeBase | None:
        stmt = self.select().where(
            AgentKnowledgeBase.agent_id == agent_id, AgentKnowledgeBase.kb_id == kb_id
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()
