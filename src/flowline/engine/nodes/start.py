"""``start``: where every run begins; checks the run input."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from flowline.engine.context import NodeContext
from flowline.engine.input_schema import input_problems
from flowline.engine.nodes.base import JsonSchema, NodeConfig, NodeType, Outcome, StepFailed


class StartConfig(NodeConfig):
    input_schema: JsonSchema | None = Field(
        default=None, description="JSON Schema the run input must match."
    )


async def execute(ctx: NodeContext, config: StartConfig) -> Outcome:
    value: Any = ctx.run.input
    if config.input_schema is not None:
        problems = input_problems(config.input_schema, value)
        if problems:
            raise StepFailed(
                "VALIDATION_ERROR",
                "The run input does not match the start node's input_schema.",
                retryable=False,
                details={"problems": problems},
            )
    return Outcome(output=value)


NODE = NodeType(
    name="start",
    config=StartConfig,
    outcomes=("next",),
    description="Validates the run input against `input_schema`. Exactly one per flow.",
    execute=execute,
)
