"""Write sessions on SQLite: on the event loop's thread while the database is free, on
the driver's thread while another connection holds its write lock."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from flowline.db.models import Organization
from flowline.runtime import Runtime
from tests.db.test_transact import SQLITE_ONLY, _longest_pause, _name, _sqlite_path
from tests.factories import Factory


def _rename(org_id: str, name: str) -> sa.Update:
    return sa.update(Organization).where(Organization.id == org_id).values(name=name)


class Watch:
    """Which of the sessions' engines each statement goes through: ``loop`` (on the
    loop's thread) or ``driver`` (aiosqlite's thread)."""

    def __init__(self, runtime: Runtime) -> None:
        self.seen: list[str] = []
        self.engines = {
            "driver": runtime.db.engine.sync_engine,
            "loop": runtime.db.sync_engines[1],
        }
        self._listeners = {name: self._listener(name) for name in self.engines}

    def _listener(self, name: str) -> Callable[..., None]:
        def on_execute(*_args: object) -> None:
            self.seen.append(name)

        return on_execute

    def __enter__(self) -> Watch:
        for name, engine in self.engines.items():
            event.listen(engine, "before_cursor_execute", self._listeners[name])
        return self

    def __exit__(self, *_exc: object) -> None:
        for name, engine in self.engines.items():
            event.remove(engine, "before_cursor_execute", self._listeners[name])


@SQLITE_ONLY
async def test_a_write_session_runs_its_statements_on_the_loop_thread(
    runtime: Runtime, factory: Factory
) -> None:
    org = await factory.org()
    threads: list[threading.Thread] = []
    with Watch(runtime) as watch:
        async with runtime.db.session(write=True) as session:
            await session.execute(_rename(org.id, "On the loop"))
            names = await session.execute(
                sa.select(Organization.name).where(Organization.id == org.id)
            )
            assert names.scalar_one() == "On the loop"  # rows read after execute answered
            await session.run_sync(lambda _: threads.append(threading.current_thread()))
    assert watch.seen == ["loop", "loop", "loop"]  # BEGIN IMMEDIATE, the UPDATE, the SELECT
    assert threads == [threading.current_thread()]
    assert await _name(runtime, org.id) == "On the loop"


@SQLITE_ONLY
async def test_a_write_session_that_finds_sqlite_locked_waits_on_the_drivers_thread(
    runtime: Runtime, factory: Factory
) -> None:
    """Another connection holds SQLite's write lock (another process, say): the session
    waits for it off the loop, which goes on, and commits once the lock is free."""
    org = await factory.org()
    other = sqlite3.connect(_sqlite_path(runtime), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")

    async def write() -> None:
        async with runtime.db.session(write=True) as session:
            await session.execute(_rename(org.id, "After the wait"))

    try:
        with Watch(runtime) as watch:
            waiting = asyncio.create_task(write())
            assert await _longest_pause(0.5) < 0.25  # the loop is not held by the wait
            assert not waiting.done()
            other.execute("ROLLBACK")
            await waiting
    finally:
        other.close()
    # The first try on the loop, then BEGIN IMMEDIATE and the UPDATE on the driver's thread.
    assert watch.seen == ["loop", "driver", "driver"]
    assert await _name(runtime, org.id) == "After the wait"
    with Watch(runtime) as watch:  # the lock free again: on the loop again
        async with runtime.db.session(write=True) as session:
            await session.execute(_rename(org.id, "Back on the loop"))
    assert watch.seen == ["loop", "loop"]


async def test_a_write_session_that_raises_rolls_back_and_lets_the_next_writer_in(
    runtime: Runtime, factory: Factory
) -> None:
    org = await factory.org()

    async def fail() -> None:
        async with runtime.db.session(write=True) as session:
            await session.execute(_rename(org.id, "Lost"))
            raise RuntimeError("undo")

    with pytest.raises(RuntimeError, match="undo"):
        await fail()
    async with asyncio.timeout(30):  # the write lock was let go
        async with runtime.db.session(write=True) as session:
            await session.execute(_rename(org.id, "Kept"))
    assert await _name(runtime, org.id) == "Kept"
