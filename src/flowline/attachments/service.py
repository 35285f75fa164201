"""Attachments: bodies a step brought back that are not text (SAFETY.md limits), and uploads.

The engine stores a step's body in the row as the step finishes and puts a
reference in the step's output. Uploads (``POST /attachments``, ``s3/upload``,
``POST /files``) are streamed from the request to a storage backend
(:mod:`flowline.attachments.storage`) with no transaction open; the row is written
once the object is whole. Both are read back through :func:`content`.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.attachments.repository import AttachmentRepository
from flowline.attachments.storage import Storage, Writer
from flowline.attachments.stores import storage_for
from flowline.attachments.upload import Received, UploadReader
from flowline.auth.principal import Principal
from flowline.config import Settings
from flowline.db.models import Attachment
from flowline.db.repository import Page, PageRequest
from flowline.errors import NotFound
from flowline.ids import new_id
from flowline.runtime import Runtime

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


def _not_found(attachment_id: str) -> NotFound:
    return NotFound(f"Attachment '{attachment_id}' not found.", code="ATTACHMENT_NOT_FOUND")


async def get_with_data(
    session: AsyncSession, principal: Principal, attachment_id: str
) -> Attachment:
    found = await AttachmentRepository(session, principal.org_id).with_data(attachment_id)
    if found is None:
        raise _not_found(attachment_id)
    return found


async def get(session: AsyncSession, principal: Principal, attachment_id: str) -> Attachment:
    found = await AttachmentRepository(session, principal.org_id).get(attachment_id)
    if found is None:
        raise _not_found(attachment_id)
    return found


async def readable(session: AsyncSession, principal: Principal, attachment_id: str) -> Attachment:
    """The row, with its bytes loaded when they live in it."""
    row = await get(session, principal, attachment_id)
    if row.storage is None:
        return await get_with_data(session, principal, attachment_id)
    return row


async def list_attachments(
    session: AsyncSession, principal: Principal, page: PageRequest, purpose: str | None
) -> Page[Attachment]:
    return await AttachmentRepository(session, principal.org_id).uploads(page, purpose)


@dataclass(frozen=True, slots=True)
class Upload:
    """An object written to ``storage`` under ``key``, not yet recorded."""

    id: str
    key: str
    storage: Storage
    received: Received


Check = Callable[[Upload], Awaitable[dict[str, object]]]
"""Reads a finished upload back and answers extra columns (a batch file's format and
rows), or raises to refuse it (the object is deleted)."""


async def receive(
    runtime: Runtime,
    principal: Principal,
    content_type: str,
    chunks: AsyncIterator[bytes],
    storage: Storage,
) -> Upload:
    """Stream the request's ``file`` part into ``storage``; nothing is recorded yet."""
    attachment_id = new_id("att")
    key = f"{principal.org_id}/{attachment_id}"

    async def open_writer(content_type: str) -> Writer:
        return await storage.writer(key, content_type)

    max_bytes = runtime.settings.upload_max_mb * 1024 * 1024
    reader = UploadReader(open_writer, max_bytes)
    try:
        received = await reader.read(content_type, chunks)
        assert reader.writer is not None
        await reader.writer.commit()
    except BaseException:
        if reader.writer is not None:
            await reader.writer.abort()
        raise
    return Upload(attachment_id, key, storage, received)


async def upload(
    runtime: Runtime,
    principal: Principal,
    content_type: str,
    chunks: AsyncIterator[bytes],
    *,
    purpose: str = "upload",
    storage_name: str | None = None,
    check: Check | None = None,
) -> Attachment:
    """Store an uploaded file (see the module) and record it; its row."""
    storage = storage_for(runtime.settings, storage_name)
    done = await receive(runtime, principal, content_type, chunks, storage)
    try:
        extra = await check(done) if check is not None else {}
        async with runtime.db.session(write=True) as session:
            return await _record(session, principal, done, purpose, extra)
    except BaseException:
        await storage.delete(done.key)
        raise


async def _record(
    session: AsyncSession,
    principal: Principal,
    done: Upload,
    purpose: str,
    extra: dict[str, object],
) -> Attachment:
    received = done.received
    row = Attachment(
        id=done.id,
        content_type=received.content_type,
        size=received.size,
        sha256=received.sha256,
        name=received.filename,
        purpose=purpose,
        storage=done.storage.name,
        storage_key=done.key,
        created_by_id=principal.user_id or None,
        **extra,
    )
    AttachmentRepository(session, principal.org_id).add(row)
    await session.flush()
    return row


async def content(settings: Settings, attachment: Attachment) -> AsyncIterator[bytes]:
    """The attachment's bytes in chunks, from its row or its storage."""
    if attachment.storage is None or attachment.storage_key is None:
        yield attachment.data or b""
        return
    async for chunk in storage_for(settings, attachment.storage).read(attachment.storage_key):
        yield chunk


async def delete(
    runtime: Runtime, session: AsyncSession, principal: Principal, attachment_id: str
) -> None:
    """Remove the row, then its stored object (a left-over object is only space)."""
    row = await get(session, principal, attachment_id)
    storage, key = row.storage, row.storage_key
    await AttachmentRepository(session, principal.org_id).delete(row)
    await session.commit()
    if storage is not None and key is not None:
        await storage_for(runtime.settings, storage).delete(key)


def reference(attachment: Attachment) -> dict[str, object]:
    """What a step's output says about an attachment."""
    return {
        "id": attachment.id,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
    }
