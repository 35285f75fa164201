"""``/api/v1/memory``: an agent's memory blocks (compare-and-set), its archival passages
and recall."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path, Query, Response

from flowline.api.bodies import unwrap
from flowline.api.concurrency import IfMatch
from flowline.api.deps import SessionDep, require
from flowline.api.envelope import Envelope, ErrorBody, PageEnvelope, envelope, page_envelope
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.memory import archive, service
from flowline.memory.schemas import (
    BLOCK_TYPE_RULE,
    ID_PATTERN,
    PERSON_PATTERN,
    PERSON_RULE,
    TYPE_PATTERN,
    BlockRead,
    BlockWrite,
    PassageCreate,
    PassageRead,
    RecallBody,
    RecallHit,
    RecallResult,
)
from flowline.memory.service import person_of

router = make_router("/api/v1/memory", "Memory")
MemoryRead = Annotated[Principal, require("memory:read")]
MemoryWrite = Annotated[Principal, require("memory:write")]
BlockType = Annotated[
    str,
    Path(
        pattern=TYPE_PATTERN,
        max_length=40,
        description=f"`persona`, `human`, …: {BLOCK_TYPE_RULE}.",
    ),
]
_ID = {"pattern": ID_PATTERN, "max_length": 40}
AgentQuery = Annotated[str, Query(description="The agent whose memory it is (`agt_…`).", **_ID)]
PersonQuery = Annotated[
    str | None,
    Query(
        pattern=PERSON_PATTERN,
        max_length=40,
        description=f"The person the block or passages are about: {PERSON_RULE}.",
    ),
]
_PRECONDITION: dict[int | str, dict[str, Any]] = {
    428: {
        "model": ErrorBody,
        "description": "The block exists and no version was sent (`PRECONDITION_REQUIRED`).",
    }
}
_SCOPE = (
    " A block is the agent's own, or with `person_id` about one person (a user or a "
    "contact; `human` blocks always are: without it, 422)."
)


def _etag(response: Response, block: Any) -> BlockRead:
    response.headers["ETag"] = f'"{block.version}"'
    return service.block_read(block)


@router.get(
    "/blocks",
    summary="List memory blocks",
    description="By agent, then person, then type; `agent_id` and `person_id` filter.",
)
async def list_blocks(
    session: SessionDep,
    principal: MemoryRead,
    page: PageParams,
    agent_id: Annotated[str | None, Query(description="Only this agent's blocks.", **_ID)] = None,
    person_id: PersonQuery = None,
) -> PageEnvelope[BlockRead]:
    person = person_of(person_id)
    found = await service.list_blocks(session, principal, agent_id, person, page)
    return page_envelope(found, service.block_read)


@router.get(
    "/blocks/{type}",
    summary="Get a memory block",
    description="`ETag` carries its version, for `If-Match` on a change." + _SCOPE,
)
async def get_block(
    type: BlockType,
    response: Response,
    session: SessionDep,
    principal: MemoryRead,
    agent_id: AgentQuery,
    person_id: PersonQuery = None,
) -> Envelope[BlockRead]:
    person = person_of(person_id)
    block = await service.get_block(session, principal, agent_id, type, person)
    return envelope(_etag(response, block))


@router.put(
    "/blocks/{type}",
    summary="Compare-and-set update a memory block",
    description=(
        "Creates the block (201) when it does not exist (`expected_version` absent or 0). "
        "Changing an existing block needs the version you read, as `If-Match` or "
        "`expected_version`: without it 428, a different one 409 "
        "`MEMORY_BLOCK_VERSION_CONFLICT` with the current block in `details[0].current`. "
        "`value` longer than the block's `limit` is 422." + _SCOPE
    ),
    responses={201: {"description": "Created."}, **_PRECONDITION},
)
async def put_block(
    type: BlockType,
    body: Annotated[BlockWrite, unwrap("block")],
    response: Response,
    session: SessionDep,
    principal: MemoryWrite,
    if_match: IfMatch,
    agent_id: AgentQuery,
    person_id: PersonQuery = None,
) -> Envelope[BlockRead]:
    person = person_of(person_id)
    block, created = await service.put_block(
        session, principal, agent_id, type, person, body, if_match
    )
    response.status_code = 201 if created else 200
    return envelope(_etag(response, block))


@router.delete(
    "/blocks/{type}",
    status_code=204,
    summary="Delete a memory block",
    description="With `If-Match`, only when the block is at that version (else 409)." + _SCOPE,
)
async def delete_block(
    type: BlockType,
    session: SessionDep,
    principal: MemoryWrite,
    if_match: IfMatch,
    agent_id: AgentQuery,
    person_id: PersonQuery = None,
) -> Response:
    person = person_of(person_id)
    await service.delete_block(session, principal, agent_id, type, person, if_match)
    return Response(status_code=204)


@router.post(
    "/recall",
    summary="Search archival memory",
    description=(
        "Hybrid search (full text and vectors, fused by reciprocal rank, as knowledge "
        "search) over the agent's shared passages and, with `person_id`, "
        "that person's. Another person's passages are never searched."
    ),
)
async def recall(
    body: RecallBody, session: SessionDep, principal: MemoryRead
) -> Envelope[RecallResult]:
    found = await archive.recall_for(session, principal, body)
    hits = [RecallHit.model_validate(hit.fields()) for hit in found]
    return envelope(RecallResult(query=body.query, hits=hits))


@router.post(
    "/passages",
    status_code=201,
    summary="Add a passage to archival memory",
    description=(
        "Kept with the agent (shared by all its conversations) or, with `person_id` (a "
        "user or a contact), with that person. The same text twice in one place is kept once "
        "(`duplicate: true`, 200)."
    ),
    responses={200: {"description": "The same text was there already."}},
)
async def add_passage(
    body: Annotated[PassageCreate, unwrap("passage")],
    response: Response,
    session: SessionDep,
    principal: MemoryWrite,
) -> Envelope[PassageRead]:
    saved = await archive.add_passage(session, principal, body)
    if saved.duplicate:
        response.status_code = 200
    return envelope(PassageRead.model_validate(saved.fields()))


@router.get(
    "/passages",
    summary="List archival passages",
    description="The agent's passages, newest first; with `person_id`, that person's alone.",
)
async def list_passages(
    session: SessionDep,
    principal: MemoryRead,
    page: PageParams,
    agent_id: AgentQuery,
    person_id: PersonQuery = None,
) -> PageEnvelope[PassageRead]:
    person = person_of(person_id)
    found = await archive.list_passages(session, principal, agent_id, person, page)
    return page_envelope(found, lambda p: PassageRead.model_validate(p.fields()))


@router.delete("/passages/{passage_id}", status_code=204, summary="Delete a passage")
async def delete_passage(
    passage_id: Annotated[str, Path(max_length=40, description="`doc_…`")],
    session: SessionDep,
    principal: MemoryWrite,
) -> Response:
    await archive.delete_passage(session, principal, passage_id)
    return Response(status_code=204)
