from __future__ import annotations

from typing import Annotated

from fastapi import Path, Response

from flowline.api.bodies import unwrap
from flowline.api.concurrency import IfMatch
from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.idempotency import IDEMPOTENT
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.db.repository import Page
from flowline.prompt_blocks import service
from flowline.prompt_blocks.schemas import (
    NAME_PATTERN,
    PreviewBody,
    PreviewRead,
    PromptBlockCreate,
    PromptBlockRead,
    PromptBlockUpdate,
)

router = make_router("/api/v1/prompt-blocks", "Prompt blocks")
AgentsRead = Annotated[Principal, require("agents:read")]
AgentsWrite = Annotated[Principal, require("agents:write")]
Rendering = Annotated[Principal, require("agents:read", reading=True)]
"""A render is kept in a write of its own: the caller is authenticated outside one."""
BlockName = Annotated[str, Path(pattern=NAME_PATTERN, max_length=64, description="The name.")]


@router.get(
    "",
    summary="List prompt blocks",
    description="The organisation's static and dynamic blocks and the built-in ones, by name.",
)
async def list_blocks(
    session: SessionDep, principal: AgentsRead, page: PageParams
) -> PageEnvelope[PromptBlockRead]:
    blocks = await service.list_blocks(session, principal)
    return page_envelope(Page.of(blocks, page), lambda b: b)


@router.post(
    "",
    status_code=201,
    summary="Create a prompt block",
    description=(
        "`static`: `body` is the text. `dynamic`: `source` (`http` GET through the outbound "
        "client, `kv` key, `time`) gives `data`, and `body` is a template over `data` and "
        "`now` (default `{{ data }}`) whose render is cached `ttl_seconds`. A name in use "
        "(built-in names too) is 409; a template that does not compile 422 naming `body`. "
        'Bare or as `{"prompt_block": {...}}`.'
    ),
    openapi_extra=IDEMPOTENT,
)
async def create_block(
    body: Annotated[PromptBlockCreate, unwrap("prompt_block")],
    session: SessionDep,
    principal: AgentsWrite,
) -> Envelope[PromptBlockRead]:
    return envelope(await service.create_block(session, principal, body))


@router.get(
    "/{name}",
    summary="Get a prompt block",
    description="Its metadata, its body (text or template) and its cache's times.",
)
async def get_block(
    name: BlockName, session: SessionDep, principal: AgentsRead
) -> Envelope[PromptBlockRead]:
    return envelope(await service.get_block(session, principal, name))


@router.patch(
    "/{name}",
    summary="Change a prompt block",
    description=(
        "Only the fields sent change, and the cached render is dropped. On a built-in block "
        "`description`, `body` (the template) and `ttl_seconds` are stored as the "
        "organisation's overrides; `source` belongs to your dynamic blocks only (409 on "
        "another block). "
        "`If-Match` / `expected_version`: 409 on mismatch."
    ),
)
async def update_block(
    name: BlockName,
    body: PromptBlockUpdate,
    session: SessionDep,
    principal: AgentsWrite,
    if_match: IfMatch,
) -> Envelope[PromptBlockRead]:
    return envelope(await service.update_block(session, principal, name, body, if_match))


@router.delete(
    "/{name}",
    status_code=204,
    summary="Delete a prompt block",
    description=(
        "Deletes a block of yours, or a built-in block's overrides (409 "
        "`PROMPT_BLOCK_BUILTIN` when it has none). Agents naming it then leave it out."
    ),
)
async def delete_block(
    name: BlockName, session: SessionDep, principal: AgentsWrite, if_match: IfMatch
) -> Response:
    await service.delete_block(session, principal, name, if_match)
    return Response(status_code=204)


@router.post(
    "/{name}/preview",
    summary="Preview a prompt block",
    description=(
        "Renders the block (a dynamic one from its fresh cache, else now; `refresh: true` "
        "renders anew) and wraps it as the model sees it (`<name>…</name>`), with its "
        "token count. A failed render answers `error` (and the last good text, if any)."
    ),
)
async def preview_block(
    name: BlockName,
    principal: Rendering,
    runtime: RuntimeDep,
    body: PreviewBody | None = None,
) -> Envelope[PreviewRead]:
    refresh = body.refresh if body is not None else False
    return envelope(await service.preview(runtime, principal, name, refresh))


@router.post(
    "/{name}/invalidate-cache",
    status_code=204,
    summary="Clear a dynamic block's cache",
    description="The next use renders it anew. A static block has no cache (409).",
)
async def invalidate_cache(
    name: BlockName, session: SessionDep, principal: AgentsWrite
) -> Response:
    await service.invalidate(session, principal, name)
    return Response(status_code=204)
