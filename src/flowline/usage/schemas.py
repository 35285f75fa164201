from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from flowline.api.bodies import StorableBody
from flowline.api.concurrency import ExpectedVersion

MAX_USD = 1_000_000_000.0
Usd = Annotated[float, Field(ge=0, le=MAX_USD, allow_inf_nan=False)]
"""An amount of US dollars an administrator sets: 0 to a billion."""
UsageRange = Literal["7d", "30d", "90d", "all"]


class BudgetRead(BaseModel):
    """The organisation's credits and monthly budget, and this month's spend."""

    credits_usd: float | None = Field(
        description="Credits left, in USD; each model call's cost is taken off. `null`: "
        "unmetered (the default). May go below 0 by the cost of calls already under way."
    )
    monthly_limit_usd: float | None = Field(
        description="The organisation's monthly budget (`null`: none)."
    )
    effective_limit_usd: float | None = Field(
        description="What this month's spend can reach: the smaller of the monthly budget "
        "and this month's spend plus the credits left (`null`: no limit)."
    )
    month: str = Field(description="The budget month, `YYYY-MM` (UTC).")
    month_spend_usd: float = Field(description="Spent this month, in USD.")
    remaining_usd: float | None = Field(
        description="`effective_limit_usd` minus `month_spend_usd`, not below 0."
    )
    resets_at: datetime = Field(description="When the month ends: the first instant of the next.")
    version: int


class BudgetUpdate(StorableBody):
    """Fields left out keep their value; `null` clears the budget, or makes credits
    unmetered."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "not": {
                "required": ["credits_usd", "add_credits_usd"],
                "properties": {"add_credits_usd": {"type": "number"}},
            }
        },
    )

    monthly_limit_usd: Usd | None = Field(default=None, description="`null` removes the budget.")
    credits_usd: Usd | None = Field(
        default=None, description="Set the balance; `null` makes the organisation unmetered."
    )
    add_credits_usd: Annotated[float, Field(gt=0, le=MAX_USD, allow_inf_nan=False)] | None = Field(
        default=None,
        description="Grant credits: added to the balance in place (an unmetered balance "
        "starts from 0), so that charges under way are not lost.",
    )
    expected_version: ExpectedVersion = None

    @model_validator(mode="after")
    def _one_way_to_credit(self) -> BudgetUpdate:
        if "credits_usd" in self.model_fields_set and self.add_credits_usd is not None:
            raise ValueError("send credits_usd or add_credits_usd, not both")
        return self


class UserBudgetRead(BaseModel):
    user_id: str
    email: str
    name: str
    monthly_limit_usd: float | None = Field(description="The user's monthly cap (`null`: none).")
    month: str = Field(description="`YYYY-MM` (UTC).")
    month_spend_usd: float
    remaining_usd: float | None = Field(description="Cap minus spend, not below 0.")


class UserBudgetUpdate(StorableBody):
    model_config = ConfigDict(extra="forbid")

    user_id: str = Field(min_length=1, max_length=40)
    monthly_limit_usd: Usd | None = Field(description="The cap; `null` removes it.")


class UsageFigures(BaseModel):
    calls: int = Field(description="Model calls.")
    input_tokens: int
    output_tokens: int
    cost_usd: float


class AgentUsage(UsageFigures):
    agent_id: str | None = Field(
        description="`null`: calls of no agent (a flow's `llm` node) or of agents since deleted."
    )
    agent_name: str | None


class ModelUsage(UsageFigures):
    model: str


class UserUsage(UsageFigures):
    user_id: str | None = Field(description="`null`: calls of users since deleted.")
    email: str | None
    name: str | None


class DayUsage(UsageFigures):
    date: str = Field(description="`YYYY-MM-DD` (UTC).")


class UsageSummary(BaseModel):
    range: UsageRange
    start: datetime | None = Field(
        description="Start of the first day counted (`null` for `all` with no usage yet)."
    )
    end: datetime = Field(description="Now: the summary counts up to this instant.")
    totals: UsageFigures
    by_agent: list[AgentUsage] = Field(description="Costliest first.")
    by_model: list[ModelUsage] = Field(description="Costliest first.")
    by_user: list[UserUsage] = Field(description="Costliest first.")
    by_day: list[DayUsage] = Field(description="Every day of the range, newest first.")


class TimeRange(BaseModel):
    start: str = Field(description="`YYYY-MM-DDT00:00:00.000Z` of the first day.")
    end: str = Field(description="`YYYY-MM-DDT23:59:59.999Z` of the last day.")


class DailyCredits(BaseModel):
    date: str = Field(description="`YYYY-MM-DD` (UTC).")
    credits_used: float = Field(description="Cost of the day's model calls, in USD.")


class AgentCredits(BaseModel):
    total_credits_used: float
    daily_breakdown: list[DailyCredits] = Field(description="Every day, newest first.")


class AgentUsageRead(BaseModel):
    agent_id: str
    time_range: TimeRange
    usage: AgentCredits
    note: str | None = Field(
        default=None,
        description="Only when the range starts before the agent was created (those days show 0).",
    )
