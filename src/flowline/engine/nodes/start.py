"""``start``: where every run begins; checks the run input."""

from __future__ import annotations

from pydantic import Field

from flowline.engine.nodes.base import JsonSchema, NodeConfig, NodeType


class StartConfig(NodeConfig):
    input_schema: JsonSchema | None = Field(
        default=None, description="JSON Schema the run input must match."
    )


NODE = NodeType(
    name="start",
    config=StartConfig,
    outcomes=("next",),
    description="Validates the run input against `input_schema`. Exactly one per flow.",
)
