from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from flowline.api.bodies import all_of, when
from flowline.completions.schemas import Kind, ModelName, params_per_kind

BatchStatus = Literal["queued", "running", "completed", "cancelled", "failed"]
TERMINAL = ("completed", "cancelled", "failed")


def _targets() -> list[dict[str, Any]]:
    """``_target_named`` as the schema states it: ``flow_id`` with ``flow`` and only then,
    ``agent_id`` with ``agent`` and only then; a completion's ``params`` as its kind's."""
    none = {"type": "null"}
    some = {"type": "string"}
    flow = {"required": ["flow_id"], "properties": {"flow_id": some, "agent_id": none}}
    agent = {"required": ["agent_id"], "properties": {"agent_id": some, "flow_id": none}}
    completion = {"properties": {"flow_id": none, "agent_id": none}}
    return [
        when("kind", "flow", flow),
        when("kind", "agent", agent),
        {
            "if": {"properties": {"kind": {"enum": ["flow", "agent"]}}, "required": ["kind"]},
            "else": completion,
        },
        *params_per_kind("kind"),
    ]


class Operation(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=all_of(_targets()))

    kind: Kind | Literal["flow", "agent"] = Field(
        description=(
            "The completion applied to each row, or `flow`: a run of `flow_id` per row, or"
            " `agent`: a turn of `agent_id` per row (the row, as text, is the user's message;"
            " a new conversation each)."
        )
    )
    params: dict[str, Any] = Field(
        default_factory=dict, description="A completion's parameters, as its route takes them."
    )
    flow_id: str | None = Field(
        default=None, max_length=40, description="With `kind: flow`: the flow run per row."
    )
    agent_id: str | None = Field(
        default=None, max_length=40, description="With `kind: agent`: the agent that answers."
    )
    input_field: str | None = Field(
        default=None,
        max_length=200,
        description="The row's field given as the input; unset, the whole row (an object).",
    )
    model: ModelName | None = None
    temperature: float | None = Field(default=None, ge=0, le=2)

    @model_validator(mode="after")
    def _target_named(self) -> Operation:
        if (self.kind == "flow") != (self.flow_id is not None):
            raise ValueError("flow_id is given with kind 'flow', and only then")
        if (self.kind == "agent") != (self.agent_id is not None):
            raise ValueError("agent_id is given with kind 'agent', and only then")
        return self


class BatchCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    file_id: str = Field(max_length=40, description="A file from `POST /files`.")
    operation: Operation
    concurrency: int = Field(default=8, ge=1, le=32, description="Rows in flight at once.")
    max_attempts: int = Field(
        default=3, ge=1, le=10, description="Tries of a row before it is failed."
    )


class BatchRead(BaseModel):
    id: str
    file_id: str | None
    status: BatchStatus
    operation: dict[str, Any]
    total_rows: int
    succeeded: int
    failed: int
    pending: int
    progress: float = Field(description="Rows done over rows, 0 to 1.")
    concurrency: int
    max_attempts: int
    error: dict[str, Any] | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class ResultRead(BaseModel):
    row: int = Field(description="The row's place in the file, from 0.")
    status: Literal["succeeded", "failed"]
    attempts: int
    output: Any | None
    error: dict[str, Any] | None
