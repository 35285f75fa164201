from __future__ import annotations

from typing import Annotated

from flowline.api.deps import RuntimeDep, require
from flowline.api.envelope import Envelope, envelope
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.context import service
from flowline.context.schemas import (
    BuildBody,
    ContextBuilt,
    ContextRead,
    PreloadBody,
    PreloadRead,
)

router = make_router("/api/v1/agents/{agent_id}/context", "Context")
AgentsRead = Annotated[Principal, require("agents:read", reading=True)]
Chatting = Annotated[Principal, require("agents:chat", reading=True)]
"""Blocks are read in a session of their own, and a render kept in a write of its own:
the caller is authenticated outside any transaction of the request's."""
_ORDER = (
    "In the order the model is told them: `instructions`, the agent's `prompt_blocks` "
    "(each `<name>…</name>`), `memory`, `skills` (names and descriptions), `knowledge` "
    "(its knowledge bases); the conversation follows. Token counts are tiktoken's "
    "`cl100k_base` (docs/context.md)."
)


@router.get(
    "/blocks",
    summary="List an agent's context blocks",
    description=(
        f"{_ORDER} Dynamic prompt blocks show their cached render, or `content: null` when "
        "the cache has expired (nothing is fetched). Unknown agent: 404."
    ),
)
async def list_blocks(
    agent_id: str, principal: AgentsRead, runtime: RuntimeDep
) -> Envelope[ContextRead]:
    return envelope(await service.list_blocks(runtime, principal, agent_id))


@router.post(
    "/blocks/build",
    summary="Build an agent's context",
    description=(
        f"{_ORDER} Renders every block as a chat turn would (dynamic ones from a fresh "
        "cache, else now; `refresh: true` renders them anew), or only those in `blocks`, "
        "and answers them with the system prompt they make."
    ),
)
async def build_blocks(
    agent_id: str,
    principal: AgentsRead,
    runtime: RuntimeDep,
    body: BuildBody | None = None,
) -> Envelope[ContextBuilt]:
    built = await service.build_blocks(runtime, principal, agent_id, body or BuildBody())
    return envelope(built)


@router.post(
    "/preload",
    summary="Preload an agent's cacheable context blocks",
    description=(
        "Renders the agent's dynamic prompt blocks whose cache has expired (all of them "
        "with `refresh: true`) and caches them, so that the next chat turns need no fetch. "
        "A block that fails is listed in `failed` with why; it keeps its last good render."
    ),
)
async def preload(
    agent_id: str,
    principal: Chatting,
    runtime: RuntimeDep,
    body: PreloadBody | None = None,
) -> Envelope[PreloadRead]:
    return envelope(await service.preload(runtime, principal, agent_id, body or PreloadBody()))
