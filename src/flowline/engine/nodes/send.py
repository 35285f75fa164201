"""``send_text`` and ``send_template``: messages through a channel."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from flowline.engine.nodes.base import Name, NodeConfig, NodeType, Text


class SendTextConfig(NodeConfig):
    channel_id: Name
    to: Text
    text: Text


class SendTemplateConfig(NodeConfig):
    channel_id: Name
    to: Text
    template: Name
    language: Name | None = None
    parameters: Any = Field(default=None, description="Values for the template's placeholders.")


TEXT = NodeType("send_text", SendTextConfig, ("next", "error"), "Sends a text message.")
TEMPLATE = NodeType(
    "send_template", SendTemplateConfig, ("next", "error"), "Sends a channel template message."
)
