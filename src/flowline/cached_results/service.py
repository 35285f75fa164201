"""Cached tool results: a large result is stored whole once and the model is given
a preview and the cache id; people and tools read it back here, whole or by pages
of its items (the result's list, or the first list it holds)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.cached_results.repository import CachedResultRepository
from flowline.conversations.repository import ConversationRepository
from flowline.conversations.service import not_found as conversation_not_found
from flowline.db.models import CachedToolResult
from flowline.db.repository import Page, PageRequest
from flowline.db.types import utcnow
from flowline.errors import NotFound
from flowline.ids import new_id


def items_of(payload: Any) -> list[Any]:
    """The list ``/items`` pages through: the payload if a list, else its first list value."""
    if isinstance(payload, list):
        return payload
    if isinstance(payload, dict):
        for value in payload.values():
            if isinstance(value, list):
                return value
    return []


CACHE_OVER_CHARS = 16_000
"""A tool result whose JSON is longer than this is cached; the model gets a preview."""
PREVIEW_CHARS = 2_000


def cached_row(
    org_id: str, conversation_id: str, tool_name: str, payload: Any, tool_call_id: str | None
) -> CachedToolResult:
    return CachedToolResult(
        id=new_id("tcr"),
        org_id=org_id,
        conversation_id=conversation_id,
        tool_name=tool_name,
        tool_call_id=tool_call_id,
        payload=payload,
        item_count=len(items_of(payload)),
        created_at=utcnow(),
    )


def preview(row: CachedToolResult, text: str) -> dict[str, Any]:
    """What the model is given instead of a cached result: its start and where the rest is."""
    return {
        "cached_result_id": row.id,
        "characters": len(text),
        "item_count": row.item_count,
        "preview": text[:PREVIEW_CHARS],
        "note": (
            "The result is too long to show whole; this is its start. The whole result is"
            f" kept as cached result {row.id} of this conversation."
        ),
    }


async def store(
    session: AsyncSession,
    org_id: str,
    conversation_id: str,
    tool_name: str,
    payload: Any,
    tool_call_id: str | None = None,
) -> CachedToolResult:
    """Keep ``payload`` whole (the caller's transaction); the model gets its id."""
    row = CachedResultRepository(session, org_id).add(
        cached_row(org_id, conversation_id, tool_name, payload, tool_call_id)
    )
    await session.flush()
    return row


async def get(
    session: AsyncSession, principal: Principal, conversation_id: str, cache_id: str
) -> CachedToolResult:
    if await ConversationRepository(session, principal.org_id).get(conversation_id) is None:
        raise conversation_not_found(conversation_id)
    row = await CachedResultRepository(session, principal.org_id).in_conversation(
        conversation_id, cache_id
    )
    if row is None:
        raise NotFound(f"Cached result {cache_id} not found.", code="CACHED_RESULT_NOT_FOUND")
    return row


async def items(
    session: AsyncSession,
    principal: Principal,
    conversation_id: str,
    cache_id: str,
    page: PageRequest,
) -> Page[Any]:
    row = await get(session, principal, conversation_id, cache_id)
    return Page.of(items_of(row.payload), page)
