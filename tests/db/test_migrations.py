"""The migration history, run on an empty database of the kind under test.

SQLite: a fresh file. PostgreSQL: a fresh database on the test server (from
``FLOWLINE_TEST_DATABASE_URL``), dropped afterwards.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

import flowline.db.models  # noqa: F401  (registers every table)
from flowline.config import async_database_url
from flowline.db import migrate
from flowline.db.base import UNMAPPED_TABLES, Base, is_modelled
from flowline.db.session import create_engine
from tests.postgres import PG_URL, scratch_database


@pytest.fixture
async def empty_engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    if PG_URL is None:
        engine = create_engine(async_database_url(f"sqlite:///{tmp_path / 'fresh.db'}"))
        yield engine
        await engine.dispose()
        return

    async with scratch_database("flowline_migrations") as url:
        engine = create_engine(async_database_url(url))
        try:
            yield engine
        finally:
            await engine.dispose()


def _differences(connection: Connection) -> list[Any]:
    opts = {"compare_type": True, "include_object": is_modelled}
    context = MigrationContext.configure(connection, opts=opts)
    return list(compare_metadata(context, Base.metadata))


def _tables(connection: Connection) -> set[str]:
    names = sa.inspect(connection).get_table_names()
    return {name for name in names if not name.startswith(UNMAPPED_TABLES)}


def _downgrade_to_base(connection: Connection) -> None:
    config = Config()
    config.set_main_option("script_location", str(migrate.migrations_dir()))
    config.attributes["connection"] = connection
    command.downgrade(config, "base")


async def _run(engine: AsyncEngine, fn: Any) -> Any:
    async with engine.connect() as connection:
        result = await connection.run_sync(fn)
        await connection.commit()
        return result


async def test_upgrade_from_empty_reaches_head(empty_engine: AsyncEngine) -> None:
    assert await _run(empty_engine, _tables) == set()
    assert await migrate.current_revision(empty_engine) is None
    assert not await migrate.is_current(empty_engine)

    await migrate.upgrade(empty_engine)

    assert migrate.head_revision() is not None
    assert await migrate.current_revision(empty_engine) == migrate.head_revision()
    assert await migrate.is_current(empty_engine)
    assert set(Base.metadata.tables) | {"alembic_version"} == await _run(empty_engine, _tables)


async def test_migrated_schema_matches_the_models(empty_engine: AsyncEngine) -> None:
    await migrate.upgrade(empty_engine)
    assert await _run(empty_engine, _differences) == []


async def test_second_upgrade_is_a_no_op(empty_engine: AsyncEngine) -> None:
    await migrate.upgrade(empty_engine)
    async with empty_engine.begin() as connection:
        await connection.execute(
            sa.text(
                "INSERT INTO organizations (id, name, created_at, updated_at) "
                "VALUES ('org_keep', 'keep', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
    tables = await _run(empty_engine, _tables)

    await migrate.upgrade(empty_engine)

    assert await migrate.current_revision(empty_engine) == migrate.head_revision()
    assert await _run(empty_engine, _tables) == tables
    assert await _run(empty_engine, _differences) == []
    async with empty_engine.connect() as connection:
        names = (await connection.execute(sa.text("SELECT name FROM organizations"))).scalars()
        assert list(names) == ["keep"]


async def test_downgrade_to_base_and_up_again(empty_engine: AsyncEngine) -> None:
    await migrate.upgrade(empty_engine)

    await _run(empty_engine, _downgrade_to_base)
    assert await migrate.current_revision(empty_engine) is None
    assert await _run(empty_engine, _tables) <= {"alembic_version"}

    await migrate.upgrade(empty_engine)
    assert await migrate.current_revision(empty_engine) == migrate.head_revision()
    assert await _run(empty_engine, _differences) == []
