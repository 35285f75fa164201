"""``condition``: branches on an expression."""

from __future__ import annotations

from flowline.engine.context import NodeContext
from flowline.engine.nodes.base import Expression, NodeConfig, NodeType, Outcome


class ConditionConfig(NodeConfig):
    expression: Expression


async def execute(ctx: NodeContext, config: ConditionConfig) -> Outcome:
    result = ctx.is_true(config.expression)
    return Outcome(label="true" if result else "false", output=result)


NODE = NodeType(
    name="condition",
    config=ConditionConfig,
    outcomes=("true", "false"),
    description="Evaluates `expression`; ends with `true` or `false`.",
    execute=execute,
)
