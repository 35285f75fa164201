"""``cancel/background-task/{id}``: one door to stop background work, by the id's kind."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.batches import service as batches
from flowline.errors import Conflict, NotFound
from flowline.knowledge.repository import DocumentRepository
from flowline.runs import service as runs
from flowline.runtime import Runtime


class Cancelled(BaseModel):
    task_id: str
    kind: str = Field(description="`batch`, `knowledge_ingest` or `run`.")
    status: str = Field(description="Its status now.")


async def _document(session: AsyncSession, principal: Principal, doc_id: str) -> Cancelled:
    document = await DocumentRepository(session, principal.org_id).get(doc_id)
    if document is None:
        raise NotFound(f"Background task '{doc_id}' not found.", code="TASK_NOT_FOUND")
    if document.status in ("ready", "failed"):
        raise Conflict(f"The ingestion of '{doc_id}' has already ended ({document.status}).")
    document.status = "failed"
    document.error = {"code": "CANCELLED", "message": "The ingestion was cancelled."}
    await session.flush()
    return Cancelled(task_id=doc_id, kind="knowledge_ingest", status="failed")


async def cancel(
    session: AsyncSession, runtime: Runtime, principal: Principal, task_id: str
) -> Cancelled:
    if task_id.startswith("bat_"):
        batch = await batches.cancel(session, principal, task_id)
        return Cancelled(task_id=task_id, kind="batch", status=batch.status)
    if task_id.startswith("doc_"):
        return await _document(session, principal, task_id)
    if task_id.startswith("run_"):
        run = await runs.cancel(session, runtime, principal, task_id)
        return Cancelled(task_id=task_id, kind="run", status=run.status)
    raise NotFound(f"Background task '{task_id}' not found.", code="TASK_NOT_FOUND")
