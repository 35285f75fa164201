"""``llm``: one model call."""

from __future__ import annotations

from pydantic import Field

from flowline.engine.nodes.base import JsonSchema, Name, NodeConfig, NodeType, Text


class LlmConfig(NodeConfig):
    prompt: Text
    system: Text | None = None
    model: Name | None = Field(default=None, description="Else the default model.")
    json_schema: JsonSchema | None = Field(default=None, description="Ask for structured output.")
    temperature: float | None = Field(default=None, ge=0, le=2)
    max_tokens: int | None = Field(default=None, ge=1, le=1_000_000)


NODE = NodeType("llm", LlmConfig, ("next", "error"), "One model call.")
