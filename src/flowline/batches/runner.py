"""The ``batch_run`` task: every row of a batch's file through its completion.

One task per batch, held under a lease kept alive while it works. Rows go
``concurrency`` at a time; a row that fails is tried again (up to
``max_attempts``, with a short backoff; a refused budget or a bad input is not
retried). Results are committed as they come, several per transaction (whatever
finished while the previous commit ran), each commit fenced by the task's lease.
A worker killed mid-batch loses only rows not yet committed: when its lease runs
out another worker takes the task, skips the rows that have results and goes on.
A commit that finds the batch cancelled stops it.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
from dataclasses import dataclass, field
from typing import Any

from flowline.agents.chat import Opening, open_turn
from flowline.agents.schemas import MessageIn
from flowline.attachments.stores import storage_for
from flowline.auth.principal import Principal
from flowline.auth.scopes import Role
from flowline.batches import files
from flowline.batches.repository import BatchRepository
from flowline.batches.schemas import TERMINAL, Operation
from flowline.completions.service import complete, parse_params
from flowline.db.models import Attachment, Batch, Run
from flowline.db.types import utcnow
from flowline.engine import queue
from flowline.engine.heartbeat import leased
from flowline.engine.queue import Lease
from flowline.engine.start import start_run
from flowline.engine.transitions import RUN_TERMINAL
from flowline.errors import FlowlineError
from flowline.ids import derived_id, new_id
from flowline.llm.calls import Caller
from flowline.runtime import Runtime

NOT_RETRIED = (402, 404, 422)
RUN_POLL_SECONDS = 0.2
BACKOFF_SECONDS = 0.2
MAX_MESSAGE = 200_000
"""A row given to an agent is cut to the longest message a chat takes."""


@dataclass(frozen=True, slots=True)
class Plan:
    batch_id: str
    operation: Operation
    concurrency: int
    max_attempts: int
    caller: Caller
    file: Attachment
    done: set[int]


async def _begin(runtime: Runtime, lease: Lease) -> Plan | None:
    """Mark the batch ``running``; ``None`` (the task ended) when there is nothing to do."""
    async with runtime.db.session(write=True) as tx:
        repo = BatchRepository(tx, lease.org_id)
        batch = await repo.locked(lease.node_id)
        file = await tx.get(Attachment, batch.file_id) if batch and batch.file_id else None
        if batch is None or batch.status in TERMINAL or file is None:
            if batch is not None and batch.status not in TERMINAL:
                _end_as(batch, "failed", {"error": "FILE_MISSING", "message": "The file is gone."})
            await queue.finish(tx, lease)
            return None
        if batch.status == "queued":
            batch.status, batch.started_at = "running", utcnow()
        caller = Caller(lease.org_id, batch.created_by_id)
        operation = Operation.model_validate(batch.operation)
        done = await repo.done_rows(batch.id)
        return Plan(batch.id, operation, batch.concurrency, batch.max_attempts, caller, file, done)


def _end_as(batch: Batch, status: str, error: dict[str, Any] | None = None) -> None:
    batch.status, batch.error, batch.finished_at = status, error, utcnow()


@dataclass
class _Runner:
    runtime: Runtime
    lease: Lease
    plan: Plan
    pending: list[dict[str, Any]] = field(default_factory=list)
    stopped: bool = False
    flushing: bool = False

    async def run(self) -> None:
        plan = self.plan
        params = None
        if plan.operation.kind not in ("flow", "agent"):
            params = parse_params(plan.operation.kind, plan.operation.params, "operation.params")
        storage = storage_for(self.runtime.settings, plan.file.storage)
        chunks = storage.read(plan.file.storage_key or "")
        gate = asyncio.Semaphore(plan.concurrency)
        tasks: set[asyncio.Task[None]] = set()
        try:
            index = -1
            async for row in files.rows(chunks, plan.file.format or "jsonl"):  # type: ignore[arg-type]
                index += 1
                if index in plan.done:
                    continue
                await gate.acquire()
                if self.stopped:
                    gate.release()
                    break
                task = asyncio.create_task(self._row(index, row, params))
                tasks.add(task)
                task.add_done_callback(functools.partial(_settled, gate, tasks))
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.gather(*tasks, return_exceptions=True)
        await self.flush()

    async def _row(self, index: int, row: dict[str, Any], params: Any) -> None:
        operation = self.plan.operation
        value: Any = row if operation.input_field is None else row.get(operation.input_field)
        result: dict[str, Any] = {"batch_id": self.plan.batch_id, "row": index}
        if value is None:
            missing = f"The row has no field '{operation.input_field}'."
            self.pending.append(result | _failed({"error": "INPUT_MISSING", "message": missing}, 1))
            await self.flush()
            return
        if operation.flow_id is not None or operation.agent_id is not None:
            if operation.flow_id is not None:
                result |= await self._flow(index, operation.flow_id, value)
            else:
                result |= await self._agent(index, str(operation.agent_id), value)
            self.pending.append(result)
            await self.flush()
            return
        for attempt in range(1, self.plan.max_attempts + 1):
            try:
                done = await complete(
                    self.runtime,
                    self.plan.caller,
                    operation.kind,
                    params,
                    value,
                    model=operation.model,
                    temperature=operation.temperature,
                )
            except FlowlineError as exc:
                error = {"error": exc.error_code, "message": exc.message}
                if attempt == self.plan.max_attempts or exc.status in NOT_RETRIED:
                    result |= _failed(error, attempt)
                    break
                await asyncio.sleep(BACKOFF_SECONDS * 2 ** (attempt - 1))
                continue
            result |= {"status": "succeeded", "attempts": attempt, "output": done.output}
            result |= {"error": None, "created_at": utcnow()}
            break
        self.pending.append(result)
        await self.flush()

    async def _flow(self, index: int, flow_id: str, value: Any) -> dict[str, Any]:
        """A run of the flow with the row as its input, awaited. Its idempotency key is
        the batch's and the row's, so a resumed batch finds the run it started before."""
        runtime, plan = self.runtime, self.plan
        try:
            async with runtime.db.session(write=True) as tx:
                started = await start_run(
                    tx,
                    runtime.bus,
                    org_id=plan.caller.org_id,
                    flow_id=flow_id,
                    input=value,
                    trigger="api",
                    created_by_id=plan.caller.user_id,
                    idempotency_key=f"{plan.batch_id}:{index}",
                )
                await queue.announce(runtime.bus, tx)
        except FlowlineError as exc:
            return _failed({"error": exc.error_code, "message": exc.message}, 1)
        return await self._ended(started.run.id)

    async def _agent(self, index: int, agent_id: str, value: Any) -> dict[str, Any]:
        """A turn of the agent with the row as the user's message, awaited. Its run id is
        derived from the batch's and the row's, so a resumed batch finds the turn it began."""
        runtime, plan = self.runtime, self.plan
        run_id = derived_id("run", plan.batch_id, str(index))
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        principal = Principal(
            org_id=plan.caller.org_id, user_id=plan.caller.user_id or "", role=Role.MEMBER
        )
        opening = Opening(
            principal,
            agent_id,
            None,
            [MessageIn(role="user", content=text[:MAX_MESSAGE])],
            new_id("cnv"),
            run_id=run_id,
            queued=True,
        )
        try:
            async with runtime.db.session(write=True) as tx:
                if await tx.get(Run, run_id) is None:
                    conn = await tx.connection()
                    await conn.run_sync(lambda sync: open_turn(sync, runtime, opening))
                    await queue.announce(runtime.bus, tx)
        except FlowlineError as exc:
            return _failed({"error": exc.error_code, "message": exc.message}, 1)
        return await self._ended(run_id)

    async def _ended(self, run_id: str) -> dict[str, Any]:
        """The row's result once run ``run_id`` has ended."""
        runtime = self.runtime
        while True:
            async with runtime.db.session() as session:
                run = await session.get(Run, run_id)
            if run is None:
                return _failed({"error": "RUN_GONE", "message": f"Run {run_id} is gone."}, 1)
            if run.status in RUN_TERMINAL:
                break
            await asyncio.sleep(RUN_POLL_SECONDS)
        if run.status != "succeeded":
            error = {"error": "RUN_" + run.status.upper(), "run_id": run_id, **(run.error or {})}
            return _failed(error, 1)
        done = {"status": "succeeded", "attempts": 1, "error": None, "created_at": utcnow()}
        return done | {"output": {"run_id": run_id, "output": run.output}}

    async def flush(self) -> None:
        """Commit what has finished; one commit at a time, the others' rows join it."""
        if self.flushing:
            return
        self.flushing = True
        try:
            while self.pending:
                taken, self.pending = self.pending, []
                async with self.runtime.db.session(write=True) as tx:
                    await queue.extend(tx, self.lease, self.runtime.settings.lease_seconds)
                    repo = BatchRepository(tx, self.lease.org_id)
                    await repo.add_results(taken)
                    batch = await repo.get(self.plan.batch_id)
                    if batch is None or batch.status in TERMINAL:
                        self.stopped = True
        finally:
            self.flushing = False


def _settled(
    gate: asyncio.Semaphore, tasks: set[asyncio.Task[None]], task: asyncio.Task[None]
) -> None:
    gate.release()
    tasks.discard(task)


def _failed(error: dict[str, Any], attempts: int) -> dict[str, Any]:
    return {
        "status": "failed",
        "attempts": attempts,
        "output": None,
        "error": error,
        "created_at": utcnow(),
    }


async def run_batch(runtime: Runtime, lease: Lease) -> None:
    """The ``batch_run`` task (see the module)."""
    plan = await _begin(runtime, lease)
    if plan is None:
        return
    runner = _Runner(runtime, lease, plan)
    error: dict[str, Any] | None = None
    try:
        async with leased(runtime, lease):
            await runner.run()
    except (files.BadFile, FlowlineError) as exc:
        if isinstance(exc, queue.LeaseLost):
            raise
        error = {"error": exc.error_code, "message": exc.message}
    async with runtime.db.session(write=True) as tx:
        await queue.finish(tx, lease)  # raises LeaseLost when another worker took over
        batch = await BatchRepository(tx, lease.org_id).locked(plan.batch_id)
        if batch is not None and batch.status not in TERMINAL:
            _end_as(batch, "failed" if error else "completed", error)
