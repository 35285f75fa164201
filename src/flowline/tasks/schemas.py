from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from flowline.api.bodies import at_least_one_of
from flowline.api.concurrency import ExpectedVersion
from flowline.api.names import Name
from flowline.schedules.schemas import (
    CRON_SCHEMA,
    ScheduleRunRead,
    TimeZone,
    check_cron,
)

MAX_PROMPT = 100_000

Cron = Annotated[str, Field(json_schema_extra=CRON_SCHEMA), AfterValidator(check_cron)]
Zone = TimeZone
Prompt = Annotated[str, Field(min_length=1, max_length=MAX_PROMPT)]

_CRON = (
    "Five fields `minute hour day-of-month month day-of-week`, or `@daily`, `@hourly`, …; "
    "matched against the wall clock of `timezone`."
)


class TaskCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name = Field(description="1 to 200 characters, for people.")
    agent_id: str = Field(
        min_length=1, max_length=200, description="The agent: its id or its name."
    )
    prompt: Prompt = Field(
        description="The message the agent is given at each firing (1 to 100,000 characters)."
    )
    cron: Cron = Field(description=_CRON)
    timezone: Zone = Field(default="UTC", description="An IANA name such as `Europe/Berlin`.")
    active: bool = Field(default=True, description="An inactive task never fires.")


class TaskUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra=at_least_one_of(
            "name", "agent_id", "prompt", "cron", "timezone", "active"
        ),
    )

    name: Name | None = None
    agent_id: str | None = Field(default=None, min_length=1, max_length=200)
    prompt: Prompt | None = None
    cron: Cron | None = Field(default=None, description=_CRON)
    timezone: Zone | None = None
    active: bool | None = None
    expected_version: ExpectedVersion = None

    @model_validator(mode="after")
    def _something(self) -> TaskUpdate:
        if not self.model_fields_set - {"expected_version"}:
            raise ValueError("give at least one of name, agent_id, prompt, cron, timezone, active")
        return self


class TaskRead(BaseModel):
    id: str
    name: str
    agent_id: str
    prompt: str
    cron: str
    timezone: str
    active: bool
    conversation_id: str = Field(
        description="The conversation every firing continues (made by the first firing)."
    )
    next_run_at: datetime | None = Field(description="The next firing; null while inactive.")
    last_run_at: datetime | None = Field(description="The firing time of the latest run.")
    last_run_id: str | None
    last_error: str | None
    recent_runs: list[ScheduleRunRead] = Field(
        default_factory=list, description="Its latest runs (the flow runs of its firings)."
    )
    flow_id: str | None = Field(description="The one-step flow each firing runs.")
    schedule_id: str | None
    artifact_id: str | None = Field(description="The artifact it was made from, if any.")
    version: int
    created_by_id: str | None
    created_at: datetime
    updated_at: datetime
