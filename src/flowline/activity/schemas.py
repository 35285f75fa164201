from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from flowline.api.bodies import exactly_one_of

Kind = Literal["conversation", "message", "email", "run", "approval", "artifact"]
KINDS: tuple[Kind, ...] = ("conversation", "message", "email", "run", "approval", "artifact")
MAX_WINDOW = 10_000


class TimelineQuery(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra=exactly_one_of("contact_id", "account")
    )

    contact_id: str | None = Field(default=None, max_length=40, description="One contact.")
    account: str | None = Field(
        default=None,
        min_length=1,
        max_length=320,
        description=(
            "An account: every contact whose address is on this email domain "
            "(`example.org`) or whose metadata `account` equals it."
        ),
    )
    kinds: list[Kind] = Field(default_factory=lambda: list(KINDS), min_length=1)
    page: int = Field(
        default=0,
        ge=0,
        description=(
            f"Pages reach the newest {MAX_WINDOW:,} items; a page past them is empty "
            "(`total` still counts every item)."
        ),
    )
    size: int = Field(default=25, ge=1, le=100)

    @model_validator(mode="after")
    def _who(self) -> TimelineQuery:
        if (self.contact_id is None) == (self.account is None):
            raise ValueError("give exactly one of contact_id and account")
        return self


class TimelineItem(BaseModel):
    kind: Kind
    id: str
    at: datetime
    title: str = Field(description="One line for people.")
    conversation_id: str | None
    contact_id: str | None
    data: dict[str, Any] = Field(description="The kind's own fields (status, direction, …).")
