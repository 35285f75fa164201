"""The ``email_scheduled`` engine task: a scheduled email draft sent at its time.

The task is queued with the move to ``scheduled`` (``artifacts.service.set_state``),
available at ``scheduled_at``; being a row, it survives restarts. It sends only if
the draft is still scheduled at the version it was queued for (an edit or another
move voids it), through ``emails.service.send`` in the same transaction that
finishes the task. A send refused (no email channel any more, …) moves the draft
back to ``draft`` so that people see it was not sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.artifacts import service as artifacts
from flowline.artifacts.repository import ArtifactRepository
from flowline.artifacts.service import SEND_SCHEDULED_TASK
from flowline.auth.principal import Principal
from flowline.auth.scopes import Role
from flowline.db.models import Artifact
from flowline.emails import service
from flowline.emails.schemas import EmailSend
from flowline.engine import queue
from flowline.engine.live import Handler
from flowline.engine.queue import Lease
from flowline.errors import FlowlineError
from flowline.runtime import Runtime

log = structlog.get_logger("flowline.emails")


async def send_scheduled(runtime: Runtime, lease: Lease) -> None:
    async with runtime.db.session(write=True) as tx:
        await queue.finish(tx, lease)
        artifact = await ArtifactRepository(tx, lease.org_id).get_for_update(
            str(lease.payload["artifact_id"])
        )
        if artifact is None or artifact.state != "scheduled":
            return
        if artifact.version != lease.payload.get("version"):
            return  # edited or moved since: this firing is void
        await _send(tx, runtime, artifact)


async def _send(tx: AsyncSession, runtime: Runtime, artifact: Artifact) -> None:
    principal = Principal(
        org_id=artifact.org_id, user_id=artifact.created_by_id or "", role=Role.MEMBER
    )
    try:
        async with tx.begin_nested():
            await service.send(tx, runtime, principal, EmailSend(artifact_id=artifact.id))
    except FlowlineError as exc:
        log.warning("scheduled_email_refused", artifact_id=artifact.id, code=exc.error_code)
        artifacts.move(artifact, "draft")
        await tx.flush()


HANDLERS: Mapping[str, Handler] = MappingProxyType({SEND_SCHEDULED_TASK: send_scheduled})
