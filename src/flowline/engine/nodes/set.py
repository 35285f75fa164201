"""``set``: computes values into ``vars``."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from flowline.engine.nodes.base import NodeConfig, NodeType


class SetConfig(NodeConfig):
    values: dict[str, Any] = Field(
        min_length=1, description="`{name: template}`; each result lands in `vars.<name>`."
    )


NODE = NodeType(
    name="set",
    config=SetConfig,
    outcomes=("next",),
    description="Computes `values` into `vars` (and its output).",
)
