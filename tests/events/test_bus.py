"""The notification bus, on the database under test.

On SQLite one ``LocalBus`` plays both sides. On PostgreSQL two ``PostgresBus``
instances stand in for two processes: what one publishes, the other receives.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
import sqlalchemy as sa
from sqlalchemy import text

from flowline.agents.turn_store.sql import Notices
from flowline.db.session import Database
from flowline.events import bus as bus_module
from flowline.events.bus import (
    MAX_PAYLOAD_BYTES,
    Bus,
    Lagged,
    LocalBus,
    PostgresBus,
    Subscription,
    asyncpg_dsn,
    bus_for,
)
from flowline.runtime import Runtime
from tests.postgres import PG_URL

WAIT = 5.0
needs_postgres = pytest.mark.skipif(PG_URL is None, reason="needs FLOWLINE_TEST_DATABASE_URL")


async def receive(subscription: Subscription) -> str:
    return await asyncio.wait_for(anext(subscription), WAIT)


async def receive_n(subscription: Subscription, count: int) -> list[str]:
    return [await receive(subscription) for _ in range(count)]


async def nothing_arrives(subscription: Subscription, within: float = 0.2) -> bool:
    try:
        await asyncio.wait_for(anext(subscription), within)
    except TimeoutError:
        return True
    return False


def make_postgres_bus(database: Database, **options: Any) -> PostgresBus:
    return PostgresBus(asyncpg_dsn(database.url), reconnect_min=0.05, **options)


@pytest.fixture
async def pair(runtime: Runtime) -> AsyncIterator[tuple[Bus, Bus]]:
    """A publishing side and a receiving side: two processes' buses on PostgreSQL."""
    if runtime.db.is_sqlite:
        local = LocalBus()
        await local.start()
        yield local, local
        await local.close()
        return
    first, second = make_postgres_bus(runtime.db), make_postgres_bus(runtime.db)
    await first.start()
    await second.start()
    yield first, second
    await first.close()
    await second.close()


# both databases


async def test_publish_reaches_the_other_side(pair: tuple[Bus, Bus]) -> None:
    publisher, receiver = pair
    async with receiver.subscribe("run:r1") as one, receiver.subscribe("run:r1") as two:
        other = receiver.subscribe("run:r2")
        await publisher.publish("run:r1", '{"seq": 1}')
        assert await receive(one) == '{"seq": 1}'
        assert await receive(two) == '{"seq": 1}'
        assert await nothing_arrives(other)
        other.close()


async def test_payload_may_hold_the_separator_and_unicode(pair: tuple[Bus, Bus]) -> None:
    publisher, receiver = pair
    payload = "a\x1fb ✓ " + "x" * (MAX_PAYLOAD_BYTES - 20)
    async with receiver.subscribe("tasks") as subscription:
        await publisher.publish("tasks", payload)
        assert await receive(subscription) == payload


async def test_order_is_kept_per_publisher(pair: tuple[Bus, Bus]) -> None:
    publisher, receiver = pair
    async with receiver.subscribe("ordered") as subscription:
        for n in range(300):
            await publisher.publish("ordered", str(n))
        assert await receive_n(subscription, 300) == [str(n) for n in range(300)]


async def test_slow_subscriber_is_marked_lagged_and_never_blocks_a_fast_one(
    pair: tuple[Bus, Bus], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bus_module, "QUEUE_LIMIT", 20)
    publisher, receiver = pair
    slow = receiver.subscribe("busy")
    fast = receiver.subscribe("busy")
    received: list[str] = []
    # The fast one reads each burst as it comes; the slow one reads nothing.
    for burst in range(10):
        for n in range(10):
            await publisher.publish("busy", str(burst * 10 + n))
        received += await receive_n(fast, 10)
    assert received == [str(n) for n in range(100)]
    assert fast.lag_count == 0

    with pytest.raises(Lagged):
        await receive(slow)
    assert slow.lag_count >= 1
    # After the signal the subscription goes on with what comes next.
    await publisher.publish("busy", "next")
    payloads = []
    while (payload := await receive(slow)) != "next":
        payloads.append(payload)
    assert len(payloads) < 20
    slow.close()
    fast.close()


async def test_closed_subscription_ends_iteration(pair: tuple[Bus, Bus]) -> None:
    publisher, receiver = pair
    subscription = receiver.subscribe("ending")
    seen: list[str] = []
    first = asyncio.Event()

    async def collect() -> None:
        async for payload in subscription:
            seen.append(payload)
            first.set()

    collector = asyncio.create_task(collect())
    await publisher.publish("ending", "one")
    await asyncio.wait_for(first.wait(), WAIT)
    subscription.close()
    await asyncio.wait_for(collector, WAIT)
    assert seen == ["one"]
    assert subscription.closed
    await publisher.publish("ending", "two")
    with pytest.raises(StopAsyncIteration):
        await anext(subscription)


@pytest.mark.parametrize(
    ("channel", "payload", "problem"),
    [
        ("", "x", "channel must be 1 to"),
        ("c" * 201, "x", "channel must be 1 to"),
        ("rün", "x", "ASCII"),
        ("a\x1fb", "x", "control characters"),
        ("ok", "x" * (MAX_PAYLOAD_BYTES + 1), "larger than"),
        ("ok", "é" * (MAX_PAYLOAD_BYTES // 2 + 1), "larger than"),
        ("ok", "a\x00b", "NUL"),
    ],
)
async def test_bad_messages_are_refused(
    pair: tuple[Bus, Bus], channel: str, payload: str, problem: str
) -> None:
    publisher, _ = pair
    with pytest.raises(ValueError, match=problem):
        await publisher.publish(channel, payload)


# notifications inside a transaction, both databases


async def test_transactional_notify_is_sent_on_commit_only(
    pair: tuple[Bus, Bus], runtime: Runtime
) -> None:
    publisher, receiver = pair
    async with receiver.subscribe("tx") as subscription:
        async with runtime.db.session(write=True) as session:
            await publisher.notify_in_transaction(session, "tx", "committed")
            assert await nothing_arrives(subscription)
        assert await receive(subscription) == "committed"

        async def rolled_back() -> None:
            async with runtime.db.session(write=True) as session:
                await publisher.notify_in_transaction(session, "tx", "rolled back")
                raise RuntimeError("undo")

        with pytest.raises(RuntimeError, match="undo"):
            await rolled_back()
        # Nothing was sent for the rolled-back one: the next thing is this marker.
        await publisher.publish("tx", "marker")
        assert await receive(subscription) == "marker"


async def test_notices_of_a_plain_transaction_are_sent_once_it_commits(
    pair: tuple[Bus, Bus], runtime: Runtime
) -> None:
    """``Database.transact`` code (a chat turn's end) notifies through ``Notices``: inside
    its transaction on PostgreSQL (one statement for all), after it on the local bus."""
    publisher, receiver = pair

    def write(conn: sa.Connection, notices: Notices, fail: bool) -> None:
        notices.add("plain", "one")
        notices.add("plain", "two")
        notices.send(conn)
        if fail:
            raise RuntimeError("undo")

    async with receiver.subscribe("plain") as subscription:
        undone = Notices(publisher)
        with pytest.raises(RuntimeError, match="undo"):
            await runtime.db.transact(functools.partial(write, notices=undone, fail=True))
        kept = Notices(publisher)
        await runtime.db.transact(functools.partial(write, notices=kept, fail=False))
        await kept.publish()
        assert [await receive(subscription), await receive(subscription)] == ["one", "two"]
        assert await nothing_arrives(subscription)


async def test_rolled_back_savepoint_drops_its_notifications(
    pair: tuple[Bus, Bus], runtime: Runtime
) -> None:
    publisher, receiver = pair
    async with receiver.subscribe("sp") as subscription:
        async with runtime.db.session(write=True) as session:
            await publisher.notify_in_transaction(session, "sp", "before")

            async def rolled_back_savepoint() -> None:
                async with session.begin_nested():
                    await publisher.notify_in_transaction(session, "sp", "inside")
                    raise RuntimeError("undo the savepoint")

            with pytest.raises(RuntimeError, match="savepoint"):
                await rolled_back_savepoint()
            async with session.begin_nested():
                await publisher.notify_in_transaction(session, "sp", "kept")
            await publisher.notify_in_transaction(session, "sp", "after")
        assert await receive_n(subscription, 3) == ["before", "kept", "after"]
        await publisher.publish("sp", "marker")
        assert await receive(subscription) == "marker"


async def test_session_closed_without_commit_sends_nothing(
    pair: tuple[Bus, Bus], runtime: Runtime
) -> None:
    publisher, receiver = pair
    async with receiver.subscribe("closed") as subscription:
        async with runtime.db.sessions() as session:
            await publisher.notify_in_transaction(session, "closed", "never")
        async with runtime.db.sessions() as session:
            await publisher.notify_in_transaction(session, "closed", "second")
            await session.commit()
            # The same session, a new transaction: only its own notifications go.
            await publisher.notify_in_transaction(session, "closed", "third")
            await session.rollback()
        assert await receive(subscription) == "second"
        await publisher.publish("closed", "marker")
        assert await receive(subscription) == "marker"


async def test_bus_for_fits_the_database(runtime: Runtime) -> None:
    bus = bus_for(runtime.db)
    assert isinstance(bus, LocalBus if runtime.db.is_sqlite else PostgresBus)


# LocalBus


async def test_local_bus_refuses_a_bare_connection(runtime: Runtime) -> None:
    bus = LocalBus()
    async with runtime.db.engine.connect() as connection:
        with pytest.raises(TypeError, match="AsyncSession"):
            await bus.notify_in_transaction(connection, "tasks", "x")
    await bus.close()


async def test_closing_the_local_bus_ends_subscriptions() -> None:
    bus = LocalBus()
    subscription = bus.subscribe("tasks")
    await bus.close()
    with pytest.raises(StopAsyncIteration):
        await receive(subscription)
    with pytest.raises(RuntimeError, match="closed"):
        await bus.publish("tasks", "x")
    with pytest.raises(RuntimeError, match="closed"):
        bus.subscribe("tasks")


async def test_two_local_buses_on_one_session_deliver_their_own(runtime: Runtime) -> None:
    first, second = LocalBus(), LocalBus()
    async with first.subscribe("c") as on_first, second.subscribe("c") as on_second:
        async with runtime.db.session() as session:
            await first.notify_in_transaction(session, "c", "1")
            await second.notify_in_transaction(session, "c", "2")
        assert await receive(on_first) == "1"
        assert await receive(on_second) == "2"
        assert await nothing_arrives(on_first)
    await first.close()
    await second.close()


# PostgresBus


def test_dsn_drops_the_sqlalchemy_driver_name() -> None:
    dsn = asyncpg_dsn("postgresql+asyncpg://u:p%40ss@db.example:5433/flow?sslmode=require")
    assert dsn == "postgresql://u:p%40ss@db.example:5433/flow?sslmode=require"


@pytest.mark.postgres
@needs_postgres
async def test_publish_before_start_is_refused(runtime: Runtime) -> None:
    bus = make_postgres_bus(runtime.db)
    with pytest.raises(RuntimeError, match="not started"):
        await bus.publish("tasks", "x")


@pytest.mark.postgres
@needs_postgres
async def test_transactional_notify_on_a_connection(
    pair: tuple[Bus, Bus], runtime: Runtime
) -> None:
    publisher, receiver = pair
    async with receiver.subscribe("conn") as subscription:
        async with runtime.db.engine.connect() as connection:
            await publisher.notify_in_transaction(connection, "conn", "rolled back")
            await connection.rollback()
            await publisher.notify_in_transaction(connection, "conn", "committed")
            await connection.commit()
        assert await receive(subscription) == "committed"


@pytest.mark.postgres
@needs_postgres
async def test_subscribers_keep_working_after_the_listener_is_killed(
    pair: tuple[Bus, Bus], runtime: Runtime
) -> None:
    publisher, receiver = pair
    assert isinstance(receiver, PostgresBus)
    async with receiver.subscribe("survive") as subscription:
        pid = receiver.listener_pid
        assert pid is not None
        killer = await asyncpg.connect(asyncpg_dsn(runtime.db.url))
        try:
            assert await killer.fetchval("SELECT pg_terminate_backend($1)", pid)
        finally:
            await killer.close()

        async with asyncio.timeout(WAIT):
            # The bus offers no event for this; polling its state is enough here.
            while receiver.reconnects < 1 or not receiver.connected:  # noqa: ASYNC110
                await asyncio.sleep(0.02)
        assert receiver.listener_pid not in (None, pid)
        # Anything sent while it was down is lost, so the subscriber is told.
        with pytest.raises(Lagged):
            await receive(subscription)
        await publisher.publish("survive", "after")
        assert await receive(subscription) == "after"


async def _bus_connections(database: Database) -> int:
    async with database.engine.connect() as connection:
        count = await connection.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND application_name LIKE 'flowline-bus%'"
            )
        )
        await connection.rollback()
    assert isinstance(count, int)
    return count


@pytest.mark.postgres
@needs_postgres
async def test_close_releases_every_connection(runtime: Runtime) -> None:
    before = await _bus_connections(runtime.db)
    bus = make_postgres_bus(runtime.db)
    await bus.start()
    subscription = bus.subscribe("tasks")
    await bus.publish("tasks", "x")
    assert await receive(subscription) == "x"
    assert await _bus_connections(runtime.db) >= before + 2  # listener and publisher
    await bus.close()
    with pytest.raises(StopAsyncIteration):
        await receive(subscription)
    with pytest.raises(RuntimeError, match="closed"):
        await bus.publish("tasks", "x")
    async with asyncio.timeout(WAIT):
        # The server drops a closed backend a moment after the client lets go.
        while await _bus_connections(runtime.db) != before:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
