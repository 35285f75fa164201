"""Attachments: bodies an outbound call brought back that are not text (SAFETY.md limits).

The engine stores them as a step finishes and puts a reference in the step's
output; people download them through ``GET /api/v1/attachments/{id}``.
"""

from __future__ import annotations

import hashlib

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.attachments.repository import AttachmentRepository
from flowline.auth.principal import Principal
from flowline.db.models import Attachment
from flowline.errors import NotFound
from flowline.ids import new_id

DEFAULT_CONTENT_TYPE = "application/octet-stream"


async def store(
    session: AsyncSession,
    org_id: str,
    data: bytes,
    content_type: str | None,
    *,
    run_id: str | None = None,
    step_id: str | None = None,
) -> Attachment:
    """Keep ``data`` for the organisation; the caller's transaction commits it."""
    attachment = AttachmentRepository(session, org_id).add(
        Attachment(
            id=new_id("att"),
            run_id=run_id,
            step_id=step_id,
            content_type=(content_type or DEFAULT_CONTENT_TYPE)[:255],
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            data=data,
        )
    )
    await session.flush()
    return attachment


async def get_with_data(
    session: AsyncSession, principal: Principal, attachment_id: str
) -> Attachment:
    found = await AttachmentRepository(session, principal.org_id).with_data(attachment_id)
    if found is None:
        raise NotFound(f"Attachment '{attachment_id}' not found.", code="ATTACHMENT_NOT_FOUND")
    return found


def reference(attachment: Attachment) -> dict[str, object]:
    """What a step's output says about an attachment."""
    return {
        "id": attachment.id,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
    }
