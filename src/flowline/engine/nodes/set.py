"""``set``: computes values into ``vars``."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from flowline.engine.context import NodeContext
from flowline.engine.nodes.base import NodeConfig, NodeType, Outcome


class SetConfig(NodeConfig):
    values: dict[str, Any] = Field(
        min_length=1, description="`{name: template}`; each result lands in `vars.<name>`."
    )


async def execute(ctx: NodeContext, config: SetConfig) -> Outcome:
    values = {name: ctx.render(template) for name, template in config.values.items()}
    return Outcome(output=values, vars=values)


NODE = NodeType(
    name="set",
    config=SetConfig,
    outcomes=("next",),
    description="Computes `values` into `vars` (and its output).",
    execute=execute,
)
