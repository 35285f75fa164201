"""Hybrid search: lexical (FTS5 / PostgreSQL full text) and exact vector search over a
per-process cache keyed by the KB's version, fused by reciprocal rank fusion.

Each list is ranked on its own; a chunk's fused score is ``sum(1 / (RRF_K + rank))``
over the lists it appears in, so neither BM25's nor cosine's scale dominates.
Metadata filters are tested on the documents first; the chunks of other documents
never enter a ranking.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import KnowledgeBase
from flowline.knowledge.embedders import Embedder
from flowline.knowledge.repository import ChunkRepository, DocumentRepository, pgvector_in_use
from flowline.knowledge.schemas import RRF_K, Condition, SearchBody, SearchHit

if TYPE_CHECKING:  # numpy loads with the first vector search, not at start-up
    import numpy as np
    import numpy.typing as npt

    from flowline.knowledge.embedders import Vectors

CANDIDATES = 100
"""How many chunks each list ranks before fusion (more than any ``top_k``)."""
MAX_TERMS = 32
_WORD = re.compile(r"\w+", re.UNICODE)
CACHE_ENTRIES = 64


def terms_of(query: str) -> list[str]:
    """Search words, safe to put in an FTS5 or ``to_tsquery`` expression."""
    return list(dict.fromkeys(w.lower() for w in _WORD.findall(query)))[:MAX_TERMS]


# ------------------------------------------------------------------ filters


def _compare(actual: Any, op: str, expected: Any) -> bool:
    if op == "eq":
        return bool(actual == expected)
    if op == "ne":
        return bool(actual != expected)
    if op == "in":
        return actual in expected
    if op == "contains":
        if isinstance(actual, str):
            return isinstance(expected, str) and expected.lower() in actual.lower()
        return isinstance(actual, list) and expected in actual
    try:
        return bool(actual > expected) if op == "gt" else bool(actual < expected)
    except TypeError:
        return False  # a string compared with a number matches nothing


def matches(meta: dict[str, Any], condition: Condition | None) -> bool:
    """Whether a document's metadata passes the filter (a missing key fails all but ``ne``)."""
    if condition is None:
        return True
    if condition.and_ is not None:
        return all(matches(meta, c) for c in condition.and_)
    if condition.or_ is not None:
        return any(matches(meta, c) for c in condition.or_)
    assert condition.key is not None
    if condition.key not in meta:
        return condition.op == "ne"
    return _compare(meta[condition.key], condition.op, condition.value)


# ------------------------------------------------------------------ vectors


@dataclass(frozen=True, slots=True)
class VectorIndex:
    """A KB's vectors as one float16 matrix (half the memory of float32; scores differ
    by about 1e-4), each row's chunk id, and its document as a number into
    ``documents`` (a filter tests numbers, not strings)."""

    chunk_ids: list[str]
    documents: list[str]
    document_of: npt.NDArray[np.int32]
    matrix: npt.NDArray[np.float16]


async def _index_of(parts: AsyncIterator[Sequence[tuple[str, str, bytes]]]) -> VectorIndex:
    """Rows ``(chunk_id, document_id, float32 bytes)``, a part at a time, each part made
    float16 before the next is read; rows of another length than the first (another
    embedder's space) are left out."""
    import numpy as np

    size = 0
    chunk_ids: list[str] = []
    codes: dict[str, int] = {}
    blocks: list[npt.NDArray[np.float16]] = []
    owners: list[npt.NDArray[np.int32]] = []
    async for part in parts:
        size = size or (len(part[0][2]) if part else 0)
        kept = [row for row in part if len(row[2]) == size]
        flat = np.frombuffer(b"".join(row[2] for row in kept), dtype=np.float32)
        blocks.append(flat.reshape(len(kept), size // 4).astype(np.float16))
        owners.append(
            np.fromiter(
                (codes.setdefault(row[1], len(codes)) for row in kept),
                dtype=np.int32,
                count=len(kept),
            )
        )
        chunk_ids.extend(row[0] for row in kept)
    if not blocks:
        return VectorIndex([], [], np.zeros(0, np.int32), np.zeros((0, 1), np.float16))
    return VectorIndex(chunk_ids, list(codes), np.concatenate(owners), np.concatenate(blocks))


class VectorCache:
    """The vectors of recently searched KBs, keyed by ``(kb_id, version)``: a write
    bumps the version, so a stale entry is never read and ages out."""

    def __init__(self, entries: int = CACHE_ENTRIES) -> None:
        self.entries = entries
        self._cache: OrderedDict[tuple[str, int], VectorIndex] = OrderedDict()

    async def index(self, session: AsyncSession, org_id: str, kb: KnowledgeBase) -> VectorIndex:
        key = (kb.id, kb.version)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        made = await _index_of(ChunkRepository(session, org_id).vectors(kb.id))
        for old in [k for k in self._cache if k[0] == kb.id]:
            del self._cache[old]
        self._cache[key] = made
        while len(self._cache) > self.entries:
            self._cache.popitem(last=False)
        return made


VECTORS = VectorCache()


def _vector_ranking(
    index: VectorIndex, query: Vectors, allowed: set[str] | None, limit: int
) -> list[tuple[str, float]]:
    """The ``limit`` rows of highest dot product with the query (the rows and the query
    are unit vectors: the cosine), by numkong's SIMD float16 kernel: an exact scan."""
    if not index.chunk_ids or index.matrix.shape[1] != query.shape[1]:
        return []
    import numkong
    import numpy as np

    probe = query[:1].astype(np.float16)
    scores = np.asarray(numkong.cdist(probe, index.matrix, metric="dot"), dtype=np.float64)[0]
    if allowed is not None:
        codes = [n for n, document_id in enumerate(index.documents) if document_id in allowed]
        scores = np.where(np.isin(index.document_of, codes), scores, -np.inf)
    limit = min(limit, len(scores))
    top = np.argpartition(-scores, limit - 1)[:limit]
    top = top[np.argsort(-scores[top], kind="stable")]
    return [(index.chunk_ids[i], float(scores[i])) for i in top if np.isfinite(scores[i])]


async def _vector_list(
    session: AsyncSession,
    org_id: str,
    kb: KnowledgeBase,
    embedder: Embedder,
    body: SearchBody,
    allowed: set[str] | None,
) -> list[tuple[str, float]]:
    """The KB's best chunks for the query by vector: pgvector's index where chunks
    carry its column (PostgreSQL with the extension), else the exact scan of the cache."""
    if await pgvector_in_use(session):
        query = await embedder.embed([body.query])
        chunks = ChunkRepository(session, org_id)
        documents = None if allowed is None else sorted(allowed)
        return await chunks.nearest(kb.id, query[0].tobytes(), documents, CANDIDATES)
    index = await VECTORS.index(session, org_id, kb)
    if not index.chunk_ids:
        return []
    query = await embedder.embed([body.query])
    return _vector_ranking(index, query, allowed, CANDIDATES)


# ------------------------------------------------------------------ fusion


def fuse(rankings: Iterable[Sequence[tuple[str, float]]]) -> list[tuple[str, float]]:
    """Reciprocal rank fusion of best-first lists: ``sum(1 / (RRF_K + rank))``."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, (chunk_id, _) in enumerate(ranking, start=1):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + 1.0 / (RRF_K + rank)
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))


async def search(
    session: AsyncSession,
    org_id: str,
    kbs: Sequence[tuple[KnowledgeBase, Embedder]],
    body: SearchBody,
) -> list[SearchHit]:
    """The ``top_k`` best chunks of ``kbs`` for the query (each KB's vectors in its own
    embedder's space; the lists are fused by rank, never by raw score)."""
    kb_ids = [kb.id for kb, _ in kbs]
    allowed: set[str] | None = None
    if body.filter is not None:  # only a filter needs every document's metadata
        documents = await DocumentRepository(session, org_id).all_of(kb_ids)
        allowed = {d.id for d in documents if matches(d.meta, body.filter)}
        if not allowed:
            return []
    rankings: list[list[tuple[str, float]]] = []
    chunks = ChunkRepository(session, org_id)
    if body.mode in ("hybrid", "keyword"):
        # With a filter, more candidates: those of other documents are dropped here.
        limit = CANDIDATES if allowed is None else CANDIDATES * 4
        lexical = await chunks.keyword(kb_ids, terms_of(body.query), limit)
        rankings.append(
            [(c, score) for c, doc, score in lexical if allowed is None or doc in allowed]
        )
    if body.mode in ("hybrid", "vector"):
        for kb, embedder in kbs:
            rankings.append(await _vector_list(session, org_id, kb, embedder, body, allowed))
    if body.mode == "hybrid":
        ranked = fuse(rankings)
    else:
        ranked = sorted(
            (item for ranking in rankings for item in ranking), key=lambda i: (-i[1], i[0])
        )
    if body.score_threshold is not None:
        ranked = [item for item in ranked if item[1] >= body.score_threshold]
    best = ranked[: body.top_k]
    found = await chunks.hits([chunk_id for chunk_id, _ in best])
    hits: list[SearchHit] = []
    for chunk_id, score in best:
        row = found.get(chunk_id)
        if row is None:
            continue  # deleted since it was cached
        chunk, name, meta = row
        hits.append(
            SearchHit(
                chunk_id=chunk.id,
                document_id=chunk.document_id,
                document_name=name,
                kb_id=chunk.kb_id,
                text=chunk.text,
                score=round(score, 6),
                metadata=meta,
            )
        )
    return hits
