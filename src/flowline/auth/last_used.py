"""Recording when API keys were last used, off the request's path.

At most one write per key per interval in this process, made by a task of its
own with its own connection: a burst of requests with a key never waits on,
or exhausts, the connection pool for it. A write lost to a crash only leaves
``last_used_at`` a little older.
"""

from __future__ import annotations

import asyncio
import time

import structlog

from flowline.auth.repository import CredentialRepository
from flowline.db.session import Database
from flowline.db.types import utcnow

log = structlog.get_logger("flowline.auth")
_MAX_TRACKED = 100_000


class LastUsedRecorder:
    def __init__(self, db: Database, interval_seconds: float = 60.0) -> None:
        self.db = db
        self.interval = interval_seconds
        self._next_write: dict[str, float] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def seen(self, key_id: str) -> None:
        """Note a use of ``key_id`` whose stored ``last_used_at`` is stale."""
        now = time.monotonic()
        if self._next_write.get(key_id, 0.0) > now:
            return
        if len(self._next_write) >= _MAX_TRACKED:
            self._next_write = {k: t for k, t in self._next_write.items() if t > now}
        self._next_write[key_id] = now + self.interval
        task = asyncio.create_task(self._write(key_id), name="flowline-key-last-used")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _write(self, key_id: str) -> None:
        try:
            async with self.db.session(write=True) as session:
                await CredentialRepository(session).touch_key(key_id, utcnow())
        except Exception as exc:  # a missed timestamp is not worth failing anything for
            log.warning("last_used_write_failed", error_type=type(exc).__name__)

    async def drain(self) -> None:
        """Wait for pending writes (shutdown, and tests that read the timestamp)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
