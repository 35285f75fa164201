"""The current chat loop's use of toolsets, until chat turns are engine runs.

``agents/chat.py`` offers what :func:`offered_tools` gives and runs each call
through :func:`run_turn_tool`. Approvals and questions of tool calls do not
exist in that loop yet, so a call whose policy is ``always`` (an HTTP write, by
default) and ``ask_user`` are not run: the model is told why, and nothing is sent.
"""

from __future__ import annotations

from flowline.agents.service import get_agent
from flowline.auth.principal import Principal
from flowline.llm.provider import Tool, ToolCall
from flowline.runtime import Runtime
from flowline.tools.kinds.base import ToolContext, ToolOutcome, failed
from flowline.tools.toolset import Toolset, load_toolset

__all__ = ["ToolOutcome", "offered_tools", "run_turn_tool"]


async def _toolset(runtime: Runtime, principal: Principal, agent_id: str) -> Toolset:
    async with runtime.db.session() as session:
        agent = await get_agent(session, principal, agent_id)
        return await load_toolset(session, principal, agent)


async def offered_tools(runtime: Runtime, principal: Principal, agent_id: str) -> list[Tool]:
    return (await _toolset(runtime, principal, agent_id)).offers()


async def run_turn_tool(
    runtime: Runtime, principal: Principal, agent_id: str, turn_id: str, call: ToolCall
) -> ToolOutcome:
    toolset = await _toolset(runtime, principal, agent_id)
    if toolset.handled_by_loop(call.name):
        return failed(f"{call.name} is not available in this chat yet; it was not run.")
    if toolset.policy(call.name, call.arguments) == "always":
        return failed(
            f"The tool {call.name} needs a person's approval for this call, and approvals "
            "of agent tool calls are not available yet; it was not run.",
            {"request": toolset.preview(call.name, call.arguments)},
        )
    context = ToolContext(runtime, principal, agent_id, turn_id)
    return await toolset.run(
        context, call.name, call.arguments, idempotency_key=f"{turn_id}:{call.id}"
    )
