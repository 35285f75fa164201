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
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Run, Step
from flowline.db.types import utcnow
from flowline.engine import queue
from flowline.engine import repository as repo
from flowline.engine.children import start_child
from flowline.engine.context import NodeContext
from flowline.engine.definitions import CompiledNode
from flowline.engine.nodes.base import SELF_BOUND_GRACE_SECONDS, NodeConfig, Outcome, StepFailed
from flowline.engine.queue import Lease, LeaseLost
from flowline.engine.run_end import end_run
from flowline.engine.run_loader import load_state, state_of
from flowline.engine.run_state import (
    Failure,
    Prepared,
    RunState,
    Work,
    backoff,
    expression_failure,
    no_retry,
)
from flowline.engine.templates import StepState
from flowline.engine.transitions import RUN_TERMINAL, move_run, move_step, start_step
from flowline.errors import ExpressionError, FlowlineError
from flowline.events.log import notify_appended
from flowline.ids import new_id
from flowline.runtime import Runtime

log = structlog.get_logger("flowline.engine")

MAX_CHAIN_STEPS = 500
"""Steps one transaction may run before handing the rest back to the queue."""
PARKED = datetime(9999, 1, 1, tzinfo=utcnow().tzinfo)
"""``available_at`` of a join waiting for its other branches (woken explicitly)."""


class Executor:
    """Runs claimed tasks for one worker."""

    def __init__(self, runtime: Runtime, worker: str) -> None:
        self.runtime = runtime
        self.worker = worker
        self.lease_seconds = runtime.settings.lease_seconds
        self.stopping = False
        """Set when the worker stops: no more effects carried from one commit to the next."""
        self._effects: dict[str, set[asyncio.Task[Any]]] = {}

    # ------------------------------------------------------------ entry points

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

    def interrupt(self, run_id: str) -> int:
        """Stop the run's steps with effects that this worker is running (cancellation)."""
        tasks = self._effects.get(run_id, set())
        for task in tasks:
            task.cancel()
        return len(tasks) + self.runtime.live.interrupt(run_id)

    # ------------------------------------------------------------ phases

    async def _process(self, lease: Lease) -> None:
        async with self.runtime.db.session(write=True) as tx:
            state = await load_state(tx, self.runtime, lease)
            if state is None:
                return
            node = state.flow.nodes.get(lease.node_id)
            if node is None:  # pragma: no cover - versions are immutable
                await queue.finish(tx, lease)
                return
            state.carry = not self.stopping
            if lease.kind in ("node", "join") and node.type.effects:
                prepared = await self._prepare_effect(tx, state, node, lease)
            else:
                await queue.finish(tx, lease)
                await self._run(tx, state, [self._work_for(lease)])
                prepared = await self._take_carried(tx, state)
        if prepared is not None:
            await self._complete_effect(prepared)

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
        return Prepared(lease, node, step.id, ctx)

    async def _complete_effect(self, prepared: Prepared | None) -> None:
        """Run the effect and commit its result; then the next effect of the run that
        the same commit recorded (``_carry``), and so on."""
        while prepared is not None:
            prepared = await self._complete_one(prepared)

    async def _complete_one(self, prepared: Prepared) -> Prepared | None:
        lease, node, ctx = prepared.lease, prepared.node, prepared.ctx
        result = await self._execute_effect(ctx, node, lease)
        async with self.runtime.db.session(write=True) as tx:
            state = await load_state(tx, self.runtime, lease)
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

    def _work_for(self, lease: Lease) -> Work:
        if lease.kind in ("node", "join"):
            return Work(lease.node_id, kind="node", attempt=lease.attempt)
        return Work(
            lease.node_id,
            kind=lease.kind,
            data={"step_id": lease.payload.get("step_id"), **lease.payload.get("data", {})},
        )

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

    # ------------------------------------------------------------ the chain

    async def _run(self, tx: AsyncSession, state: RunState, work: list[Work]) -> None:
        """Run ``work`` and the pure nodes it leads to, in this transaction."""
        budget = MAX_CHAIN_STEPS
        while work and not state.ended:
            item = work.pop(0)
            node = state.flow.nodes[item.node_id]
            if item.kind == "node":
                if node.type.effects and state.carry and not state.carried and budget > 0:
                    self._carry(tx, state, item.node_id, item.attempt)
                    continue
                if node.type.effects or budget <= 0:
                    self._enqueue(tx, state, item.node_id, attempt=item.attempt)
                    continue
                if node.id in state.flow.ancestors:
                    if state.join_blocked(node.id, work):
                        self._park_join(tx, state, node.id)
                        continue
                    work[:] = [w for w in work if not (w.kind == "node" and w.node_id == node.id)]
                    if any(task_node == node.id for _, task_node in state.tasks):
                        await repo.delete_node_tasks(tx, state.run.org_id, state.run.id, node.id)
                        state.tasks = [t for t in state.tasks if t[1] != node.id]
                budget -= 1
                self._wake_run(tx, state)
                step = self._new_step(tx, state, node, item.attempt)
                ctx = self._context(state, node, step, session=tx)
                result = await self._attempt(ctx, node)
                step.input = state.masked(step.input)
                work.extend(await self._settle(tx, state, item, node, step, result))
            else:
                work.extend(await self._answer(tx, state, item, node))
        await self._after(tx, state)

    async def _answer(
        self, tx: AsyncSession, state: RunState, item: Work, node: CompiledNode
    ) -> list[Work]:
        """A ``resume`` or ``timer`` task for a waiting step."""
        data = item.data or {}
        step = state.rows.get(str(data.get("step_id")))
        if step is None or step.status != "waiting":
            return []  # answered already, or cancelled
        ctx = self._context(state, node, step, session=tx)
        result: Outcome | Failure | None
        try:
            if item.kind == "timer":
                if node.type.on_timer is None:
                    return []
                result = await node.type.on_timer(ctx, node.config)
            elif data.get("error"):
                error = data["error"]
                raise StepFailed(
                    str(error.get("code", "FAILED")), str(error.get("message", "")), retryable=False
                )
            else:
                payload = {k: v for k, v in data.items() if k != "step_id"}
                result = await node.type.on_resume(ctx, node.config, payload)
        except StepFailed as exc:
            result = Failure(no_retry(exc))
        except ExpressionError as exc:
            result = Failure(expression_failure(exc))
        if result is None:
            return []
        self._wake_run(tx, state)
        return await self._settle(
            tx, state, Work(node.id, attempt=step.attempt), node, step, result
        )

    async def _attempt(self, ctx: NodeContext, node: CompiledNode) -> Outcome | Failure:
        execute = node.type.execute
        if execute is None:
            return Failure(
                StepFailed(
                    "NODE_NOT_AVAILABLE",
                    f"Node type {node.type.name!r} cannot run on this instance yet.",
                    retryable=False,
                )
            )
        config: NodeConfig = node.config
        limit = config.timeout_seconds
        if limit is not None and node.type.bounds_itself:
            limit += SELF_BOUND_GRACE_SECONDS
        try:
            async with asyncio.timeout(limit):
                return await execute(ctx, node.config)
        except StepFailed as exc:
            return Failure(exc)
        except ExpressionError as exc:
            return Failure(expression_failure(exc))
        except TimeoutError:
            # Cut off mid-effect, the outside world may or may not have acted: only a
            # node without effects is safe to run again.
            return Failure(
                StepFailed(
                    "TIMEOUT",
                    f"Node {node.id!r} ran past {config.timeout_seconds} s.",
                    retryable=not node.type.effects,
                )
            )
        except sa.exc.SQLAlchemyError:
            raise  # the transaction is broken: roll back, the task is tried again
        except FlowlineError as exc:
            return Failure(StepFailed(exc.error_code, exc.message, retryable=False))
        except Exception as exc:
            log.exception("node_crashed", node_id=node.id, node_type=node.type.name)
            return Failure(
                StepFailed("INTERNAL_ERROR", f"Node {node.id!r} failed: {type(exc).__name__}")
            )

    async def _settle(
        self,
        tx: AsyncSession,
        state: RunState,
        item: Work,
        node: CompiledNode,
        step: Step,
        result: Outcome | Failure,
    ) -> list[Work]:
        """Write the attempt's result; answer the nodes to run next."""
        run = state.run
        state.moved = True
        if isinstance(result, Failure):
            return await self._failed(tx, state, item, node, step, result.error)
        outcome = result
        output = state.masked(outcome.output)
        if outcome.effect is not None:
            # Approved: run the effect outside this transaction, as the same step.
            move_step(tx, run, step, "running")
            self._enqueue(
                tx,
                state,
                node.id,
                attempt=step.attempt,
                payload={"step_id": step.id, "effect": outcome.effect},
            )
            return []
        if outcome.waiting:
            step.output = output
            if step.status == "running":
                move_step(tx, run, step, "waiting")
                state.steps[node.id] = StepState(
                    output=state.steps.get(node.id, StepState()).output, status="waiting"
                )
            if outcome.wake_at is not None:
                self._enqueue(
                    tx,
                    state,
                    node.id,
                    kind="timer",
                    at=outcome.wake_at,
                    payload={"step_id": step.id},
                    step_id=step.id,
                )
            for child in outcome.children:
                await start_child(tx, self.runtime, state, node, step, child)
            return []
        if outcome.finish:
            step.output = output
            step.outcome = "end"
            move_step(tx, run, step, "succeeded")
            run.output = output
            await end_run(tx, self.runtime, state, "succeeded")
            return []
        if outcome.vars:
            run.vars = {**run.vars, **state.masked(outcome.vars)}
        state.steps[node.id] = StepState(output=output, status="succeeded")
        state.last_output = output
        label = outcome.label or "next"
        try:
            nexts = state.successors(node.id, label)
        except ExpressionError as exc:
            return await self._failed(tx, state, item, node, step, expression_failure(exc))
        step.output = output
        step.outcome = label
        move_step(tx, run, step, "succeeded", {"outcome": label})
        return nexts

    async def _failed(
        self,
        tx: AsyncSession,
        state: RunState,
        item: Work,
        node: CompiledNode,
        step: Step,
        failure: StepFailed,
    ) -> list[Work]:
        run = state.run
        error = state.masked({**failure.as_error(), "node_id": node.id})
        step.error = error
        retry = node.config.retry
        if failure.retryable and retry is not None and step.attempt < retry.max_attempts:
            wait = backoff(retry, step.attempt)
            move_step(tx, run, step, "retrying", {"error": error, "retry_in_seconds": wait})
            self._enqueue(
                tx, state, node.id, attempt=step.attempt + 1, at=utcnow() + timedelta(seconds=wait)
            )
            state.steps[node.id] = StepState(
                output=state.steps.get(node.id, StepState()).output, status="retrying", error=error
            )
            return []
        move_step(tx, run, step, "failed", {"error": error})
        state.steps[node.id] = StepState(
            output=state.steps.get(node.id, StepState()).output, status="failed", error=error
        )
        handlers = [e for e in state.flow.outgoing[node.id] if e.label == "error"]
        if handlers:
            step.outcome = "error"
            state.steps[node.id] = StepState(output={"error": error}, status="failed", error=error)
            try:
                return state.successors(node.id, "error")
            except ExpressionError:
                pass
        run.error = {**error, "step_id": step.id}
        await end_run(tx, self.runtime, state, "failed", failed_node=node.id)
        return []

    # ------------------------------------------------------------ runs

    def _wake_run(self, tx: AsyncSession, state: RunState) -> None:
        run = state.run
        if run.status == "queued" or run.status == "waiting":
            move_run(tx, run, "running")

    def _new_step(
        self, tx: AsyncSession, state: RunState, node: CompiledNode, attempt: int
    ) -> Step:
        run = state.run
        step = Step(
            id=new_id("stp"),
            org_id=run.org_id,
            run_id=run.id,
            node_id=node.id,
            node_type=node.type.name,
            attempt=attempt,
            attempt_group=run.attempt_group,
        )
        start_step(tx, run, step, {"node_type": node.type.name})
        state.rows[step.id] = step
        state.steps[node.id] = StepState(
            output=state.steps.get(node.id, StepState()).output, status="running"
        )
        return step

    def _context(
        self, state: RunState, node: CompiledNode, step: Step, *, session: AsyncSession | None
    ) -> NodeContext:
        run = state.run
        return NodeContext(
            runtime=self.runtime,
            session=session,
            run=run,
            step=step,
            node=node.node,
            values=state.values(),
            idempotency_key=f"{run.id}:{node.id}:{step.attempt_group}",
            now=utcnow(),
        )

    def _enqueue(
        self,
        tx: AsyncSession,
        state: RunState,
        node_id: str,
        *,
        kind: str = "node",
        attempt: int = 1,
        at: datetime | None = None,
        payload: dict[str, Any] | None = None,
        step_id: str | None = None,
    ) -> None:
        queue.enqueue(
            tx,
            org_id=state.run.org_id,
            run_id=state.run.id,
            node_id=node_id,
            kind=kind,
            attempt=attempt,
            available_at=at,
            payload=payload,
            step_id=step_id,
        )
        state.enqueued += 1
        state.tasks.append((kind, node_id))
        if kind in ("node", "resume"):
            state.runnable += 1

    def _carry(self, tx: AsyncSession, state: RunState, node_id: str, attempt: int) -> None:
        """Queue the node with effects that the chain reached already leased to this
        worker, which runs it once this transaction commits (``_take_carried``): its step
        is recorded first, as always, but with no claim and no wake-up in between."""
        task = queue.enqueue(
            tx, org_id=state.run.org_id, run_id=state.run.id, node_id=node_id, attempt=attempt
        )
        task.lease_owner = self.worker
        task.lease_expires_at = utcnow() + timedelta(seconds=self.lease_seconds)
        task.lease_token = 1
        state.carried.append(task)
        state.tasks.append(("node", node_id))
        state.runnable += 1

    async def _take_carried(self, tx: AsyncSession, state: RunState) -> Prepared | None:
        """Record the step of the node ``_carry`` kept, to run its effect after commit.

        The step is made before the task is written, and the task's payload names it, so
        the transaction writes the run, its steps, events and the task once each."""
        if not state.carried:
            return None
        task = state.carried.pop()
        if state.ended:  # the task goes with the run's others
            return None
        # From here it is the task being run, not one of the run's others (as ``state_of``
        # leaves out a claimed one).
        state.tasks.remove(("node", task.node_id))
        state.runnable -= 1
        node = state.flow.nodes[task.node_id]
        if not (node.id in state.flow.ancestors and state.join_blocked(node.id, [])):
            self._wake_run(tx, state)
            step = self._new_step(tx, state, node, task.attempt)
            task.payload = {"step_id": step.id}
            await notify_appended(self.runtime.bus, tx, state.run)
        await tx.flush()  # the task gets its id
        assert task.lease_expires_at is not None
        lease = Lease(
            task_id=task.id,
            token=task.lease_token,
            org_id=state.run.org_id,
            run_id=state.run.id,
            node_id=task.node_id,
            kind="node",
            payload=dict(task.payload),
            attempt=task.attempt,
            expires_at=task.lease_expires_at,
        )
        # A step recorded above is found running by ``_begin_effect``, as a task's step is
        # when it is run again.
        return await self._prepare_effect(tx, state, node, lease)

    def _park_join(self, tx: AsyncSession, state: RunState, node_id: str) -> None:
        self._enqueue(tx, state, node_id, kind="join", at=PARKED)

    async def _after(self, tx: AsyncSession, state: RunState) -> None:
        """Decide whether the run goes on, waits, or has ended; announce what changed."""
        run = state.run
        joins = any(kind == "join" for kind, _ in state.tasks)
        if not state.ended and run.status == "running" and state.runnable == 0:
            kinds = {kind for kind, _ in state.tasks}
            opened = state.open_steps()
            if not kinds & {"node", "resume"} and not any(s.status == "running" for s in opened):
                if joins and not opened:
                    await repo.wake_joins(tx, run.org_id, run.id, utcnow())
                    state.enqueued += 1
                elif opened:
                    move_run(tx, run, "waiting")
                elif "timer" not in kinds:
                    run.output = state.last_output
                    await end_run(tx, self.runtime, state, "succeeded")
        elif joins and state.moved and not state.ended:
            await repo.wake_joins(tx, run.org_id, run.id, utcnow())
            state.enqueued += 1
        await notify_appended(self.runtime.bus, tx, run)
        if state.enqueued:
            await queue.announce(self.runtime.bus, tx)
