"""Markers: the points of a conversation one jumps to, computed from what it recorded.

``turn``: where each chat turn began (its first message; ``ref_id`` the run).
``summary``: where a compaction put its summary (``ref_id`` the summary message).
``approval`` / ``question``: where a tool call waited for a person (at the
assistant message that asked for the call; ``ref_id`` the approval or question).
Oldest first, by message number.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.conversations.schemas import (
    MarkerRead,
    TimelineApproval,
    TimelineMessage,
    TimelineQuestion,
)
from flowline.conversations.timeline import load_activity, timeline_items
from flowline.db.repository import Page, PageRequest

LABEL_CHARS = 80


def label(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= LABEL_CHARS else line[: LABEL_CHARS - 1] + "…"


async def markers(
    session: AsyncSession, principal: Principal, conversation_id: str, page: PageRequest
) -> Page[MarkerRead]:
    items = timeline_items(await load_activity(session, principal, conversation_id))
    found: list[MarkerRead] = []
    turns: set[str] = set()
    for item in items:
        if isinstance(item, TimelineMessage):
            message = item.message
            if message.kind == "summary":
                found.append(
                    MarkerRead(
                        type="summary",
                        seq=item.seq,
                        at=item.at,
                        label=f"Summary of messages {message.summary_from_seq} to "
                        f"{message.summary_to_seq}",
                        ref_id=message.id,
                    )
                )
            elif message.turn_id is not None and message.turn_id not in turns:
                turns.add(message.turn_id)
                found.append(
                    MarkerRead(
                        type="turn",
                        seq=item.seq,
                        at=item.at,
                        label=label(message.content),
                        ref_id=message.turn_id,
                        run_id=message.turn_id,
                    )
                )
        elif isinstance(item, TimelineApproval):
            found.append(
                MarkerRead(
                    type="approval",
                    seq=item.seq,
                    at=item.at,
                    label=label(f"Approval of {item.tool}: {item.status}"),
                    ref_id=item.approval_id,
                    run_id=item.run_id,
                )
            )
        elif isinstance(item, TimelineQuestion):
            found.append(
                MarkerRead(
                    type="question",
                    seq=item.seq,
                    at=item.at,
                    label=label(item.question),
                    ref_id=item.question_id,
                    run_id=item.run_id,
                )
            )
    shown = found[page.offset : page.offset + page.size]
    return Page(items=shown, total=len(found), page=page.page, size=page.size)
