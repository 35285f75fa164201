"""``subflow`` and ``foreach``: runs of other flows."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from flowline.engine.nodes.base import Name, NodeConfig, NodeType


class SubflowConfig(NodeConfig):
    flow_id: Name
    input: Any = Field(default=None, description="The child run's input (templates allowed).")


class ForeachConfig(NodeConfig):
    items: Any = Field(description="A list, or a template giving one.")
    flow_id: Name
    concurrency: int = Field(default=1, ge=1, le=100, description="Child runs at a time.")


SUBFLOW = NodeType(
    "subflow", SubflowConfig, ("next", "error"), "Runs another flow and waits for its output."
)
FOREACH = NodeType(
    "foreach",
    ForeachConfig,
    ("next", "error"),
    "Runs a flow per item, `concurrency` at a time; collects the outputs in order.",
)
