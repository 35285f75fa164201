"""Ingestion: one ``knowledge_ingest`` task on the engine per document.

Adding a document stores its bytes and status ``queued`` and queues the task in the
caller's transaction. The task marks it ``indexing``, fetches it (a URL, through the
one outbound client), parses, splits and embeds it outside any transaction, then
writes every chunk, the status ``ready`` and the end of the task in one commit. A
worker killed before that commit leaves the task leased; when the lease runs out the
document is indexed again from its stored bytes, and its chunks are replaced, never
doubled (``(document_id, seq)`` is unique as well). Progress goes out on the bus as
``knowledge:{kb_id}`` notifications.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from dataclasses import dataclass
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import KnowledgeBase, KnowledgeDocument
from flowline.db.types import utcnow
from flowline.engine import queue
from flowline.engine.heartbeat import leased
from flowline.engine.queue import Lease
from flowline.errors import FlowlineError
from flowline.events.bus import Bus
from flowline.knowledge import parsing
from flowline.knowledge.embedders import Embedder, embedder_for
from flowline.knowledge.repository import (
    ChunkRepository,
    DocumentRepository,
    KnowledgeBaseRepository,
    NewChunk,
)
from flowline.outbound.client import OutboundRequest
from flowline.runtime import Runtime

log = structlog.get_logger("flowline.knowledge")

INGEST_TASK = "knowledge_ingest"
EMBED_BATCH = 256
MAX_FETCH_BYTES = 20 * 1024 * 1024


def events_channel(kb_id: str) -> str:
    return f"knowledge:{kb_id}"


async def progress(
    session: AsyncSession, bus: Bus, document: KnowledgeDocument, type: str, **data: Any
) -> None:
    """A ``document.*`` event on the KB's bus channel, sent when ``session`` commits."""
    payload = {"type": type, "document_id": document.id, "status": document.status, **data}
    await bus.notify_in_transaction(session, events_channel(document.kb_id), json.dumps(payload))


async def enqueue(session: AsyncSession, bus: Bus, document: KnowledgeDocument) -> None:
    """Queue the document's indexing in the caller's transaction."""
    queue.enqueue(
        session,
        org_id=document.org_id,
        run_id=None,
        node_id=document.id,
        kind=INGEST_TASK,
        payload={"document_id": document.id},
    )
    await progress(session, bus, document, "document.queued")
    await queue.announce(bus, session)


@dataclass(frozen=True, slots=True)
class Indexed:
    pieces: list[parsing.Piece]
    vectors: list[bytes]
    data: bytes
    content_type: str


async def _fetch(runtime: Runtime, url: str) -> tuple[bytes, str]:
    answer = await runtime.outbound.send(
        OutboundRequest("GET", url, max_response_bytes=MAX_FETCH_BYTES)
    )
    if answer.status >= 400:
        raise parsing.UnreadableDocument(f"Fetching the URL answered {answer.status}.")
    return answer.content, answer.content_type or "text/html"


async def index(
    runtime: Runtime, kb: KnowledgeBase, document: KnowledgeDocument, embedder: Embedder
) -> Indexed:
    """Fetch (URLs), parse, split and embed the document; nothing is written."""
    data, content_type = document.data or b"", document.content_type
    if document.source == "url" and document.url is not None:
        data, content_type = await _fetch(runtime, document.url)
    kind = parsing.kind_of(content_type, document.name)
    # Parsing and splitting take a while on a long document: not on the event loop.
    pieces = await asyncio.to_thread(
        parsing.pieces_of, data, kind, kb.chunk_size, kb.chunk_overlap, kb.separators
    )
    vectors: list[bytes] = []
    for start in range(0, len(pieces), EMBED_BATCH):
        batch = await embedder.embed([p.text for p in pieces[start : start + EMBED_BATCH]])
        vectors.extend(row.tobytes() for row in batch)
    return Indexed(pieces, vectors, data, content_type)


async def _begin(runtime: Runtime, lease: Lease) -> tuple[KnowledgeBase, KnowledgeDocument] | None:
    """Mark the document ``indexing``; ``None`` when there is nothing (more) to do."""
    document_id = str(lease.payload.get("document_id"))
    async with runtime.db.session(write=True) as tx:
        document = await DocumentRepository(tx, lease.org_id).with_data(document_id)
        kb = None
        if document is not None:
            kb = await KnowledgeBaseRepository(tx, lease.org_id).get(document.kb_id)
        if document is None or kb is None or document.status in ("ready", "failed"):
            await queue.finish(tx, lease)
            return None
        if document.status != "indexing":
            document.status = "indexing"
            await progress(tx, runtime.bus, document, "document.indexing")
        return kb, document


async def ingest(runtime: Runtime, lease: Lease) -> None:
    """The ``knowledge_ingest`` task: index one document, then store it in one commit."""
    begun = await _begin(runtime, lease)
    if begun is None:
        return
    kb, document = begun
    try:
        async with runtime.db.session() as session:
            embedder = await embedder_for(session, runtime, kb)
        async with leased(runtime, lease):
            indexed: Indexed | FlowlineError = await index(runtime, kb, document, embedder)
    except FlowlineError as exc:
        indexed = exc
    async with runtime.db.session(write=True) as tx:
        await queue.finish(tx, lease)  # raises LeaseLost when another worker took over
        current = await DocumentRepository(tx, lease.org_id).get(document.id)
        if current is None or current.status != "indexing":
            return
        if isinstance(indexed, FlowlineError):
            await _failed(tx, runtime.bus, current, indexed)
        else:
            await store(tx, runtime.bus, current, indexed)


async def _failed(
    session: AsyncSession, bus: Bus, document: KnowledgeDocument, exc: FlowlineError
) -> None:
    document.status = "failed"
    document.error = {"code": exc.error_code, "message": exc.message}
    document.updated_at = utcnow()
    await progress(session, bus, document, "document.failed", error=document.error)
    log.info("knowledge_ingest_failed", document_id=document.id, code=exc.error_code)


async def store(
    session: AsyncSession, bus: Bus, document: KnowledgeDocument, indexed: Indexed
) -> None:
    """Write the chunks (replacing any), the document ``ready``, and a new KB version."""
    org_id = document.org_id
    if document.source == "url":
        digest = hashlib.sha256(indexed.data).hexdigest()
        twin = await DocumentRepository(session, org_id).by_hash(document.kb_id, digest)
        if twin is not None and twin.id != document.id:
            await _failed(
                session,
                bus,
                document,
                FlowlineError(
                    f"The same content is document {twin.id}.", code="DUPLICATE_DOCUMENT"
                ),
            )
            return
        if digest == document.content_hash and document.chunk_count:
            document.status = "ready"  # a refresh found nothing changed: chunks stay
            await progress(session, bus, document, "document.ready", chunks=document.chunk_count)
            return
        document.content_hash = digest
        document.data = indexed.data
        document.size = len(indexed.data)
        document.content_type = indexed.content_type[:255]
    now = utcnow()
    chunks = [
        NewChunk(piece.text, piece.tokens, vector)
        for piece, vector in zip(indexed.pieces, indexed.vectors, strict=True)
    ]
    await ChunkRepository(session, org_id).replace(document.kb_id, document.id, chunks)
    document.status = "ready"
    document.error = None
    document.chunk_count = len(chunks)
    document.updated_at = now
    await KnowledgeBaseRepository(session, org_id).bump(document.kb_id)
    await progress(session, bus, document, "document.ready", chunks=len(chunks))
