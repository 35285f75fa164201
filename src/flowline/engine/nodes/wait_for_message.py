"""``wait_for_message``: waits for a person's next message on a channel.

``execute`` writes a ``channel_waits`` row in the engine's transaction (so the
wait exists exactly when the step is waiting) and parks the step, holding no
worker, until ``timeout_seconds`` if given. The channels routing task claims the
wait by deleting its row and resumes the step with ``{"message", "contact"}``
(outcome ``message``); ``on_timer`` claims it the same way for ``timeout``, so
exactly one of the two answers, once, whatever the provider retries.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from pydantic import ConfigDict, Field

from flowline.channels.context import normalise, provider_of
from flowline.channels.repository import ChannelRepository, WaitRepository
from flowline.db.models import ChannelWait
from flowline.engine.nodes.base import (
    Expression,
    Name,
    NodeConfig,
    NodeType,
    Outcome,
    StepFailed,
    Text,
)
from flowline.errors import FlowlineError
from flowline.ids import new_id

if TYPE_CHECKING:
    from flowline.engine.context import NodeContext


class WaitForMessageConfig(NodeConfig):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    channel_id: Name = Field(description="The channel (templates allowed).")
    from_: Text = Field(
        alias="from",
        description="Whose message to wait for: an address (templates allowed), normalised "
        "as the channel's kind does (E.164 for phones).",
    )
    match: Expression | None = Field(
        default=None,
        description="Only a message for which this holds (it sees `message` and `contact`), "
        "e.g. `message.body.text | upper in ['YES', 'NO']`; others go on to `on_message`.",
    )


async def execute(ctx: NodeContext, config: WaitForMessageConfig) -> Outcome:
    channel_id = str(ctx.render(config.channel_id))
    channel = await ChannelRepository(ctx.db, ctx.run.org_id).get(channel_id)
    if channel is None:
        raise StepFailed("CHANNEL_NOT_FOUND", f"Channel {channel_id} not found.", retryable=False)
    try:
        address = normalise(
            provider_of(channel.kind), channel.config, str(ctx.render(config.from_)), "from"
        )
    except FlowlineError as exc:
        raise StepFailed(exc.error_code, exc.message, retryable=False) from None
    ctx.db.add(
        ChannelWait(
            id=new_id("cwt"),
            org_id=ctx.run.org_id,
            channel_id=channel.id,
            address=address,
            run_id=ctx.run.id,
            step_id=ctx.step.id,
            node_id=ctx.node.id,
            match=config.match,
            created_at=ctx.now,
        )
    )
    wake_at = None
    if config.timeout_seconds is not None:
        wake_at = ctx.now + timedelta(seconds=config.timeout_seconds)
    return Outcome.wait(
        output={"channel_id": channel.id, "from": address, "status": "waiting"}, wake_at=wake_at
    )


async def on_resume(
    ctx: NodeContext, config: WaitForMessageConfig, data: dict[str, Any]
) -> Outcome:
    return Outcome(label="message", output=data.get("output"))


async def on_timer(ctx: NodeContext, config: WaitForMessageConfig) -> Outcome | None:
    """The time-out passed: end with ``timeout`` unless a message claimed the wait first."""
    if not await WaitRepository(ctx.db, ctx.run.org_id).take_step(ctx.step.id):
        return None
    return Outcome(label="timeout", output={"status": "timeout"})


NODE = NodeType(
    name="wait_for_message",
    config=WaitForMessageConfig,
    outcomes=("message", "timeout"),
    description=(
        "Waits for the next message from `from` on a channel (`timeout_seconds`: then the "
        "`timeout` outcome); holds no worker while it waits."
    ),
    pauses=True,
    execute=execute,
    on_resume=on_resume,
    on_timer=on_timer,
)
