"""Parsed text of an attachment or a knowledge document, by the knowledge base's parsers.

The same extraction that indexes a file (``knowledge/parsing.py``: PDF, DOCX, HTML, CSV,
JSON, text) runs here in a thread, so what a person reads is what an agent searched.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.attachments import service as attachments
from flowline.auth.principal import Principal
from flowline.config import Settings
from flowline.errors import Forbidden, NotFound, ValidationFailed
from flowline.knowledge.parsing import UnreadableDocument, extract, kind_of
from flowline.knowledge.repository import DocumentRepository

MAX_VIEW_BYTES = 25 * 1024 * 1024
"""Files larger than this are not parsed for viewing (download them instead)."""


class DocumentTooLarge(ValidationFailed):
    code = "DOCUMENT_TOO_LARGE"


@dataclass(frozen=True, slots=True)
class Viewed:
    id: str
    source: str
    name: str
    content_type: str
    kind: str
    text: str
    characters: int
    truncated: bool


def _too_large(size: int) -> DocumentTooLarge:
    return DocumentTooLarge(
        f"The file is {size} bytes; the viewer parses files up to {MAX_VIEW_BYTES} bytes.",
        details=[{"field": "id", "problem": "too large to view; download it instead"}],
    )


async def _attachment(
    session: AsyncSession, settings: Settings, principal: Principal, item_id: str
) -> tuple[str, str, bytes]:
    if not principal.allows("runs:read"):
        raise Forbidden("This needs the 'runs:read' permission.")
    row = await attachments.readable(session, principal, item_id)
    if row.size > MAX_VIEW_BYTES:
        raise _too_large(row.size)
    data = b"".join([chunk async for chunk in attachments.content(settings, row)])
    return row.name or row.id, row.content_type, data


async def _knowledge_document(
    session: AsyncSession, principal: Principal, item_id: str
) -> tuple[str, str, bytes]:
    if not principal.allows("knowledge:read"):
        raise Forbidden("This needs the 'knowledge:read' permission.")
    document = await DocumentRepository(session, principal.org_id).viewable(item_id)
    if document is None:
        raise NotFound(f"Document '{item_id}' not found.", code="DOCUMENT_NOT_FOUND")
    if document.size > MAX_VIEW_BYTES:
        raise _too_large(document.size)
    return document.name, document.content_type, document.data or b""


async def view(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    item_id: str,
    max_chars: int,
) -> Viewed:
    """The text of ``att_…`` (an attachment) or ``doc_…`` (a knowledge document)."""
    if item_id.startswith("att_"):
        source = "attachment"
        name, content_type, data = await _attachment(session, settings, principal, item_id)
    else:
        source = "knowledge_document"
        name, content_type, data = await _knowledge_document(session, principal, item_id)
    kind = kind_of(content_type, name)
    try:
        text = await asyncio.to_thread(extract, data, kind)
    except UnreadableDocument as exc:
        raise UnreadableDocument(
            exc.message, details=[{"field": "id", "problem": f"not a readable {kind} file"}]
        ) from None
    return Viewed(
        id=item_id,
        source=source,
        name=name,
        content_type=content_type,
        kind=kind,
        text=text[:max_chars],
        characters=len(text),
        truncated=len(text) > max_chars,
    )
