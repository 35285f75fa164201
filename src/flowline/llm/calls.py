"""One model call on an organisation's behalf: budget checked, usage recorded and charged.

The steps every caller of a model outside a chat turn takes (the completions,
their batches, ``llm/chat``, an agent's structured answers): refuse the call
(``402``) when the credits or a monthly budget do not allow it, resolve the model
(the one asked for, else the organisation's default, else ``flowline/echo``),
call it with no transaction open, then store its ``llm_usage`` row and charge
its cost in one transaction. A streamed call is charged when its stream ends.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

from flowline.llm.provider import (
    ChatRequest,
    ChatResponse,
    LLMProvider,
    Message,
    StreamEnd,
    StreamEvent,
    Usage,
)
from flowline.llm.service import OrgModels, org_models
from flowline.runtime import Runtime
from flowline.usage import spending
from flowline.usage.spending import ModelCall, ensure_can_spend

TIMEOUT_SECONDS = 120.0


@dataclass(frozen=True, slots=True)
class Caller:
    """Whose call it is: the organisation pays, the user's and agent's budgets count."""

    org_id: str
    user_id: str | None = None
    agent_id: str | None = None
    run_id: str | None = None


@dataclass(frozen=True, slots=True)
class CallOptions:
    model: str | None = None
    temperature: float | None = None
    max_tokens: int | None = None
    json_schema: dict[str, Any] | None = None
    timeout_seconds: float = TIMEOUT_SECONDS


@dataclass(frozen=True, slots=True)
class Answer:
    response: ChatResponse
    model: str
    """The full model id (``flowline/echo``), as usage rows name it."""
    cost: float


@dataclass(frozen=True, slots=True)
class Prepared:
    """A call checked against the budgets, ready to be made."""

    caller: Caller
    models: OrgModels
    model: str
    provider: LLMProvider
    request: ChatRequest


async def prepare(
    runtime: Runtime, caller: Caller, messages: Sequence[Message], options: CallOptions
) -> Prepared:
    """Check the budgets (``402``) and resolve the model (``404 MODEL_NOT_FOUND``: no
    provider of that name in the organisation)."""
    async with runtime.db.session() as session:
        await ensure_can_spend(session, caller.org_id, caller.user_id, caller.agent_id)
        models = await org_models(session, caller.org_id, runtime.settings, runtime.secret_box)
    model_id = options.model or models.default_model
    provider, name = models.registry.resolve(model_id)
    request = ChatRequest(
        model=name,
        messages=list(messages),
        temperature=options.temperature,
        max_tokens=options.max_tokens,
        json_schema=options.json_schema,
        timeout_seconds=options.timeout_seconds,
    )
    return Prepared(caller, models, model_id, provider, request)


def cost_of(prepared: Prepared, usage: Usage) -> float:
    """US dollars, at the organisation's prices."""
    return float(prepared.models.info(prepared.model).cost(usage))


async def record(runtime: Runtime, prepared: Prepared, usage: Usage) -> float:
    """Store the call's usage row and charge its cost, in one transaction
    (``usage.spending.record``, the one writer of both); the cost."""
    caller = prepared.caller
    cost = cost_of(prepared, usage)
    call = ModelCall(
        org_id=caller.org_id,
        model=prepared.model,
        input_tokens=usage.input_tokens,
        output_tokens=usage.output_tokens,
        cost=cost,
        user_id=caller.user_id,
        agent_id=caller.agent_id,
        turn_id=caller.run_id,
    )
    await runtime.db.transact(functools.partial(spending.record, call=call))
    return cost


async def call(
    runtime: Runtime, caller: Caller, messages: Sequence[Message], options: CallOptions
) -> Answer:
    """Make one whole model call for ``caller`` (see the module)."""
    prepared = await prepare(runtime, caller, messages, options)
    response = await prepared.provider.chat(prepared.request)
    cost = await record(runtime, prepared, response.usage)
    return Answer(response, prepared.model, cost)


async def stream(runtime: Runtime, prepared: Prepared) -> AsyncIterator[StreamEvent]:
    """The prepared call's events; its usage is recorded when its ``StreamEnd`` comes."""
    async for event in prepared.provider.stream(prepared.request):
        if isinstance(event, StreamEnd):
            await record(runtime, prepared, event.usage)
        yield event
