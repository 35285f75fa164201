"""Engine and session factory, tuned per database.

On SQLite the driver's implicit transactions are turned off so that we issue
``BEGIN`` ourselves: ``BEGIN IMMEDIATE`` for sessions that will write (so two
writers queue on the busy timeout instead of failing on lock upgrade), plain
``BEGIN`` for readers, which WAL lets run beside a writer.

:meth:`Database.transact` is the hot paths' way in (a chat turn's start and
end): a plain function of a synchronous connection, run whole in one
transaction. On PostgreSQL it runs on the async engine's connection
(``run_sync``). On SQLite it runs on the event loop's own thread, on a
synchronous connection: its statements are short and CPU-bound (WAL with
``synchronous=NORMAL`` does not sync on commit), and handing them to a thread
cost more than they did (a hop each way, and the GIL passed between two busy
threads, each hand-over waiting up to the interpreter's switch interval: a
third of the turns per second). Its writes take the same in-process write
lock as the sessions', so that every writer of the process queues in one
line, first come first served. So that the loop never waits on SQLite:

- the loop's connection has a busy timeout of ``INLINE_BUSY_MS``; when
  ``BEGIN`` finds the database locked all the same (another process, or a
  session that writes without ``write=True``), the transaction runs instead
  on a thread of its own, whose connection waits as long as the sessions';
- the loop's connection does not checkpoint the WAL: every
  ``CHECKPOINT_EVERY`` of its write transactions, that thread does, in
  ``PASSIVE`` mode (beside readers and writers), so that the WAL stays small
  and no commit on the loop copies pages and syncs the file.

Write sessions on SQLite run the same way (``loop_sqlite``, an ``AsyncSession`` whose
statements run on the loop's thread): ``BEGIN IMMEDIATE`` with the short busy
timeout, on the driver's thread instead when the database is locked, no
checkpoints on commit.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import sqlalchemy as sa
import structlog
from sqlalchemy import event
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session, SessionTransaction

from flowline.db import loop_sqlite
from flowline.db.types import dump_json, load_json

WRITE = {"flowline_write": True}
T = TypeVar("T")


JSON_CODEC = {"json_serializer": dump_json, "json_deserializer": load_json}
BUSY_MS = 30_000
"""How long a session's (or the thread's) ``BEGIN`` waits for another writer."""
INLINE_BUSY_MS = 20
"""How long the loop's own connection waits before it hands the transaction to the thread."""
CHECKPOINT_EVERY = 100
"""Write transactions on the loop between two checkpoints of the WAL on the thread."""

log = structlog.get_logger("flowline.db")


def create_engine(url: str, *, pool_size: int = 10) -> AsyncEngine:
    if url.startswith("sqlite"):
        engine = create_async_engine(
            url, connect_args={"timeout": BUSY_MS / 1000}, pool_size=pool_size, **JSON_CODEC
        )
        _tune_sqlite(engine)
        return engine
    return create_async_engine(
        url,
        **JSON_CODEC,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=False,
        connect_args={"server_settings": {"application_name": "flowline"}},
    )


def _tune_sqlite(
    engine: AsyncEngine | sa.Engine,
    *,
    busy_ms: int = BUSY_MS,
    checkpoints: bool = True,
    begins: bool = True,
) -> None:
    """Pragmas on every connection; with ``begins``, ``BEGIN`` issued by an event (the
    sessions'). ``Database.transact``'s engines begin their connections themselves: an
    engine with a listener of its connections' events dispatches on every statement."""
    sync_engine = engine.sync_engine if isinstance(engine, AsyncEngine) else engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
        if not checkpoints:
            cursor.execute("PRAGMA wal_autocheckpoint=0")
        cursor.close()

    if not begins:
        return

    @event.listens_for(sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get("flowline_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _loop_engine(url: sa.URL, *, pool_size: int) -> AsyncEngine:
    """The engine of write sessions on SQLite: statements on the loop's thread
    (``loop_sqlite``), a short busy timeout, no checkpoints on commit."""
    engine = create_async_engine(
        url.set(drivername=f"sqlite+{loop_sqlite.DRIVER}"),
        connect_args={"timeout": INLINE_BUSY_MS / 1000, "check_same_thread": False},
        pool_size=pool_size,
        **JSON_CODEC,
    )
    _tune_sqlite(engine, busy_ms=INLINE_BUSY_MS, checkpoints=False)
    return engine


def _sqlite_thread() -> ThreadPoolExecutor:
    """The thread of ``Database.transact``'s waits and checkpoints on SQLite."""
    return ThreadPoolExecutor(1, thread_name_prefix="flowline-sqlite")


class _Busy(Exception):
    """The loop's connection found the database locked before it began anything."""


def _is_busy(exc: sa.exc.OperationalError) -> bool:
    orig = exc.orig
    return isinstance(orig, sqlite3.OperationalError) and orig.sqlite_errorcode in (
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
    )


def _sync_sqlite_engine(url: sa.URL, busy_ms: int, *, checkpoints: bool) -> sa.Engine:
    """A synchronous engine of ``Database.transact``'s, of one connection."""
    engine = sa.create_engine(
        url,
        connect_args={"timeout": busy_ms / 1000, "check_same_thread": False},
        pool_size=1,
        **JSON_CODEC,
    )
    _tune_sqlite(engine, busy_ms=busy_ms, checkpoints=checkpoints, begins=False)
    return engine


def _begin(conn: sa.Connection, begin: str | None) -> None:
    """Begin ``conn`` with SQLite's own ``begin`` statement (none: each statement alone)."""
    conn.begin()  # the driver's part is a no-op
    if begin is not None:
        try:
            conn.exec_driver_sql(begin)
        except BaseException:
            conn.rollback()
            raise


def _finish(conn: sa.Connection, fn: Callable[[sa.Connection], T]) -> T:
    """``fn(conn)``, then commit; roll back if it raises (a connection that cannot roll
    back is invalidated, so that its next use opens another)."""
    try:
        result = fn(conn)
        conn.commit()
    except BaseException:
        try:
            conn.rollback()
        except Exception:
            conn.invalidate()
        raise
    return result


_RELEASE = "flowline_release_write_lock"
"""A write session's ``info`` key: what releases the write lock at its first end."""


def _release_write_lock(session: Session, *_args: Any) -> None:
    release = session.info.pop(_RELEASE, None)
    if release is not None:
        release()


# Registered once for every session: a listener added to each write session cost
# more than its ``BEGIN``.
event.listen(Session, "after_commit", _release_write_lock)
event.listen(Session, "after_rollback", _release_write_lock)


BEFORE_SAVEPOINT: list[Callable[[Session], None]] = []
"""Called with the session before each ``SAVEPOINT`` of a :class:`FlowlineSession` begins,
in the outer transaction (``engine/transitions.py`` writes the runs and steps it holds)."""


class FlowlineSession(Session):
    """The sessions' class: a ``Session`` that runs ``BEFORE_SAVEPOINT`` first in
    ``begin_nested``. The ORM flushes its pending objects there, so that a savepoint rolled
    back takes only what was done in it; rows held for a later ``INSERT`` get the same."""

    def begin_nested(self) -> SessionTransaction:
        for hook in BEFORE_SAVEPOINT:
            hook(self)
        return super().begin_nested()


class Database:
    """Owns the engine; hands out sessions that the edge commits.

    On SQLite one process is the only writer, and its write transactions take
    turns on an in-process lock, held from ``BEGIN IMMEDIATE`` to the first
    commit or rollback. SQLite would serialise them anyway, but by sleeping and
    polling on its busy handler, which wastes most of the time under load.
    """

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = url
        self.engine = create_engine(url, pool_size=pool_size)
        self.sessions = async_sessionmaker(
            self.engine, expire_on_commit=False, autoflush=False, sync_session_class=FlowlineSession
        )
        self._write_lock = asyncio.Lock() if self.is_sqlite else None
        self._autocommit = (
            None if self.is_sqlite else self.engine.execution_options(isolation_level="AUTOCOMMIT")
        )
        self._sync_engine: sa.Engine | None = None
        self._inline_engine: sa.Engine | None = None
        self._loop_engine: AsyncEngine | None = None
        self._loop_sessions: async_sessionmaker[AsyncSession] | None = None
        """Write sessions on SQLite: their statements on the loop's thread."""
        self._inline: sa.Connection | None = None
        """The loop's one connection, kept open (a pool's check-out costs as much as a read)."""
        self._thread: ThreadPoolExecutor | None = None
        self._writes = 0
        self._checkpoint: asyncio.Future[None] | None = None
        if self.is_sqlite:
            sync_url = self.engine.url.set(drivername="sqlite")
            self._sync_engine = _sync_sqlite_engine(sync_url, BUSY_MS, checkpoints=True)
            self._inline_engine = _sync_sqlite_engine(sync_url, INLINE_BUSY_MS, checkpoints=False)
            self._thread = _sqlite_thread()
            self._loop_engine = _loop_engine(self.engine.url, pool_size=pool_size)
            self._loop_sessions = async_sessionmaker(
                self._loop_engine,
                expire_on_commit=False,
                autoflush=False,
                sync_session_class=FlowlineSession,
            )

    @property
    def sync_engines(self) -> list[sa.Engine]:
        """Every engine the statements go through (to watch them: tests, profiling)."""
        loop = self._loop_engine.sync_engine if self._loop_engine is not None else None
        engines = (self.engine.sync_engine, loop, self._inline_engine, self._sync_engine)
        return [engine for engine in engines if engine is not None]

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @asynccontextmanager
    async def session(
        self, *, write: bool = False, single: bool = False
    ) -> AsyncIterator[AsyncSession]:
        """A session in one transaction, committed on success, rolled back on error.

        ``single``: its reads are one statement at a time, each complete in itself
        (an authentication), so on PostgreSQL they run without ``BEGIN`` and
        ``COMMIT``, two round trips fewer; on SQLite it changes nothing.

        On SQLite a write session takes the process's write lock, then runs on the
        loop's thread (``loop_sqlite``) when its ``BEGIN IMMEDIATE`` gets the database
        within ``INLINE_BUSY_MS``, else (another process writes) as a read session does,
        on the driver's thread, which waits up to ``BUSY_MS``.
        """
        if write and self._loop_sessions is not None:
            async with self._write_session() as session:
                yield session
            return
        bind = self._autocommit if single and not write and self._autocommit else None
        async with self.sessions(bind=bind) if bind is not None else self.sessions() as session:
            try:
                if write:
                    await session.connection(execution_options=WRITE)
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    @asynccontextmanager
    async def _write_session(self) -> AsyncIterator[AsyncSession]:
        """A write session on SQLite, holding the write lock until it first commits or
        rolls back (it may read on after a commit, as a read session)."""
        lock = self._write_lock
        assert lock is not None
        await lock.acquire()
        held = [True]

        def release() -> None:
            if held[0]:
                held[0] = False
                lock.release()

        try:
            session, on_loop = await self._begin_write()
        except BaseException:
            release()
            raise
        session.sync_session.info[_RELEASE] = release
        try:
            async with session:
                try:
                    yield session
                    await session.commit()
                except BaseException:
                    await session.rollback()
                    raise
            if on_loop:
                self._wrote()
        finally:
            release()

    async def _begin_write(self) -> tuple[AsyncSession, bool]:
        """A session begun with ``BEGIN IMMEDIATE``: on the loop's thread if the database
        is free within ``INLINE_BUSY_MS``, else on the driver's thread; and which."""
        assert self._loop_sessions is not None
        session = self._loop_sessions()
        try:
            await session.connection(execution_options=WRITE)
            return session, True
        except sa.exc.OperationalError as exc:
            await session.close()
            if not _is_busy(exc):
                raise
        session = self.sessions()
        try:
            await session.connection(execution_options=WRITE)
        except BaseException:
            await session.close()
            raise
        return session, False

    async def transact(self, fn: Callable[[sa.Connection], T], *, write: bool = True) -> T:
        """``fn(connection)`` in one transaction: committed when it returns, rolled back
        when it raises. ``fn`` must not block on anything but the database, and on
        SQLite it runs on the event loop (the module's docstring says why), so it must
        be short: a handful of statements on a few rows."""
        if self._thread is not None:
            begin = "BEGIN IMMEDIATE" if write else "BEGIN"
            turn = self._write_lock if write and self._write_lock else contextlib.nullcontext()
            async with turn:
                try:
                    result = self._on_loop(fn, begin)
                except _Busy:
                    loop = asyncio.get_running_loop()
                    return await loop.run_in_executor(self._thread, self._on_thread, fn, begin)
            if write:
                self._wrote()
            return result
        async with self.engine.connect() as conn, conn.begin():
            return await conn.run_sync(fn)

    async def read(self, fn: Callable[[sa.Connection], T]) -> T:
        """``fn(connection)`` for reads of one statement each (an authentication), each
        complete in itself: no ``BEGIN`` or ``COMMIT`` on either database, and on SQLite
        no session either, on :meth:`transact`'s connection (the loop's, or its thread's
        while the database is locked)."""
        if self._thread is not None:
            try:
                return self._on_loop(fn, None)
            except _Busy:
                loop = asyncio.get_running_loop()
                return await loop.run_in_executor(self._thread, self._on_thread, fn, None)
        assert self._autocommit is not None
        async with self._autocommit.connect() as conn:
            return await conn.run_sync(fn)

    def _on_loop(self, fn: Callable[[sa.Connection], T], begin: str | None) -> T:
        """``fn`` on the loop's connection. :class:`_Busy` if the database is locked before
        anything began or, for a read (``begin`` ``None``: safe to run again), at all."""
        assert self._inline_engine is not None
        try:
            conn = self._inline
            if conn is None or conn.closed or conn.invalidated:
                conn = self._inline = self._inline_engine.connect()  # sets its pragmas
            _begin(conn, begin)
        except sa.exc.OperationalError as exc:
            if _is_busy(exc):
                raise _Busy() from exc
            raise
        try:
            return _finish(conn, fn)
        except sa.exc.OperationalError as exc:
            if begin is None and _is_busy(exc):
                raise _Busy() from exc
            raise

    def _on_thread(self, fn: Callable[[sa.Connection], T], begin: str | None) -> T:
        """``fn`` on the thread's connection, which waits for a lock as the sessions do."""
        assert self._sync_engine is not None
        with self._sync_engine.connect() as conn:
            _begin(conn, begin)
            return _finish(conn, fn)

    def _wrote(self) -> None:
        """Count a write on the loop; every ``CHECKPOINT_EVERY``, checkpoint on the thread."""
        self._writes += 1
        if self._writes < CHECKPOINT_EVERY or self._checkpoint is not None:
            return
        assert self._thread is not None
        self._writes = 0
        loop = asyncio.get_running_loop()
        self._checkpoint = loop.run_in_executor(self._thread, self._checkpoint_wal)
        self._checkpoint.add_done_callback(self._checkpointed)

    def _checkpoint_wal(self) -> None:
        assert self._sync_engine is not None
        with self._sync_engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")

    def _checkpointed(self, done: asyncio.Future[None]) -> None:
        self._checkpoint = None
        if not done.cancelled() and done.exception() is not None:
            log.warning("wal_checkpoint_failed", exc_info=done.exception())

    async def checkpoint(self) -> None:
        """Wait for a checkpoint under way, if any (tests, and before disposing)."""
        if self._checkpoint is not None:
            with contextlib.suppress(Exception):
                await asyncio.shield(self._checkpoint)

    async def dispose(self) -> None:
        await self.checkpoint()
        await self.engine.dispose()
        if self._loop_engine is not None:
            await self._loop_engine.dispose()
        if self._inline is not None:
            self._inline.close()
            self._inline = None
        if self._inline_engine is not None:
            self._inline_engine.dispose()
        if self._thread is not None and self._sync_engine is not None:
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(self._thread, self._sync_engine.dispose)
            # Its thread ends; a later transaction (engines may be used again) starts another.
            self._thread.shutdown(wait=False)
            self._thread = _sqlite_thread()
