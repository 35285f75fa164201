"""A person running a tool directly (``tools/{tool}/run``) or a draft (``tools/dry-run``).

The call goes through the same toolset as a chat's calls, so it is checked and
run exactly as the model's would be. Two differences: arguments that do not
match a saved tool's parameters answer ``422`` naming the field (a model is told
instead; a draft's dry run answers as the model is told: ``200`` with ``error``,
since the draft's parameters are in the request, a rule its schema cannot state),
and a call whose policy asks for approval runs only when the body says
``confirmed: true`` (the person sending it is the one confirming); without it
the answer is ``409 CONFIRMATION_REQUIRED`` showing what would be sent, and
nothing is sent.

Checking happens in the request's transaction; the route commits it before
:func:`execute`, which works through short sessions of its own (a flow tool
starts a run and waits for it).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents import service as agents
from flowline.auth.principal import Principal
from flowline.errors import Conflict, ValidationFailed
from flowline.runtime import Runtime
from flowline.tools import service
from flowline.tools.kinds.base import Decision, ToolContext
from flowline.tools.schemas import ToolDryRunBody, ToolRunBody, ToolRunResult
from flowline.tools.toolset import Toolset, load_toolset

MAX_SHOWN = 500


class ConfirmationRequired(Conflict):
    code = "CONFIRMATION_REQUIRED"


@dataclass(frozen=True, slots=True)
class PreparedCall:
    toolset: Toolset
    agent_id: str
    name: str
    arguments: dict[str, Any]
    decision: Decision


def _checked(
    toolset: Toolset, name: str, arguments: dict[str, Any], confirmed: bool, *, strict: bool = True
) -> PreparedCall:
    if toolset.handled_by_loop(name):
        raise Conflict(
            f"{name} asks the person in a chat; it cannot be run directly.",
            code="TOOL_NOT_RUNNABLE",
        )
    problems = toolset.problems(name, arguments) if strict else []
    if problems:
        raise ValidationFailed(
            "The arguments do not match the tool's parameters.", details=problems
        )
    decision = toolset.policy(name, arguments)
    if decision == "always" and not confirmed:
        shown = orjson.dumps(toolset.preview(name, arguments)).decode()
        if len(shown) > MAX_SHOWN:
            shown = shown[:MAX_SHOWN] + "…"
        raise ConfirmationRequired(
            f"This call of {name} needs confirmation; nothing was sent. It would send: {shown}. "
            "Send it again with `confirmed: true` to run it.",
            details=[{"field": "confirmed", "problem": "must be true for this call"}],
        )
    return PreparedCall(toolset, toolset.agent_id, name, arguments, decision)


async def prepare_call(
    session: AsyncSession, principal: Principal, agent_id: str, name: str, body: ToolRunBody
) -> PreparedCall:
    """One of the agent's tools, with checked arguments and the confirmation it needs."""
    agent = await agents.get_agent(session, principal, agent_id)
    toolset = await load_toolset(session, principal, agent)
    if toolset.get(name) is None:
        by_id = next((t.name for t in toolset.tools.values() if t.id == name), None)
        if by_id is None:
            raise service.not_found(agent.id, name)
        name = by_id
    return _checked(toolset, name, body.arguments, body.confirmed)


async def prepare_dry_run(
    session: AsyncSession, principal: Principal, agent_id: str, body: ToolDryRunBody
) -> PreparedCall:
    """A draft, checked as it would be at creation, in a toolset of its own; not saved."""
    agent = await agents.get_agent(session, principal, agent_id)
    draft = await service.definition(session, principal, agent, body.tool)
    toolset = Toolset(agent.id, [draft])
    return _checked(toolset, draft.name, body.arguments, body.confirmed, strict=False)


async def execute(
    runtime: Runtime, principal: Principal, call: PreparedCall, idempotency_key: str
) -> ToolRunResult:
    context = ToolContext(runtime, principal, call.agent_id)
    began = time.monotonic()
    outcome = await call.toolset.run(
        context, call.name, call.arguments, idempotency_key=idempotency_key
    )
    return ToolRunResult(
        tool=call.name,
        arguments=call.arguments,
        result=outcome.result,
        error=outcome.error,
        duration_ms=int((time.monotonic() - began) * 1000),
        approval=call.decision,
    )
