"""The scheduler loop: fires due schedules, one leader at a time.

Every process with the worker enabled runs ``run_scheduler`` (``flowline serve``
and ``flowline worker``). On PostgreSQL only the process holding a session-level
advisory lock on a dedicated connection leads; the others try again every
``leadership_retry`` seconds, and a leader whose connection drops stops leading.
On SQLite the single process leads.

The leader sleeps until the soonest ``next_run_at`` (at most ``max_sleep``) or a
notification on the ``schedules`` channel (a schedule was created or changed),
then fires each due schedule in its own transaction (``service.fire``). Leading
is an economy, not the guarantee: the schedule row lock and the runs' unique
idempotency key per firing make two schedulers at once still start each firing
once.
"""

from __future__ import annotations

import asyncio
import hashlib
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Final, Protocol

import structlog

from flowline.db.types import utcnow
from flowline.events.bus import Lagged, Subscription, asyncpg_dsn
from flowline.runtime import Runtime
from flowline.schedules import service

if TYPE_CHECKING:
    import asyncpg  # type: ignore[import-untyped]

log = structlog.get_logger("flowline.scheduler")

MAX_SLEEP: Final = 30.0
"""Longest sleep between looks, so a lost notification delays a change at most this."""
LEADERSHIP_RETRY: Final = 10.0
"""How often a process that is not leading tries to become the leader."""
BATCH: Final = 100
"""Due schedules fired per look; more are fired on the next look, at once."""
FAILURE_BACKOFF: Final = timedelta(seconds=30)
"""A schedule whose firing failed unexpectedly is left alone this long."""
LOCK_KEY: Final = int.from_bytes(
    hashlib.sha256(b"flowline.scheduler").digest()[:8], "big", signed=True
)
"""The advisory lock (per database) the leader holds."""
_TIMEOUT = 10.0


class Leadership(Protocol):
    async def acquire(self) -> bool:
        """Try to become the leader; ``False`` if another process leads."""
        ...

    async def held(self) -> bool:
        """Whether this process still leads."""
        ...

    async def release(self) -> None: ...


class SingleProcess:
    """SQLite: one process, which always leads."""

    async def acquire(self) -> bool:
        return True

    async def held(self) -> bool:
        return True

    async def release(self) -> None:
        return None


class AdvisoryLock:
    """PostgreSQL: ``pg_try_advisory_lock`` on a connection of its own, kept while leading.

    The lock belongs to the connection's server session, so it goes when the
    connection does: a leader that cannot reach its connection stops leading.
    """

    def __init__(self, dsn: str) -> None:
        import asyncpg  # PostgreSQL only: not loaded on SQLite

        self._dsn = dsn
        self._conn: asyncpg.Connection | None = None
        self._connect = asyncpg.connect
        self._errors = (OSError, TimeoutError, asyncpg.InterfaceError, asyncpg.PostgresError)

    async def acquire(self) -> bool:
        try:
            if self._conn is None or self._conn.is_closed():
                self._conn = await self._connect(
                    self._dsn,
                    timeout=_TIMEOUT,
                    server_settings={"application_name": "flowline-scheduler"},
                )
            got = await self._conn.fetchval(
                "SELECT pg_try_advisory_lock($1)", LOCK_KEY, timeout=_TIMEOUT
            )
        except self._errors as exc:
            log.warning("scheduler.lock_failed", error=str(exc))
            await self.release()
            return False
        return bool(got)

    async def held(self) -> bool:
        if self._conn is None or self._conn.is_closed():
            return False
        try:
            await self._conn.fetchval("SELECT 1", timeout=_TIMEOUT)
        except self._errors:
            await self.release()
            return False
        return True

    async def release(self) -> None:
        """Drop the connection, and with it the lock."""
        conn, self._conn = self._conn, None
        if conn is not None:
            # terminate(): no round trip to a server that may be gone.
            conn.terminate()


def leadership_for(runtime: Runtime) -> Leadership:
    if runtime.db.is_sqlite:
        return SingleProcess()
    return AdvisoryLock(asyncpg_dsn(runtime.db.url))


class Scheduler:
    def __init__(
        self,
        runtime: Runtime,
        *,
        max_sleep: float = MAX_SLEEP,
        leadership_retry: float = LEADERSHIP_RETRY,
    ) -> None:
        self.runtime = runtime
        self.max_sleep = max_sleep
        self.leadership_retry = leadership_retry
        self.leading = False
        """Whether this scheduler leads now (for tests and health)."""
        self._leadership = leadership_for(runtime)
        self._failed: dict[str, datetime] = {}

    async def run(self) -> None:
        """Lead when possible, until cancelled."""
        subscription = self.runtime.bus.subscribe(service.CHANNEL)
        try:
            while True:
                if await self._leadership.acquire():
                    self.leading = True
                    log.info("scheduler.leading")
                    try:
                        await self._lead(subscription)
                    finally:
                        self.leading = False
                        await self._leadership.release()
                    log.warning("scheduler.leadership_lost")
                await asyncio.sleep(self.leadership_retry)
        finally:
            subscription.close()
            await self._leadership.release()

    async def _lead(self, subscription: Subscription) -> None:
        while await self._leadership.held():
            try:
                wait = await self.tick()
            except Exception as exc:  # the database may be away; look again soon
                log.warning("scheduler.tick_failed", error_type=type(exc).__name__)
                wait = min(self.max_sleep, 5.0)
            await self._sleep(subscription, wait)

    async def tick(self) -> float:
        """Fire every due schedule; the seconds until the next one is due."""
        now = utcnow()
        self._failed = {sid: until for sid, until in self._failed.items() if until > now}
        db, bus = self.runtime.db, self.runtime.bus
        async with db.session() as session:
            due = await service.due_schedule_ids(session, now, BATCH, besides=list(self._failed))
        fired = 0
        for schedule_id in due:
            try:
                async with db.session(write=True) as session:
                    if await service.fire(session, bus, schedule_id, now) is not None:
                        fired += 1
            except Exception as exc:
                log.warning(
                    "scheduler.fire_failed",
                    schedule_id=schedule_id,
                    error_type=type(exc).__name__,
                )
                self._failed[schedule_id] = now + FAILURE_BACKOFF
        async with db.session() as session:
            soonest = await service.earliest_next_run(session, besides=list(self._failed))
        times = [t for t in (soonest, *self._failed.values()) if t is not None]
        if not times:
            return self.max_sleep
        wait = (min(times) - utcnow()).total_seconds()
        if wait <= 0 and not fired:
            # Due but held by another scheduler: give it a moment to commit.
            wait = 0.5
        return min(max(wait, 0.0), self.max_sleep)

    async def _sleep(self, subscription: Subscription, seconds: float) -> None:
        """Until ``seconds`` pass or a schedule changes."""
        if seconds <= 0:
            return
        try:
            async with asyncio.timeout(seconds):
                await anext(subscription)
        except (TimeoutError, Lagged):
            return
        except StopAsyncIteration:  # the bus is closing; only time can wake us
            await asyncio.sleep(seconds)


async def run_scheduler(
    runtime: Runtime,
    *,
    max_sleep: float = MAX_SLEEP,
    leadership_retry: float = LEADERSHIP_RETRY,
) -> None:
    """Run the scheduler until cancelled (the app lifespan and ``flowline worker`` call this)."""
    await Scheduler(runtime, max_sleep=max_sleep, leadership_retry=leadership_retry).run()


__all__ = ["Scheduler", "run_scheduler"]
