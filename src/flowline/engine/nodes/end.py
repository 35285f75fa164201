"""``end``: finishes the run with an output."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field

from flowline.engine.nodes.base import NodeConfig, NodeType, Outcome

if TYPE_CHECKING:
    from flowline.engine.context import NodeContext


class EndConfig(NodeConfig):
    output: Any = Field(default=None, description="The run output (templates allowed).")


async def execute(ctx: NodeContext, config: EndConfig) -> Outcome:
    return Outcome.end(ctx.render(config.output))


NODE = NodeType(
    name="end",
    config=EndConfig,
    outcomes=(),
    description="Sets the run output from `output` and finishes the run.",
    execute=execute,
)
