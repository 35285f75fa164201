"""``/api/v1/knowledge-bases`` and ``/api/v1/agents/{id}/knowledge-bases``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

import orjson
from fastapi import Path, Request, Response
from sse_starlette import EventSourceResponse, ServerSentEvent

from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.pagination import PageParams
from flowline.api.responses import event_stream
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.db.repository import Page
from flowline.knowledge import bodies, parsing, service
from flowline.knowledge.bodies import MAX_FILES
from flowline.knowledge.schemas import (
    AgentKnowledgeBaseRead,
    ChunkingFields,
    ChunkRead,
    Condition,
    CrossSearchBody,
    DocumentAdd,
    DocumentAdded,
    DocumentRead,
    FromUrl,
    KnowledgeBaseCreate,
    KnowledgeBaseRead,
    KnowledgeBaseUpdate,
    KnowledgeSummary,
    MetadataField,
    PreviewBody,
    PreviewResult,
    SearchBody,
    SearchDefaults,
    SearchResult,
)

router = make_router("/api/v1/knowledge-bases", "Knowledge bases")
agent_router = make_router("/api/v1/agents/{agent_id}/knowledge-bases", "Knowledge bases")
KnowledgeRead = Annotated[Principal, require("knowledge:read")]
KnowledgeWrite = Annotated[Principal, require("knowledge:write")]
KbId = Annotated[str, Path(max_length=40, description="`kb_…`")]
DocId = Annotated[str, Path(max_length=40, description="`doc_…`")]

_FILES = {"type": "array", "items": {"type": "string", "format": "binary"}, "maxItems": MAX_FILES}
_FILE_TYPES = {"files": {"contentType": ", ".join(parsing.KINDS)}}
"""The media types a file is read as (or its name's suffix: ``.md``, ``.pdf``, ...)."""
_METADATA = {"type": "object", "description": "A JSON object (the part's text is JSON)."}


def _form(
    model: type[Any] | None, fields: tuple[str, ...], required: tuple[str, ...], **more: Any
) -> dict[str, Any]:
    """The multipart form: ``fields`` as the JSON ``model`` states them (the same rules
    hold: a form value is read by that model, which refuses any other), its model-wide
    rules, and ``more``."""
    schema = model.model_json_schema() if model is not None else {"properties": {}}
    properties = {name: schema["properties"][name] for name in fields} | more
    form: dict[str, Any] = {"type": "object", "properties": properties, "required": list(required)}
    if model is not None:
        form["additionalProperties"] = False
    if "allOf" in schema:
        form["allOf"] = schema["allOf"]
    return form


def _body(json_model: type[Any], form: dict[str, Any]) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": json_model.model_json_schema()},
                "multipart/form-data": {"schema": form, "encoding": _FILE_TYPES},
            },
        }
    }


_CHUNKING = ("chunk_size", "chunk_overlap")
_CREATE_BODY = _body(
    KnowledgeBaseCreate,
    _form(
        KnowledgeBaseCreate,
        ("name", "description", *_CHUNKING),
        ("name",),
        metadata=_METADATA | {"description": "A JSON object: the KB's metadata."},
        files=_FILES,
    ),
)
_ADD_BODY = _body(
    DocumentAdd,
    _form(
        None,
        (),
        ("files",),
        files=_FILES | {"minItems": 1},
        metadata=_METADATA | {"description": "A JSON object: each document's metadata."},
    ),
)
_PREVIEW_BODY = _body(
    PreviewBody,
    _form(
        ChunkingFields,
        _CHUNKING,
        ("files",),
        files=_FILES | {"minItems": 1, "description": "The first file is previewed."},
    ),
)
_TYPES = (
    " Files may be text, Markdown, HTML, PDF, DOCX, CSV or JSON (else 422 `DOCUMENT_UNREADABLE`)."
)


def _added(pairs: list[tuple[Any, bool]]) -> list[DocumentAdded]:
    return [
        DocumentAdded.model_validate(d).model_copy(update={"duplicate": dup}) for d, dup in pairs
    ]


@router.get("", summary="List knowledge bases", description="Newest first.")
async def list_kbs(
    session: SessionDep, principal: KnowledgeRead, page: PageParams
) -> PageEnvelope[KnowledgeBaseRead]:
    return page_envelope(
        await service.list_kbs(session, principal, page), KnowledgeBaseRead.model_validate
    )


@router.post(
    "",
    status_code=201,
    summary="Create a knowledge base (from uploaded files)",
    description=(
        "JSON (no documents yet) or `multipart/form-data` with `files` (up to 20) and the "
        "other fields as form values. Each file becomes a document `queued` for indexing." + _TYPES
    ),
    openapi_extra=_CREATE_BODY,
)
async def create_kb(
    request: Request, session: SessionDep, principal: KnowledgeWrite, runtime: RuntimeDep
) -> Envelope[KnowledgeBaseRead]:
    if bodies.is_multipart(request):
        body, uploads = await bodies.multipart(request, KnowledgeBaseCreate, files_required=False)
        assert body is not None
    else:
        body, uploads = await bodies.json_body(request, KnowledgeBaseCreate, "knowledge_base"), []
    kb = await service.create_kb(session, runtime, principal, body, uploads)
    return envelope(KnowledgeBaseRead.model_validate(kb))


@router.post(
    "/create-from-url",
    status_code=201,
    summary="Create a knowledge base from a URL",
    description=(
        "The page is fetched by the indexing task through the outbound client (network "
        "rules hold: a private or loopback address is refused unless allowed, and the "
        "document ends `failed` with the reason)."
    ),
)
async def create_from_url(
    body: FromUrl, session: SessionDep, principal: KnowledgeWrite, runtime: RuntimeDep
) -> Envelope[KnowledgeBaseRead]:
    kb = await service.create_from_url(session, runtime, principal, body)
    return envelope(KnowledgeBaseRead.model_validate(kb))


@router.get("/search-defaults", summary="Search parameter defaults")
async def search_defaults(principal: KnowledgeRead) -> Envelope[SearchDefaults]:
    return envelope(SearchDefaults())


@router.post(
    "/search",
    summary="Search several knowledge bases",
    description=(
        "Hybrid, keyword or vector search over `knowledge_base_ids` (up to 20), fused by rank."
    ),
)
async def cross_search(
    body: CrossSearchBody, session: SessionDep, principal: KnowledgeRead, runtime: RuntimeDep
) -> Envelope[SearchResult]:
    hits = await service.search(session, runtime, principal, body.knowledge_base_ids, body)
    return envelope(SearchResult(query=body.query, mode=body.mode, hits=hits))


@router.post(
    "/preview",
    summary="Preview chunking",
    description=(
        "The chunks a text (JSON) or one uploaded file (multipart, with `chunk_size` and "
        "`chunk_overlap`) would make; nothing is stored. With `Accept: text/event-stream` "
        "(for a long file) the answer is server-sent events as the work goes: `status` "
        "(`{stage: extracting|splitting}`), one `chunk` per chunk (`{seq, text, tokens}`), "
        "then `done` (`{chunks, total_tokens}`), or `error` (`{error, message}`) when the "
        "file cannot be read." + _TYPES
    ),
    openapi_extra=_PREVIEW_BODY,
    response_model=Envelope[PreviewResult],
    responses={200: {"content": event_stream()}},
)
async def preview(
    request: Request, principal: KnowledgeRead, runtime: RuntimeDep
) -> Envelope[PreviewResult] | EventSourceResponse:
    if bodies.is_multipart(request):
        fields, uploads = await bodies.multipart(request, ChunkingFields)
        assert fields is not None
        job = service.previewed_upload(uploads[0], fields)
    else:
        job = service.previewed(await bodies.json_body(request, PreviewBody))
    if "text/event-stream" in request.headers.get("accept", ""):
        return EventSourceResponse(
            _preview_events(job), ping=runtime.settings.stream_ping_seconds, sep="\n"
        )
    return envelope(await service.preview(job))


async def _preview_events(job: service.Previewed) -> AsyncIterator[ServerSentEvent]:
    async for name, data in service.preview_events(job):
        yield ServerSentEvent(event=name, data=orjson.dumps(data).decode(), sep="\n")


@router.get("/{kb_id}", summary="Get a knowledge base")
async def get_kb(
    kb_id: KbId, session: SessionDep, principal: KnowledgeRead
) -> Envelope[KnowledgeBaseRead]:
    return envelope(
        KnowledgeBaseRead.model_validate(await service.get_kb(session, principal, kb_id))
    )


@router.put(
    "/{kb_id}",
    summary="Update a knowledge base",
    description="Name, description and metadata; chunking and embedding are fixed at creation.",
)
async def update_kb(
    kb_id: KbId, body: KnowledgeBaseUpdate, session: SessionDep, principal: KnowledgeWrite
) -> Envelope[KnowledgeBaseRead]:
    kb = await service.update_kb(session, principal, kb_id, body)
    return envelope(KnowledgeBaseRead.model_validate(kb))


@router.delete("/{kb_id}", status_code=204, summary="Delete a knowledge base")
async def delete_kb(kb_id: KbId, session: SessionDep, principal: KnowledgeWrite) -> Response:
    await service.delete_kb(session, principal, kb_id)
    return Response(status_code=204)


@router.post("/{kb_id}/search", summary="Search a knowledge base")
async def search(
    kb_id: KbId,
    body: SearchBody,
    session: SessionDep,
    principal: KnowledgeRead,
    runtime: RuntimeDep,
) -> Envelope[SearchResult]:
    hits = await service.search(session, runtime, principal, [kb_id], body)
    return envelope(SearchResult(query=body.query, mode=body.mode, hits=hits))


@router.post(
    "/{kb_id}/documents",
    status_code=202,
    summary="Add documents",
    description=(
        "Files (multipart `files`, with `metadata` as a JSON object for each), or JSON "
        "`{text, name?, content_type?, metadata?}` or `{url, name?, metadata?}`. Each is "
        "stored `queued` and indexed by the engine; content (or a URL) the KB already holds "
        "comes back with `duplicate: true` and adds nothing." + _TYPES
    ),
    openapi_extra=_ADD_BODY,
)
async def add_documents(
    kb_id: KbId,
    request: Request,
    session: SessionDep,
    principal: KnowledgeWrite,
    runtime: RuntimeDep,
) -> Envelope[list[DocumentAdded]]:
    if bodies.is_multipart(request):
        _, uploads = await bodies.multipart(request, None)
        added = await service.add_documents(session, runtime, principal, kb_id, uploads)
    else:
        body = await bodies.json_body(request, DocumentAdd, "document")
        added = await service.add_documents(session, runtime, principal, kb_id, body=body)
    return envelope(_added(added))


@router.get(
    "/{kb_id}/documents", summary="List documents", description="With status and chunk counts."
)
async def list_documents(
    kb_id: KbId, session: SessionDep, principal: KnowledgeRead, page: PageParams
) -> PageEnvelope[DocumentRead]:
    found = await service.list_documents(session, principal, kb_id, page)
    return page_envelope(found, DocumentRead.model_validate)


@router.get(
    "/{kb_id}/files",
    summary="List files",
    description="The documents that came from uploads or URLs, as for `documents`.",
)
async def list_files(
    kb_id: KbId, session: SessionDep, principal: KnowledgeRead, page: PageParams
) -> PageEnvelope[DocumentRead]:
    found = await service.list_documents(session, principal, kb_id, page)
    return page_envelope(found, DocumentRead.model_validate)


@router.post(
    "/{kb_id}/documents/filter",
    summary="Filter documents by metadata",
    description=(
        "`{key, op, value}` (`eq`, `ne`, `in`, `gt`, `lt`, `contains`) or `{and|or: [...]}`."
    ),
)
async def filter_documents(
    kb_id: KbId, body: Condition, session: SessionDep, principal: KnowledgeRead, page: PageParams
) -> PageEnvelope[DocumentRead]:
    found = await service.filter_documents(session, principal, kb_id, body)
    return page_envelope(Page.of(found, page), DocumentRead.model_validate)


@router.delete("/{kb_id}/documents/{document_id}", status_code=204, summary="Delete a document")
async def delete_document(
    kb_id: KbId, document_id: DocId, session: SessionDep, principal: KnowledgeWrite
) -> Response:
    await service.delete_document(session, principal, kb_id, document_id)
    return Response(status_code=204)


@router.post(
    "/{kb_id}/documents/{document_id}/refresh",
    status_code=202,
    summary="Refresh a document",
    description="Indexed again; a URL is fetched again, and unchanged content keeps its chunks.",
)
async def refresh_document(
    kb_id: KbId,
    document_id: DocId,
    session: SessionDep,
    principal: KnowledgeWrite,
    runtime: RuntimeDep,
) -> Envelope[DocumentRead]:
    document = await service.refresh_document(session, runtime, principal, kb_id, document_id)
    return envelope(DocumentRead.model_validate(document))


@router.post("/{kb_id}/refresh", status_code=202, summary="Re-index a knowledge base")
async def refresh_kb(
    kb_id: KbId, session: SessionDep, principal: KnowledgeWrite, runtime: RuntimeDep
) -> Envelope[list[DocumentRead]]:
    documents = await service.refresh_kb(session, runtime, principal, kb_id)
    return envelope([DocumentRead.model_validate(d) for d in documents])


@router.get("/{kb_id}/summary", summary="Knowledge base summary")
async def summary(
    kb_id: KbId, session: SessionDep, principal: KnowledgeRead
) -> Envelope[KnowledgeSummary]:
    return envelope(await service.summary(session, principal, kb_id))


@router.get(
    "/{kb_id}/metadata-schema",
    summary="Metadata schema",
    description="The documents' metadata keys, inferred, with the JSON types seen.",
)
async def metadata_schema(
    kb_id: KbId, session: SessionDep, principal: KnowledgeRead
) -> Envelope[list[MetadataField]]:
    return envelope(await service.metadata_schema(session, principal, kb_id))


@router.get(
    "/{kb_id}/content", summary="Browse content", description="Chunks by document and order."
)
async def content(
    kb_id: KbId, session: SessionDep, principal: KnowledgeRead, page: PageParams
) -> PageEnvelope[ChunkRead]:
    found = await service.list_chunks(session, principal, kb_id, page)
    return page_envelope(found, lambda c: ChunkRead.model_validate(c, from_attributes=True))


@router.get("/{kb_id}/chunks/{chunk_id}", summary="Get a chunk")
async def get_chunk(
    kb_id: KbId,
    chunk_id: Annotated[str, Path(max_length=40)],
    session: SessionDep,
    principal: KnowledgeRead,
) -> Envelope[ChunkRead]:
    chunk = await service.get_chunk(session, principal, kb_id, chunk_id)
    return envelope(ChunkRead.model_validate(chunk, from_attributes=True))


# ------------------------------------------------------------------ agents


@agent_router.get("", summary="List an agent's knowledge bases")
async def agent_kbs(
    agent_id: str, session: SessionDep, principal: KnowledgeRead
) -> Envelope[list[AgentKnowledgeBaseRead]]:
    found = await service.agent_kbs(session, principal, agent_id)
    return envelope(
        [
            AgentKnowledgeBaseRead.model_validate(kb).model_copy(update={"bound_at": at})
            for kb, at in found
        ]
    )


@agent_router.post(
    "/{kb_id}",
    summary="Bind a knowledge base to an agent",
    description="Its `knowledge_search` tool and `capability/retrieve` search it from now on.",
)
async def bind(
    agent_id: str, kb_id: KbId, session: SessionDep, principal: KnowledgeWrite
) -> Envelope[KnowledgeBaseRead]:
    kb = await service.bind(session, principal, agent_id, kb_id)
    return envelope(KnowledgeBaseRead.model_validate(kb))


@agent_router.delete("/{kb_id}", status_code=204, summary="Unbind a knowledge base")
async def unbind(
    agent_id: str, kb_id: KbId, session: SessionDep, principal: KnowledgeWrite
) -> Response:
    await service.unbind(session, principal, agent_id, kb_id)
    return Response(status_code=204)


@agent_router.post(
    "/{kb_id}/search",
    summary="Search a knowledge base through an agent",
    description="Only a KB bound to the agent (else 404 `KNOWLEDGE_BASE_NOT_BOUND`).",
)
async def agent_search(
    agent_id: str,
    kb_id: KbId,
    body: SearchBody,
    session: SessionDep,
    principal: KnowledgeRead,
    runtime: RuntimeDep,
) -> Envelope[SearchResult]:
    hits = await service.agent_search(session, runtime, principal, agent_id, body, kb_id)
    return envelope(SearchResult(query=body.query, mode=body.mode, hits=hits))


ROUTERS = (router, agent_router)
