"""Archival memory: passages an agent saves (``memory_insert``) or that are added by API,
recalled by the knowledge bases' hybrid search (``POST memory/recall``, ``memory_search``).

Each (agent, subject) archive is a knowledge base of kind ``archival`` (hidden from the
``/knowledge-bases`` routes) and each passage one of its documents, split, embedded and
stored at once (no ingestion task: a saved passage is found by the very next search).
The same text saved twice in one archive is kept once (the document's content hash).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from flowline.auth.principal import Principal
from flowline.db.models import KnowledgeBase, KnowledgeDocument, MemoryArchive
from flowline.db.repository import Page, PageRequest
from flowline.db.types import utcnow
from flowline.errors import NotFound, ValidationFailed
from flowline.ids import new_id
from flowline.knowledge import parsing
from flowline.knowledge.embedders import DEFAULT_EMBEDDER
from flowline.knowledge.repository import (
    ArchivalKnowledgeBaseRepository,
    ChunkRepository,
    DocumentRepository,
    NewChunk,
)
from flowline.knowledge.schemas import SearchBody, SearchMode
from flowline.knowledge.search import search as hybrid_search
from flowline.memory.repository import ArchiveRepository
from flowline.memory.schemas import PassageCreate, RecallBody
from flowline.memory.service import (
    Person,
    check_owner,
    check_person,
    ids_of,
    person_of,
    subjects_for,
)

ARCHIVAL = "archival"
CHUNK_SIZE, CHUNK_OVERLAP = 256, 32
PASSAGE_NAME_CHARS = 80


@dataclass(frozen=True, slots=True)
class Passage:
    document: KnowledgeDocument
    archive: MemoryArchive
    duplicate: bool = False

    @property
    def text(self) -> str:
        return (self.document.data or b"").decode()

    def fields(self) -> dict[str, Any]:
        user_id, contact_id = ids_of(self.archive.subject)
        return {
            "id": self.document.id,
            "agent_id": self.archive.agent_id,
            "user_id": user_id,
            "contact_id": contact_id,
            "text": self.text,
            "metadata": self.document.meta,
            "duplicate": self.duplicate,
            "created_at": self.document.created_at,
        }


@dataclass(frozen=True, slots=True)
class Recalled:
    passage_id: str
    text: str
    score: float
    subject: str
    metadata: dict[str, Any]
    created_at: Any

    def fields(self) -> dict[str, Any]:
        user_id, contact_id = ids_of(self.subject)
        return {
            "passage_id": self.passage_id,
            "text": self.text,
            "score": self.score,
            "user_id": user_id,
            "contact_id": contact_id,
            "metadata": self.metadata,
            "created_at": self.created_at,
        }


async def _archive(
    session: AsyncSession, org_id: str, agent_id: str, subject: str
) -> tuple[MemoryArchive, KnowledgeBase]:
    """The archive of (agent, subject), made on first use (two makers at once: one wins)."""
    archives = ArchiveRepository(session, org_id)
    kbs = ArchivalKnowledgeBaseRepository(session, org_id)
    found = await archives.with_kb(agent_id, subject)
    if found is not None:
        return found
    now = utcnow()
    kb = KnowledgeBase(
        id=new_id("kb"),
        name=f"memory of {agent_id} {subject or 'agent'}"[:200],
        description="",
        embedding={"provider": "wordllama"},
        chunk_size=CHUNK_SIZE,
        chunk_overlap=CHUNK_OVERLAP,
        meta={},
        version=1,
        kind=ARCHIVAL,
        created_at=now,
        updated_at=now,
    )
    archive = MemoryArchive(kb_id=kb.id, agent_id=agent_id, subject=subject, created_at=now)
    try:
        async with session.begin_nested():
            kbs.add(kb)
            await session.flush()
            archives.add(archive)
            await session.flush()
    except sa.exc.IntegrityError:
        return await _archive(session, org_id, agent_id, subject)
    return archive, kb


@dataclass(frozen=True, slots=True)
class Embedded:
    """A passage split and embedded, before any write (embedding needs no transaction)."""

    text: str
    pieces: list[parsing.Piece]
    vectors: list[bytes]


async def embed(text: str) -> Embedded:
    pieces = parsing.split(text, CHUNK_SIZE, CHUNK_OVERLAP)
    vectors = await DEFAULT_EMBEDDER.embed([p.text for p in pieces])
    return Embedded(text, pieces, [row.tobytes() for row in vectors])


def _document(
    kb_id: str, passage: Embedded, digest: str, metadata: dict[str, Any]
) -> KnowledgeDocument:
    now = utcnow()
    data = passage.text.encode()
    return KnowledgeDocument(
        id=new_id("doc"),
        kb_id=kb_id,
        name=passage.text[:PASSAGE_NAME_CHARS],
        source="memory",
        content_type="text/plain",
        content_hash=digest,
        size=len(data),
        data=data,
        status="ready",
        meta=metadata,
        chunk_count=len(passage.pieces),
        created_at=now,
        updated_at=now,
    )


async def insert(
    session: AsyncSession,
    org_id: str,
    agent_id: str,
    person: Person | None,
    passage: Embedded,
    metadata: dict[str, Any],
) -> Passage:
    """Save a passage in the archive of the agent (``person`` ``None``) or of the person."""
    subject = "" if person is None else person.subject
    archive, kb = await _archive(session, org_id, agent_id, subject)
    digest = hashlib.sha256(passage.text.encode()).hexdigest()
    documents = DocumentRepository(session, org_id)
    document = _document(kb.id, passage, digest, metadata)
    pairs = zip(passage.pieces, passage.vectors, strict=True)
    chunks = [NewChunk(piece.text, piece.tokens, vector) for piece, vector in pairs]
    try:
        async with session.begin_nested():
            documents.add(document)
            await session.flush()
            await ChunkRepository(session, org_id).insert(kb.id, document.id, chunks)
    except sa.exc.IntegrityError:  # the same text is kept there already (the content hash)
        twin = await documents.by_hash(kb.id, digest)
        assert twin is not None
        return Passage(await _with_data(documents, twin.id), archive, duplicate=True)
    await ArchivalKnowledgeBaseRepository(session, org_id).bump(kb.id)
    return Passage(document, archive)


async def _with_data(documents: DocumentRepository, document_id: str) -> KnowledgeDocument:
    found = await documents.with_data(document_id)
    assert found is not None
    return found


async def recall(
    session: AsyncSession,
    org_id: str,
    agent_id: str,
    person: Person | None,
    query: str,
    *,
    top_k: int = 5,
    mode: SearchMode = "hybrid",
    score_threshold: float | None = None,
) -> list[Recalled]:
    """The passages of the agent's archive and the person's best matching ``query``."""
    archives = await ArchiveRepository(session, org_id).of_subjects(agent_id, subjects_for(person))
    if not archives:
        return []
    subject_of = {a.kb_id: a.subject for a in archives}
    kbs = await ArchivalKnowledgeBaseRepository(session, org_id).many(list(subject_of))
    searched = [(kb, DEFAULT_EMBEDDER) for kb in kbs]
    body = SearchBody(query=query, top_k=top_k, mode=mode, score_threshold=score_threshold)
    hits = await hybrid_search(session, org_id, searched, body)
    created = await _created(session, org_id, [h.document_id for h in hits])
    seen: set[str] = set()
    found: list[Recalled] = []
    for hit in hits:
        if hit.document_id in seen:
            continue  # a long passage's other chunk: the passage is listed once
        seen.add(hit.document_id)
        found.append(
            Recalled(
                hit.document_id,
                hit.text,
                hit.score,
                subject_of.get(hit.kb_id, ""),
                hit.metadata,
                created.get(hit.document_id),
            )
        )
    return found


async def _created(session: AsyncSession, org_id: str, ids: list[str]) -> dict[str, Any]:
    if not ids:
        return {}
    stmt = sa.select(KnowledgeDocument.id, KnowledgeDocument.created_at).where(
        KnowledgeDocument.org_id == org_id, KnowledgeDocument.id.in_(ids)
    )
    return {i: at for i, at in (await session.execute(stmt)).all()}


# ------------------------------------------------------------------ the API


async def _checked(
    session: AsyncSession, principal: Principal, agent_id: str, person: Person | None
) -> None:
    await check_owner(session, principal, agent_id)
    await check_person(session, principal, person)


async def add_passage(session: AsyncSession, principal: Principal, body: PassageCreate) -> Passage:
    person = person_of(body.person_id)
    await _checked(session, principal, body.agent_id, person)
    embedded = await embed(body.text)
    if not embedded.pieces:
        raise ValidationFailed("holds nothing but white space", field="text")
    return await insert(session, principal.org_id, body.agent_id, person, embedded, body.metadata)


async def recall_for(
    session: AsyncSession, principal: Principal, body: RecallBody
) -> list[Recalled]:
    person = person_of(body.person_id)
    await _checked(session, principal, body.agent_id, person)
    return await recall(
        session,
        principal.org_id,
        body.agent_id,
        person,
        body.query,
        top_k=body.top_k,
        mode=body.mode,
        score_threshold=body.score_threshold,
    )


async def list_passages(
    session: AsyncSession,
    principal: Principal,
    agent_id: str,
    person: Person | None,
    page: PageRequest,
) -> Page[Passage]:
    """The agent's passages (all of them, or one person's), newest first."""
    await check_owner(session, principal, agent_id)
    repo = ArchiveRepository(session, principal.org_id)
    archives = await repo.of_agent(agent_id)
    if person is not None:
        archives = [a for a in archives if a.subject == person.subject]
    stmt = repo.passages([a.kb_id for a in archives])
    total = (
        await session.execute(sa.select(sa.func.count()).select_from(stmt.subquery()))
    ).scalar_one()
    rows = await session.execute(
        stmt.options(undefer(KnowledgeDocument.data)).limit(page.size).offset(page.offset)
    )
    items = [Passage(doc, archive) for doc, archive in rows.all()]
    return Page(items=items, total=int(total), page=page.page, size=page.size)


def passage_not_found(passage_id: str) -> NotFound:
    return NotFound(f"Passage '{passage_id}' not found.", code="PASSAGE_NOT_FOUND")


async def delete_passage(session: AsyncSession, principal: Principal, passage_id: str) -> None:
    found = await ArchiveRepository(session, principal.org_id).passage(passage_id)
    if found is None:
        raise passage_not_found(passage_id)
    document, archive = found
    await ChunkRepository(session, principal.org_id).delete_of_document(document.id)
    await DocumentRepository(session, principal.org_id).delete(document)
    await ArchivalKnowledgeBaseRepository(session, principal.org_id).bump(archive.kb_id)
    await session.flush()
