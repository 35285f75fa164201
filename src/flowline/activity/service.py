"""``POST /activity/timeline``: conversations, their messages, emails, runs, approvals
and artifacts of a contact (or of every contact of an account), newest first.

Each kind is asked for its newest ``(page + 1) * size`` rows and its count; the rows
are merged by time and the page cut from the merge, so a page is exact without
reading any kind whole.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.activity.repository import ActivityRepository
from flowline.activity.schemas import MAX_WINDOW, TimelineItem, TimelineQuery
from flowline.auth.principal import Principal
from flowline.db.repository import Page
from flowline.errors import NotFound


def _conversation(r: Any, who: dict[str, str]) -> TimelineItem:
    return TimelineItem(
        kind="conversation",
        id=r.id,
        at=r.created_at,
        title=r.title or "Conversation",
        conversation_id=r.id,
        contact_id=r.contact_id,
        data={},
    )


def _message(r: Any, who: dict[str, str]) -> TimelineItem:
    return TimelineItem(
        kind="message",
        id=r.id,
        at=r.created_at,
        title=f"{r.role}: {r.content}",
        conversation_id=r.conversation_id,
        contact_id=who.get(r.conversation_id),
        data={"role": r.role},
    )


def _email(r: Any, who: dict[str, str]) -> TimelineItem:
    subject = str((r.body or {}).get("subject") or "(no subject)")
    return TimelineItem(
        kind="email",
        id=r.id,
        at=r.created_at,
        title=("Received: " if r.direction == "in" else "Sent: ") + subject,
        conversation_id=r.conversation_id,
        contact_id=r.contact_id,
        data={"direction": r.direction, "status": r.status},
    )


def _run(r: Any, who: dict[str, str]) -> TimelineItem:
    return TimelineItem(
        kind="run",
        id=r.id,
        at=r.created_at,
        title=f"Run {r.status}",
        conversation_id=r.conversation_id,
        contact_id=who.get(r.conversation_id),
        data={"status": r.status},
    )


def _approval(r: Any, who: dict[str, str]) -> TimelineItem:
    return TimelineItem(
        kind="approval",
        id=r.id,
        at=r.created_at,
        title=f"Approval: {r.title}"[:300],
        conversation_id=None,
        contact_id=None,
        data={"status": r.status, "run_id": r.run_id},
    )


def _artifact(r: Any, who: dict[str, str]) -> TimelineItem:
    return TimelineItem(
        kind="artifact",
        id=r.id,
        at=r.created_at,
        title=r.title or r.type,
        conversation_id=r.conversation_id,
        contact_id=r.contact_id,
        data={"type": r.type, "state": r.state},
    )


Shape = Callable[[Any, dict[str, str]], TimelineItem]


async def timeline(
    session: AsyncSession, principal: Principal, query: TimelineQuery
) -> Page[TimelineItem]:
    repo = ActivityRepository(session, principal.org_id)
    contacts = await repo.contacts(query.contact_id, query.account)
    if query.contact_id is not None and not contacts:
        raise NotFound(f"Contact {query.contact_id} not found.", code="CONTACT_NOT_FOUND")
    contact_ids = list(contacts)
    conversations = [c for c in contacts.values() if c is not None]
    who = {conv: contact for contact, conv in contacts.items() if conv is not None}
    sources: dict[str, tuple[Any, Shape]] = {
        "conversation": (repo.conversations(conversations), _conversation),
        "message": (repo.messages(conversations), _message),
        "email": (repo.emails(contact_ids), _email),
        "run": (repo.runs(conversations), _run),
        "approval": (repo.approvals(conversations), _approval),
        "artifact": (repo.artifacts(contact_ids, conversations), _artifact),
    }
    limit = min((query.page + 1) * query.size, MAX_WINDOW)  # a page past it is empty
    total, items = 0, list[TimelineItem]()
    for kind in query.kinds:
        made, shape = sources[kind]
        count, rows = await repo.newest(made, limit)
        total += count
        items.extend(shape(row, who) for row in rows)
    items.sort(key=lambda item: (item.at, item.id), reverse=True)
    chosen: Sequence[TimelineItem] = items[query.page * query.size : limit]
    return Page(chosen, total, query.page, query.size)
