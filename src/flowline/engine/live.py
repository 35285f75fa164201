"""Runs this process drives itself, outside the executor: agent chat turns.

A chat turn starts in the API process that took the request, so its first
token is not a queue hop away. It still holds a ``turn`` task under a lease,
like any engine work: if the process dies, the lease runs out and a worker
takes the turn over. ``LiveRuns`` keeps the leases of all such runs alive with
one ``UPDATE`` per beat (not one transaction per run) and knows the asyncio
task driving each, so that a cancellation stops it at once.

Other task kinds than the executor's (``turn``, ``callback``) are handled by
the functions of ``Runtime.handlers``, registered where the runtime is built
(``process.build_runtime``).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
import structlog

from flowline.db.models import Task
from flowline.db.session import Database
from flowline.db.types import utcnow
from flowline.engine.queue import Lease

if TYPE_CHECKING:
    from flowline.runtime import Runtime

log = structlog.get_logger("flowline.engine")

Handler = Callable[["Runtime", Lease], Awaitable[None]]
"""Runs one claimed task of a kind the executor does not run itself."""
BatchHandler = Callable[["Runtime", list[Lease]], Awaitable[None]]
"""Runs the tasks of one kind that a claim took together (in one transaction where it
can): every lease is its to finish, and a failure of one its to keep from the others."""


@dataclass(slots=True)
class Live:
    lease: Lease
    task: asyncio.Task[Any] | None


class LiveRuns:
    """The runs this process drives outside the executor, their leases and tasks."""

    def __init__(self, db: Database, lease_seconds: float) -> None:
        self.db = db
        self.lease_seconds = lease_seconds
        self._runs: dict[str, Live] = {}
        self._keeper: asyncio.Task[None] | None = None

    def __len__(self) -> int:
        return len(self._runs)

    def run_ids(self) -> list[str]:
        return list(self._runs)

    def task_ids(self) -> list[int]:
        return [live.lease.task_id for live in self._runs.values()]

    def add(self, run_id: str, lease: Lease, task: asyncio.Task[Any] | None = None) -> None:
        self._runs[run_id] = Live(lease, task or asyncio.current_task())
        if self._keeper is None or self._keeper.done():
            self._keeper = asyncio.create_task(self._keep_alive(), name="flowline-live-leases")

    def lease(self, run_id: str) -> Lease | None:
        live = self._runs.get(run_id)
        return live.lease if live is not None else None

    def remove(self, run_id: str) -> None:
        self._runs.pop(run_id, None)

    def interrupt(self, run_id: str) -> bool:
        """Cancel the task driving the run here; whether there was one."""
        live = self._runs.get(run_id)
        if live is None or live.task is None or live.task.done():
            return False
        live.task.cancel()
        return True

    async def close(self) -> None:
        if self._keeper is not None:
            self._keeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._keeper

    async def _keep_alive(self) -> None:
        """Push every live lease's expiry out, a third of a lease before it would lapse."""
        while self._runs:
            await asyncio.sleep(self.lease_seconds / 3)
            try:
                await self._beat()
            except Exception:  # pragma: no cover - the next beat tries again
                log.exception("live_leases_beat_failed")

    async def _beat(self) -> None:
        if not self._runs:
            return
        expires = utcnow() + timedelta(seconds=self.lease_seconds)
        pairs = [(live.lease.task_id, live.lease.token) for live in self._runs.values()]
        async with self.db.session(write=True) as session:
            kept = set(
                (
                    await session.execute(
                        sa.update(Task)
                        .where(sa.tuple_(Task.id, Task.lease_token).in_(pairs))
                        .values(lease_expires_at=expires)
                        .returning(Task.id)
                    )
                ).scalars()
            )
        now = utcnow()
        for run_id, live in list(self._runs.items()):
            if live.lease.task_id in kept:
                live.lease = replace(live.lease, expires_at=expires)
            elif live.lease.expires_at <= now and live.task is not None and not live.task.done():
                # The lease ran out (this process stalled longer than a lease) and the
                # task went to another: stop driving the turn, writing nothing more. (A
                # task gone before its lease ran out was finished or cancelled here.)
                log.warning("live_run_lost", run_id=run_id)
                live.task.cancel()


async def follow_cancels(runtime: Runtime) -> None:
    """Stop this process's live runs when they are cancelled anywhere (API-only processes;
    an embedded worker does this itself)."""
    from flowline.engine.control import CANCEL_CHANNEL
    from flowline.events.bus import Lagged

    async with runtime.bus.subscribe(CANCEL_CHANNEL) as subscription:
        while True:
            try:
                run_id = await anext(subscription)
            except Lagged:
                continue
            except StopAsyncIteration:
                return
            runtime.live.interrupt(run_id)
