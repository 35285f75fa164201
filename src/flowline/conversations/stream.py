"""Following a conversation live: the stored events of all its runs, in order, then new ones.

An event's place in the conversation is its ``run_events.id``: it only grows, and a
conversation's runs never write at the same time (they hold its lock), so the
ids of its events follow the order in which they were committed. That id is
the SSE ``id:`` and what ``Last-Event-ID`` resumes from; ``data`` carries the
run's own ``run_id`` and ``seq``.

As ``runs/stream.py`` does, the stream subscribes (to the conversation's
channel) before its first read, and every event sent comes from the table, so
lost or repeated notifications change nothing. It also looks again every few
seconds without being told, and ends when the conversation is deleted.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.conversations.repository import ConversationEventRepository, ConversationRepository
from flowline.conversations.service import get_conversation
from flowline.db.models import RunEvent
from flowline.db.repository import Page, PageRequest
from flowline.db.session import Database
from flowline.events.bus import Bus, Lagged
from flowline.events.log import conversation_channel

BATCH = 100
LOOK_AGAIN_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class ConversationEvent:
    id: int
    """The event's place in the conversation (``run_events.id``)."""
    run_id: str
    seq: int
    type: str
    data: dict[str, Any]
    created_at: datetime


async def follow_conversation(
    db: Database,
    bus: Bus,
    org_id: str,
    conversation_id: str,
    after_id: int,
) -> AsyncIterator[ConversationEvent]:
    """The conversation's events after ``after_id``, then new ones as they commit."""
    last = after_id
    async with bus.subscribe(conversation_channel(conversation_id)) as subscription:
        while True:
            async with db.session() as session:
                rows = await ConversationEventRepository(session, org_id).after(
                    conversation_id, last, BATCH
                )
                gone = not rows and (
                    await ConversationRepository(session, org_id).get(conversation_id) is None
                )
            if gone:
                return
            for row in rows:
                yield conversation_event(row)
                last = row.id
            if len(rows) == BATCH:
                continue
            try:
                await asyncio.wait_for(anext(subscription), LOOK_AGAIN_SECONDS)
            except (Lagged, TimeoutError):
                pass
            except StopAsyncIteration:
                return


def conversation_event(row: RunEvent) -> ConversationEvent:
    return ConversationEvent(row.id, row.run_id, row.seq, row.type, dict(row.data), row.created_at)


async def stored_events(
    session: AsyncSession,
    principal: Principal,
    conversation_id: str,
    after_id: int,
    page: PageRequest,
) -> Page[ConversationEvent]:
    """The events stored so far, oldest first (for clients that do not stream)."""
    await get_conversation(session, principal, conversation_id)
    repo = ConversationEventRepository(session, principal.org_id)
    found = await repo.paginate(repo.of(conversation_id, after_id), page, order_by=RunEvent.id)
    return Page(
        items=[conversation_event(row) for row in found.items],
        total=found.total,
        page=found.page,
        size=found.size,
    )
