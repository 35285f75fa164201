"""``delay``: a durable sleep that holds no worker."""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator

from flowline.engine.nodes.base import YEAR_SECONDS, NodeConfig, NodeType, Text


class DelayConfig(NodeConfig):
    seconds: float | None = Field(default=None, gt=0, le=YEAR_SECONDS)
    until: Text | None = Field(default=None, description="An ISO 8601 time (templates allowed).")

    @model_validator(mode="after")
    def _one(self) -> Self:
        if (self.seconds is None) == (self.until is None):
            raise ValueError("give exactly one of `seconds` and `until`")
        return self


NODE = NodeType(
    name="delay",
    config=DelayConfig,
    outcomes=("next",),
    description="Waits `seconds`, or `until` a time, without holding a worker.",
    pauses=True,
)
