"""Memory blocks as the model sees them, in the context after the prompt blocks
(``flowline.context.assembly``): each block wrapped in its type's tag, with its size
against its limit, so the model knows how much room ``memory_append`` has."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import MemoryBlock
from flowline.memory.repository import contact_of_conversation
from flowline.memory.service import Person, blocks_seen
from flowline.memory.tool import TOOLS

MEMORY_TOOLS = frozenset(TOOLS)
BLOCK_TOOLS = ("memory_append", "memory_replace")


def uses_memory(tools: Iterable[str]) -> bool:
    """Whether an agent with these tools is given its memory blocks (only then are they
    read: an agent without memory tools costs no query)."""
    return any(name in MEMORY_TOOLS for name in tools)


async def turn_person(
    session: AsyncSession, org_id: str, user_id: str, conversation_id: str | None
) -> Person | None:
    """The conversation's contact, else the user, else nobody (as the memory tools)."""
    if conversation_id is not None:
        contact = await contact_of_conversation(session, org_id, conversation_id)
        if contact:
            return Person("contact", contact)
    return Person("user", user_id) if user_id else None


def render(blocks: Iterable[MemoryBlock]) -> str | None:
    parts = []
    for block in blocks:
        about = ' about="the person you talk with"' if block.subject else ""
        described = f' description="{escape(block.description)}"' if block.description else ""
        parts.append(
            f'<{block.type} chars="{len(block.value)}/{block.char_limit}"{about}{described}>\n'
            f"{block.value}\n</{block.type}>"
        )
    if not parts:
        return None
    return (
        "<memory_blocks>\nWhat you remember, kept between conversations. Edit it with "
        "memory_append and memory_replace when you learn something worth keeping.\n"
        + "\n".join(parts)
        + "\n</memory_blocks>"
    )


async def memory_text(
    session: AsyncSession, org_id: str, agent_id: str, person: Person | None
) -> str | None:
    """The agent's memory blocks for a turn with ``person``, or ``None`` when it has none."""
    return render(await blocks_seen(session, org_id, agent_id, person))
