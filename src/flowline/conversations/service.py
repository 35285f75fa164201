"""Conversations (threads) and their messages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.repository import AgentRepository
from flowline.auth.principal import Principal
from flowline.conversations.repository import (
    ConversationRepository,
    MessageRepository,
    like_pattern,
)
from flowline.conversations.schemas import (
    ConversationCreate,
    ConversationPut,
    MessageCreate,
    MessageRead,
    TitlePut,
    message_read,
)
from flowline.db.models import Conversation, ConversationMessage
from flowline.db.repository import Page, PageRequest
from flowline.db.types import utcnow
from flowline.errors import Conflict, NotFound, ValidationFailed
from flowline.ids import new_id
from flowline.users.service import check_version


def not_found(conversation_id: str) -> NotFound:
    return NotFound(f"Conversation '{conversation_id}' not found.", code="CONVERSATION_NOT_FOUND")


def busy(conversation_id: str) -> Conflict:
    return Conflict(
        f"Conversation '{conversation_id}' has a chat turn running; wait for it to end.",
        code="CONVERSATION_BUSY",
    )


def new_conversation(agent_id: str | None, principal: Principal, title: str = "") -> Conversation:
    now = utcnow()
    return Conversation(
        id=new_id("cnv"),
        agent_id=agent_id,
        title=title,
        meta={},
        message_seq=0,
        version=1,
        created_by_id=principal.user_id,
        created_at=now,
        updated_at=now,
    )


async def create_conversation(
    session: AsyncSession, principal: Principal, data: ConversationCreate
) -> Conversation:
    agents = AgentRepository(session, principal.org_id)
    if data.agent_id is not None and await agents.get(data.agent_id) is None:
        raise NotFound(f"Agent '{data.agent_id}' not found.", code="AGENT_NOT_FOUND")
    conversation = new_conversation(data.agent_id, principal, data.title)
    conversation.meta = data.metadata
    ConversationRepository(session, principal.org_id).add(conversation)
    await session.flush()
    return conversation


async def list_conversations(
    session: AsyncSession,
    principal: Principal,
    agent_id: str | None,
    page: PageRequest,
    *,
    channel_id: str | None = None,
    contact_id: str | None = None,
) -> Page[Conversation]:
    repo = ConversationRepository(session, principal.org_id)
    listing = repo.listing(agent_id, channel_id=channel_id, contact_id=contact_id)
    return await repo.paginate(listing, page)


async def get_conversation(
    session: AsyncSession, principal: Principal, conversation_id: str
) -> Conversation:
    conversation = await ConversationRepository(session, principal.org_id).get(conversation_id)
    if conversation is None:
        raise not_found(conversation_id)
    return conversation


async def replace_conversation(
    session: AsyncSession,
    principal: Principal,
    conversation_id: str,
    data: ConversationPut,
    if_match: int | None,
) -> Conversation:
    conversation = await _editable(
        session, principal, conversation_id, if_match, data.expected_version
    )
    conversation.title = data.title
    conversation.meta = data.metadata
    await _changed(session, conversation)
    return conversation


async def _editable(
    session: AsyncSession,
    principal: Principal,
    conversation_id: str,
    if_match: int | None,
    expected_version: int | None,
) -> Conversation:
    """The conversation, if ``If-Match`` and ``expected_version`` (when given) are its version."""
    conversation = await get_conversation(session, principal, conversation_id)
    what = f"Conversation '{conversation_id}'"
    check_version(conversation.version, if_match, what)
    check_version(conversation.version, expected_version, what)
    return conversation


async def _changed(session: AsyncSession, conversation: Conversation) -> None:
    conversation.version += 1
    conversation.updated_at = utcnow()
    await session.flush()


async def delete_conversation(
    session: AsyncSession, principal: Principal, conversation_id: str
) -> None:
    conversation = await get_conversation(session, principal, conversation_id)
    if conversation.busy_turn_id is not None:
        raise busy(conversation_id)
    await ConversationRepository(session, principal.org_id).delete(conversation)
    await session.flush()


async def list_messages(
    session: AsyncSession, principal: Principal, conversation_id: str, page: PageRequest
) -> Page[MessageRead]:
    """Oldest first: a conversation reads from its start. A channel message's delivery
    status is read with the page."""
    await get_conversation(session, principal, conversation_id)
    repo = MessageRepository(session, principal.org_id)
    found = await repo.paginate(repo.of(conversation_id), page, order_by=ConversationMessage.seq)
    deliveries = await repo.deliveries(found.items)
    items = [message_read(row, deliveries) for row in found.items]
    return Page(items=items, total=found.total, page=found.page, size=found.size)


async def add_message(
    session: AsyncSession, principal: Principal, conversation_id: str, data: MessageCreate
) -> ConversationMessage:
    """Append a message without asking the agent (the next chat turn sees it)."""
    conversation = await get_conversation(session, principal, conversation_id)
    if conversation.busy_turn_id is not None:
        raise busy(conversation_id)
    seq = await ConversationRepository(session, principal.org_id).reserve_seqs(conversation_id, 1)
    message = MessageRepository(session, principal.org_id).add(
        ConversationMessage(
            id=new_id("msg"),
            conversation_id=conversation_id,
            seq=seq,
            role=data.role,
            content=data.content,
            input_tokens=0,
            output_tokens=0,
            cost=0.0,
            created_at=utcnow(),
        )
    )
    await session.flush()
    return message


async def replace_title(
    session: AsyncSession,
    principal: Principal,
    conversation_id: str,
    data: TitlePut,
    if_match: int | None,
) -> Conversation:
    """Set the title alone (the metadata stays); ``If-Match`` / ``expected_version``."""
    conversation = await _editable(
        session, principal, conversation_id, if_match, data.expected_version
    )
    conversation.title = data.title
    await _changed(session, conversation)
    return conversation


SNIPPET_BEFORE = 60
SNIPPET_AFTER = 100


@dataclass(frozen=True, slots=True)
class SearchHit:
    conversation: Conversation
    title_matched: bool
    message: ConversationMessage | None
    snippet: str


def snippet(content: str, query: str) -> str:
    """The text around the first match of ``query`` (case ignored), spaces collapsed."""
    found = re.search(re.escape(query), content, re.IGNORECASE)
    start = max((found.start() if found else 0) - SNIPPET_BEFORE, 0)
    end = (found.end() if found else 0) + SNIPPET_AFTER
    text = " ".join(content[start:end].split())
    return ("…" if start > 0 else "") + text + ("…" if end < len(content) else "")


async def search_conversations(
    session: AsyncSession, principal: Principal, query: str, agent_id: str | None, page: PageRequest
) -> Page[SearchHit]:
    """Conversations whose title or message text contains ``query``, case ignored; newest
    first, each with its newest matching message."""
    text = query.strip()
    if not text:
        raise ValidationFailed("must not be blank", field="q")
    pattern = like_pattern(text)
    repo = ConversationRepository(session, principal.org_id)
    stmt = repo.search(pattern)
    if agent_id:
        stmt = stmt.where(Conversation.agent_id == agent_id)
    found = await repo.paginate(stmt, page)
    matches = await MessageRepository(session, principal.org_id).latest_matches(
        [c.id for c in found.items], pattern
    )
    hits = []
    for conversation in found.items:
        message = matches.get(conversation.id)
        hits.append(
            SearchHit(
                conversation=conversation,
                title_matched=text.casefold() in conversation.title.casefold() or message is None,
                message=message,
                snippet=snippet(message.content, text) if message is not None else "",
            )
        )
    return Page(items=hits, total=found.total, page=found.page, size=found.size)
