from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from flowline.runs.schemas import RunStatus

MAX_WAIT_SECONDS = 300


class HookCreated(BaseModel):
    """A new hook token, shown this once."""

    flow_id: str
    token: str = Field(description="The credential; keep it secret. It is not shown again.")
    path: str = Field(description="Where to POST: `/api/v1/hooks/<token>`.")


class HookAccepted(BaseModel):
    run_id: str
    status: RunStatus = Field(description="Usually `queued`: the run has not finished yet.")


class HookFinished(HookAccepted):
    output: Any = Field(description="The run's output; null unless it succeeded.")
    error: dict[str, Any] | None = Field(description="Why the run failed, if it did.")
