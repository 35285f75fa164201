"""``wait_for_message``: waits for the next inbound message of a conversation."""

from __future__ import annotations

from pydantic import Field

from flowline.engine.nodes.base import Name, NodeConfig, NodeType, Text


class WaitForMessageConfig(NodeConfig):
    channel_id: Name
    conversation: Text | None = Field(
        default=None, description="Whose message to wait for (templates allowed)."
    )


NODE = NodeType(
    name="wait_for_message",
    config=WaitForMessageConfig,
    outcomes=("message", "timeout"),
    description="Waits for the next inbound message on a channel conversation.",
    pauses=True,
)
