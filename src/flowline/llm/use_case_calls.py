"""A structured model call for one of the backend's use cases (``email_draft``,
``meeting_summary``, …): the model the organisation mapped to the use case (else its
default), through ``llm.calls`` (budgets checked, usage recorded and charged), the
answer checked against a JSON Schema (``502 MODEL_OUTPUT_INVALID`` otherwise)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from flowline.agents.structured import ModelOutputInvalid, check, parse_json
from flowline.auth.principal import Principal
from flowline.llm import calls
from flowline.llm.provider import Message
from flowline.llm.repository import LlmSettingsRepository
from flowline.runtime import Runtime


@dataclass(frozen=True, slots=True)
class UseCaseAnswer:
    value: dict[str, Any]
    model: str
    input_tokens: int
    output_tokens: int
    cost: float


async def mapped_model(runtime: Runtime, org_id: str, use_case: str) -> str | None:
    async with runtime.db.session() as session:
        row = await LlmSettingsRepository(session, org_id).current()
    return (row.use_case_models or {}).get(use_case) if row else None


async def ask_for(
    runtime: Runtime,
    principal: Principal,
    use_case: str,
    *,
    system: str,
    prompt: str,
    schema: dict[str, Any],
) -> UseCaseAnswer:
    """One call; no transaction may be open in the caller while it runs."""
    model = await mapped_model(runtime, principal.org_id, use_case)
    caller = calls.Caller(principal.org_id, principal.user_id or None)
    options = calls.CallOptions(model=model, json_schema=schema)
    messages = [Message("system", system), Message("user", prompt)]
    answer = await calls.call(runtime, caller, messages, options)
    try:
        value = parse_json(answer.response.text)
    except orjson.JSONDecodeError:
        raise ModelOutputInvalid(f"The model's {use_case} answer is not JSON.") from None
    check(value, schema, use_case.replace("_", " "))
    usage = answer.response.usage
    return UseCaseAnswer(value, answer.model, usage.input_tokens, usage.output_tokens, answer.cost)
