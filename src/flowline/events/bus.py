"""Notifications between the parts of Flowline, within one process or across many.

A notification is a hint that something changed ("a task is due", "run r1 has a
new event"); the database holds the truth. Delivery is at most once: a consumer
that receives ``Lagged`` may have missed some and re-reads the database.

``LocalBus`` fans out in process (SQLite: one process). ``PostgresBus`` carries
every channel over one PostgreSQL ``LISTEN``/``NOTIFY`` channel, ``flowline_events``,
as ``<channel>\\x1f<payload>``, because PostgreSQL channel names are short
identifiers, and fans out to local subscribers by channel in each process.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final, Protocol, Self

import structlog
from sqlalchemy import String, bindparam, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm import Session, SessionTransaction
from sqlalchemy.sql import ColumnElement

from flowline.db.session import Database

if TYPE_CHECKING:
    import asyncpg  # type: ignore[import-untyped]

log = structlog.get_logger("flowline.events")

PG_CHANNEL: Final = "flowline_events"
"""The one PostgreSQL channel all Flowline channels travel on."""
SEPARATOR: Final = "\x1f"
MAX_CHANNEL_BYTES: Final = 200
MAX_PAYLOAD_BYTES: Final = 7000
"""PostgreSQL refuses a notification over 8,000 bytes; channel and payload fit under it."""
QUEUE_LIMIT = 10_000
"""Notifications a subscriber may have waiting before it is marked lagged."""

_PENDING: Final = "flowline_bus_pending"
"""Key (with the bus) of notifications a session holds until it commits."""


class Lagged(Exception):
    """Raised by a subscription that may have missed notifications; re-read the database."""


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


_LAGGED: Final = _Marker("LAGGED")
_CLOSED: Final = _Marker("CLOSED")


class Subscription:
    """Notifications on one channel, as an async iterator of payloads.

    Iteration ends when the subscription or its bus is closed. ``Lagged`` is
    raised once each time notifications were dropped (the subscriber fell
    ``QUEUE_LIMIT`` behind, or the bus lost its connection); iterating again
    after it goes on with newer notifications.
    """

    def __init__(self, channel: str, on_close: Callable[[Subscription], None]) -> None:
        self.channel = channel
        self.lag_count = 0
        """How many times this subscription was marked lagged."""
        self._queue: asyncio.Queue[str | _Marker] = asyncio.Queue()
        self._on_close = on_close
        self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> str:
        if self._closed and self._queue.empty():
            raise StopAsyncIteration
        item = await self._queue.get()
        if item is _CLOSED:
            raise StopAsyncIteration
        if item is _LAGGED:
            raise Lagged(f"subscriber to {self.channel!r} missed notifications")
        assert isinstance(item, str)
        return item

    def close(self) -> None:
        """Stop receiving; a consumer waiting on the iterator sees it end."""
        if self._closed:
            return
        self._closed = True
        self._on_close(self)
        self._queue.put_nowait(_CLOSED)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def deliver(self, payload: str) -> None:
        """Queue one payload without ever waiting; overflow marks the subscriber lagged."""
        if self._closed:
            return
        if self._queue.qsize() >= QUEUE_LIMIT:
            self.mark_lagged()
            return
        self._queue.put_nowait(payload)

    def mark_lagged(self) -> None:
        """Drop what is waiting (the consumer re-reads the database anyway) and say so."""
        if self._closed:
            return
        self.lag_count += 1
        while not self._queue.empty():
            self._queue.get_nowait()
        self._queue.put_nowait(_LAGGED)


class Bus(Protocol):
    """Publish and subscribe to notifications by channel name."""

    async def start(self) -> None:
        """Connect; subscriptions receive what is published after this returns."""
        ...

    async def close(self) -> None:
        """End every subscription and release every connection."""
        ...

    async def publish(self, channel: str, payload: str) -> None:
        """Send now, outside any transaction."""
        ...

    async def notify_in_transaction(
        self, session: AsyncSession | AsyncConnection, channel: str, payload: str
    ) -> None:
        """Send when ``session``'s transaction commits; never if it rolls back."""
        ...

    def notify_call(self, channel: str, payload: str) -> ColumnElement[Any] | None:
        """An SQL expression that sends when the transaction selecting it commits, for code
        on a plain connection (``Database.transact``); ``None``: ``publish`` after it."""
        ...

    def subscribe(self, channel: str) -> Subscription:
        """A new subscription to ``channel`` in this process."""
        ...


def check_message(channel: str, payload: str) -> None:
    """Raise ``ValueError`` unless the channel and payload can travel on either bus."""
    if not channel or len(channel) > MAX_CHANNEL_BYTES or not channel.isascii():
        raise ValueError(f"channel must be 1 to {MAX_CHANNEL_BYTES} ASCII characters")
    if not channel.isprintable():
        raise ValueError("channel must not contain control characters")
    if len(payload.encode()) > MAX_PAYLOAD_BYTES:
        raise ValueError(f"payload is larger than {MAX_PAYLOAD_BYTES} bytes")
    if "\x00" in payload:
        raise ValueError("payload must not contain NUL characters")


class _Fanout:
    """Local subscribers by channel; delivery never waits on any of them."""

    def __init__(self) -> None:
        self._subscribers: dict[str, set[Subscription]] = {}

    def subscribe(self, channel: str) -> Subscription:
        check_message(channel, "")
        subscription = Subscription(channel, self._remove)
        self._subscribers.setdefault(channel, set()).add(subscription)
        return subscription

    def deliver(self, channel: str, payload: str) -> None:
        for subscription in tuple(self._subscribers.get(channel, ())):
            subscription.deliver(payload)

    def mark_all_lagged(self) -> None:
        for subscriptions in self._subscribers.values():
            for subscription in subscriptions:
                subscription.mark_lagged()

    def close_all(self) -> None:
        for subscriptions in tuple(self._subscribers.values()):
            for subscription in tuple(subscriptions):
                subscription.close()

    def _remove(self, subscription: Subscription) -> None:
        subscriptions = self._subscribers.get(subscription.channel)
        if subscriptions is not None:
            subscriptions.discard(subscription)
            if not subscriptions:
                del self._subscribers[subscription.channel]


class LocalBus:
    """In-process bus: every subscriber of the channel gets each notification."""

    def __init__(self) -> None:
        self._fanout = _Fanout()
        self._closed = False

    async def start(self) -> None:
        """Nothing to connect; present so both buses start the same way."""

    async def close(self) -> None:
        """End every subscription; later publishes are refused."""
        self._closed = True
        self._fanout.close_all()

    async def publish(self, channel: str, payload: str) -> None:
        """Deliver to this process's subscribers of ``channel``."""
        check_message(channel, payload)
        self._check_open()
        self._fanout.deliver(channel, payload)

    async def notify_in_transaction(
        self, session: AsyncSession | AsyncConnection, channel: str, payload: str
    ) -> None:
        """Hold the notification on the session until its transaction commits.

        A rolled-back savepoint drops what was sent inside it, as PostgreSQL does.
        Only a session can say when it committed, so a bare connection is refused.
        """
        check_message(channel, payload)
        self._check_open()
        if not isinstance(session, AsyncSession):
            raise TypeError("LocalBus.notify_in_transaction needs an AsyncSession")
        await session.connection()  # begins the transaction if none is open
        sync_session = session.sync_session
        transaction = sync_session.get_nested_transaction() or sync_session.get_transaction()
        assert transaction is not None
        # Per bus, so that two buses used on one session each deliver their own.
        by_bus: dict[_Fanout, list[_Pending]] = sync_session.info.setdefault(_PENDING, {})
        by_bus.setdefault(self._fanout, []).append((transaction, channel, payload))

    def notify_call(self, channel: str, payload: str) -> ColumnElement[Any] | None:
        check_message(channel, payload)
        return None

    def subscribe(self, channel: str) -> Subscription:
        """A new subscription; it receives what is published from now on."""
        self._check_open()
        return self._fanout.subscribe(channel)

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("the bus is closed")


_Pending = tuple[SessionTransaction, str, str]
"""A notification held until its session commits: the transaction it was sent in."""


# Registered once for every session (not per session: a listener added to a session
# costs more than most of its statements); a session with nothing pending costs a
# dictionary look-up per commit.
@event.listens_for(Session, "after_commit")
def _deliver_pending(committed: Session) -> None:
    for fanout, pending in committed.info.pop(_PENDING, {}).items():
        for _transaction, channel, payload in pending:
            fanout.deliver(channel, payload)


@event.listens_for(Session, "after_soft_rollback")
def _drop_rolled_back(rolled_back: Session, previous: SessionTransaction) -> None:
    for pending in rolled_back.info.get(_PENDING, {}).values():
        pending[:] = [item for item in pending if not _within(item[0], previous)]


@event.listens_for(Session, "after_transaction_end")
def _drop_uncommitted(ended: Session, transaction: SessionTransaction) -> None:
    # A transaction closed without commit (session closed) sends nothing.
    if transaction.parent is None:
        ended.info.pop(_PENDING, None)


def _within(transaction: SessionTransaction, ancestor: SessionTransaction) -> bool:
    current: SessionTransaction | None = transaction
    while current is not None:
        if current is ancestor:
            return True
        current = current.parent
    return False


class PostgresBus:
    """Bus over PostgreSQL ``LISTEN``/``NOTIFY``, shared by every process on the database.

    One dedicated connection listens and reconnects with backoff if it drops;
    after it is back, every subscription is marked lagged, since notifications
    sent in between are lost. Publishing borrows a connection from a small pool.
    A process's own publishes come back through PostgreSQL like anyone else's,
    so each subscriber sees one publisher's notifications in the order sent.
    """

    def __init__(
        self,
        dsn: str,
        *,
        pool_size: int = 4,
        reconnect_min: float = 0.1,
        reconnect_max: float = 10.0,
        keepalive: float = 15.0,
        timeout: float = 10.0,
    ) -> None:
        self._dsn = dsn
        self._pool_size = pool_size
        self._reconnect_min = reconnect_min
        self._reconnect_max = reconnect_max
        self._keepalive = keepalive
        self._timeout = timeout
        self._fanout = _Fanout()
        self._pool: asyncpg.Pool | None = None
        self._listener: asyncpg.Connection | None = None
        self._supervisor: asyncio.Task[None] | None = None
        self._closed = False
        self.reconnects = 0
        """How many times the listening connection was re-established."""

    @property
    def connected(self) -> bool:
        """Whether the listening connection is up."""
        return self._listener is not None

    @property
    def listener_pid(self) -> int | None:
        """The server process id of the listening connection, while connected."""
        return None if self._listener is None else self._listener.get_server_pid()

    async def start(self) -> None:
        """Open the publishing pool and the listening connection; raises if unreachable."""
        if self._supervisor is not None:
            return
        import asyncpg  # PostgreSQL only: not loaded on SQLite

        settings = {"application_name": "flowline-bus"}
        self._pool = await asyncpg.create_pool(
            self._dsn,
            min_size=1,
            max_size=self._pool_size,
            server_settings=settings,
            timeout=self._timeout,
        )
        try:
            listener = await self._listen()
        except BaseException:
            await self._pool.close()
            self._pool = None
            raise
        self._supervisor = asyncio.create_task(self._supervise(listener), name="flowline-bus")

    async def close(self) -> None:
        """End every subscription and release every connection."""
        self._closed = True
        self._fanout.close_all()
        if self._supervisor is not None:
            self._supervisor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._supervisor
            self._supervisor = None
        if self._pool is not None:
            await self._pool.close()
            self._pool = None

    async def publish(self, channel: str, payload: str) -> None:
        """``NOTIFY`` every process listening on this database.

        If PostgreSQL cannot be reached the notification is dropped and logged:
        notifications are hints, and the caller's own work has already committed.
        """
        import asyncpg

        check_message(channel, payload)
        pool = self._pool
        if pool is None:
            raise RuntimeError(
                "the bus is not started" if not self._closed else "the bus is closed"
            )
        try:
            async with pool.acquire(timeout=self._timeout) as conn:
                await conn.execute(
                    "SELECT pg_notify($1, $2)", PG_CHANNEL, f"{channel}{SEPARATOR}{payload}"
                )
        except (OSError, TimeoutError, asyncpg.InterfaceError, asyncpg.PostgresError) as exc:
            log.warning("bus.publish_failed", channel=channel, error=str(exc))

    async def notify_in_transaction(
        self, session: AsyncSession | AsyncConnection, channel: str, payload: str
    ) -> None:
        """``pg_notify`` inside the caller's transaction; PostgreSQL sends it on commit.

        Identical notifications within one transaction may arrive once.
        """
        check_message(channel, payload)
        await session.execute(_NOTIFY, {"p_message": f"{channel}{SEPARATOR}{payload}"})

    def notify_call(self, channel: str, payload: str) -> ColumnElement[Any] | None:
        check_message(channel, payload)
        return func.pg_notify(PG_CHANNEL, f"{channel}{SEPARATOR}{payload}")

    def subscribe(self, channel: str) -> Subscription:
        """A new subscription; it receives what is published after the call."""
        if self._closed:
            raise RuntimeError("the bus is closed")
        return self._fanout.subscribe(channel)

    async def _listen(self) -> asyncpg.Connection:
        import asyncpg

        conn: asyncpg.Connection = await asyncpg.connect(
            self._dsn,
            timeout=self._timeout,
            server_settings={"application_name": "flowline-bus-listen"},
        )
        try:
            await conn.add_listener(PG_CHANNEL, self._on_notification)
        except BaseException:
            conn.terminate()
            raise
        self._listener = conn
        return conn

    async def _supervise(self, listener: asyncpg.Connection) -> None:
        """Keep a listening connection up until the bus closes."""
        import asyncpg

        delay = self._reconnect_min
        conn: asyncpg.Connection | None = listener
        while True:
            try:
                if conn is None:
                    conn = await self._listen()
                    self.reconnects += 1
                    delay = self._reconnect_min
                    # Whatever was sent while nobody listened is gone.
                    self._fanout.mark_all_lagged()
                    log.info("bus.reconnected", reconnects=self.reconnects)
                await self._watch(conn)
                log.warning("bus.connection_lost")
            except asyncio.CancelledError:
                raise
            except (OSError, TimeoutError, asyncpg.InterfaceError, asyncpg.PostgresError) as exc:
                log.warning("bus.listen_failed", error=str(exc), retry_in=round(delay, 2))
            finally:
                if conn is not None:
                    self._forget(conn)
                    conn = None
            await asyncio.sleep(delay * random.uniform(0.5, 1.0))
            delay = min(delay * 2, self._reconnect_max)

    async def _watch(self, conn: asyncpg.Connection) -> None:
        """Return when ``conn`` is lost; a periodic query notices a silent network drop."""
        lost = asyncio.Event()
        conn.add_termination_listener(lambda _conn: lost.set())
        while not lost.is_set() and not conn.is_closed():
            try:
                await asyncio.wait_for(lost.wait(), self._keepalive)
            except TimeoutError:
                await conn.fetchval("SELECT 1", timeout=self._timeout)

    def _forget(self, conn: asyncpg.Connection) -> None:
        if self._listener is conn:
            self._listener = None
        # terminate() closes at once, without a round trip to a server that may be gone.
        conn.terminate()

    def _on_notification(self, _conn: Any, _pid: int, _channel: str, message: str) -> None:
        channel, separator, payload = message.partition(SEPARATOR)
        if separator:
            self._fanout.deliver(channel, payload)


_NOTIFY = select(func.pg_notify(PG_CHANNEL, bindparam("p_message", type_=String)))
"""Built once: issued for nearly every transaction, and a statement made afresh on every
call costs more to build and key for the compiled cache than to run."""


def bus_for(database: Database) -> Bus:
    """The bus that fits the database: in process on SQLite, ``LISTEN``/``NOTIFY`` on PostgreSQL."""
    if database.is_sqlite:
        return LocalBus()
    return PostgresBus(asyncpg_dsn(database.url))


def asyncpg_dsn(url: str) -> str:
    """A SQLAlchemy database URL as a plain ``postgresql://`` DSN for asyncpg."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
