"""``send_text`` and ``send_template``: messages through a channel.

A send from a flow is the channels domain's one send (``channels/sending.py``): the
node checks the channel's rules and queues the message in the engine's transaction,
then waits, holding no worker, until the send task reports the provider's answer:
``next`` with the message, or ``error`` (no ``error`` edge: the run fails). A refusal
by a rule (opted out, outside the 24-hour window, a bad address) fails the step at
once; the channel's send rate only delays it (the step waits for its slot).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from flowline.channels.sending import ChannelRateLimited, Outgoing, send
from flowline.engine.nodes.base import Name, NodeConfig, NodeType, Outcome, StepFailed, Text
from flowline.errors import FlowlineError

if TYPE_CHECKING:
    from flowline.engine.context import NodeContext


class NodeButton(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Name
    title: Text = Field(description="Shown on the button (templates allowed; 1 to 20 characters).")


class SendTextConfig(NodeConfig):
    channel_id: Name = Field(description="The channel (templates allowed).")
    to: Text = Field(
        description="The address (templates allowed), e.g. `{{ input.contact.address }}`."
    )
    text: Text
    buttons: list[NodeButton] | None = Field(
        default=None, min_length=1, max_length=3, description="Up to 3 answer buttons."
    )


class SendTemplateConfig(NodeConfig):
    channel_id: Name
    to: Text
    template: Name = Field(description="The approved template's name.")
    language: Name = Field(default="en_US", description="e.g. `en_US`.")
    parameters: Any = Field(
        default=None,
        description="The template's components as Meta defines them (templates allowed).",
    )


def _text(ctx: NodeContext, template: str, field: str) -> str:
    value = ctx.render(template)
    text = value if isinstance(value, str) else str(value)
    if not text.strip():
        raise StepFailed("SEND_INVALID", f"`{field}` rendered empty.", retryable=False)
    return text


async def _send(ctx: NodeContext, channel_id: str, outgoing: Outgoing) -> Outcome:
    try:
        message = await send(
            ctx.db,
            ctx.runtime,
            ctx.run.org_id,
            _text(ctx, channel_id, "channel_id"),
            outgoing,
            run_id=ctx.run.id,
            step_id=ctx.step.id,
        )
    except ChannelRateLimited as exc:
        if exc.error_code != "CHANNEL_RATE_LIMITED":
            raise StepFailed(exc.error_code, exc.message, retryable=False) from None
        # The channel's rate is a queue, not a refusal: wait for the slot, holding nothing.
        return Outcome.wait(
            output={"status": "rate_limited", "retry_in_seconds": round(exc.wait, 3)},
            wake_at=ctx.now + timedelta(seconds=exc.wait),
        )
    except FlowlineError as exc:
        raise StepFailed(exc.error_code, exc.message, retryable=False, details=None) from None
    return Outcome.wait(output={"message_id": message.id, "status": "queued"})


async def execute_text(ctx: NodeContext, config: SendTextConfig) -> Outcome:
    text = _text(ctx, config.text, "text")
    to = _text(ctx, config.to, "to")
    if config.buttons:
        buttons = [
            {"id": b.id, "title": _text(ctx, b.title, "buttons.title")[:20]} for b in config.buttons
        ]
        return await _send(
            ctx, config.channel_id, Outgoing(to, "interactive", {"text": text, "buttons": buttons})
        )
    return await _send(ctx, config.channel_id, Outgoing(to, "text", {"text": text}))


async def execute_template(ctx: NodeContext, config: SendTemplateConfig) -> Outcome:
    parameters = ctx.render(config.parameters) if config.parameters is not None else []
    if not isinstance(parameters, list):
        raise StepFailed(
            "SEND_INVALID", "`parameters` must be a list of template components.", retryable=False
        )
    body = {
        "template": _text(ctx, config.template, "template"),
        "language": _text(ctx, config.language, "language"),
        "components": parameters,
    }
    return await _send(
        ctx, config.channel_id, Outgoing(_text(ctx, config.to, "to"), "template", body)
    )


async def retry_text(ctx: NodeContext, config: SendTextConfig) -> Outcome | None:
    """The rate slot's time came: try the send again."""
    return await execute_text(ctx, config)


async def retry_template(ctx: NodeContext, config: SendTemplateConfig) -> Outcome | None:
    return await execute_template(ctx, config)


TEXT = NodeType(
    "send_text",
    SendTextConfig,
    ("next", "error"),
    "Sends a text message (with answer buttons, if given) and waits for the provider's answer.",
    execute=execute_text,
    on_timer=retry_text,
)
TEMPLATE = NodeType(
    "send_template",
    SendTemplateConfig,
    ("next", "error"),
    "Sends a template message (outside the 24-hour window too) and waits for the provider.",
    execute=execute_template,
    on_timer=retry_template,
)
