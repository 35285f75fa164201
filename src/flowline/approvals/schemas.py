from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from flowline.db.types import check_storable_json

MAX_ARGUMENTS_BYTES = 1024 * 1024
MAX_COMMENT_LENGTH = 2000
MAX_BULK = 100

Decision = Literal["approve", "deny"]


class NotifyTarget(BaseModel):
    """Someone to ask where they are: an address on a channel (``approval_notify``)."""

    model_config = ConfigDict(extra="forbid")

    channel_id: str = Field(min_length=1, max_length=40, description="A channel's id.")
    to: str = Field(
        min_length=1, max_length=320, description="The approver's address on that channel."
    )


class ApprovalStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DENIED = "denied"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


def _comment(value: str | None) -> str | None:
    if value is None:
        return None
    check_storable_json(value, MAX_COMMENT_LENGTH * 4)
    return value


class ApprovalRespond(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: Decision = Field(description="`approve` or `deny`.")
    arguments: Any = Field(
        default=None,
        description=(
            "An edited payload (or tool arguments) that replaces the one shown; it must match "
            "the approval's `payload_schema`. Omit it to keep the payload as it is."
        ),
    )
    comment: str | None = Field(default=None, max_length=MAX_COMMENT_LENGTH)

    @field_validator("arguments")
    @classmethod
    def _arguments(cls, value: Any) -> Any:
        check_storable_json(value, MAX_ARGUMENTS_BYTES)
        return value

    @field_validator("comment")
    @classmethod
    def _comment(cls, value: str | None) -> str | None:
        return _comment(value)


class RunApprove(ApprovalRespond):
    decision: Decision = Field(default="approve", description="`approve` (default) or `deny`.")


PRINTABLE = r"^[^\x00-\x1f\x7f]+$"
"""An id as given in a request: one line without control characters."""
ApprovalId = Annotated[str, Field(min_length=1, max_length=40, pattern=PRINTABLE)]


class BulkRespond(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ids: list[ApprovalId] = Field(min_length=1, max_length=MAX_BULK, description="Approval ids.")
    decision: Decision
    comment: str | None = Field(default=None, max_length=MAX_COMMENT_LENGTH)

    @field_validator("ids")
    @classmethod
    def _ids(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))

    @field_validator("comment")
    @classmethod
    def _comment(cls, value: str | None) -> str | None:
        return _comment(value)


class ApprovalRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    kind: Literal["flow", "tool"] = Field(description="`flow` (an approval step) or `tool`.")
    status: ApprovalStatus
    title: str
    description: str | None
    run_id: str | None
    step_id: str | None
    node_id: str | None
    flow_id: str | None
    tool_id: str | None = Field(description="The agent tool this approval gates (`tool` kind).")
    assignees: list[str] = Field(description="User ids who may answer.")
    group_id: str | None = Field(description="Members of this group may answer too.")
    payload: Any = Field(description="What the approver is asked about.")
    payload_schema: dict[str, Any] | None = Field(description="Edited `arguments` must match it.")
    arguments: Any = Field(description="The edited payload the approver sent, if any.")
    on_timeout: Literal["expired", "approved", "denied"]
    comment: str | None
    decided_by_id: str | None
    decided_at: datetime | None
    expires_at: datetime | None
    created_at: datetime


class BulkResult(BaseModel):
    id: str
    ok: bool
    status_code: int = Field(description="What answering this one alone would have returned.")
    status: ApprovalStatus | None = Field(description="The approval's status after, if it moved.")
    error: str | None = Field(default=None, description="The error code when not `ok`.")
    message: str | None = None


class BulkRespondRead(BaseModel):
    results: list[BulkResult] = Field(description="One per id, in the order given.")
    succeeded: int
    failed: int


class StatusCounts(BaseModel):
    pending: int = 0
    approved: int = 0
    denied: int = 0
    expired: int = 0
    cancelled: int = 0


class ToolStats(BaseModel):
    tool_id: str
    total: int
    by_status: StatusCounts
    approval_rate: float | None = Field(
        description="approved / (approved + denied); null before any decision."
    )
    mean_decision_seconds: float | None


class DashboardSummary(BaseModel):
    pending: int
    overdue: int = Field(description="Pending past `expires_at`, not yet swept.")
    total: int
    by_status: StatusCounts
    oldest_pending_at: datetime | None
    approval_rate: float | None
    mean_decision_seconds: float | None = Field(
        description="Mean time from asking to a person's approve or deny."
    )


class CleanupRead(BaseModel):
    expired: int
    approval_ids: list[str]
