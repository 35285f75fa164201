"""The context routes: an agent's context blocks listed, built, preloaded."""

from __future__ import annotations

from flowline.agents import service as agents
from flowline.auth.principal import Principal
from flowline.context import tokens
from flowline.context.assembly import ORDER, Assembly, ContextBlock, build, system_text
from flowline.context.schemas import (
    BuildBody,
    ContextBlockRead,
    ContextBuilt,
    ContextRead,
    PreloadBody,
    PreloadFailure,
    PreloadRead,
)
from flowline.runtime import Runtime


async def _blocks(
    runtime: Runtime, principal: Principal, agent_id: str, **how: object
) -> list[ContextBlock]:
    """The agent's blocks, read in a session of their own (a dynamic block's render is
    kept in a write of its own, which must not wait behind the caller's)."""
    async with runtime.db.session() as session:
        agent = await agents.get_agent(session, principal, agent_id)
        assembly = Assembly(runtime, principal, agent.id, agents.config_of(agent), session)
        for name, value in how.items():
            setattr(assembly, name, value)
        return await build(assembly)


async def _read(agent_id: str, blocks: list[ContextBlock]) -> ContextRead:
    counts = await tokens.count_all([b.content or "" for b in blocks])
    listed = [
        ContextBlockRead(
            name=b.name,
            kind=b.kind,
            content=b.content,
            tokens=count if b.content is not None else None,
            dynamic=b.dynamic,
            cached=b.cached,
            cached_at=b.cached_at,
            expires_at=b.expires_at,
            error=b.error,
        )
        for b, count in zip(blocks, counts, strict=True)
    ]
    return ContextRead(
        agent_id=agent_id,
        order=list(ORDER),
        blocks=listed,
        total_tokens=sum(counts),
        tokenizer=tokens.TOKENIZER_NAME,
    )


async def list_blocks(runtime: Runtime, principal: Principal, agent_id: str) -> ContextRead:
    """Every block in order, without rendering dynamic blocks whose cache has expired."""
    return await _read(agent_id, await _blocks(runtime, principal, agent_id, fetch=False))


async def build_blocks(
    runtime: Runtime, principal: Principal, agent_id: str, body: BuildBody
) -> ContextBuilt:
    """The blocks (or those named) rendered as a chat turn renders them, and the prompt."""
    only = set(body.blocks) if body.blocks is not None else None
    blocks = await _blocks(runtime, principal, agent_id, only=only, refresh=body.refresh)
    read = await _read(agent_id, blocks)
    return ContextBuilt(**read.model_dump(), system_prompt=system_text(blocks))


async def preload(
    runtime: Runtime, principal: Principal, agent_id: str, body: PreloadBody
) -> PreloadRead:
    """Render the agent's dynamic blocks whose cache is stale (all, with ``refresh``), so
    that its next turns find them cached."""
    blocks = await _blocks(runtime, principal, agent_id, refresh=body.refresh)
    dynamic = [b for b in blocks if b.dynamic]
    return PreloadRead(
        agent_id=agent_id,
        preloaded=[b.name for b in dynamic if b.error is None and not b.cached],
        fresh=[b.name for b in dynamic if b.error is None and b.cached],
        failed=[PreloadFailure(name=b.name, error=b.error) for b in blocks if b.error],
    )
