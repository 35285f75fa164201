"""Conversations (threads) and their messages."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.repository import AgentRepository
from flowline.auth.principal import Principal
from flowline.conversations.repository import ConversationRepository, MessageRepository
from flowline.conversations.schemas import ConversationCreate, ConversationPut, MessageCreate
from flowline.db.models import Conversation, ConversationMessage
from flowline.db.repository import Page, PageRequest
from flowline.db.types import utcnow
from flowline.errors import Conflict, NotFound
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
    session: AsyncSession, principal: Principal, agent_id: str | None, page: PageRequest
) -> Page[Conversation]:
    repo = ConversationRepository(session, principal.org_id)
    return await repo.paginate(repo.listing(agent_id), page)


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
    conversation = await get_conversation(session, principal, conversation_id)
    what = f"Conversation '{conversation_id}'"
    check_version(conversation.version, if_match, what)
    check_version(conversation.version, data.expected_version, what)
    conversation.title = data.title
    conversation.meta = data.metadata
    conversation.version += 1
    conversation.updated_at = utcnow()
    await session.flush()
    return conversation


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
) -> Page[ConversationMessage]:
    """Oldest first: a conversation reads from its start."""
    await get_conversation(session, principal, conversation_id)
    repo = MessageRepository(session, principal.org_id)
    return await repo.paginate(repo.of(conversation_id), page, order_by=ConversationMessage.seq)


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
