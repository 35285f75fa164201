"""A SQLite dialect for ``AsyncSession``\\ s whose statements run on the event loop's thread.

SQLAlchemy's ``aiosqlite`` dialect sends every statement to a thread of its own
and waits for the answer: four hand-overs each way per statement (the cursor,
the statement, its rows, closing the cursor), each a wake-up of another thread
and a pass of the GIL, which on a busy machine waits up to the interpreter's
switch interval. SQLite's statements are short and CPU-bound (WAL with
``synchronous=NORMAL`` does not sync on commit), so the hand-overs cost more
than the statements: most of a short write transaction's time.

This dialect (``sqlite+flowline_loop``) is the standard library's ``sqlite3``
driver behind SQLAlchemy's asyncio extension: an ``AsyncSession`` on it runs its
statements in the calling greenlet, on the loop's thread, with no hand-over.
``Database`` uses it for write sessions only, whose ``BEGIN IMMEDIATE`` it
issues with a short busy timeout first (``db/session.py``), so that the loop
never waits long on a lock another process holds.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import pool
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine.interfaces import AdaptedConnection
from sqlalchemy.engine.url import URL

DRIVER = "flowline_loop"


class LoopCursor(sqlite3.Cursor):
    """A ``sqlite3`` cursor; what the asyncio extension awaits of one is done already."""

    async def _async_soft_close(self) -> None:
        """Nothing to do: the rows are read on this thread whenever they are fetched."""


class LoopConnection(AdaptedConnection):
    """A ``sqlite3`` connection as an asyncio dialect's adapted connection: every call
    goes straight to it, on the calling thread."""

    __slots__ = ("_sqlite",)

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._sqlite = connection
        self._connection = connection  # type: ignore[assignment] # the driver's, not asyncio's

    @property
    def isolation_level(self) -> str | None:
        return self._sqlite.isolation_level

    @isolation_level.setter
    def isolation_level(self, value: Any) -> None:
        self._sqlite.isolation_level = value

    def cursor(self) -> LoopCursor:
        return self._sqlite.cursor(LoopCursor)

    def commit(self) -> None:
        self._sqlite.commit()

    def rollback(self) -> None:
        self._sqlite.rollback()

    def close(self) -> None:
        self._sqlite.close()

    def terminate(self) -> None:
        self._sqlite.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sqlite, name)


class SQLiteDialect_loop(SQLiteDialect_pysqlite):
    """``sqlite3`` on the calling thread, for ``create_async_engine``."""

    driver = DRIVER
    is_async = True
    supports_statement_cache = True

    @classmethod
    def get_pool_class(cls, url: URL) -> type[pool.Pool]:
        return pool.AsyncAdaptedQueuePool

    def connect(self, *cargs: Any, **cparams: Any) -> Any:
        connection = super().connect(*cargs, **cparams)
        assert isinstance(connection, sqlite3.Connection)
        return LoopConnection(connection)

    def get_driver_connection(self, connection: Any) -> Any:
        return connection._sqlite

    def do_terminate(self, dbapi_connection: Any) -> None:
        dbapi_connection.close()


registry.register(f"sqlite.{DRIVER}", __name__, "SQLiteDialect_loop")
