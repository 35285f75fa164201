"""Keeping a task's lease while its handler works outside any transaction."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import structlog

from flowline.engine import queue
from flowline.engine.queue import Lease, LeaseLost
from flowline.runtime import Runtime

log = structlog.get_logger("flowline.engine")


@contextlib.asynccontextmanager
async def leased(runtime: Runtime, lease: Lease) -> AsyncIterator[None]:
    """Extend ``lease`` every third of its length until the block ends (or it is lost)."""

    async def beat() -> None:
        every = max(0.5, runtime.settings.lease_seconds / 3)
        while True:
            await asyncio.sleep(every)
            try:
                async with runtime.db.session(write=True) as tx:
                    await queue.extend(tx, lease, runtime.settings.lease_seconds)
            except LeaseLost:
                return
            except Exception as exc:  # a missed beat is retried; the lease has slack
                log.warning("heartbeat_failed", kind=lease.kind, error_type=type(exc).__name__)

    task = asyncio.create_task(beat())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
