"""``switch``: picks one of several labelled branches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field, field_validator

from flowline.engine.nodes.base import Expression, Name, NodeConfig, NodeType, Outcome

if TYPE_CHECKING:
    from flowline.engine.context import NodeContext


class SwitchConfig(NodeConfig):
    value: Expression
    cases: list[Name] = Field(
        min_length=1, max_length=100, description="Outcome labels; anything else is `default`."
    )

    @field_validator("cases")
    @classmethod
    def _distinct(cls, cases: list[str]) -> list[str]:
        if len(set(cases)) != len(cases):
            raise ValueError("case labels must be distinct")
        if "default" in cases:
            raise ValueError("`default` is taken when no case matches; it is not a case")
        return cases


async def execute(ctx: NodeContext, config: SwitchConfig) -> Outcome:
    value = ctx.evaluate(config.value)
    label = str(value) if value is not None and str(value) in config.cases else "default"
    return Outcome(label=label, output=value)


NODE = NodeType(
    name="switch",
    config=SwitchConfig,
    outcomes=("default",),
    description="Evaluates `value` and ends with the matching case label, else `default`.",
    execute=execute,
)
