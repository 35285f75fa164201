"""Knowledge bases: documents in, hybrid search out. Services take the caller's session
and never commit; indexing is engine work (:mod:`flowline.knowledge.ingestion`)."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.db.models import AgentKnowledgeBase, KnowledgeBase, KnowledgeChunk, KnowledgeDocument
from flowline.db.repository import Page, PageRequest
from flowline.db.types import utcnow
from flowline.errors import FlowlineError, NotFound
from flowline.ids import new_id
from flowline.knowledge import ingestion, parsing
from flowline.knowledge.embedders import embedder_for
from flowline.knowledge.repository import (
    BindingRepository,
    ChunkRepository,
    DocumentRepository,
    KnowledgeBaseRepository,
)
from flowline.knowledge.schemas import (
    ChunkingFields,
    Condition,
    DocumentAdd,
    FromUrl,
    KnowledgeBaseCreate,
    KnowledgeBaseUpdate,
    KnowledgeSummary,
    MetadataField,
    PreviewBody,
    PreviewChunk,
    PreviewResult,
    SearchBody,
    SearchHit,
)
from flowline.knowledge.search import matches
from flowline.knowledge.search import search as hybrid_search
from flowline.runtime import Runtime


@dataclass(frozen=True, slots=True)
class Upload:
    """One file of a multipart request."""

    name: str
    content_type: str
    data: bytes
    metadata: dict[str, Any] = field(default_factory=dict)


def kb_not_found(kb_id: str) -> NotFound:
    return NotFound(f"Knowledge base '{kb_id}' not found.", code="KNOWLEDGE_BASE_NOT_FOUND")


def document_not_found(document_id: str) -> NotFound:
    return NotFound(f"Document '{document_id}' not found.", code="DOCUMENT_NOT_FOUND")


async def get_kb(session: AsyncSession, principal: Principal, kb_id: str) -> KnowledgeBase:
    kb = await KnowledgeBaseRepository(session, principal.org_id).get(kb_id)
    if kb is None:
        raise kb_not_found(kb_id)
    return kb


async def list_kbs(
    session: AsyncSession, principal: Principal, page: PageRequest
) -> Page[KnowledgeBase]:
    repo = KnowledgeBaseRepository(session, principal.org_id)
    return await repo.paginate(repo.select(), page)


def _new_kb(principal: Principal, body: KnowledgeBaseCreate | FromUrl, name: str) -> KnowledgeBase:
    now = utcnow()
    return KnowledgeBase(
        id=new_id("kb"),
        name=name,
        description=body.description,
        embedding=body.embedding.model_dump(mode="json", exclude_none=True),
        chunk_size=body.chunk_size,
        chunk_overlap=body.chunk_overlap,
        separators=body.separators,
        meta=getattr(body, "metadata", {}),
        version=1,
        created_at=now,
        updated_at=now,
    )


async def create_kb(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    body: KnowledgeBaseCreate,
    uploads: Sequence[Upload] = (),
) -> KnowledgeBase:
    """A new KB with its uploaded files queued for indexing (all checked first)."""
    for upload in uploads:
        parsing.kind_of(upload.content_type, upload.name)
    kb = KnowledgeBaseRepository(session, principal.org_id).add(_new_kb(principal, body, body.name))
    await session.flush()
    for upload in uploads:
        await _add_upload(session, runtime, kb, upload)
    return kb


async def create_from_url(
    session: AsyncSession, runtime: Runtime, principal: Principal, body: FromUrl
) -> KnowledgeBase:
    """A new KB holding one document, fetched from ``url`` by the ingestion task."""
    url = str(body.url)
    kb = KnowledgeBaseRepository(session, principal.org_id).add(
        _new_kb(principal, body, body.name or url[:200])
    )
    await session.flush()
    await _add_document(session, runtime, kb, _url_document(url, None, {}))
    return kb


async def update_kb(
    session: AsyncSession, principal: Principal, kb_id: str, body: KnowledgeBaseUpdate
) -> KnowledgeBase:
    kb = await get_kb(session, principal, kb_id)
    if body.name is not None:
        kb.name = body.name
    if body.description is not None:
        kb.description = body.description
    if body.metadata is not None:
        kb.meta = body.metadata
    kb.updated_at = utcnow()
    await session.flush()
    return kb


async def delete_kb(session: AsyncSession, principal: Principal, kb_id: str) -> None:
    kb = await get_kb(session, principal, kb_id)
    await ChunkRepository(session, principal.org_id).delete_of_kb(kb.id)
    await KnowledgeBaseRepository(session, principal.org_id).delete(kb)
    await session.flush()


# ------------------------------------------------------------------ documents


def _url_document(url: str, name: str | None, meta: dict[str, Any]) -> KnowledgeDocument:
    return KnowledgeDocument(
        name=(name or url)[:255], source="url", url=url, content_type="text/html", meta=meta
    )


async def _add_document(
    session: AsyncSession, runtime: Runtime, kb: KnowledgeBase, document: KnowledgeDocument
) -> tuple[KnowledgeDocument, bool]:
    """Store and queue the document; ``(existing, True)`` when the KB already holds its
    content (or, for a URL, that URL): adding it again is a no-op."""
    docs = DocumentRepository(session, kb.org_id)
    if document.content_hash is not None:
        twin = await docs.by_hash(kb.id, document.content_hash)
    else:
        twin = await docs.by_url(kb.id, document.url or "")
    if twin is not None:
        return twin, True
    now = utcnow()
    document.id = new_id("doc")
    document.kb_id = kb.id
    document.status = "queued"
    document.chunk_count = 0
    document.size = len(document.data or b"")
    document.created_at = now
    document.updated_at = now
    docs.add(document)
    await session.flush()
    await ingestion.enqueue(session, runtime.bus, document)
    return document, False


async def _add_upload(
    session: AsyncSession, runtime: Runtime, kb: KnowledgeBase, upload: Upload
) -> tuple[KnowledgeDocument, bool]:
    return await _add_document(
        session,
        runtime,
        kb,
        KnowledgeDocument(
            name=upload.name[:255],
            source="upload",
            content_type=upload.content_type[:255],
            content_hash=hashlib.sha256(upload.data).hexdigest(),
            data=upload.data,
            meta=upload.metadata,
        ),
    )


async def add_documents(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    kb_id: str,
    uploads: Sequence[Upload] = (),
    body: DocumentAdd | None = None,
) -> list[tuple[KnowledgeDocument, bool]]:
    """Queue files, or one text or URL; each ``(document, duplicate)``."""
    kb = await get_kb(session, principal, kb_id)
    for upload in uploads:
        parsing.kind_of(upload.content_type, upload.name)
    added = [await _add_upload(session, runtime, kb, upload) for upload in uploads]
    if body is not None and body.url is not None:
        document = _url_document(str(body.url), body.name, body.metadata)
        added.append(await _add_document(session, runtime, kb, document))
    elif body is not None and body.text is not None:
        name = body.name or "text"
        parsing.kind_of(body.content_type, None if body.name is None else name)
        upload = Upload(name, body.content_type, body.text.encode(), body.metadata)
        added.append(await _add_upload(session, runtime, kb, upload))
    return added


async def list_documents(
    session: AsyncSession, principal: Principal, kb_id: str, page: PageRequest
) -> Page[KnowledgeDocument]:
    kb = await get_kb(session, principal, kb_id)
    docs = DocumentRepository(session, principal.org_id)
    return await docs.paginate(docs.of_kb(kb.id), page)


async def filter_documents(
    session: AsyncSession, principal: Principal, kb_id: str, condition: Condition | None
) -> list[KnowledgeDocument]:
    kb = await get_kb(session, principal, kb_id)
    found = await DocumentRepository(session, principal.org_id).all_of([kb.id])
    return sorted(
        (d for d in found if matches(d.meta, condition)), key=lambda d: d.id, reverse=True
    )


async def get_document(
    session: AsyncSession, principal: Principal, kb_id: str, document_id: str
) -> KnowledgeDocument:
    kb = await get_kb(session, principal, kb_id)
    document = await DocumentRepository(session, principal.org_id).in_kb(kb.id, document_id)
    if document is None:
        raise document_not_found(document_id)
    return document


async def delete_document(
    session: AsyncSession, principal: Principal, kb_id: str, document_id: str
) -> None:
    document = await get_document(session, principal, kb_id, document_id)
    await ChunkRepository(session, principal.org_id).delete_of_document(document.id)
    await DocumentRepository(session, principal.org_id).delete(document)
    await KnowledgeBaseRepository(session, principal.org_id).bump(kb_id)
    await session.flush()


async def _requeue(session: AsyncSession, runtime: Runtime, document: KnowledgeDocument) -> None:
    document.status = "queued"
    document.error = None
    document.updated_at = utcnow()
    await ingestion.enqueue(session, runtime.bus, document)


async def refresh_document(
    session: AsyncSession, runtime: Runtime, principal: Principal, kb_id: str, document_id: str
) -> KnowledgeDocument:
    """Index the document again (a URL is fetched again; unchanged content keeps its chunks)."""
    document = await get_document(session, principal, kb_id, document_id)
    await _requeue(session, runtime, document)
    await session.flush()
    return document


async def refresh_kb(
    session: AsyncSession, runtime: Runtime, principal: Principal, kb_id: str
) -> list[KnowledgeDocument]:
    kb = await get_kb(session, principal, kb_id)
    documents = await DocumentRepository(session, principal.org_id).all_of([kb.id])
    for document in documents:
        await _requeue(session, runtime, document)
    await session.flush()
    return documents


# ------------------------------------------------------------------ content


async def get_chunk(
    session: AsyncSession, principal: Principal, kb_id: str, chunk_id: str
) -> KnowledgeChunk:
    kb = await get_kb(session, principal, kb_id)
    chunk = await ChunkRepository(session, principal.org_id).in_kb(kb.id, chunk_id)
    if chunk is None:
        raise NotFound(f"Chunk '{chunk_id}' not found.", code="CHUNK_NOT_FOUND")
    return chunk


async def list_chunks(
    session: AsyncSession, principal: Principal, kb_id: str, page: PageRequest
) -> Page[KnowledgeChunk]:
    kb = await get_kb(session, principal, kb_id)
    return await ChunkRepository(session, principal.org_id).page_of_kb(kb.id, page)


async def summary(session: AsyncSession, principal: Principal, kb_id: str) -> KnowledgeSummary:
    kb = await get_kb(session, principal, kb_id)
    by_status = await DocumentRepository(session, principal.org_id).counts(kb.id)
    chunks, tokens = await ChunkRepository(session, principal.org_id).totals(kb.id)
    return KnowledgeSummary(
        id=kb.id,
        name=kb.name,
        documents=sum(by_status.values()),
        chunks=chunks,
        tokens=tokens,
        by_status=by_status,
        version=kb.version,
    )


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "null" if value is None else "object"


async def metadata_schema(
    session: AsyncSession, principal: Principal, kb_id: str
) -> list[MetadataField]:
    """The metadata keys of the KB's documents, with the JSON types seen for each."""
    kb = await get_kb(session, principal, kb_id)
    seen: dict[str, tuple[set[str], int]] = {}
    for document in await DocumentRepository(session, principal.org_id).all_of([kb.id]):
        for key, value in (document.meta or {}).items():
            types, count = seen.get(key, (set(), 0))
            types.add(_type_name(value))
            seen[key] = (types, count + 1)
    return [
        MetadataField(key=key, types=sorted(types), documents=count)
        for key, (types, count) in sorted(seen.items())
    ]


@dataclass(frozen=True, slots=True)
class Previewed:
    """What a preview chunks: a text's or a file's bytes, its kind checked already."""

    data: bytes
    kind: str
    chunking: ChunkingFields


def previewed(body: PreviewBody) -> Previewed:
    kind = parsing.kind_of(body.content_type, None)
    return Previewed(body.text.encode(), kind, body)


def previewed_upload(upload: Upload, chunking: ChunkingFields) -> Previewed:
    kind = parsing.kind_of(upload.content_type, upload.name)
    return Previewed(upload.data, kind, chunking)


def _split(job: Previewed, text: str) -> list[parsing.Piece]:
    chunking = job.chunking
    return parsing.split(text, chunking.chunk_size, chunking.chunk_overlap, chunking.separators)


def _pieces(job: Previewed) -> list[parsing.Piece]:
    return _split(job, parsing.extract(job.data, job.kind))


async def preview(job: Previewed) -> PreviewResult:
    """The chunks the text or file would make (split off the event loop); nothing is stored."""
    pieces = await asyncio.to_thread(_pieces, job)
    return PreviewResult(
        chunks=[PreviewChunk(seq=i, text=p.text, tokens=p.tokens) for i, p in enumerate(pieces)],
        total_tokens=sum(p.tokens for p in pieces),
    )


async def preview_events(job: Previewed) -> AsyncIterator[tuple[str, dict[str, Any]]]:
    """A long file's preview as events: ``status`` (``extracting``, ``splitting``) as it
    goes, each ``chunk`` (``{seq, text, tokens}``), then ``done`` (``{chunks,
    total_tokens}``), or ``error`` (``{error, message}``) when the file cannot be read."""
    yield "status", {"stage": "extracting"}
    try:
        text = await asyncio.to_thread(parsing.extract, job.data, job.kind)
    except FlowlineError as exc:
        yield "error", {"error": exc.error_code, "message": exc.message}
        return
    yield "status", {"stage": "splitting", "characters": len(text)}
    try:
        pieces = await asyncio.to_thread(_split, job, text)
    except FlowlineError as exc:
        yield "error", {"error": exc.error_code, "message": exc.message}
        return
    for seq, piece in enumerate(pieces):
        yield "chunk", {"seq": seq, "text": piece.text, "tokens": piece.tokens}
    yield "done", {"chunks": len(pieces), "total_tokens": sum(p.tokens for p in pieces)}


# ------------------------------------------------------------------ search


async def search(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    kb_ids: Sequence[str],
    body: SearchBody,
) -> list[SearchHit]:
    """Hybrid (or keyword, or vector) search over one or several of the org's KBs."""
    wanted = list(dict.fromkeys(kb_ids))
    found = {
        kb.id: kb for kb in await KnowledgeBaseRepository(session, principal.org_id).many(wanted)
    }
    for kb_id in wanted:
        if kb_id not in found:
            raise kb_not_found(kb_id)
    kbs = [(found[i], await embedder_for(session, runtime, found[i])) for i in wanted]
    return await hybrid_search(session, principal.org_id, kbs, body)


# ------------------------------------------------------------------ agents


async def _check_agent(bindings: BindingRepository, agent_id: str) -> None:
    if not await bindings.agent_exists(agent_id):
        raise NotFound(f"Agent '{agent_id}' not found.", code="AGENT_NOT_FOUND")


async def agent_kbs(
    session: AsyncSession, principal: Principal, agent_id: str
) -> list[tuple[KnowledgeBase, Any]]:
    bindings = BindingRepository(session, principal.org_id)
    await _check_agent(bindings, agent_id)
    return await bindings.of_agent(agent_id)


async def bind(
    session: AsyncSession, principal: Principal, agent_id: str, kb_id: str
) -> KnowledgeBase:
    """The agent searches ``kb_id`` from now on (binding twice is a no-op)."""
    bindings = BindingRepository(session, principal.org_id)
    await _check_agent(bindings, agent_id)
    kb = await get_kb(session, principal, kb_id)
    if await bindings.find(agent_id, kb.id) is None:
        bindings.add(AgentKnowledgeBase(agent_id=agent_id, kb_id=kb.id, created_at=utcnow()))
        await session.flush()
    return kb


async def unbind(session: AsyncSession, principal: Principal, agent_id: str, kb_id: str) -> None:
    bindings = BindingRepository(session, principal.org_id)
    await _check_agent(bindings, agent_id)
    found = await bindings.find(agent_id, kb_id)
    if found is None:
        raise NotFound(
            f"Knowledge base '{kb_id}' is not bound to agent '{agent_id}'.",
            code="KNOWLEDGE_BASE_NOT_BOUND",
        )
    await bindings.delete(found)
    await session.flush()


async def agent_search(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    agent_id: str,
    body: SearchBody,
    kb_id: str | None = None,
) -> list[SearchHit]:
    """Search the agent's bound KBs (or one of them); no bound KB finds nothing."""
    bound = [kb.id for kb, _ in await agent_kbs(session, principal, agent_id)]
    if kb_id is not None:
        if kb_id not in bound:
            raise NotFound(
                f"Knowledge base '{kb_id}' is not bound to agent '{agent_id}'.",
                code="KNOWLEDGE_BASE_NOT_BOUND",
            )
        bound = [kb_id]
    if not bound:
        return []
    return await search(session, runtime, principal, bound, body)
