"""One model call for an agent that must answer JSON matching a schema.

Used by the routes that ask an agent's model for a structured answer with a fixed
prompt (``tools/generate``, ``capability/retrieve|plan|reflect``). The call uses
the agent's model (or the organisation's default), sends the schema as the
request's ``json_schema`` (OpenAI: ``response_format``; Anthropic: the system
prompt; echo: an instance derived from the schema), records tokens and cost as a
usage row of the agent, and checks the answer: text that is not JSON, or JSON
that does not match, is :class:`ModelOutputInvalid` (``502``), never a 500.

No transaction is held during the model call: the caller commits its own first.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import jsonschema_rs
import orjson

from flowline.agents.service import config_of
from flowline.auth.principal import Principal
from flowline.db.models import Agent
from flowline.errors import FlowlineError
from flowline.llm.provider import ChatRequest, Message, Usage
from flowline.llm.service import org_models
from flowline.observability.redaction import redactor
from flowline.runtime import Runtime
from flowline.usage.spending import ModelCall, ensure_can_spend, record

MAX_PROBLEMS = 10
TIMEOUT_SECONDS = 120.0


class ModelOutputInvalid(FlowlineError):
    """The model answered, but not with what was asked for."""

    status = 502
    code = "MODEL_OUTPUT_INVALID"


@dataclass(frozen=True, slots=True)
class StructuredAnswer:
    value: Any
    model: str
    usage: Usage
    cost: float


@functools.lru_cache(maxsize=64)
def _validator(schema_json: bytes) -> Any:
    return jsonschema_rs.validator_for(orjson.loads(schema_json))


def parse_json(text: str) -> Any:
    """The JSON of an answer, a Markdown code fence around it allowed."""
    body = text.strip()
    if body.startswith("```"):
        body = body.removeprefix("```json").removeprefix("```").removesuffix("```").strip()
    return orjson.loads(body)


def check(value: Any, schema: dict[str, Any], what: str) -> None:
    validator = _validator(orjson.dumps(schema, option=orjson.OPT_SORT_KEYS))
    problems = [
        {"field": "/".join(str(p) for p in e.instance_path) or "answer", "problem": e.message}
        for _, e in zip(range(MAX_PROBLEMS), validator.iter_errors(value), strict=False)
    ]
    if problems:
        raise ModelOutputInvalid(
            f"The model's {what} does not have the shape asked for.", details=problems
        )


async def ask_json(
    runtime: Runtime,
    principal: Principal,
    agent: Agent,
    *,
    system: str,
    prompt: str,
    schema: dict[str, Any],
    what: str,
) -> StructuredAnswer:
    """Ask the agent's model; the answer's JSON, checked against ``schema``."""
    config = config_of(agent)
    async with runtime.db.session() as session:
        await ensure_can_spend(session, principal.org_id, principal.user_id, agent.id)
        models = await org_models(session, principal.org_id, runtime.settings, runtime.secret_box)
    model_id = config.model or models.default_model
    provider, name = models.registry.resolve(model_id)
    request = ChatRequest(
        model=name,
        messages=[Message("system", system), Message("user", prompt)],
        temperature=config.temperature,
        json_schema=schema,
        timeout_seconds=TIMEOUT_SECONDS,
    )
    answer = await provider.chat(request)
    cost = float(models.info(model_id).cost(answer.usage))
    call = ModelCall(
        org_id=principal.org_id,
        model=model_id,
        input_tokens=answer.usage.input_tokens,
        output_tokens=answer.usage.output_tokens,
        cost=cost,
        user_id=principal.user_id,
        agent_id=agent.id,
    )
    await runtime.db.transact(functools.partial(record, call=call))
    try:
        value = parse_json(answer.text)
    except orjson.JSONDecodeError:
        raise ModelOutputInvalid(
            f"The model's {what} is not JSON.",
            details=[{"field": "answer", "problem": redactor.text(answer.text[:300]) or "empty"}],
        ) from None
    check(value, schema, what)
    return StructuredAnswer(value, model_id, answer.usage, cost)
