"""``Database.transact``: a plain function of one connection, in one transaction."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from flowline.db import session as db_session
from flowline.db.models import Organization
from flowline.runtime import Runtime
from tests.factories import Factory
from tests.postgres import PG_URL

NAMES = sa.select(Organization.name).where(Organization.id == sa.bindparam("p_id"))


def _rename(conn: sa.Connection, org_id: str, name: str, fail: bool = False) -> str:
    conn.execute(sa.update(Organization).where(Organization.id == org_id).values(name=name))
    if fail:
        raise RuntimeError("undo")
    return str(conn.execute(NAMES, {"p_id": org_id}).scalar_one())


async def _name(runtime: Runtime, org_id: str) -> str:
    async with runtime.db.session() as session:
        return str((await session.execute(NAMES, {"p_id": org_id})).scalar_one())


async def test_a_function_commits_when_it_returns_and_rolls_back_when_it_raises(
    runtime: Runtime, factory: Factory
) -> None:
    org = await factory.org()
    assert await runtime.db.transact(lambda conn: _rename(conn, org.id, "Renamed")) == "Renamed"
    assert await _name(runtime, org.id) == "Renamed"  # the ORM sessions see it at once
    with pytest.raises(RuntimeError, match="undo"):
        await runtime.db.transact(lambda conn: _rename(conn, org.id, "Lost", fail=True))
    assert await _name(runtime, org.id) == "Renamed"


async def test_it_works_again_after_the_database_is_disposed(
    runtime: Runtime, factory: Factory
) -> None:
    org = await factory.org()
    await runtime.db.dispose()
    assert await runtime.db.transact(lambda conn: _rename(conn, org.id, "Again")) == "Again"


SQLITE_ONLY = pytest.mark.skipif(PG_URL is not None, reason="SQLite's own connections")


def _sqlite_path(runtime: Runtime) -> str:
    path = runtime.db.engine.url.database
    assert path
    return path


async def _longest_pause(loop_for: float) -> float:
    """The longest the event loop went without running this coroutine, over ``loop_for`` s."""
    longest, last = 0.0, time.monotonic()
    end = last + loop_for
    while (now := time.monotonic()) < end:
        longest, last = max(longest, now - last), now
        await asyncio.sleep(0.005)
    return longest


@SQLITE_ONLY
async def test_on_sqlite_a_transaction_runs_on_the_event_loop_thread(
    runtime: Runtime, factory: Factory
) -> None:
    org = await factory.org()
    threads: list[threading.Thread] = []

    def rename(conn: sa.Connection) -> str:
        threads.append(threading.current_thread())
        return _rename(conn, org.id, "Inline")

    assert await runtime.db.transact(rename) == "Inline"
    assert await runtime.db.read(lambda conn: threads.append(threading.current_thread())) is None
    assert threads == [threading.current_thread()] * 2


@SQLITE_ONLY
async def test_the_loop_keeps_one_connection_for_every_transaction_and_read(
    runtime: Runtime, factory: Factory
) -> None:
    """No pool check-out per transaction; one that raised leaves it clean for the next."""
    org = await factory.org()
    await runtime.db.transact(lambda conn: _rename(conn, org.id, "Warm"))
    checkouts: list[object] = []

    def on_checkout(dbapi_connection: object, *_args: object) -> None:
        checkouts.append(dbapi_connection)

    for engine in runtime.db.sync_engines[1:]:
        event.listen(engine, "checkout", on_checkout)
    try:
        await runtime.db.transact(lambda conn: _rename(conn, org.id, "One"))
        with pytest.raises(RuntimeError):
            await runtime.db.transact(lambda conn: _rename(conn, org.id, "Lost", fail=True))
        assert await runtime.db.read(lambda conn: conn.execute(NAMES, {"p_id": org.id}).scalar())
        assert await runtime.db.transact(lambda conn: _rename(conn, org.id, "Two")) == "Two"
    finally:
        for engine in runtime.db.sync_engines[1:]:
            event.remove(engine, "checkout", on_checkout)
    assert checkouts == []
    assert await _name(runtime, org.id) == "Two"


@SQLITE_ONLY
async def test_a_transaction_that_finds_sqlite_locked_waits_on_a_thread_and_writers_queue(
    runtime: Runtime, factory: Factory
) -> None:
    """Another connection holds SQLite's write lock (another process, say): the
    transaction waits for it on the thread, not on the loop, which goes on; a session
    that would write waits on the process's lock behind it and does not begin (and sit
    in SQLite's busy handler, which can time out) until that one has committed."""
    org = await factory.org()
    other = sqlite3.connect(_sqlite_path(runtime), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    threads: list[threading.Thread] = []

    def rename(conn: sa.Connection) -> str:
        threads.append(threading.current_thread())
        return _rename(conn, org.id, "First")

    begun: list[str] = []

    def on_execute(_conn: sa.Connection, _cursor: object, statement: str, *_args: object) -> None:
        if statement.startswith("BEGIN"):
            begun.append(statement)

    sessions = runtime.db.sync_engines[:2]  # the sessions' engines (reads, writes)
    for engine in sessions:
        event.listen(engine, "before_cursor_execute", on_execute)

    async def second() -> None:
        async with runtime.db.session(write=True) as session:
            await session.execute(
                sa.update(Organization).where(Organization.id == org.id).values(name="Second")
            )

    try:
        first = asyncio.create_task(runtime.db.transact(rename))
        waiting = asyncio.create_task(second())
        assert await _longest_pause(0.5) < 0.25  # the loop is not held by the wait
        assert not first.done()
        assert begun == []
        other.execute("ROLLBACK")
        assert await first == "First"
        await waiting
    finally:
        other.close()
        for engine in sessions:
            event.remove(engine, "before_cursor_execute", on_execute)
    assert threads
    assert threads[0] is not threading.current_thread()
    assert begun == ["BEGIN IMMEDIATE"]
    assert await _name(runtime, org.id) == "Second"
    # Once the lock is free again, transactions run on the loop again.
    threads.clear()
    assert await runtime.db.transact(rename) == "First"
    assert threads == [threading.current_thread()]


@SQLITE_ONLY
async def test_a_read_that_finds_sqlite_locked_runs_again_on_the_thread(
    runtime: Runtime, factory: Factory
) -> None:
    """A reader meets a lock only when another process holds the database exclusively:
    the read then waits for it on the thread, and the loop goes on."""
    org = await factory.org()
    await runtime.db.dispose()  # nothing of ours open, so the other can take it all
    other = sqlite3.connect(_sqlite_path(runtime), isolation_level=None)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("UPDATE organizations SET name = 'Held' WHERE id = ?", (org.id,))
    other.execute("COMMIT")  # the exclusive lock stays until it closes
    threads: list[threading.Thread] = []

    def read(conn: sa.Connection) -> str:
        threads.append(threading.current_thread())
        return str(conn.execute(NAMES, {"p_id": org.id}).scalar_one())

    try:
        reading = asyncio.create_task(runtime.db.read(read))
        assert await _longest_pause(0.4) < 0.25
        assert not reading.done()
        other.close()  # lets the lock go
        assert await reading == "Held"
    finally:
        other.close()
    assert threads[-1] is not threading.current_thread()


async def _file_bytes(path: Path) -> bytes:
    """The database file's bytes, read by another process: a file descriptor of the
    database opened and closed in this one would drop every POSIX lock SQLite holds on
    it here (SQLite's own connections know of each other; a plain ``open`` does not),
    and the session's database would be written unlocked from then on."""
    done = await asyncio.to_thread(
        subprocess.run, ["cat", str(path)], capture_output=True, check=True
    )
    return done.stdout


@SQLITE_ONLY
async def test_the_loops_writes_checkpoint_the_wal_on_the_thread(
    runtime: Runtime, factory: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loop's connection never checkpoints (no commit on the loop copies pages and
    syncs); every ``CHECKPOINT_EVERY`` writes the thread does, so the database file
    takes them in and the WAL does not grow without end."""
    monkeypatch.setattr(db_session, "CHECKPOINT_EVERY", 5)
    org = await factory.org()
    path = Path(_sqlite_path(runtime))
    await runtime.db.transact(lambda conn: _rename(conn, org.id, "Start"))
    await runtime.db.checkpoint()
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = await _file_bytes(path)
    runtime.db._writes = 0  # count from here
    for n in range(4):
        await runtime.db.transact(lambda conn, n=n: _rename(conn, org.id, f"Name {n}"))
    await runtime.db.checkpoint()
    # Four commits in the WAL, none in the file.
    assert await _file_bytes(path) == before
    await runtime.db.transact(lambda conn: _rename(conn, org.id, "Fifth"))
    await runtime.db.checkpoint()
    after = await _file_bytes(path)
    assert after != before
    assert b"Fifth" in after


async def test_a_read_runs_its_statements_alone_outside_any_transaction(
    runtime: Runtime, factory: Factory
) -> None:
    """``Database.read``: committed data, and no ``BEGIN`` or ``COMMIT`` around it."""
    org = await factory.org()
    statements: list[str] = []
    options: list[dict[str, object]] = []

    def _record(conn: sa.Connection, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    def _read(conn: sa.Connection) -> str:
        options.append(dict(conn.get_execution_options()))
        return str(conn.execute(NAMES, {"p_id": org.id}).scalar_one())

    for engine in runtime.db.sync_engines:
        event.listen(engine, "before_cursor_execute", _record)
    try:
        assert await runtime.db.read(_read) == org.name
    finally:
        for engine in runtime.db.sync_engines:
            event.remove(engine, "before_cursor_execute", _record)
    assert len(statements) == 1
    assert statements[0].lstrip().upper().startswith("SELECT")
    if PG_URL is not None:
        assert options[0].get("isolation_level") == "AUTOCOMMIT"
    # It sees what a transaction has just committed.
    await runtime.db.transact(lambda conn: _rename(conn, org.id, "Read back"))
    assert await runtime.db.read(_read) == "Read back"
