"""``condition``: branches on an expression."""

from __future__ import annotations

from flowline.engine.nodes.base import Expression, NodeConfig, NodeType


class ConditionConfig(NodeConfig):
    expression: Expression


NODE = NodeType(
    name="condition",
    config=ConditionConfig,
    outcomes=("true", "false"),
    description="Evaluates `expression`; ends with `true` or `false`.",
)
