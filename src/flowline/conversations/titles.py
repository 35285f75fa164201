"""A conversation's title written by its agent's model, from how the conversation began."""

from __future__ import annotations

import re

from flowline.auth.principal import Principal
from flowline.conversations.model_calls import (
    ask,
    record_spent,
    record_usage,
    subject,
    transcript,
    usage_read,
)
from flowline.conversations.repository import MessageRepository
from flowline.conversations.schemas import TitleGenerated
from flowline.conversations.service import get_conversation
from flowline.db.types import utcnow
from flowline.errors import Conflict
from flowline.llm.errors import ProviderError
from flowline.runtime import Runtime

MAX_TITLE = 200
OPENING_MESSAGES = 20
PER_MESSAGE_CHARS = 500
TRANSCRIPT_CHARS = 8_000
TITLE_PROMPT = (
    "Write a short title, at most eight words, for the conversation below, in the "
    "language of the conversation. Answer with the title only: no quotes, no prefix, "
    "no full stop."
)
_PREFIX = re.compile(r"^\s*(title|titre|titel)\s*:\s*", re.IGNORECASE)
_WRAPPERS = "\"'`\u201c\u201d\u2018\u2019\u00ab\u00bb*#_ "


def clean_title(text: str) -> str:
    """The model's answer as a title: its first line, without quotes or a ``Title:``
    prefix, spaces collapsed, at most 200 characters."""
    line = next((each for each in text.splitlines() if each.strip()), "")
    line = _PREFIX.sub("", line).strip(_WRAPPERS)
    line = " ".join(line.split())
    return line[:MAX_TITLE].rstrip()


async def generate_title(
    runtime: Runtime, principal: Principal, conversation_id: str
) -> TitleGenerated:
    """One model call (the conversation's agent's model) over its opening messages."""
    async with runtime.db.session() as session:
        who = await subject(session, runtime, principal, conversation_id)
        opening = await MessageRepository(session, principal.org_id).first_of(
            conversation_id, OPENING_MESSAGES
        )
    if not opening:
        raise Conflict(
            f"Conversation '{conversation_id}' has no messages to make a title from.",
            code="CONVERSATION_EMPTY",
        )
    text = transcript(opening, per_message=PER_MESSAGE_CHARS, total=TRANSCRIPT_CHARS)
    answer = await ask(who, TITLE_PROMPT, text)
    title = clean_title(answer.text)
    if not title:
        await record_spent(runtime, principal, who, answer)
        raise ProviderError("The model answered with an empty title; the title is unchanged.")
    async with runtime.db.session(write=True) as session:
        conversation = await get_conversation(session, principal, conversation_id)
        conversation.title = title
        conversation.version += 1
        conversation.updated_at = utcnow()
        await record_usage(session, principal, who, answer)
        await session.flush()
    return TitleGenerated(
        conversation_id=conversation.id,
        title=conversation.title,
        version=conversation.version,
        usage=usage_read(who, answer),
    )
