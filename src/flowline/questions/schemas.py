from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from flowline.api.bodies import StorableBody
from flowline.api.names import NOT_BLANK_PATTERN

MAX_ANSWER_CHARS = 20_000


class QuestionRead(BaseModel):
    """What an agent asked a person with its ``ask_user`` tool; its turn waits for the answer."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    run_id: str
    agent_id: str | None
    conversation_id: str | None
    tool_call_id: str | None
    question: str
    options: list[str] | None
    status: str = Field(description="`pending`, `answered` or `cancelled`.")
    answer: Any
    answered_by_id: str | None
    answered_at: datetime | None
    created_at: datetime


class QuestionRespond(StorableBody):
    model_config = ConfigDict(extra="forbid")

    answer: Any = Field(
        description="The answer the agent is given: text, or any JSON value.",
        json_schema_extra={
            "anyOf": [
                {"type": "string", "pattern": NOT_BLANK_PATTERN, "maxLength": MAX_ANSWER_CHARS},
                # One branch a type: client generators read no list of types.
                {"type": "number"},
                {"type": "boolean"},
                {"type": "object"},
                {"type": "array", "items": {}},
            ]
        },
    )

    @field_validator("answer")
    @classmethod
    def _answer(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ValueError("must not be empty")
        if len(str(value)) > MAX_ANSWER_CHARS:
            raise ValueError(f"must be at most {MAX_ANSWER_CHARS} characters")
        return value
