"""The builtin memory tools: ``memory_append`` and ``memory_replace`` edit the blocks the
agent sees in its prompt; ``memory_insert`` and ``memory_search`` save and recall archival
passages. The person of the turn (the conversation's contact, else the user who started
it) decides which ``human`` block and which person's archive they touch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import MemoryBlock
from flowline.memory import archive, service
from flowline.memory.repository import contact_of_run
from flowline.memory.schemas import MAX_PASSAGE, NO_NUL, TYPE_PATTERN
from flowline.memory.service import EditRefused, Person

MAX_SEARCH_HITS = 20


class MemoryToolFailed(Exception):
    """What the model asked cannot be done; the message goes to the model."""


class Context(Protocol):
    """What the tools need of a tool call's context (``tools.kinds.base.ToolContext``)."""

    @property
    def runtime(self) -> Any: ...
    @property
    def principal(self) -> Any: ...
    @property
    def agent_id(self) -> str: ...
    @property
    def run_id(self) -> str | None: ...


BLOCK = {"type": "string", "pattern": TYPE_PATTERN, "description": "The block's name."}
TEXT = {"type": "string", "minLength": 1, "pattern": NO_NUL}
TOOLS: dict[str, tuple[str, dict[str, Any]]] = {
    "memory_append": (
        "Add text at the end of one of your memory blocks (they are in your instructions, "
        "under <memory_blocks>); `human` holds what you know about the person you talk with.",
        {
            "type": "object",
            "properties": {"block": BLOCK, "text": TEXT},
            "required": ["block", "text"],
        },
    ),
    "memory_replace": (
        "Replace text in one of your memory blocks: `old` must appear in it exactly once; "
        "an empty `new` deletes it.",
        {
            "type": "object",
            "properties": {
                "block": BLOCK,
                "old": TEXT,
                "new": {"type": "string", "pattern": NO_NUL},
            },
            "required": ["block", "old", "new"],
        },
    ),
    "memory_insert": (
        "Save a passage in your archival memory, to find later with memory_search. It is "
        "kept with the person you talk with, unless `shared` is true (then any of your "
        "conversations may recall it).",
        {
            "type": "object",
            "properties": {
                "text": {**TEXT, "maxLength": MAX_PASSAGE},
                "shared": {"type": "boolean"},
            },
            "required": ["text"],
        },
    ),
    "memory_search": (
        "Search your archival memory (your shared passages and those of the person you talk "
        "with) by meaning and words.",
        {
            "type": "object",
            "properties": {
                "query": {**TEXT, "maxLength": 2000},
                "top_k": {"type": "integer", "minimum": 1, "maximum": MAX_SEARCH_HITS},
            },
            "required": ["query"],
        },
    ),
}


async def person_of_turn(session: AsyncSession, ctx: Context) -> Person | None:
    """The conversation's contact, else the user who started the turn, else nobody."""
    if ctx.run_id is not None:
        contact = await contact_of_run(session, ctx.principal.org_id, ctx.run_id)
        if contact:
            return Person("contact", contact)
    user_id = ctx.principal.user_id
    return Person("user", user_id) if user_id else None


def _by(ctx: Context) -> str:
    return f"run:{ctx.run_id}" if ctx.run_id else f"user:{ctx.principal.user_id}"


def _edited(block: MemoryBlock) -> dict[str, Any]:
    return {
        "block": block.type,
        "value": block.value,
        "chars": len(block.value),
        "limit": block.char_limit,
        "version": block.version,
    }


async def _edit(ctx: Context, type_: str, change: Callable[[str], str]) -> dict[str, Any]:
    async with ctx.runtime.db.session(write=True) as session:
        person = await person_of_turn(session, ctx)
        org_id = ctx.principal.org_id
        try:
            block = await service.edit_block(
                session, org_id, ctx.agent_id, person, type_, change, _by(ctx)
            )
        except EditRefused as exc:
            raise MemoryToolFailed(str(exc)) from None
        return _edited(block)


async def append(ctx: Context, arguments: dict[str, Any]) -> dict[str, Any]:
    text = str(arguments["text"])
    return await _edit(ctx, str(arguments["block"]), lambda v: f"{v}\n{text}" if v else text)


async def replace(ctx: Context, arguments: dict[str, Any]) -> dict[str, Any]:
    old, new = str(arguments["old"]), str(arguments["new"])

    def change(value: str) -> str:
        found = value.count(old)
        if found != 1:
            where = "does not appear" if found == 0 else f"appears {found} times"
            raise EditRefused(f"`old` {where} in the block; quote exactly one place")
        return value.replace(old, new)

    return await _edit(ctx, str(arguments["block"]), change)


async def insert(ctx: Context, arguments: dict[str, Any]) -> dict[str, Any]:
    embedded = await archive.embed(str(arguments["text"]))
    if not embedded.pieces:
        raise MemoryToolFailed("`text` holds nothing to save")
    async with ctx.runtime.db.session(write=True) as session:
        person = None if arguments.get("shared") else await person_of_turn(session, ctx)
        meta = {"saved_by": _by(ctx)}
        saved = await archive.insert(
            session, ctx.principal.org_id, ctx.agent_id, person, embedded, meta
        )
    return {
        "passage_id": saved.document.id,
        "duplicate": saved.duplicate,
        "kept_with": "agent" if person is None else person.kind,
    }


async def search(ctx: Context, arguments: dict[str, Any]) -> dict[str, Any]:
    query = str(arguments["query"])
    top_k = int(arguments.get("top_k") or 5)
    async with ctx.runtime.db.session() as session:
        person = await person_of_turn(session, ctx)
        found = await archive.recall(
            session, ctx.principal.org_id, ctx.agent_id, person, query, top_k=top_k
        )
    return {
        "query": query,
        "hits": [
            {
                "n": n,
                "passage_id": hit.passage_id,
                "text": hit.text,
                "score": hit.score,
                "created_at": hit.created_at.isoformat() if hit.created_at else None,
            }
            for n, hit in enumerate(found, start=1)
        ],
    }


HANDLERS = {
    "memory_append": append,
    "memory_replace": replace,
    "memory_insert": insert,
    "memory_search": search,
}
