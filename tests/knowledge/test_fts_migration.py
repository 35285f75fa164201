"""Migration 0037: SQLite's FTS5 rows carry their chunk's organisation, KB and document,
made again from the chunks on the way up and on the way down (PostgreSQL's ``tsv`` is
left as it is); a keyword search keeps to the organisation and KB by those columns."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from flowline.db import migrate
from flowline.db.models import KnowledgeBase, KnowledgeDocument, Organization
from flowline.knowledge.repository import ChunkRepository, NewChunk
from tests.db.test_migrations import empty_engine  # noqa: F401  (the fixture)

ORGS = ("org_a", "org_b")


def _to(revision: str, down: bool = False) -> Callable[[Connection], None]:
    def run(connection: Connection) -> None:
        config = Config()
        config.set_main_option("script_location", str(migrate.migrations_dir()))
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)

    return run


async def _migrate(engine: AsyncEngine, revision: str, down: bool = False) -> None:
    async with engine.connect() as connection:
        await connection.run_sync(_to(revision, down))
        await connection.commit()


async def _seed(engine: AsyncEngine) -> None:
    """Two organisations, each with a KB holding the same words."""
    async with AsyncSession(engine) as session:
        session.add_all(Organization(id=org, name=org) for org in ORGS)
        await session.flush()
        session.add_all(KnowledgeBase(id=f"kb_{org}", org_id=org, name="kb") for org in ORGS)
        await session.flush()
        for org in ORGS:
            session.add(
                KnowledgeDocument(
                    id=f"doc_{org}",
                    org_id=org,
                    kb_id=f"kb_{org}",
                    name="d.txt",
                    source="text",
                    content_type="text/plain",
                )
            )
        await session.flush()
        for org in ORGS:
            chunk = NewChunk("Parcels cross the sea by freight.", 7, b"\0" * 16)
            await ChunkRepository(session, org).insert(f"kb_{org}", f"doc_{org}", [chunk])
        await session.commit()


async def _found(engine: AsyncEngine, org: str, kb_id: str) -> list[tuple[str, str]]:
    async with AsyncSession(engine) as session:
        hits = await ChunkRepository(session, org).keyword([kb_id], ["parcels", "sea"], 10)
    return [(document_id, org) for _, document_id, _ in hits]


async def _fts_columns(engine: AsyncEngine) -> list[str]:
    async with engine.connect() as connection:
        rows = await connection.execute(sa.text("PRAGMA table_info(knowledge_chunks_fts)"))
        return [row[1] for row in rows]


async def test_fts_rows_are_made_again_both_ways_and_keep_to_the_kb(
    empty_engine: AsyncEngine,  # noqa: F811
) -> None:
    sqlite = empty_engine.dialect.name == "sqlite"
    await migrate.upgrade(empty_engine)
    await _seed(empty_engine)
    if sqlite:
        assert await _fts_columns(empty_engine) == [
            "text",
            "chunk_id",
            "org_id",
            "kb_id",
            "document_id",
        ]
    assert await _found(empty_engine, "org_a", "kb_org_a") == [("doc_org_a", "org_a")]
    assert await _found(empty_engine, "org_a", "kb_org_b") == []  # another organisation's KB

    await _migrate(empty_engine, "0036", down=True)
    if sqlite:
        assert await _fts_columns(empty_engine) == ["text", "chunk_id"]
        async with empty_engine.connect() as connection:
            rows = await connection.execute(sa.text("SELECT count(*) FROM knowledge_chunks_fts"))
            assert rows.scalar_one() == 2

    await _migrate(empty_engine, "head")
    assert await _found(empty_engine, "org_b", "kb_org_b") == [("doc_org_b", "org_b")]
    async with AsyncSession(empty_engine) as session:  # the delete trigger is back too
        await ChunkRepository(session, "org_b").delete_of_document("doc_org_b")
        await session.commit()
    assert await _found(empty_engine, "org_b", "kb_org_b") == []
    assert await _found(empty_engine, "org_a", "kb_org_a") == [("doc_org_a", "org_a")]
