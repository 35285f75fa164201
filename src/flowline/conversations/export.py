"""A conversation as an OpenAI-style message list, with the organisation's secrets masked."""

from __future__ import annotations

from typing import Literal

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.repository import AgentRepository
from flowline.agents.service import config_of
from flowline.auth.principal import Principal
from flowline.conversations.compaction import model_messages
from flowline.conversations.repository import MessageRepository
from flowline.conversations.schemas import (
    LlmFormatRead,
    LlmFunctionCall,
    LlmMessage,
    LlmToolCall,
)
from flowline.conversations.service import get_conversation
from flowline.db.models import ConversationMessage
from flowline.engine.redact import SecretMask
from flowline.llm.service import get_config
from flowline.runtime import Runtime
from flowline.secrets.service import reveal_all

View = Literal["model", "full"]


def openai_message(row: ConversationMessage, mask: SecretMask) -> LlmMessage:
    """One stored message in OpenAI's chat format, secrets masked."""
    content = mask.text(row.content)
    if row.role == "tool":
        return LlmMessage(role="tool", content=content, tool_call_id=row.tool_call_id)
    if row.role == "assistant":
        calls = [
            LlmToolCall(
                id=str(call.get("id", "")),
                function=LlmFunctionCall(
                    name=str(call.get("name", "")),
                    arguments=orjson.dumps(
                        mask.data(call.get("arguments") or {}), default=str
                    ).decode(),
                ),
            )
            for call in row.tool_calls or ()
        ]
        if calls:
            return LlmMessage(role="assistant", content=content or None, tool_calls=calls)
        return LlmMessage(role="assistant", content=content)
    return LlmMessage(role="system" if row.role == "system" else "user", content=content)


async def llm_format(
    session: AsyncSession, principal: Principal, conversation_id: str, runtime: Runtime, view: View
) -> LlmFormatRead:
    """``view="model"``: what the model is sent (the latest summary stands for what it
    covers); ``"full"``: every message, summaries left out."""
    conversation = await get_conversation(session, principal, conversation_id)
    instructions, model = "", None
    if conversation.agent_id is not None:
        agent = await AgentRepository(session, principal.org_id).get(conversation.agent_id)
        if agent is not None:
            config = config_of(agent)
            instructions, model = config.instructions, config.model or None
    if model is None:
        model = (await get_config(session, principal, runtime.settings)).effective_default_model
    if view == "model":
        rows = await model_messages(session, principal.org_id, conversation_id)
    else:
        every = await MessageRepository(session, principal.org_id).all_of(conversation_id)
        rows = [row for row in every if row.kind == "message"]
    mask = SecretMask(await reveal_all(session, principal.org_id, runtime.secret_box))
    messages = [LlmMessage(role="system", content=mask.text(instructions))] if instructions else []
    messages += [openai_message(row, mask) for row in rows]
    return LlmFormatRead(
        conversation_id=conversation.id,
        agent_id=conversation.agent_id,
        model=model,
        view=view,
        messages=messages,
    )
