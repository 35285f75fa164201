"""``agent``: a sub-agent, offered to its parent as a tool taking ``{task}``.

A call runs one chat turn of the sub-agent, in a conversation of its own, with
the task as the user's message, and returns its answer. Only a sub-agent of the
agent itself may be named (``agents.parent_id``), so delegation follows the
tree of sub-agents and can never come back round to an agent already calling.

Running a turn belongs to the chat loop, which itself runs tools; so the turn
runner is handed to this kind (:meth:`AgentKind.use`) by ``tools.subagent``
rather than imported here, which would make a cycle.
"""

from __future__ import annotations

from typing import Any, ClassVar, Protocol, cast

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.repository import AgentRepository
from flowline.auth.principal import Principal
from flowline.errors import MissingReference
from flowline.runtime import Runtime
from flowline.tools.kinds.base import ToolContext, ToolDef, ToolFailed, ToolKind, ToolPolicy

TASK_PARAMETERS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "task": {
            "type": "string",
            "minLength": 1,
            "description": "What the sub-agent should do, with all it needs to know.",
        }
    },
    "required": ["task"],
}


class AgentToolConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agent_id: str = Field(min_length=1, max_length=40, description="The sub-agent (`agt_…`).")


class SubagentRunner(Protocol):
    async def __call__(
        self,
        runtime: Runtime,
        principal: Principal,
        agent_id: str,
        task: str,
        parent_run_id: str | None,
    ) -> str: ...


class AgentKind(ToolKind):
    name: ClassVar[str] = "agent"
    config_model: ClassVar[type[BaseModel]] = AgentToolConfig
    default_policy: ClassVar[ToolPolicy] = "never"
    # The sub-agent's own tools carry their own approval policies.
    fixed_parameters: ClassVar[bool] = True

    def __init__(self) -> None:
        self._runner: SubagentRunner | None = None

    def use(self, runner: SubagentRunner) -> None:
        self._runner = runner

    def default_parameters(self, config: BaseModel) -> dict[str, Any]:
        return TASK_PARAMETERS

    def describe(self, config: BaseModel) -> str:
        return "Delegates a task to a sub-agent and returns its answer."

    async def prepare(
        self, session: AsyncSession, org_id: str, agent_id: str, config: BaseModel
    ) -> dict[str, Any] | None:
        sub_id = cast(AgentToolConfig, config).agent_id
        sub = await AgentRepository(session, org_id).get(sub_id)
        if sub is None or sub.parent_id != agent_id:
            raise MissingReference(
                f"Agent {sub_id!r} is not a sub-agent of this agent.", field="config.agent_id"
            )
        return None

    async def run(
        self, ctx: ToolContext, tool: ToolDef, arguments: dict[str, Any], idempotency_key: str
    ) -> Any:
        if self._runner is None:
            raise ToolFailed("sub-agents cannot run in this process")
        task = arguments.get("task")
        if not isinstance(task, str) or not task.strip():
            raise ToolFailed("'task' must be a non-empty string")
        sub_id = cast(AgentToolConfig, tool.config).agent_id
        answer = await self._runner(ctx.runtime, ctx.principal, sub_id, task, ctx.run_id)
        return {"agent_id": sub_id, "answer": answer}


KIND = AgentKind()
