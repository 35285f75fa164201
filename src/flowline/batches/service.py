"""Batches: an uploaded file's rows, each through one completion, on the engine.

Creating a batch checks its file and operation and queues one ``batch_run`` task
in the same transaction (:mod:`flowline.batches.runner` does the work). Progress
is the committed ``batch_results`` rows. Cancelling marks the batch; the runner
stops at its next commit.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.repository import AgentRepository
from flowline.attachments import service as attachments
from flowline.attachments.service import Upload
from flowline.auth.principal import Principal
from flowline.batches import files
from flowline.batches.repository import BatchRepository
from flowline.batches.schemas import TERMINAL, BatchCreate, BatchRead
from flowline.completions.service import parse_params
from flowline.db.models import Attachment, Batch
from flowline.db.types import utcnow
from flowline.engine import queue
from flowline.errors import Conflict, NotFound
from flowline.flows.repository import FlowRepository
from flowline.ids import new_id
from flowline.runtime import Runtime
from flowline.usage.spending import ensure_can_spend

BATCH_TASK = "batch_run"


async def upload_file(
    runtime: Runtime, principal: Principal, content_type: str, chunks: AsyncIterator[bytes]
) -> Attachment:
    """``POST /files``: stored like any upload, then read back to check and count it."""

    async def check(done: Upload) -> dict[str, object]:
        received = done.received
        fmt = files.format_of(received.fields.get("format"), received.filename)
        total = await files.count(done.storage.read(done.key), fmt)
        return {"format": fmt, "row_count": total}

    return await attachments.upload(
        runtime, principal, content_type, chunks, purpose="batch", check=check
    )


def _not_found(batch_id: str) -> NotFound:
    return NotFound(f"Batch '{batch_id}' not found.", code="BATCH_NOT_FOUND")


async def create(
    session: AsyncSession, runtime: Runtime, principal: Principal, data: BatchCreate
) -> Batch:
    file = await attachments.get(session, principal, data.file_id)
    if file.purpose != "batch" or file.row_count is None:
        problem = "The file was not uploaded through POST /files."
        raise Conflict(
            problem, code="NOT_A_BATCH_FILE", details=[{"field": "file_id", "problem": problem}]
        )
    operation = data.operation
    if operation.flow_id is not None:
        flow = await FlowRepository(session, principal.org_id).get(operation.flow_id)
        if flow is None:
            raise NotFound(f"Flow {operation.flow_id} not found.", code="FLOW_NOT_FOUND")
    elif operation.agent_id is not None:
        agent = await AgentRepository(session, principal.org_id).get(operation.agent_id)
        if agent is None:
            raise NotFound(f"Agent {operation.agent_id} not found.", code="AGENT_NOT_FOUND")
    else:
        parse_params(operation.kind, operation.params, "operation.params")
    await ensure_can_spend(session, principal.org_id, principal.user_id or None)
    batch = BatchRepository(session, principal.org_id).add(
        Batch(
            id=new_id("bat"),
            file_id=file.id,
            created_by_id=principal.user_id or None,
            operation=data.operation.model_dump(mode="json"),
            status="queued",
            total_rows=file.row_count,
            concurrency=data.concurrency,
            max_attempts=data.max_attempts,
        )
    )
    queue.enqueue(session, org_id=principal.org_id, run_id=None, node_id=batch.id, kind=BATCH_TASK)
    await queue.announce(runtime.bus, session)
    await session.flush()
    return batch


async def get(session: AsyncSession, principal: Principal, batch_id: str) -> Batch:
    found = await BatchRepository(session, principal.org_id).get(batch_id)
    if found is None:
        raise _not_found(batch_id)
    return found


async def read(session: AsyncSession, batch: Batch) -> BatchRead:
    counts = await BatchRepository(session, batch.org_id).counts(batch.id)
    succeeded, failed = counts.get("succeeded", 0), counts.get("failed", 0)
    done = succeeded + failed
    total = batch.total_rows
    return BatchRead(
        id=batch.id,
        file_id=batch.file_id,
        status=batch.status,
        operation=batch.operation,
        total_rows=total,
        succeeded=succeeded,
        failed=failed,
        pending=max(0, total - done),
        progress=round(done / total, 4) if total else 1.0,
        concurrency=batch.concurrency,
        max_attempts=batch.max_attempts,
        error=batch.error,
        created_at=batch.created_at,
        started_at=batch.started_at,
        finished_at=batch.finished_at,
    )


async def cancel(session: AsyncSession, principal: Principal, batch_id: str) -> Batch:
    """Mark it ``cancelled``; the rows done stay. An ended batch: ``409``."""
    batch = await BatchRepository(session, principal.org_id).locked(batch_id)
    if batch is None:
        raise _not_found(batch_id)
    if batch.status in TERMINAL:
        raise Conflict(f"Batch '{batch_id}' has already ended ({batch.status}).")
    batch.status = "cancelled"
    batch.finished_at = utcnow()
    await session.flush()
    return batch


async def results(
    session: AsyncSession, principal: Principal, batch_id: str, offset: int, limit: int
) -> tuple[Batch, list[dict[str, Any]]]:
    batch = await get(session, principal, batch_id)
    found = await BatchRepository(session, principal.org_id).results(batch.id, offset, limit)
    return batch, [
        {
            "row": r.row,
            "status": r.status,
            "attempts": r.attempts,
            "output": r.output,
            "error": r.error,
        }
        for r in found
    ]
