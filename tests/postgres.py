"""The PostgreSQL server the tests may use, and scratch databases on it."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from sqlalchemy.engine import make_url

PG_URL = os.environ.get("FLOWLINE_TEST_DATABASE_URL")
"""``FLOWLINE_TEST_DATABASE_URL``: set, the suite runs on PostgreSQL."""


async def on_server(statement: str) -> None:
    """Run one administrative statement (CREATE/DROP DATABASE) on the test server."""
    assert PG_URL is not None
    url = make_url(PG_URL)
    conn = await asyncpg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database=url.database,
    )
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


def database_url(name: str) -> str:
    assert PG_URL is not None
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


async def create_database(name: str) -> str:
    await on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await on_server(f'CREATE DATABASE "{name}"')
    return database_url(name)


async def drop_database(name: str) -> None:
    await on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def scratch_name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


@asynccontextmanager
async def scratch_database(prefix: str) -> AsyncIterator[str]:
    """A new, empty database for one test, dropped afterwards; yields its URL."""
    name = scratch_name(prefix)
    url = await create_database(name)
    try:
        yield url
    finally:
        await drop_database(name)
