"""What an agent's model is told before the conversation: its context, in a fixed order.

1. ``instructions``: the agent's instructions (and a turn's added ones), as written;
2. ``prompt_block``: the agent's ``prompt_blocks``, in their order, each wrapped in
   ``<name>…</name>`` (dynamic ones from their cache, fetched when it has expired);
3. ``memory``: the agent's memory blocks (``flowline.memory``), when it has any;
4. ``skills``: the index of the agent's skills, name and description, for ``load_skill``;
5. ``knowledge``: the knowledge bases the agent searches with ``knowledge_search``.

The conversation follows (compacted when it would overflow the model's window,
``conversations/compaction.py``). The system prompt is the blocks' contents joined
by blank lines; the routes of ``context/router.py`` show the same blocks with their
token counts. An agent with nothing but instructions costs no query at all.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.schemas import AgentConfig
from flowline.auth.principal import Principal
from flowline.knowledge.repository import BindingRepository
from flowline.knowledge.tool import TOOL_NAME as KNOWLEDGE_TOOL
from flowline.memory.prompt import memory_text, turn_person, uses_memory
from flowline.prompt_blocks import rendering
from flowline.runtime import Runtime
from flowline.skills.service import usable_skills

BlockKind = Literal["instructions", "prompt_block", "memory", "skills", "knowledge"]
ORDER: tuple[BlockKind, ...] = ("instructions", "prompt_block", "memory", "skills", "knowledge")


@dataclass(slots=True)
class ContextBlock:
    """One part of the context, as the model sees it."""

    name: str
    kind: BlockKind
    content: str | None
    """``None``: a dynamic block not rendered (listing without fetching)."""
    dynamic: bool = False
    cached: bool | None = None
    cached_at: datetime | None = None
    expires_at: datetime | None = None
    error: str | None = None
    """Why a dynamic block could not be rendered (it is then left out of the prompt)."""


@dataclass(slots=True)
class Assembly:
    """What the sources of blocks read: whose agent, its configuration, how far to go."""

    runtime: Runtime
    principal: Principal
    agent_id: str
    config: AgentConfig
    session: AsyncSession
    fetch: bool = True
    """Render dynamic blocks whose cache has expired (else list them without content)."""
    refresh: bool = False
    """Render dynamic blocks even when their cache is fresh (``context/preload``)."""
    only: set[str] | None = None
    blocks: list[ContextBlock] = field(default_factory=list)
    conversation_id: str | None = None
    """The turn's conversation: its contact is whom the memory blocks are about."""


Source = Callable[[Assembly], Awaitable[list[ContextBlock]]]


async def _instructions(assembly: Assembly) -> list[ContextBlock]:
    text = assembly.config.instructions
    return [ContextBlock("instructions", "instructions", text)] if text else []


async def _prompt_blocks(assembly: Assembly) -> list[ContextBlock]:
    names = assembly.config.prompt_blocks
    if assembly.only is not None:
        names = [n for n in names if n in assembly.only]
    if not names:
        return []
    rendered = await rendering.render_many(
        assembly.runtime,
        assembly.principal,
        assembly.session,
        names,
        fetch=assembly.fetch,
        refresh=assembly.refresh,
    )
    return [
        ContextBlock(
            r.name,
            "prompt_block",
            r.wrapped,
            dynamic=r.dynamic,
            cached=r.cached if r.dynamic else None,
            cached_at=r.cached_at,
            expires_at=r.expires_at,
            error=r.error,
        )
        for r in rendered
    ]


async def _memory(assembly: Assembly) -> list[ContextBlock]:
    """The agent's memory blocks (``flowline.memory.prompt``), when it has memory tools;
    a person's own blocks (``human``) are those of the conversation's contact, else of
    the user."""
    if not uses_memory(assembly.config.tools):
        return []
    org_id = assembly.principal.org_id
    person = await turn_person(
        assembly.session, org_id, assembly.principal.user_id, assembly.conversation_id
    )
    text = await memory_text(assembly.session, org_id, assembly.agent_id, person)
    return [ContextBlock("memory", "memory", text)] if text else []


async def _skills(assembly: Assembly) -> list[ContextBlock]:
    if not assembly.config.skills:
        return []
    usable = await usable_skills(assembly.session, assembly.principal, assembly.runtime.settings)
    lines = [
        f"- {name}: {usable[name].description}" for name in assembly.config.skills if name in usable
    ]
    if not lines:
        return []
    text = (
        "<skills>\nYour skills. When a task calls for one, load its playbook with "
        "load_skill before you act:\n" + "\n".join(lines) + "\n</skills>"
    )
    return [ContextBlock("skills", "skills", text)]


async def _knowledge(assembly: Assembly) -> list[ContextBlock]:
    if KNOWLEDGE_TOOL not in assembly.config.tools:
        return []
    bound = await BindingRepository(assembly.session, assembly.principal.org_id).of_agent(
        assembly.agent_id
    )
    if not bound:
        return []
    lines = [f"- {kb.name}" + (f": {kb.description}" if kb.description else "") for kb, _ in bound]
    text = (
        "<knowledge_bases>\nSearch these with knowledge_search and cite what you use:\n"
        + "\n".join(lines)
        + "\n</knowledge_bases>"
    )
    return [ContextBlock("knowledge", "knowledge", text)]


SOURCES: dict[BlockKind, Source] = {
    "instructions": _instructions,
    "prompt_block": _prompt_blocks,
    "memory": _memory,
    "skills": _skills,
    "knowledge": _knowledge,
}


async def build(assembly: Assembly) -> list[ContextBlock]:
    """The agent's context blocks, in :data:`ORDER` (``only``: those names alone)."""
    for kind in ORDER:
        for block in await SOURCES[kind](assembly):
            if assembly.only is None or block.name in assembly.only:
                assembly.blocks.append(block)
    return assembly.blocks


def system_text(blocks: list[ContextBlock]) -> str:
    return "\n\n".join(b.content for b in blocks if b.content)


def needs_assembly(config: AgentConfig) -> bool:
    """Whether the context holds more than the instructions (else no query is made)."""
    return bool(
        config.prompt_blocks
        or config.skills
        or KNOWLEDGE_TOOL in config.tools
        or uses_memory(config.tools)
    )


async def system_prompt(
    runtime: Runtime,
    principal: Principal,
    agent_id: str,
    config: AgentConfig,
    conversation_id: str | None = None,
) -> str:
    """The system prompt of a chat turn: every block, fetched as needed."""
    if not needs_assembly(config):
        return config.instructions
    async with runtime.db.session() as session:
        assembly = Assembly(runtime, principal, agent_id, config, session)
        assembly.conversation_id = conversation_id
        blocks = await build(assembly)
    return system_text(blocks)
