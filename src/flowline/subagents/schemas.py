"""Bodies and answers of the sub-agent routes (``/api/v1/agents/{id}/subagents…``)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from flowline.agents.schemas import AgentConfigUpdate, AgentCreate
from flowline.api.bodies import StorableBody
from flowline.api.concurrency import ExpectedVersion
from flowline.tools.kinds.builtin import BUILTIN_TOOLS
from flowline.tools.schemas import ToolName

NOT_A_BUILTIN: dict[str, Any] = {"not": {"enum": sorted(BUILTIN_TOOLS)}}


class SubagentCreate(AgentCreate):
    """An agent (``name``, ``description``, ``config``) that its parent is offered as a tool."""

    tool_name: ToolName | None = Field(
        default=None,
        description="The parent's tool for it (not a built-in's name); default made from `name`.",
        json_schema_extra=NOT_A_BUILTIN,
    )
    tool_description: str | None = Field(
        default=None,
        max_length=4000,
        description="What the parent's model is told it does; default `description`.",
    )


class SubagentUpdate(StorableBody):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=10_000)
    config: AgentConfigUpdate | None = Field(default=None, description="As `PATCH …/config`.")
    expected_version: ExpectedVersion = None


class ToolAssign(StorableBody):
    model_config = ConfigDict(extra="forbid")

    tool: str = Field(
        min_length=1,
        max_length=64,
        description="A built-in, or one of the parent's tools (copied to the sub-agent).",
    )


class AvailableTool(BaseModel):
    name: str
    kind: str
    description: str
    source: Literal["builtin", "parent"]


class SubagentRunBody(StorableBody):
    model_config = ConfigDict(extra="forbid")

    task: str = Field(min_length=1, max_length=200_000, description="What the sub-agent should do.")


class SubagentRunResult(BaseModel):
    agent_id: str
    answer: str
    thread_id: str = Field(description="The sub-agent's conversation of this run.")
    run_id: str = Field(description="The chat turn (`trn_…`).")
