"""Completions: one model call per input, through :mod:`flowline.llm.calls`.

Every call is checked against the organisation's credits and monthly budgets
first (``402``) and recorded as a usage row (no agent) and charged once made. A
structured kind's answer is parsed and checked against its JSON Schema; one of the
wrong shape is ``502 MODEL_OUTPUT_INVALID`` (the offline ``flowline/echo`` always
answers one of the right shape).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any

import jsonschema_rs
import orjson
from pydantic import ValidationError

from flowline.agents.structured import ModelOutputInvalid, check, parse_json
from flowline.completions import kinds
from flowline.completions.schemas import (
    MAX_TEXT,
    PARAMS,
    ChatBody,
    ItemError,
    RunBody,
    RunItem,
    RunRead,
    Strict,
)
from flowline.errors import FlowlineError, ValidationFailed
from flowline.llm import calls
from flowline.llm.calls import Caller, CallOptions
from flowline.llm.provider import Message, StreamEvent, Usage
from flowline.observability.redaction import redactor
from flowline.runtime import Runtime
from flowline.usage.spending import ensure_can_spend

RUN_CONCURRENCY = 4


@dataclass(frozen=True, slots=True)
class Completion:
    output: Any
    model: str
    usage: Usage
    cost: float


def parse_params(kind: str, raw: Mapping[str, Any], prefix: str = "params") -> Strict:
    """A kind's parameters; ``422`` naming the first bad field (under ``prefix``)."""
    try:
        params = PARAMS[kind].model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join([prefix, *(str(p) for p in error["loc"])])
        raise ValidationFailed(f"{field}: {error['msg']}", field=field) from None
    check_params(kind, params, prefix)
    return params


def _json_text(value: Any, field: str) -> str:
    """``value`` as JSON text; ``422`` for what JSON cannot carry (a string that is not
    valid Unicode). An integer past 64 bits is written by the standard library: a
    whole number the body wrote as ``1e20`` is read as an integer (JSON Schema's
    reading), and a model reads it as text like any other."""
    try:
        return orjson.dumps(value).decode()
    except TypeError as exc:
        if "64-bit" in str(exc):
            return json.dumps(value, ensure_ascii=False)
        raise ValidationFailed(f"{field} cannot be sent: {exc}.", field=field) from None


def check_params(kind: str, params: Strict, prefix: str | None = None) -> None:
    """What a model cannot check: every value is sendable JSON, ``extract``'s schema
    compiles."""
    _json_text(params.model_dump(exclude={"input"}), prefix or "body")
    schema = getattr(params, "json_schema", None)
    if kind != "extract" or schema is None:
        return
    field = f"{prefix}.schema" if prefix else "schema"
    try:
        jsonschema_rs.validator_for(schema)
    except (jsonschema_rs.ValidationError, ValueError) as exc:
        message = f"{field} is not a usable JSON Schema: {str(exc)[:300]}"
        raise ValidationFailed(message, field=field) from None


def check_input(value: Any, field: str = "input") -> None:
    text = value if isinstance(value, str) else _json_text(value, field)
    _json_text(text, field)  # a string with a lone surrogate is refused here
    if len(text) > MAX_TEXT:
        raise ValidationFailed(f"{field} is longer than {MAX_TEXT} characters.", field=field)


def _answer_value(text: str, schema: dict[str, Any]) -> Any:
    try:
        value = parse_json(text)
    except orjson.JSONDecodeError:
        raise ModelOutputInvalid(
            "The model's answer is not JSON.",
            details=[{"field": "answer", "problem": redactor.text(text[:300]) or "empty"}],
        ) from None
    check(value, schema, "answer")
    return value


async def complete(
    runtime: Runtime,
    caller: Caller,
    kind: str,
    params: Strict,
    value: Any,
    *,
    model: str | None = None,
    temperature: float | None = None,
) -> Completion:
    """Apply ``kind`` to one input."""
    asked = kinds.ask(kind, params, value)
    options = CallOptions(model, temperature, asked.max_tokens, asked.schema)
    answer = await calls.call(runtime, caller, asked.messages, options)
    text = answer.response.text
    result = text if asked.schema is None else _answer_value(text, asked.schema)
    output = kinds.KINDS[kind].output(value, result)
    return Completion(output, answer.model, answer.response.usage, answer.cost)


def _item_error(exc: FlowlineError) -> ItemError:
    return ItemError(error=exc.error_code, message=exc.message)


async def run(runtime: Runtime, caller: Caller, body: RunBody) -> RunRead:
    """One kind over up to 50 inputs, a few at a time; a failed input fails alone.

    Refused as a whole (``402``) when nothing may be spent at the start.
    """
    params = parse_params(body.operation, body.params)
    for index, item in enumerate(body.items):
        check_input(item, f"items.{index}")
    async with runtime.db.session() as session:
        await ensure_can_spend(session, caller.org_id, caller.user_id)
    gate = asyncio.Semaphore(RUN_CONCURRENCY)
    model: str | None = None

    async def one(index: int, item: Any) -> RunItem:
        nonlocal model
        async with gate:
            try:
                done = await complete(
                    runtime,
                    caller,
                    body.operation,
                    params,
                    item,
                    model=body.model,
                    temperature=body.temperature,
                )
            except FlowlineError as exc:
                return RunItem(index=index, error=_item_error(exc))
        model = done.model
        return RunItem(index=index, output=done.output, cost=done.cost)

    results = await asyncio.gather(*(one(i, item) for i, item in enumerate(body.items)))
    failed = sum(1 for r in results if r.error is not None)
    return RunRead(
        operation=body.operation,
        model=model,
        results=list(results),
        succeeded=len(results) - failed,
        failed=failed,
        cost=sum(r.cost for r in results),
    )


def chat_messages(body: ChatBody) -> list[Message]:
    _json_text(body.model_dump(), "messages")
    messages = [Message("system", body.system)] if body.system else []
    messages.extend(Message(m.role, m.content) for m in body.messages)
    if not any(m.role == "user" for m in body.messages):
        raise ValidationFailed("No message is the user's.", field="messages")
    return messages


async def chat(runtime: Runtime, caller: Caller, body: ChatBody) -> Completion:
    options = CallOptions(body.model, body.temperature, body.max_tokens)
    answer = await calls.call(runtime, caller, chat_messages(body), options)
    output = {"message": {"role": "assistant", "content": answer.response.text}}
    return Completion(output, answer.model, answer.response.usage, answer.cost)


async def chat_stream(
    runtime: Runtime, caller: Caller, body: ChatBody
) -> tuple[calls.Prepared, AsyncIterator[StreamEvent]]:
    """The budget is checked before the first event (``402`` is an answer, not a stream)."""
    options = CallOptions(body.model, body.temperature, body.max_tokens)
    prepared = await calls.prepare(runtime, caller, chat_messages(body), options)
    return prepared, calls.stream(runtime, prepared)
