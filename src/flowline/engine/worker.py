"""The worker loop: claim due tasks, run them, sleep until there is more to do.

A worker has ``slots`` tasks in flight at most. It sleeps until a task is
announced on the bus (``tasks``), the earliest ``available_at`` or lease
expiry comes, or a slot frees up; a slow safety tick covers a lost
notification. So an idle instance does no polling to speak of.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import socket
from collections.abc import Coroutine
from typing import Any

import structlog

from flowline.db.types import utcnow
from flowline.engine import queue
from flowline.engine.control import CANCEL_CHANNEL
from flowline.engine.executor import Executor
from flowline.engine.run_state import Prepared
from flowline.events.bus import Lagged, Subscription
from flowline.ids import new_id
from flowline.runtime import Runtime

log = structlog.get_logger("flowline.worker")

SAFETY_TICK_SECONDS = 30.0
"""Longest sleep when nothing is due: covers a notification lost on the way."""
ERROR_PAUSE_SECONDS = 1.0
INLINE_BATCH = 4
"""On SQLite, tasks claimed per free slot and run in the claiming transaction."""
INLINE_PAUSE_SECONDS = 30.0


def worker_name() -> str:
    return f"{socket.gethostname()[:32]}:{os.getpid()}:{new_id('w')[-6:]}"


class Worker:
    def __init__(self, runtime: Runtime, *, slots: int | None = None, name: str | None = None):
        self.runtime = runtime
        self.slots = slots or runtime.settings.workers
        self.name = name or worker_name()
        self.executor = Executor(runtime, self.name)
        self._inflight: set[asyncio.Task[None]] = set()
        self._running: set[int] = set()
        self._inline_off_until = 0.0
        """Ids of the tasks in flight."""
        self._wake = asyncio.Event()
        self._stopping = False
        self.claimed = 0
        self.claims = 0
        """Claim statements issued (an idle worker issues next to none)."""

    @property
    def busy(self) -> int:
        """Tasks in flight (a batch of a kind run together counts each of its tasks)."""
        return len(self._running)

    async def run(self) -> None:
        """Work until cancelled (in-flight tasks are cancelled too: their leases lapse) or
        until :meth:`stop` (in-flight tasks end first)."""
        bus = self.runtime.bus
        listeners = [
            asyncio.create_task(self._listen(bus.subscribe(queue.TASKS_CHANNEL), self._on_task)),
            asyncio.create_task(self._listen(bus.subscribe(CANCEL_CHANNEL), self._on_cancel)),
        ]
        if self.runtime.db.is_sqlite:
            # One process owns an embedded database: leases of a previous life are void.
            async with self.runtime.db.session(write=True) as tx:
                freed = await queue.release_all(tx, keep=self.runtime.live.task_ids())
            if freed:
                log.info("leases_released", count=freed)
        log.info("worker_started", worker=self.name, slots=self.slots)
        try:
            while not self._stopping:
                try:
                    claimed = await self._claim_some()
                except asyncio.CancelledError:
                    raise
                except Exception as exc:
                    log.warning("claim_failed", error_type=type(exc).__name__)
                    await asyncio.sleep(ERROR_PAUSE_SECONDS)
                    continue
                if claimed and self.busy < self.slots:
                    continue  # there may be more due right now
                await self._sleep()
            if self._inflight:
                await asyncio.wait(self._inflight)
        finally:
            for task in listeners:
                task.cancel()
            for task in list(self._inflight):
                task.cancel()
            await asyncio.gather(*listeners, *self._inflight, return_exceptions=True)

    def stop(self) -> None:
        """End :meth:`run` between transactions: nothing more is claimed, the tasks in
        flight finish, then it returns. Cancelling it instead cuts them short, in the
        middle of a transaction if need be (on SQLite a connection cut short there can
        keep the database's write lock until it is collected)."""
        self._stopping = True
        self.executor.stopping = True
        self._wake.set()

    async def _claim_some(self) -> int:
        free = self.slots - self.busy
        if free <= 0:
            return 0
        loop = asyncio.get_running_loop()
        inline = self.runtime.db.is_sqlite and loop.time() >= self._inline_off_until
        try:
            return await self._claim(free, inline=inline)
        except asyncio.CancelledError:
            raise
        except Exception:
            if not inline:
                raise
            # Something in the batch broke: the claims rolled back with it. Take
            # tasks one transaction each for a while, so a bad one fails alone.
            log.exception("inline_batch_failed")
            self._inline_off_until = loop.time() + INLINE_PAUSE_SECONDS
            return 0

    async def _claim(self, free: int, *, inline: bool) -> int:
        self.claims += 1
        db = self.runtime.db
        # On PostgreSQL the claim is one statement that commits by itself: no ``BEGIN``
        # and ``COMMIT`` around it (two round trips, for a claim that often finds nothing
        # when several workers are woken for one task).
        async with db.session(write=True) if db.is_sqlite else db.session(single=True) as tx:
            leases = await queue.claim(
                tx,
                self.name,
                limit=free * INLINE_BATCH if inline else free,
                lease_seconds=self.executor.lease_seconds,
                per_org=max(1, (self.slots + 1) // 2) * (INLINE_BATCH if inline else 1),
                exclude=self._running,
            )
            claimed = len(leases)
            leases, batches = self._batches(leases)
            effects: list[Prepared] = []
            if inline and leases:
                # One writer anyway: run the batch's pure tasks in this transaction.
                slots = max(0, free - sum(len(batch) for batch in batches.values()))
                leases, effects = await self.executor.run_inline(tx, leases, slots=slots)
        for kind, batch in batches.items():
            self._spawn_batch(batch, self._process_batch(kind, batch))
        for lease in leases:
            self._spawn(lease, self._process(lease))
        for prepared in effects:
            self._spawn(prepared.lease, self._complete(prepared))
        self.claimed += claimed
        return claimed

    def _batches(
        self, leases: list[queue.Lease]
    ) -> tuple[list[queue.Lease], dict[str, list[queue.Lease]]]:
        """The leases to run one by one, and those of kinds run together (``batch_handlers``:
        a channel's routings or sends), by kind, when a claim took more than one."""
        grouped: dict[str, list[queue.Lease]] = {}
        for lease in leases:
            if lease.kind in self.runtime.batch_handlers:
                grouped.setdefault(lease.kind, []).append(lease)
        batches = {kind: batch for kind, batch in grouped.items() if len(batch) > 1}
        alone = [lease for lease in leases if lease.kind not in batches]
        return alone, batches

    def _spawn(self, lease: queue.Lease, work: Coroutine[Any, Any, None]) -> None:
        self._spawn_batch([lease], work)

    def _spawn_batch(self, leases: list[queue.Lease], work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work, name=f"task-{leases[0].task_id}")
        self._inflight.add(task)
        ids = [lease.task_id for lease in leases]
        self._running.update(ids)
        task.add_done_callback(functools.partial(self._done, ids))

    async def _process_batch(self, kind: str, leases: list[queue.Lease]) -> None:
        try:
            await self.runtime.batch_handlers[kind](self.runtime, leases)
        except asyncio.CancelledError:
            raise
        except Exception:
            # What was not committed stays, to be tried again when its lease runs out.
            log.exception("task_batch_failed", kind=kind, task_ids=[x.task_id for x in leases])

    async def _complete(self, prepared: Prepared) -> None:
        try:
            await self.executor.complete(prepared)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("task_failed", task_id=prepared.lease.task_id)

    async def _process(self, lease: queue.Lease) -> None:
        try:
            await self.executor.process(lease)
        except asyncio.CancelledError:
            raise
        except Exception:
            # The transaction rolled back; the task stays and is tried again when
            # its lease runs out.
            log.exception("task_failed", task_id=lease.task_id, run_id=lease.run_id)

    def _done(self, task_ids: list[int], task: asyncio.Task[None]) -> None:
        self._inflight.discard(task)
        self._running.difference_update(task_ids)
        self._wake.set()

    async def _sleep(self) -> None:
        self._wake.clear()
        if self._stopping:
            return
        timeout = SAFETY_TICK_SECONDS
        if self.busy < self.slots:
            async with self.runtime.db.session(single=True) as session:
                due = await queue.next_wakeup(session)
            if due is not None:
                timeout = max(0.0, min(timeout, (due - utcnow()).total_seconds() + 0.005))
        if timeout <= 0:
            return
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                await self._wake.wait()

    def _on_task(self, _payload: str) -> None:
        self._wake.set()

    def _on_cancel(self, run_id: str) -> None:
        if self.executor.interrupt(run_id):
            log.info("step_interrupted", run_id=run_id)

    async def _listen(self, subscription: Subscription, handle: object) -> None:
        assert callable(handle)
        async with subscription:
            while True:
                try:
                    payload = await anext(subscription)
                except Lagged:
                    self._wake.set()
                    continue
                except StopAsyncIteration:
                    return
                handle(payload)


async def run_embedded(runtime: Runtime) -> None:
    """The worker of ``flowline serve``: restarts itself after an unexpected error."""
    while True:
        try:
            await Worker(runtime).run()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("worker_crashed")
            await asyncio.sleep(ERROR_PAUSE_SECONDS)
