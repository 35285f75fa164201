"""``Database.transact``: a plain function of one connection, in one transaction."""

from __future__ import annotations

import asyncio
import threading

import pytest
import sqlalchemy as sa
from sqlalchemy import event

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


@pytest.mark.skipif(PG_URL is not None, reason="SQLite's one writer at a time")
async def test_writers_of_both_kinds_take_turns_in_the_process_not_in_sqlite(
    runtime: Runtime, factory: Factory
) -> None:
    """A session that would write waits for a running ``transact`` write on the
    process's lock: it does not begin (and sit in SQLite's busy handler, which can
    time out) until that one has committed."""
    org = await factory.org()
    inside, go_on = threading.Event(), threading.Event()

    def slow(conn: sa.Connection) -> str:
        name = _rename(conn, org.id, "First")
        inside.set()
        go_on.wait(10)
        return name

    first = asyncio.create_task(runtime.db.transact(slow))
    assert await asyncio.to_thread(inside.wait, 10)
    begun: list[str] = []

    def on_execute(_conn: sa.Connection, _cursor: object, statement: str, *_args: object) -> None:
        if statement.startswith("BEGIN"):
            begun.append(statement)

    sessions = runtime.db.engine.sync_engine
    event.listen(sessions, "before_cursor_execute", on_execute)
    try:

        async def second() -> None:
            async with runtime.db.session(write=True) as session:
                await session.execute(
                    sa.update(Organization).where(Organization.id == org.id).values(name="Second")
                )

        waiting = asyncio.create_task(second())
        await asyncio.sleep(0.2)
        assert begun == []
        go_on.set()
        assert await first == "First"
        await waiting
    finally:
        go_on.set()
        event.remove(sessions, "before_cursor_execute", on_execute)
    assert begun == ["BEGIN IMMEDIATE"]
    assert await _name(runtime, org.id) == "Second"


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
