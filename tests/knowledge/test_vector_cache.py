"""The per-process vector cache of a KB is built from its rows a part at a time: every
chunk once, each row its chunk's vector (float16) and document, whatever the part size."""

from __future__ import annotations

import httpx
import numpy as np
import pytest
import sqlalchemy as sa

from flowline.db.models import KnowledgeChunk
from flowline.engine.worker import Worker
from flowline.knowledge import repository
from flowline.knowledge.repository import KnowledgeBaseRepository
from flowline.knowledge.search import VectorCache
from flowline.runtime import Runtime
from tests.factories import Factory
from tests.knowledge.builders import corpus_kb


async def test_the_cache_is_built_part_by_part_with_every_chunk_once(
    client: httpx.AsyncClient,
    factory: Factory,
    worker: Worker,
    runtime: Runtime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    org = await factory.org()
    kb_id = await corpus_kb(client, org, chunk_size=16, chunk_overlap=0)
    monkeypatch.setattr(repository, "VECTOR_PART", 2)
    async with runtime.db.session() as session:
        kb = await KnowledgeBaseRepository(session, org.id).get(kb_id)
        assert kb is not None
        index = await VectorCache().index(session, org.id, kb)
        stmt = sa.select(
            KnowledgeChunk.id, KnowledgeChunk.document_id, KnowledgeChunk.embedding
        ).where(KnowledgeChunk.kb_id == kb_id)
        rows = {chunk_id: (doc, vector) for chunk_id, doc, vector in await session.execute(stmt)}
    assert len(rows) > 4  # several parts of two
    assert sorted(index.chunk_ids) == sorted(rows)
    for n, chunk_id in enumerate(index.chunk_ids):
        document_id, vector = rows[chunk_id]
        assert index.documents[index.document_of[n]] == document_id
        expected = np.frombuffer(vector, dtype=np.float32)
        assert np.allclose(index.matrix[n].astype(np.float32), expected, atol=1e-3)
