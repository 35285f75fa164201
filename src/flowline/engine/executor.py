"""Executing claimed tasks: one node attempt, or a waiting step's answer, to its commit.

A task's result commits in one transaction that locks the run first, then
deletes the task under its lease token (fencing: a worker whose lease was taken
over commits nothing), writes the step, the events and the next tasks.

Nodes without outside effects run inside that transaction, and so do the pure
nodes that follow them: a chain of ``set``/``condition``/``end`` nodes is one
commit. A node with effects (``http_request``) gets a commit of its own before
it starts (the step is recorded as running) and runs outside any transaction,
under its timeout, with a heartbeat extending the lease; its result then
commits as above. If the worker dies in between, the task's lease runs out and
another worker runs the same step again, with the same idempotency key.

When a commit's chain reaches the run's next node with effects, a worker keeps
it: the task is written already leased to it and its step recorded as running
in that same commit, and the worker runs the effect as soon as it commits (one
transaction per step with effects, no claim or wake-up between two of them).

The executor's parts: the entry points here (a claimed task, a batch of them in
the claiming transaction, a run created for a waiting caller), the steps with
effects in ``effects.py`` and the chain and its settling in ``settle.py``.
"""

from __future__ import annotations

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Run
from flowline.engine import queue
from flowline.engine import repository as repo
from flowline.engine.effects import EffectRunner
from flowline.engine.queue import Lease, LeaseLost
from flowline.engine.run_loader import load_state, state_of
from flowline.engine.run_state import (
    Prepared,
    RunState,
    Work,
)
from flowline.engine.transitions import RUN_TERMINAL

log = structlog.get_logger("flowline.engine")


class Executor(EffectRunner):
    """Runs claimed tasks for one worker."""

    async def process(self, lease: Lease) -> None:
        """Take one claimed task to its commit; a lost lease or a cancelled run ends it quietly."""
        try:
            handler = self.runtime.handlers.get(lease.kind)
            if handler is not None:
                await handler(self.runtime, lease)
            else:
                await self._process(lease)
        except LeaseLost:
            log.info("lease_lost", task_id=lease.task_id, run_id=lease.run_id)

    async def _process(self, lease: Lease) -> None:
        async with self.runtime.db.session(write=True) as tx:
            state = await load_state(tx, self.runtime, lease)
            if state is None:
                return
            node = state.flow.nodes.get(lease.node_id)
            state.carry = not self.stopping
            if node is not None and lease.kind in ("node", "join") and node.type.effects:
                prepared = await self._prepare_effect(tx, state, node, lease)
            else:
                await queue.finish(tx, lease)
                await self._run(tx, state, [self._work_for(lease)])
                prepared = await self._take_carried(tx, state)
        if prepared is not None:
            await self._complete_effect(prepared)

    async def run_inline(
        self, tx: AsyncSession, leases: list[Lease], *, slots: int
    ) -> tuple[list[Lease], list[Prepared]]:
        """Run, in the caller's transaction, the claimed tasks that need no effect.

        For the embedded SQLite worker, which is the only writer anyway: one
        transaction carries a whole batch of runs (their claim, steps, events,
        next tasks) instead of two transactions per task, and reads and deletes
        the batch's runs and tasks in one statement each. Answers the leases to
        process on their own (a second task of a run already in the batch), and
        the effects whose steps it recorded, to run once it commits
        (``complete``): at most ``slots`` of those two together; the claims of
        the rest are released at once, for the next claim. If anything fails,
        the caller rolls the whole transaction back (the claims with it) and
        falls back to one task per transaction for a while.
        """
        later: list[Lease] = []
        firsts: list[Lease] = []
        released: list[int] = []
        seen: set[str] = set()
        for lease in leases:
            if lease.kind in self.runtime.handlers:  # agent turns, callbacks: never inline
                if len(later) < slots:
                    later.append(lease)
                else:
                    released.append(lease.task_id)
                continue
            if lease.run_id not in seen:
                firsts.append(lease)
            elif len(later) < slots:
                later.append(lease)
            else:
                released.append(lease.task_id)
            seen.add(lease.run_id)
        runs = await repo.lock_runs(tx, [(lease.org_id, lease.run_id) for lease in firsts])
        finished: list[int] = []
        effects: list[Prepared] = []
        for lease in firsts:
            run = runs.get(lease.run_id)
            if run is None or run.org_id != lease.org_id or run.status in RUN_TERMINAL:
                finished.append(lease.task_id)
                continue
            state = await state_of(tx, self.runtime, lease, run)
            node = state.flow.nodes.get(lease.node_id)
            if node is not None and lease.kind in ("node", "join") and node.type.effects:
                if len(later) + len(effects) >= slots:
                    released.append(lease.task_id)
                    continue
                prepared = await self._prepare_effect(tx, state, node, lease)
                if prepared is not None:
                    effects.append(prepared)
                continue
            finished.append(lease.task_id)
            state.carry = not self.stopping and len(later) + len(effects) < slots
            await self._run(tx, state, [self._work_for(lease)])
            carried = await self._take_carried(tx, state)
            if carried is not None:
                effects.append(carried)
        await repo.delete_tasks_by_id(tx, finished)
        await queue.release(tx, released)
        return later, effects

    async def run_created(self, tx: AsyncSession, run: Run) -> RunState:
        """Run a run created in this transaction from its start node, here, for a caller
        that waits for it: its first nodes without effects (all of them, for a flow of
        none) commit with its creation, with no task and no worker hop; the first node
        with effects is queued as usual. Answers the run's state as it left it."""
        state = await state_of(tx, self.runtime, None, run)
        await self._run(tx, state, [Work(state.flow.start_id)])
        return state
