"""``delay``: a durable sleep that holds no worker."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Self

from pydantic import Field, model_validator

from flowline.engine.context import NodeContext
from flowline.engine.nodes.base import YEAR_SECONDS, NodeConfig, NodeType, Outcome, StepFailed, Text


class DelayConfig(NodeConfig):
    seconds: float | None = Field(default=None, gt=0, le=YEAR_SECONDS)
    until: Text | None = Field(default=None, description="An ISO 8601 time (templates allowed).")

    @model_validator(mode="after")
    def _one(self) -> Self:
        if (self.seconds is None) == (self.until is None):
            raise ValueError("give exactly one of `seconds` and `until`")
        return self


async def execute(ctx: NodeContext, config: DelayConfig) -> Outcome:
    if config.seconds is not None:
        wake_at = ctx.now + timedelta(seconds=config.seconds)
    else:
        text = str(ctx.render(config.until))
        try:
            wake_at = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise StepFailed(
                "VALIDATION_ERROR",
                f"`until` is not an ISO 8601 time: {text[:60]!r}",
                retryable=False,
            ) from None
        if wake_at.tzinfo is None:
            wake_at = wake_at.replace(tzinfo=UTC)
    if wake_at <= ctx.now:
        return Outcome(output={"until": wake_at.isoformat()})
    return Outcome.wait(output={"until": wake_at.isoformat()}, wake_at=wake_at)


async def on_timer(ctx: NodeContext, config: DelayConfig) -> Outcome:
    return Outcome(output=ctx.step.output)


NODE = NodeType(
    name="delay",
    config=DelayConfig,
    outcomes=("next",),
    description="Waits `seconds`, or `until` a time, without holding a worker.",
    pauses=True,
    execute=execute,
    on_timer=on_timer,
)
