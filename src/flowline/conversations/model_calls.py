"""One-off model calls about a conversation (its title, a summary), outside a chat turn.

As in a chat turn, what the call needs is read in a short session, the model is
called with no transaction open, and what it cost is written (a usage row) in the
same transaction as its result.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.repository import AgentRepository
from flowline.agents.service import config_of
from flowline.auth.principal import Principal
from flowline.conversations.schemas import ModelCallUsage
from flowline.conversations.service import get_conversation, not_found
from flowline.db.models import Conversation, ConversationMessage
from flowline.llm.pricing import ModelInfo
from flowline.llm.provider import ChatRequest, LLMProvider, Message, Usage
from flowline.llm.service import org_models
from flowline.runtime import Runtime
from flowline.usage.spending import ModelCall, ensure_can_spend, record_in


@dataclass(frozen=True, slots=True)
class Subject:
    """A conversation, and the model a call about it uses."""

    conversation: Conversation
    model: str
    info: ModelInfo
    provider: LLMProvider
    provider_model: str
    instructions: str

    @property
    def agent_id(self) -> str | None:
        return self.conversation.agent_id


@dataclass(frozen=True, slots=True)
class Answer:
    text: str
    usage: Usage
    cost: float
    duration_ms: int


async def subject(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    conversation_id: str,
    *,
    agent_id: str | None = None,
    model: str | None = None,
) -> Subject:
    """The conversation (of ``agent_id``, when given) and its agent's model.

    ``model`` overrides the agent's; without an agent, or with an agent that
    names none, the organisation's default model is used.
    """
    conversation = await get_conversation(session, principal, conversation_id)
    if agent_id is not None and conversation.agent_id != agent_id:
        raise not_found(conversation_id)
    configured, instructions = None, ""
    if conversation.agent_id is not None:
        agent = await AgentRepository(session, principal.org_id).get(conversation.agent_id)
        if agent is not None:
            config = config_of(agent)
            configured, instructions = config.model, config.instructions
    await ensure_can_spend(session, principal.org_id, principal.user_id, conversation.agent_id)
    models = await org_models(session, principal.org_id, runtime.settings, runtime.secret_box)
    chosen = model or configured or models.default_model
    provider, provider_model = models.registry.resolve(chosen)
    return Subject(
        conversation, chosen, models.info(chosen), provider, provider_model, instructions or ""
    )


async def ask(subject: Subject, system: str, user: str) -> Answer:
    """One model call: a fixed ``system`` prompt and one ``user`` message."""
    began = time.monotonic()
    answer = await subject.provider.chat(
        ChatRequest(
            model=subject.provider_model,
            messages=[Message("system", system), Message("user", user)],
        )
    )
    return Answer(
        text=answer.text,
        usage=answer.usage,
        cost=float(subject.info.cost(answer.usage)),
        duration_ms=int((time.monotonic() - began) * 1000),
    )


async def record_usage(
    session: AsyncSession, principal: Principal, subject: Subject, answer: Answer
) -> None:
    """The call's usage row and its charge against credits and budgets."""
    call = ModelCall(
        org_id=principal.org_id,
        model=subject.model,
        input_tokens=answer.usage.input_tokens,
        output_tokens=answer.usage.output_tokens,
        cost=answer.cost,
        user_id=principal.user_id,
        agent_id=subject.agent_id,
    )
    await record_in(session, call)


async def record_spent(
    runtime: Runtime, principal: Principal, subject: Subject, answer: Answer
) -> None:
    """The usage row alone, for an answer that could not be used (it was still paid for)."""
    async with runtime.db.session(write=True) as session:
        await record_usage(session, principal, subject, answer)


def usage_read(subject: Subject, answer: Answer) -> ModelCallUsage:
    return ModelCallUsage(
        model=subject.model,
        input_tokens=answer.usage.input_tokens,
        output_tokens=answer.usage.output_tokens,
        cost=answer.cost,
        duration_ms=answer.duration_ms,
    )


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + " […]"


def transcript_line(row: ConversationMessage, limit: int) -> str:
    """One message as a line of a transcript for the model: ``role: text``."""
    if row.role == "tool":
        return f"tool {row.name or ''} result: {_clip(row.content, limit)}"
    text = _clip(row.content, limit)
    if row.role == "assistant" and row.tool_calls:
        calls = ", ".join(
            f"{c.get('name')}({orjson.dumps(c.get('arguments') or {}).decode()})"
            for c in row.tool_calls
        )
        text = f"{text} [called {_clip(calls, limit)}]".strip()
    return f"{row.role}: {text}"


def transcript(rows: Iterable[ConversationMessage], *, per_message: int, total: int) -> str:
    """The messages as text, each clipped to ``per_message`` characters, in all at most
    about ``total``: the newest messages are kept, the oldest left out (and said so)."""
    lines = [transcript_line(row, per_message) for row in rows]
    kept: list[str] = []
    size = 0
    for line in reversed(lines):
        if kept and size + len(line) > total:
            break
        kept.append(line)
        size += len(line) + 1
    left_out = len(lines) - len(kept)
    head = [f"[{left_out} earlier messages left out]"] if left_out else []
    return "\n".join(head + list(reversed(kept)))
