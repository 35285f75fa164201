"""pgvector: where PostgreSQL has the ``vector`` extension, chunks carry their vector in
its column and vector search walks its HNSW index, with the same best hit as the exact
scan of the process's cache. Elsewhere (SQLite, or PostgreSQL without the extension) the
exact scan is the only path, which the other knowledge tests cover."""

from __future__ import annotations

import httpx
import pytest
import sqlalchemy as sa

from flowline.engine.worker import Worker
from flowline.knowledge import search as knowledge_search
from flowline.knowledge.embedders import DEFAULT_EMBEDDER
from flowline.knowledge.repository import KnowledgeBaseRepository, pgvector_in_use
from flowline.knowledge.search import VECTORS
from flowline.runtime import Runtime
from tests.factories import Factory
from tests.knowledge.builders import CORPUS, add_text, make_kb, search, settled


async def _skip_without_pgvector(runtime: Runtime) -> None:
    if runtime.db.engine.dialect.name != "postgresql":
        pytest.skip("pgvector is a PostgreSQL extension (this run is on SQLite)")
    async with runtime.db.session() as session:
        available = (
            await session.execute(
                sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")
            )
        ).first()
        if available is None:
            pytest.skip("this PostgreSQL has no 'vector' extension in pg_available_extensions")
        if not await pgvector_in_use(session):
            pytest.skip("the 'vector' extension could not be created (migration 0036 left it)")


async def test_vector_search_walks_pgvector_with_the_exact_scans_best_hit(
    client: httpx.AsyncClient,
    factory: Factory,
    worker: Worker,
    runtime: Runtime,
) -> None:
    await _skip_without_pgvector(runtime)
    org = await factory.org()
    kb_id = await make_kb(client, org)
    for name, text in CORPUS.items():
        await add_text(client, org, kb_id, name, text)
    await settled(client, org, kb_id, len(CORPUS))
    async with runtime.db.session() as session:
        plan = await session.execute(
            sa.text("SELECT count(*) FROM knowledge_chunks WHERE kb_id = :kb AND vec IS NULL"),
            {"kb": kb_id},
        )
        assert plan.scalar_one() == 0  # every chunk was written with its pgvector copy
    by_index = await search(client, org, kb_id, "sea freight parcels", mode="vector")
    async with runtime.db.session() as session:
        kb = await KnowledgeBaseRepository(session, org.id).get(kb_id)
        assert kb is not None
        index = await VECTORS.index(session, org.id, kb)
    query = DEFAULT_EMBEDDER.embed_now(["sea freight parcels"])
    by_scan = knowledge_search._vector_ranking(index, query, None, 5)
    assert by_index[0]["document_name"] == "shipping.txt"
    assert by_index[0]["chunk_id"] == by_scan[0][0]
    assert by_index[0]["score"] == pytest.approx(by_scan[0][1], abs=1e-3)
