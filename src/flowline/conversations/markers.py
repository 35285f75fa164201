"""Markers: the points of a conversation one jumps to, computed from what it recorded.

``turn``: where each chat turn began (its first message; ``ref_id`` the turn).
``summary``: where a compaction put its summary (``ref_id`` the summary message).
Oldest first, by message number.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.conversations.repository import MessageRepository
from flowline.conversations.schemas import MarkerRead
from flowline.conversations.service import get_conversation
from flowline.db.repository import Page, PageRequest

LABEL_CHARS = 80


def label(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= LABEL_CHARS else line[: LABEL_CHARS - 1] + "…"


async def markers(
    session: AsyncSession, principal: Principal, conversation_id: str, page: PageRequest
) -> Page[MarkerRead]:
    await get_conversation(session, principal, conversation_id)
    repo = MessageRepository(session, principal.org_id)
    found = [
        MarkerRead(
            type="turn",
            seq=row.seq,
            at=row.created_at,
            label=label(row.content),
            ref_id=row.turn_id or row.id,
            run_id=row.turn_id,
        )
        for row in await repo.turn_starts(conversation_id)
    ]
    found += [
        MarkerRead(
            type="summary",
            seq=row.seq,
            at=row.created_at,
            label=f"Summary of messages {row.summary_from_seq} to {row.summary_to_seq}",
            ref_id=row.id,
        )
        for row in await repo.summaries(conversation_id)
    ]
    found.sort(key=lambda marker: (marker.seq, marker.at))
    items = found[page.offset : page.offset + page.size]
    return Page(items=items, total=len(found), page=page.page, size=page.size)
