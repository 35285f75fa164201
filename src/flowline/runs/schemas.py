from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from flowline.db.types import check_storable_json

MAX_INPUT_BYTES = 1024 * 1024


class RunStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    WAITING = "waiting"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


class RunSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    kind: str = Field(description="`flow`, or `agent` for an agent's chat turn.")
    flow_id: str | None = Field(description="The flow (`null` for an agent's chat turn).")
    flow_version_id: str | None = Field(
        description="The definition the run executes, pinned at start (`null` for a chat turn)."
    )
    agent_id: str | None = Field(default=None, description="The agent of a chat turn.")
    conversation_id: str | None = Field(default=None, description="The chat turn's thread.")
    status: RunStatus
    trigger: str = Field(description="What started the run: `api`, `schedule`, `webhook`, ….")
    parent_run_id: str | None = Field(description="The run that started this one as a subflow.")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class StepRead(BaseModel):
    """One attempt of one node."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    node_id: str
    node_type: str
    attempt: int = Field(description="1 for the first attempt; retries of the node count up.")
    attempt_group: int = Field(description="1, bumped each time the run is retried.")
    status: str
    outcome: str | None = Field(description="The outcome the node chose, e.g. `next`, `true`.")
    input: Any
    output: Any
    error: dict[str, Any] | None
    started_at: datetime
    finished_at: datetime | None
    duration_ms: int | None = Field(description="Null while the step has not finished.")


class RunRead(RunSummary):
    input: Any
    output: Any
    error: dict[str, Any] | None
    vars: dict[str, Any]
    parent_node_id: str | None
    attempt_group: int
    event_seq: int = Field(description="Number of the run's latest event.")
    steps: list[StepRead] = Field(description="Every step attempt, in the order they started.")
    pruned_at: datetime | None = Field(
        default=None,
        description=(
            "When retention (`FLOWLINE_RETENTION_DAYS`) removed the run's steps and events;"
            " `null` while they are kept. A pruned run lists only steps an approval refers to."
        ),
    )


class RunInput(BaseModel):
    """The input of a run to start, as a single or a bulk start takes it."""

    model_config = ConfigDict(extra="forbid")

    input: Any = Field(default_factory=dict, description="The run input (any JSON).")

    @field_validator("input")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        check_storable_json(value, MAX_INPUT_BYTES)
        return value


class RunCreate(RunInput):
    """What starts a run of a flow."""

    idempotency_key: str | None = Field(
        default=None,
        min_length=1,
        max_length=255,
        description="A repeat with the same key answers the same run instead of starting one.",
    )
    wait_seconds: float = Field(
        default=0,
        ge=0,
        le=300,
        description="Wait up to this long for the run to end, and answer it as it is then.",
    )


MAX_BULK_RUNS = 1000


class BulkRunItem(RunInput):
    """One run of a bulk start."""

    idempotency_key: str | None = Field(
        default=None,
        min_length=1,
        max_length=255,
        description=(
            "A repeat with the same key (in this or an earlier request, bulk or not) answers "
            "the same run instead of starting one. Keys must differ within one request."
        ),
    )


class RunsBulkCreate(BaseModel):
    """Many runs of one flow, started in one transaction."""

    model_config = ConfigDict(extra="forbid")

    runs: list[BulkRunItem] = Field(
        min_length=1, max_length=MAX_BULK_RUNS, description="1 to 1,000 runs, in order."
    )

    @field_validator("runs")
    @classmethod
    def _distinct_keys(cls, runs: list[BulkRunItem]) -> list[BulkRunItem]:
        seen: set[str] = set()
        for index, item in enumerate(runs):
            key = item.idempotency_key
            if key is not None and key in seen:
                raise ValueError(f"runs[{index}].idempotency_key repeats an earlier item's key")
            if key is not None:
                seen.add(key)
        return runs


class BulkRunStarted(BaseModel):
    """One item of a bulk start, in the order given."""

    id: str = Field(description="The run's id.")
    status: RunStatus = Field(description="`queued` for a new run; an earlier run's status.")
    created: bool = Field(description="False when `idempotency_key` found an earlier run.")


class RunEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    seq: int = Field(description="1, 2, 3, … within the run; never reused.")
    type: str = Field(description="`run.started`, `step.succeeded`, `run.failed`, ….")
    data: dict[str, Any]
    created_at: datetime
