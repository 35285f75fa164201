"""Steps with effects: recorded first, run outside any transaction, then settled.

A node with effects (``http_request``) gets its step recorded as running before
it starts (``_prepare_effect``), in the commit that claimed its task or, when a
chain reached it, in the commit of the step before (``_take_carried``: the task
is written already leased to this worker, its payload naming the step). The
effect runs after that commit, under its timeout, with a heartbeat extending the
lease; its result commits in a transaction of its own (``_complete_one``), which
records the run's next effect in turn, so a worker runs a run's effects one
commit each, with no claim or wake-up between them. If the worker dies in
between, the task's lease runs out and another worker runs the same step again,
with the same idempotency key.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Step
from flowline.engine import queue
from flowline.engine.context import NodeContext
from flowline.engine.definitions import CompiledNode
from flowline.engine.nodes.base import Outcome, StepFailed
from flowline.engine.queue import Lease, LeaseLost
from flowline.engine.run_loader import load_state
from flowline.engine.run_state import (
    Failure,
    Prepared,
    RunState,
    Work,
    expression_failure,
    no_retry,
)
from flowline.engine.settle import Settler
from flowline.errors import ExpressionError
from flowline.events.log import notify_appended

log = structlog.get_logger("flowline.engine")


class EffectRunner(Settler):
    """Records, runs and settles steps with effects, chaining a run's next one."""

    def interrupt(self, run_id: str) -> int:
        """Stop the run's steps with effects that this worker is running (cancellation)."""
        tasks = self._effects.get(run_id, set())
        for task in tasks:
            task.cancel()
        return len(tasks) + self.runtime.live.interrupt(run_id)

    async def complete(self, prepared: Prepared) -> None:
        """Run an effect whose step a batch recorded (``run_inline``), to its commit."""
        try:
            await self._complete_effect(prepared)
        except LeaseLost:
            log.info("lease_lost", task_id=prepared.lease.task_id, run_id=prepared.lease.run_id)

    async def _prepare_effect(
        self, tx: AsyncSession, state: RunState, node: CompiledNode, lease: Lease
    ) -> Prepared | None:
        """Record the step as running (or ask a person first); the effect runs after commit."""
        step = await self._begin_effect(tx, state, node, lease)
        if step is None:
            return None
        effect = lease.payload.get("effect")
        if effect is None and node.type.before_effect is not None:
            asked = await self._before_effect(tx, state, node, step)
            if asked is not None:
                await queue.finish(tx, lease)
                await self._settle(tx, state, Work(node.id), node, step, asked)
                await self._after(tx, state)
                return None
        ctx = self._context(state, node, step, session=None)
        ctx.effect = effect
        return Prepared(lease, node, step.id, ctx, state)

    async def _complete_effect(self, prepared: Prepared | None) -> None:
        """Run the effect and commit its result; then the next effect of the run that
        the same commit recorded (``_carry``), and so on."""
        while prepared is not None:
            prepared = await self._complete_one(prepared)

    async def _complete_one(self, prepared: Prepared) -> Prepared | None:
        lease, node, ctx = prepared.lease, prepared.node, prepared.ctx
        result = await self._execute_effect(ctx, node, lease)
        async with self.runtime.db.session(write=True) as tx:
            state = await load_state(tx, self.runtime, lease, prepared.state)
            if state is None:
                return None
            await queue.finish(tx, lease)
            fresh = state.rows.get(prepared.step_id)
            if fresh is None or fresh.status != "running":
                return None  # cancelled while it ran
            fresh.input = state.masked(ctx.step.input)
            work = Work(lease.node_id, attempt=fresh.attempt, step=fresh)
            state.carry = not self.stopping
            chained = await self._settle(tx, state, work, node, fresh, result)
            await self._run(tx, state, chained)
            return await self._take_carried(tx, state)

    async def _begin_effect(
        self, tx: AsyncSession, state: RunState, node: CompiledNode, lease: Lease
    ) -> Step | None:
        """Record the step as running and commit, so the effect is never run unrecorded."""
        self._wake_run(tx, state)
        step_id = lease.payload.get("step_id")
        if step_id is not None:
            step = state.rows.get(step_id)
            if step is not None and step.status == "running":
                return step  # interrupted mid-flight: run it again, same key
        if node.id in state.flow.ancestors and state.join_blocked(node.id, []):
            await queue.finish(tx, lease)
            self._park_join(tx, state, node.id)
            return None
        step = self._new_step(tx, state, node, lease.attempt)
        await queue.set_payload(tx, lease, {**lease.payload, "step_id": step.id})
        await notify_appended(self.runtime.bus, tx, state.run)
        return step

    async def _before_effect(
        self, tx: AsyncSession, state: RunState, node: CompiledNode, step: Step
    ) -> Outcome | Failure | None:
        assert node.type.before_effect is not None
        ctx = self._context(state, node, step, session=tx)
        try:
            return await node.type.before_effect(ctx, node.config)
        except StepFailed as exc:
            return Failure(no_retry(exc))
        except ExpressionError as exc:
            return Failure(expression_failure(exc))

    async def _execute_effect(
        self, ctx: NodeContext, node: CompiledNode, lease: Lease
    ) -> Outcome | Failure:
        me = asyncio.current_task()
        assert me is not None
        running = self._effects.setdefault(lease.run_id, set())
        running.add(me)
        heartbeat = asyncio.create_task(self._heartbeat(lease, me))
        try:
            return await self._attempt(ctx, node)
        finally:
            heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await heartbeat
            running.discard(me)
            if not running:
                self._effects.pop(lease.run_id, None)

    async def _heartbeat(self, lease: Lease, work: asyncio.Task[Any]) -> None:
        every = max(0.5, self.lease_seconds / 3)
        while True:
            await asyncio.sleep(every)
            try:
                async with self.runtime.db.session(write=True) as tx:
                    await queue.extend(tx, lease, self.lease_seconds)
            except LeaseLost:
                work.cancel()
                return
            except Exception as exc:  # a missed beat is retried; the lease has slack
                log.warning("heartbeat_failed", error_type=type(exc).__name__)

    async def _take_carried(self, tx: AsyncSession, state: RunState) -> Prepared | None:
        """Record the step of the node ``_carry`` kept, to run its effect after commit.

        The step is made before the task is written, and the task's payload names it, so
        the transaction writes the run, its steps, events and the task once each."""
        if not state.carried:
            return None
        carried = state.carried.pop()
        if state.ended:  # never written: it went with the run's other work
            return None
        # From here it is the task being run, not one of the run's others (as ``state_of``
        # leaves out a claimed one).
        state.tasks.remove(("node", carried.node_id))
        state.runnable -= 1
        node = state.flow.nodes[carried.node_id]
        payload: dict[str, Any] = {}
        if not (node.id in state.flow.ancestors and state.join_blocked(node.id, [])):
            self._wake_run(tx, state)
            step = self._new_step(tx, state, node, carried.attempt)
            payload["step_id"] = step.id
        await notify_appended(self.runtime.bus, tx, state.run)  # what ``_after`` left to it
        lease = await queue.add_leased(
            tx,
            org_id=state.run.org_id,
            run_id=state.run.id,
            node_id=node.id,
            attempt=carried.attempt,
            payload=payload,
            owner=self.worker,
            lease_seconds=self.lease_seconds,
        )
        # A step recorded above is found running by ``_begin_effect``, as a task's step is
        # when it is run again.
        return await self._prepare_effect(tx, state, node, lease)
