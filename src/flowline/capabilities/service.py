"""An agent's capabilities: one model call each, with a fixed prompt and a JSON answer.

- ``retrieve``: the model turns the question into search words; the agent's
  own conversations (user and assistant messages) are searched for them, and
  the messages holding the most of them come back, newest first among equals.
  The knowledge bases bound to the agent are searched too, with the same hybrid
  search as ``knowledge_search`` (``knowledge``).
- ``plan``: the steps towards a goal, each naming one of the agent's tools
  where one fits (the answer is checked: a tool the agent lacks is refused).
- ``reflect``: an assessment of an answer (given as text, or a conversation's
  last answer with the message it answered), its issues and suggestions.

Every call is the agent's model (``agents.structured``): usage is recorded, and
an answer of the wrong shape is ``502 MODEL_OUTPUT_INVALID``.
"""

from __future__ import annotations

import re
from typing import Any

from flowline.agents.structured import StructuredAnswer, ask_json
from flowline.auth.principal import Principal
from flowline.capabilities.repository import CapabilityRepository
from flowline.capabilities.schemas import (
    PlanBody,
    PlanResult,
    PlanStep,
    ReflectBody,
    ReflectResult,
    RetrieveBody,
    RetrievedMessage,
    RetrieveResult,
)
from flowline.conversations.repository import ConversationRepository
from flowline.conversations.service import not_found as conversation_not_found
from flowline.db.models import Agent, ConversationMessage
from flowline.errors import ValidationFailed
from flowline.knowledge import service as knowledge
from flowline.knowledge.schemas import SearchBody
from flowline.runtime import Runtime
from flowline.tools.schemas import ModelUsage
from flowline.tools.toolset import load_toolset

CANDIDATES = 200
"""Messages matching any word that are ranked; the newest ones."""
EXCERPT = 300
MAX_TERMS = 12
_WORD = re.compile(r"\w{2,}")

RETRIEVE_SYSTEM = """You find what an agent needs in its past conversations.
Turn the user's question into a short keyword search: the few words that the
messages worth finding would contain. Answer with one JSON object and nothing
else: {"query": "<the search words, separated by spaces>"}."""
RETRIEVE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"query": {"type": "string", "minLength": 1, "maxLength": 500}},
    "required": ["query"],
}

PLAN_SYSTEM = """You plan how an agent reaches a goal. Break the goal the user gives
into a short list of concrete steps, in order. Where one of the agent's tools does a
step, name it in "tool"; leave "tool" out otherwise. Answer with one JSON object and
nothing else: {{"goal": "...", "steps": [{{"title": "...", "tool": "..."}}]}}.
The agent's tools: {tools}."""

REFLECT_SYSTEM = """You review an agent's answer before anyone relies on it. Judge
whether it does what was asked, whether it is correct, complete and clear. Answer with
one JSON object and nothing else: {"assessment": "<one or two sentences>",
"issues": ["<each problem>"], "suggestions": ["<each improvement>"]}; empty lists
when there is nothing to say."""
REFLECT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "assessment": {"type": "string", "minLength": 1},
        "issues": {"type": "array", "items": {"type": "string"}},
        "suggestions": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["assessment", "issues", "suggestions"],
}


def _usage(answer: StructuredAnswer) -> ModelUsage:
    return ModelUsage(
        input_tokens=answer.usage.input_tokens, output_tokens=answer.usage.output_tokens
    )


def terms_of(query: str) -> list[str]:
    return list(dict.fromkeys(w.lower() for w in _WORD.findall(query)))[:MAX_TERMS]


def _excerpt(text: str, terms: list[str]) -> str:
    lowered = text.lower()
    at = min((i for i in (lowered.find(t) for t in terms) if i >= 0), default=0)
    start = max(0, at - EXCERPT // 3)
    cut = text[start : start + EXCERPT]
    return ("…" if start else "") + cut + ("…" if start + EXCERPT < len(text) else "")


def _ranked(
    rows: list[ConversationMessage], terms: list[str], limit: int
) -> list[RetrievedMessage]:
    scored = []
    for order, row in enumerate(rows):  # rows come newest first
        lowered = row.content.lower()
        score = sum(1 for t in terms if t in lowered)
        if score:
            scored.append((-score, order, row))
    scored.sort(key=lambda s: (s[0], s[1]))
    return [
        RetrievedMessage(
            conversation_id=row.conversation_id,
            message_id=row.id,
            seq=row.seq,
            role=row.role,
            excerpt=_excerpt(row.content, terms),
            score=-negative,
            created_at=row.created_at,
        )
        for negative, _, row in scored[:limit]
    ]


async def retrieve(
    runtime: Runtime, principal: Principal, agent: Agent, body: RetrieveBody
) -> RetrieveResult:
    answer = await ask_json(
        runtime,
        principal,
        agent,
        system=RETRIEVE_SYSTEM,
        prompt=body.query,
        schema=RETRIEVE_SCHEMA,
        what="search",
    )
    query = str(answer.value["query"])
    terms = terms_of(query)
    async with runtime.db.session() as session:
        rows = await CapabilityRepository(session, principal.org_id).search(
            agent.id, terms, CANDIDATES
        )
        hits = await knowledge.agent_search(
            session, runtime, principal, agent.id, SearchBody(query=body.query, top_k=body.limit)
        )
    return RetrieveResult(
        query=query,
        results=_ranked(list(rows), terms, body.limit),
        knowledge=hits,
        model=answer.model,
        usage=_usage(answer),
    )


async def plan(runtime: Runtime, principal: Principal, agent: Agent, body: PlanBody) -> PlanResult:
    async with runtime.db.session() as session:
        toolset = await load_toolset(session, principal, agent)
    names = toolset.names()
    step: dict[str, Any] = {
        "type": "object",
        "properties": {"title": {"type": "string", "minLength": 1, "maxLength": 500}},
        "required": ["title"],
    }
    if names:
        step["properties"]["tool"] = {"type": "string", "enum": names}
    schema = {
        "type": "object",
        "properties": {
            "goal": {"type": "string", "minLength": 1},
            "steps": {"type": "array", "items": step, "minItems": 1, "maxItems": 20},
        },
        "required": ["goal", "steps"],
    }
    listed = "; ".join(f"{t.name}: {t.description}" for t in toolset.tools.values()) or "none"
    prompt = body.goal if body.context is None else f"{body.goal}\n\nContext:\n{body.context}"
    answer = await ask_json(
        runtime,
        principal,
        agent,
        system=PLAN_SYSTEM.format(tools=listed),
        prompt=prompt,
        schema=schema,
        what="plan",
    )
    steps = [PlanStep(title=s["title"], tool=s.get("tool")) for s in answer.value["steps"]]
    return PlanResult(
        goal=str(answer.value["goal"]), steps=steps, model=answer.model, usage=_usage(answer)
    )


async def _last_answer(
    runtime: Runtime, principal: Principal, agent: Agent, thread_id: str
) -> tuple[str | None, str]:
    """The conversation's last answer with text, and the user's message before it."""
    async with runtime.db.session() as session:
        conversation = await ConversationRepository(session, principal.org_id).get(thread_id)
        if conversation is None or conversation.agent_id != agent.id:
            raise conversation_not_found(thread_id)
        rows = await CapabilityRepository(session, principal.org_id).last_of(thread_id, 50)
    answer_at = next(
        (i for i, r in enumerate(rows) if r.role == "assistant" and r.content.strip()), None
    )
    if answer_at is None:
        raise ValidationFailed("The conversation has no answer to review yet.", field="thread_id")
    request = next((r.content for r in rows[answer_at:] if r.role == "user"), None)
    return request, rows[answer_at].content


async def reflect(
    runtime: Runtime, principal: Principal, agent: Agent, body: ReflectBody
) -> ReflectResult:
    if body.thread_id is not None:
        request, text = await _last_answer(runtime, principal, agent, body.thread_id)
    else:
        request, text = body.request, str(body.text)
    prompt = f"Answer:\n{text}" if request is None else f"Request:\n{request}\n\nAnswer:\n{text}"
    answer = await ask_json(
        runtime,
        principal,
        agent,
        system=REFLECT_SYSTEM,
        prompt=prompt,
        schema=REFLECT_SCHEMA,
        what="review",
    )
    value = answer.value
    return ReflectResult(
        assessment=str(value["assessment"]),
        issues=[str(i) for i in value["issues"]],
        suggestions=[str(s) for s in value["suggestions"]],
        model=answer.model,
        usage=_usage(answer),
    )
