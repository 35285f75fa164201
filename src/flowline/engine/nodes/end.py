"""``end``: finishes the run with an output."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from flowline.engine.nodes.base import NodeConfig, NodeType


class EndConfig(NodeConfig):
    output: Any = Field(default=None, description="The run output (templates allowed).")


NODE = NodeType(
    name="end",
    config=EndConfig,
    outcomes=(),
    description="Sets the run output from `output` and finishes the run.",
)
