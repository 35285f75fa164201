from __future__ import annotations

from typing import Annotated

from fastapi import Query, Response

from flowline.api.bodies import unwrap
from flowline.api.concurrency import IfMatch
from flowline.api.deps import SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.idempotency import IDEMPOTENT
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.conversations import service
from flowline.conversations.schemas import (
    ConversationCreate,
    ConversationPut,
    ConversationRead,
    MessageCreate,
    MessageRead,
)
from flowline.db.models import Conversation

router = make_router("/api/v1/conversations", "Conversations")
ConversationsRead = Annotated[Principal, require("agents:read")]
ConversationsWrite = Annotated[Principal, require("agents:chat")]


def conversation_read(row: Conversation) -> ConversationRead:
    return ConversationRead(
        id=row.id,
        agent_id=row.agent_id,
        title=row.title,
        metadata=row.meta,
        messages=row.message_seq,
        busy=row.busy_turn_id is not None,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


@router.post(
    "",
    status_code=201,
    summary="Create a conversation",
    description="Optionally for an agent; a chat may also create one (no `thread_id`).",
    openapi_extra=IDEMPOTENT,
)
async def create_conversation(
    body: Annotated[ConversationCreate, unwrap("conversation")],
    session: SessionDep,
    principal: ConversationsWrite,
) -> Envelope[ConversationRead]:
    row = await service.create_conversation(session, principal, body)
    return envelope(conversation_read(row))


@router.get("", summary="List conversations", description="Newest first; `agent_id` filters.")
async def list_conversations(
    session: SessionDep,
    principal: ConversationsRead,
    page: PageParams,
    agent_id: Annotated[str | None, Query(max_length=40)] = None,
) -> PageEnvelope[ConversationRead]:
    result = await service.list_conversations(session, principal, agent_id, page)
    return page_envelope(result, conversation_read)


@router.get("/{conversation_id}", summary="Get a conversation")
async def get_conversation(
    conversation_id: str, session: SessionDep, principal: ConversationsRead
) -> Envelope[ConversationRead]:
    row = await service.get_conversation(session, principal, conversation_id)
    return envelope(conversation_read(row))


@router.put(
    "/{conversation_id}",
    summary="Replace a conversation's title and metadata",
    description="`If-Match` / `expected_version`: 409 on mismatch.",
)
async def replace_conversation(
    conversation_id: str,
    body: ConversationPut,
    session: SessionDep,
    principal: ConversationsWrite,
    if_match: IfMatch,
) -> Envelope[ConversationRead]:
    row = await service.replace_conversation(session, principal, conversation_id, body, if_match)
    return envelope(conversation_read(row))


@router.delete(
    "/{conversation_id}",
    status_code=204,
    summary="Delete a conversation",
    description="With its messages; 409 `CONVERSATION_BUSY` while a chat turn runs.",
)
async def delete_conversation(
    conversation_id: str, session: SessionDep, principal: ConversationsWrite
) -> Response:
    await service.delete_conversation(session, principal, conversation_id)
    return Response(status_code=204)


@router.get(
    "/{conversation_id}/messages",
    summary="List a conversation's messages",
    description="Oldest first: user messages, model answers (tokens, cost) and tool results.",
)
async def list_messages(
    conversation_id: str, session: SessionDep, principal: ConversationsRead, page: PageParams
) -> PageEnvelope[MessageRead]:
    result = await service.list_messages(session, principal, conversation_id, page)
    return page_envelope(result, MessageRead.model_validate)


@router.post(
    "/{conversation_id}/messages",
    status_code=201,
    summary="Add a message",
    description="Appended without asking the agent; the next chat turn sees it.",
)
async def add_message(
    conversation_id: str,
    body: Annotated[MessageCreate, unwrap("message")],
    session: SessionDep,
    principal: ConversationsWrite,
) -> Envelope[MessageRead]:
    row = await service.add_message(session, principal, conversation_id, body)
    return envelope(MessageRead.model_validate(row))
