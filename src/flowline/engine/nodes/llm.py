"""``llm``: one model call.

The model is the node's ``model``, else the organisation's default, else the
built-in ``flowline/echo``. With ``json_schema`` the answer must be a JSON
document matching it (a fenced ```json block is accepted); one that does not
fails the step ``INVALID_OUTPUT``. Output: ``{text, json?, model, usage, cost}``.

Like a chat turn's, the call is checked against the organisation's credits and
monthly budgets and the cap of the user who started the run (``PAYMENT_REQUIRED``
or ``BUDGET_EXCEEDED`` fails the step, not retried), and once made it is recorded
as a usage row (no agent; ``turn_id`` is the run) and charged, in one transaction.
"""

from __future__ import annotations

import functools
from typing import Any

import jsonschema_rs
import orjson
from pydantic import Field

from flowline.engine.context import NodeContext
from flowline.engine.nodes.base import (
    JsonSchema,
    Name,
    NodeConfig,
    NodeType,
    Outcome,
    StepFailed,
    Text,
)
from flowline.errors import FlowlineError
from flowline.llm import service
from flowline.llm.errors import ProviderError, ProviderUnavailable
from flowline.llm.provider import ChatRequest, Message
from flowline.usage.spending import ModelCall, ensure_can_spend, record

DEFAULT_TIMEOUT_SECONDS = 120.0
MAX_PROBLEMS = 10


class LlmConfig(NodeConfig):
    prompt: Text
    system: Text | None = None
    model: Name | None = Field(default=None, description="Else the default model.")
    json_schema: JsonSchema | None = Field(default=None, description="Ask for structured output.")
    temperature: float | None = Field(default=None, ge=0, le=2)
    max_tokens: int | None = Field(default=None, ge=1, le=1_000_000)


def _json_answer(text: str) -> Any:
    body = text.strip()
    if body.startswith("```"):
        body = body.removeprefix("```json").removeprefix("```").removesuffix("```").strip()
    return orjson.loads(body)


def _checked(text: str, schema: dict[str, Any]) -> Any:
    try:
        value = _json_answer(text)
    except orjson.JSONDecodeError:
        raise StepFailed(
            "INVALID_OUTPUT", "The model's answer is not JSON.", details={"text": text[:2000]}
        ) from None
    try:
        validator = jsonschema_rs.validator_for(schema)
    except (jsonschema_rs.ValidationError, ValueError) as exc:
        raise StepFailed(
            "INVALID_CONFIG", f"json_schema is not a usable JSON Schema: {exc}", retryable=False
        ) from None
    problems = [
        {"path": "/".join(str(p) for p in e.instance_path), "problem": e.message}
        for _, e in zip(range(MAX_PROBLEMS), validator.iter_errors(value), strict=False)
    ]
    if problems:
        raise StepFailed(
            "INVALID_OUTPUT",
            "The model's answer does not match json_schema.",
            details={"problems": problems, "text": text[:2000]},
        )
    return value


async def execute(ctx: NodeContext, config: LlmConfig) -> Outcome:
    prompt = str(ctx.render(config.prompt))
    system = str(ctx.render(config.system)) if config.system is not None else None
    runtime = ctx.runtime
    org_id, user_id = ctx.run.org_id, ctx.run.created_by_id
    async with runtime.db.session() as session:
        models = await service.org_models(session, org_id, runtime.settings, runtime.secret_box)
        try:
            await ensure_can_spend(session, org_id, user_id)
        except FlowlineError as exc:
            raise StepFailed(exc.error_code, exc.message, retryable=False) from None
    model_id = str(ctx.render(config.model)) if config.model else models.default_model
    ctx.step.input = {"model": model_id, "system": system, "prompt": prompt}
    try:
        provider, model = models.registry.resolve(model_id)
    except FlowlineError as exc:
        raise StepFailed(exc.error_code, exc.message, retryable=False) from None
    messages = [Message("system", system)] if system else []
    messages.append(Message("user", prompt))
    request = ChatRequest(
        model=model,
        messages=messages,
        temperature=config.temperature,
        max_tokens=config.max_tokens,
        json_schema=config.json_schema,
        timeout_seconds=config.timeout_seconds or DEFAULT_TIMEOUT_SECONDS,
    )
    try:
        answer = await provider.chat(request)
    except ProviderUnavailable as exc:
        details = {"retry_after": exc.retry_after} if exc.retry_after is not None else None
        raise StepFailed(exc.error_code, exc.message, details=details) from None
    except ProviderError as exc:
        raise StepFailed(exc.error_code, exc.message, retryable=exc.retryable) from None
    cost = float(models.info(model_id).cost(answer.usage))
    call = ModelCall(
        org_id=org_id,
        model=model_id,
        input_tokens=answer.usage.input_tokens,
        output_tokens=answer.usage.output_tokens,
        cost=cost,
        user_id=user_id,
        turn_id=ctx.run.id,
    )
    await runtime.db.transact(functools.partial(record, call=call))
    output: dict[str, Any] = {"text": answer.text}
    if config.json_schema is not None:
        output["json"] = _checked(answer.text, config.json_schema)
    output |= {
        "model": model_id,
        "usage": {
            "input_tokens": answer.usage.input_tokens,
            "output_tokens": answer.usage.output_tokens,
        },
        "cost": cost,
    }
    return Outcome(output=output)


NODE = NodeType(
    name="llm",
    config=LlmConfig,
    outcomes=("next", "error"),
    description=(
        "One model call; output `{text, json?, model, usage: {input_tokens, output_tokens}, cost}`."
    ),
    execute=execute,
    effects=True,
)
