"""``approval``: asks a person or a group, and waits for the answer."""

from __future__ import annotations

from typing import Any, Literal, Self

from pydantic import Field, model_validator

from flowline.engine.nodes.base import JsonSchema, Name, NodeConfig, NodeType, Text


class ApprovalConfig(NodeConfig):
    title: Text
    assignees: list[Name] = Field(default_factory=list, max_length=100, description="User ids.")
    group: Name | None = Field(default=None, description="A group id.")
    payload: Any = Field(default=None, description="Shown to the approver, who may edit it.")
    payload_schema: JsonSchema | None = None
    on_timeout: Literal["expired", "approved", "denied"] = Field(
        default="expired", description="The outcome once `timeout_seconds` pass unanswered."
    )

    @model_validator(mode="after")
    def _someone(self) -> Self:
        if not self.assignees and self.group is None:
            raise ValueError("name `assignees` or a `group`")
        return self


NODE = NodeType(
    name="approval",
    config=ApprovalConfig,
    outcomes=("approved", "denied", "expired"),
    description="Asks `assignees` or a `group` to approve `payload`; waits for the decision.",
    pauses=True,
)
