from __future__ import annotations

import re
from datetime import datetime
from importlib.resources import files
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator
from typing_extensions import TypeAliasType

from flowline.api.bodies import at_least_one_of
from flowline.api.concurrency import ExpectedVersion
from flowline.api.names import Name
from flowline.db.types import check_storable_json
from flowline.runs.schemas import RunStatus
from flowline.schedules import cron

MAX_NAME_LENGTH = 200
MAX_CRON_LENGTH = 200
MAX_TIMEZONE_LENGTH = 64
MAX_INPUT_BYTES = 256 * 1024
RECENT_RUNS = 5
"""How many of its latest runs a schedule shows."""

CatchUp = Literal["none", "last", "all"]
CRON_SCHEMA: dict[str, Any] = {"pattern": cron.PATTERN, "maxLength": MAX_CRON_LENGTH}

_CATCH_UP = (
    "What to do with firings missed while no scheduler ran: `none` skips them (a firing "
    "up to 60 s late still counts), `last` (default) makes the latest one once, `all` "
    "makes every one, oldest first."
)


def _without(value: str, message: str) -> str:
    """``message`` with the submitted value left out (errors never echo what was sent)."""
    # croniter quotes the expression as ``[… ]``.
    return re.sub(r"\[[^\]]*\] ?", "", message.replace(f" {value!r}", ""))


def check_cron(value: str) -> str:
    if len(value) > MAX_CRON_LENGTH:
        raise ValueError(f"must be at most {MAX_CRON_LENGTH} characters")
    try:
        cron.validate(value, "UTC")
    except ValueError as exc:
        raise ValueError(_without(value, str(exc))) from None
    return " ".join(value.split())


ZONES: tuple[str, ...] = tuple(sorted((files("tzdata") / "zones").read_text().split()))
"""The IANA time zone names of the ``tzdata`` package (a dependency, so the same list
on every machine, whatever the system's own zone files): the schema's enum."""
_ZONES = frozenset(ZONES)


def check_timezone(value: str) -> str:
    if value not in _ZONES:
        raise ValueError("unknown time zone; use an IANA name such as 'Europe/Berlin' or 'UTC'")
    return value


TimeZone = TypeAliasType(
    "TimeZone",
    Annotated[
        str,
        Field(
            max_length=MAX_TIMEZONE_LENGTH,
            description="An IANA time zone name such as `Europe/Berlin` or `UTC`.",
            json_schema_extra={"enum": list(ZONES)},
        ),
        AfterValidator(check_timezone),
    ],
)
"""A time zone field: the schema lists the names (one component, ``TimeZone``) and the
code takes exactly those."""


def check_input(value: Any) -> Any:
    check_storable_json(value, MAX_INPUT_BYTES)
    return value


class ScheduleCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name = Field(description="1 to 200 characters, for people.")
    flow_id: str = Field(description="The flow each firing runs; one of your organisation's.")
    cron: str = Field(
        description=(
            "Five fields `minute hour day-of-month month day-of-week`, or `@daily`, "
            "`@hourly`, …; matched against the wall clock of `timezone`."
        ),
        json_schema_extra=CRON_SCHEMA,
    )
    timezone: TimeZone = Field(default="UTC", description="An IANA name such as `Europe/Berlin`.")
    input: Any = Field(default_factory=dict, description="The input of every run, up to 256 KiB.")
    enabled: bool = Field(default=True, description="A disabled schedule never fires.")
    catch_up: CatchUp = Field(default="last", description=_CATCH_UP)

    @field_validator("cron")
    @classmethod
    def _cron(cls, value: str) -> str:
        return check_cron(value)

    @field_validator("input")
    @classmethod
    def _input(cls, value: Any) -> Any:
        return check_input(value)


class ScheduleUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra=at_least_one_of(
            "name", "flow_id", "cron", "timezone", "input", "enabled", "catch_up"
        ),
    )

    name: Name | None = None
    flow_id: str | None = None
    cron: str | None = Field(default=None, json_schema_extra=CRON_SCHEMA)
    timezone: TimeZone | None = None
    input: Any = Field(default=None, description="A new input; omit to keep it.")
    enabled: bool | None = None
    catch_up: CatchUp | None = Field(default=None, description=_CATCH_UP)
    expected_version: ExpectedVersion = None

    @field_validator("cron")
    @classmethod
    def _cron(cls, value: str | None) -> str | None:
        return None if value is None else check_cron(value)

    @field_validator("input")
    @classmethod
    def _input(cls, value: Any) -> Any:
        return check_input(value)

    @model_validator(mode="after")
    def _something(self) -> ScheduleUpdate:
        if not (self.model_fields_set - {"expected_version"}):
            raise ValueError(
                "give at least one of name, flow_id, cron, timezone, input, enabled, catch_up"
            )
        return self

    def changes_input(self) -> bool:
        return "input" in self.model_fields_set


class ScheduleRunRead(BaseModel):
    """One run a schedule started."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    status: RunStatus
    fire_time: datetime = Field(description="The firing that started it.")
    created_at: datetime = Field(description="When the scheduler started it.")


class ScheduleSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    flow_id: str
    cron: str
    timezone: str
    input: Any
    enabled: bool
    catch_up: CatchUp
    next_run_at: datetime | None = Field(description="The next firing; null while disabled.")
    last_run_at: datetime | None = Field(description="The firing time of the latest run.")
    last_run_id: str | None
    last_error: str | None = Field(
        description="Why the latest firing started no run (flow inactive or deleted)."
    )
    version: int
    created_by_id: str | None
    created_at: datetime
    updated_at: datetime


class ScheduleRead(ScheduleSummary):
    recent_runs: list[ScheduleRunRead] = Field(
        description=f"Its latest {RECENT_RUNS} runs, newest first."
    )
