"""Tools made for a person to review: drafted by the model, or read from OpenAPI.

``generate`` asks the agent's model, with a fixed prompt and a JSON schema, for
one HTTP tool that does what the description says, and checks the answer as a
definition (placeholders the model used in the URL but left out of the
parameters are added as required strings). It saves nothing: ``tools/dry-run``
tries the draft, ``tools/persist`` saves it. An answer that is not a usable
definition is ``502 MODEL_OUTPUT_INVALID``, saying why.

``import_openapi`` saves one tool per operation of a document, all or none.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents import service as agents
from flowline.agents.structured import ModelOutputInvalid, ask_json
from flowline.auth.principal import Principal
from flowline.db.models import Agent
from flowline.errors import ValidationFailed
from flowline.runtime import Runtime
from flowline.tools import openapi, service
from flowline.tools.kinds.http import METHODS, PLACEHOLDER
from flowline.tools.schemas import (
    ModelUsage,
    OpenApiImport,
    SkippedOperation,
    ToolCreate,
    ToolDraftRead,
    ToolImported,
)
from flowline.tools.toolset import tool_def

GENERATE_SYSTEM = """You write the definition of one HTTP tool for an AI agent.
A tool is a single HTTP operation that the agent calls with JSON arguments.
Answer with one JSON object and nothing else, matching the JSON Schema you are given:
- name: snake_case, what the tool does (get_weather, create_invoice);
- description: for the agent, when to use the tool and what it returns;
- method and url: the operation; the url is absolute, and {placeholders} stand for
  arguments in its path or query, never in its host;
- parameters: a JSON Schema object of the arguments: each placeholder, and for
  POST, PUT and PATCH the fields of the JSON body;
- headers: only fixed, non-secret headers; credentials are configured separately.
The user message describes the tool."""

DRAFT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,63}$", "maxLength": 64},
        "description": {"type": "string", "minLength": 1, "maxLength": 4000},
        "method": {"type": "string", "enum": [m for m in METHODS if m not in ("HEAD", "OPTIONS")]},
        "url": {"type": "string", "format": "uri", "maxLength": 2000},
        "parameters": {"type": "object", "default": {"type": "object", "properties": {}}},
        "headers": {"type": "object", "additionalProperties": {"type": "string"}},
    },
    "required": ["name", "description", "method", "url", "parameters"],
}


def _invalid(problems: list[dict[str, str]]) -> ModelOutputInvalid:
    listed = "; ".join(f"{p['field']}: {p['problem']}" for p in problems[:5])
    return ModelOutputInvalid(
        f"The model's draft is not a usable tool definition ({listed}).", details=problems
    )


def _draft(value: dict[str, Any], name: str | None) -> ToolCreate:
    parameters = dict(value.get("parameters") or {"type": "object", "properties": {}})
    properties = dict(parameters.get("properties") or {})
    required = list(parameters.get("required") or [])
    for placeholder in PLACEHOLDER.findall(str(value.get("url", ""))):
        if placeholder not in properties:
            properties[placeholder] = {"type": "string"}
            required.append(placeholder)
    parameters["properties"] = properties
    if required:
        parameters["required"] = list(dict.fromkeys(required))
    config: dict[str, Any] = {"method": value.get("method"), "url": value.get("url")}
    if value.get("headers"):
        config["headers"] = value["headers"]
    try:
        return ToolCreate(
            name=name or value.get("name"),
            kind="http",
            description=value.get("description", ""),
            parameters=parameters,
            config=config,
        )
    except ValidationError as exc:
        raise _invalid(service.config_problems(exc, "tool")) from None


async def generate(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    agent: Agent,
    description: str,
    name: str | None,
) -> ToolDraftRead:
    """A draft HTTP tool from the agent's model; nothing is saved."""
    answer = await ask_json(
        runtime,
        principal,
        agent,
        system=GENERATE_SYSTEM,
        prompt=description,
        schema=DRAFT_SCHEMA,
        what="tool definition",
    )
    draft = _draft(answer.value, name)
    try:
        await service.definition(session, principal, agent, draft)
    except ValidationFailed as exc:
        raise _invalid(exc.details or [{"field": "tool", "problem": exc.message}]) from None
    return ToolDraftRead(
        tool=draft,
        model=answer.model,
        usage=ModelUsage(
            input_tokens=answer.usage.input_tokens, output_tokens=answer.usage.output_tokens
        ),
        cost=answer.cost,
    )


async def import_openapi(
    session: AsyncSession, principal: Principal, agent_id: str, data: OpenApiImport
) -> ToolImported:
    """One HTTP tool per operation; a name already taken refuses the whole import."""
    agent = await agents.get_agent(session, principal, agent_id)
    found = openapi.tools_from(
        data.openapi,
        operations=data.operations,
        base_url=data.base_url,
        credential=data.credential,
        approval=data.approval,
    )
    tools = []
    skipped = [SkippedOperation(**s) for s in found.skipped]
    for operation, draft in found.tools:
        try:
            tool = await service.definition(session, principal, agent, draft)
        except ValidationFailed as exc:
            problems = "; ".join(f"{d['field']}: {d['problem']}" for d in exc.details or [])
            skipped.append(SkippedOperation(operation=operation, reason=problems or exc.message))
            continue
        row = await service.insert(session, principal, agent, tool)
        tools.append(service.read(agent.id, tool_def(row), row))
    return ToolImported(tools=tools, skipped=skipped)
