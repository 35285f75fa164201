"""The executor's chain and its settling: one transaction's steps and their results.

``Settler._run`` runs work items and the nodes without effects they lead to in
the caller's transaction (a chain of ``set``/``condition``/``end`` nodes is one
commit), up to ``MAX_CHAIN_STEPS``; a node with effects it reaches is queued, or
kept by this worker (``_carry``, see ``effects.py``). ``_settle`` writes an
attempt's result (succeeded, waiting, finished, a confirmed effect to run) and
answers the nodes to run next; ``_failed`` retries or fails the step, follows an
``error`` edge or ends the run; ``_after`` decides whether the run goes on,
waits or has ended, and announces what changed.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Step
from flowline.db.types import utcnow
from flowline.engine import queue
from flowline.engine import repository as repo
from flowline.engine.children import start_child
from flowline.engine.context import NodeContext
from flowline.engine.definitions import CompiledNode
from flowline.engine.nodes.base import SELF_BOUND_GRACE_SECONDS, NodeConfig, Outcome, StepFailed
from flowline.engine.queue import Lease
from flowline.engine.run_end import end_run
from flowline.engine.run_state import (
    Failure,
    RunState,
    Work,
    backoff,
    expression_failure,
    no_retry,
)
from flowline.engine.templates import StepState
from flowline.engine.transitions import move_run, move_step, start_step
from flowline.errors import ExpressionError, FlowlineError
from flowline.events.log import notify_appended
from flowline.ids import new_id
from flowline.runtime import Runtime

log = structlog.get_logger("flowline.engine")

MAX_CHAIN_STEPS = 500
"""Steps one transaction may run before handing the rest back to the queue."""
PARKED = datetime(9999, 1, 1, tzinfo=utcnow().tzinfo)
"""``available_at`` of a join waiting for its other branches (woken explicitly)."""


class Settler:
    """Runs a transaction's chain of steps and writes their results, for one worker."""

    def __init__(self, runtime: Runtime, worker: str) -> None:
        self.runtime = runtime
        self.worker = worker
        self.lease_seconds = runtime.settings.lease_seconds
        self.stopping = False
        """Set when the worker stops: no more effects carried from one commit to the next."""
        self._effects: dict[str, set[asyncio.Task[Any]]] = {}

    async def _run(self, tx: AsyncSession, state: RunState, work: list[Work]) -> None:
        """Run ``work`` and the pure nodes it leads to, in this transaction."""
        budget = MAX_CHAIN_STEPS
        while work and not state.ended:
            item = work.pop(0)
            node = state.flow.nodes.get(item.node_id)
            if node is None:
                await self._missing_node(tx, state, item.node_id)
                break
            if item.kind == "node":
                if node.type.effects and state.carry and not state.carried and budget > 0:
                    self._carry(state, item.node_id, item.attempt)
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

    async def _missing_node(self, tx: AsyncSession, state: RunState, node_id: str) -> None:
        """A task naming a node the run's flow version lacks fails its run, alone."""
        state.run.error = {
            "code": "NODE_NOT_FOUND",
            "message": f"The run's flow version has no node {node_id!r}.",
            "node_id": node_id,
        }
        await end_run(tx, self.runtime, state, "failed")

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
        if not state.carried or state.ended:  # else ``_take_carried`` announces, with its step
            await notify_appended(self.runtime.bus, tx, run)
        if state.enqueued:
            await queue.announce(self.runtime.bus, tx)

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

    def _carry(self, state: RunState, node_id: str, attempt: int) -> None:
        """Keep the node with effects that the chain reached for this worker, which runs it
        once this transaction commits: ``_take_carried`` records its step and writes its
        task already leased to the worker (no claim and no wake-up in between). Until
        then it counts as one of the run's tasks."""
        state.carried.append(Work(node_id, attempt=attempt))
        state.tasks.append(("node", node_id))
        state.runnable += 1

    def _park_join(self, tx: AsyncSession, state: RunState, node_id: str) -> None:
        self._enqueue(tx, state, node_id, kind="join", at=PARKED)

    def _work_for(self, lease: Lease) -> Work:
        if lease.kind in ("node", "join"):
            return Work(lease.node_id, kind="node", attempt=lease.attempt)
        return Work(
            lease.node_id,
            kind=lease.kind,
            data={"step_id": lease.payload.get("step_id"), **lease.payload.get("data", {})},
        )
