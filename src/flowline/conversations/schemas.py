from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from flowline.api.bodies import StorableBody
from flowline.db.types import check_storable_json

MAX_METADATA_BYTES = 64 * 1024


def _metadata(value: dict[str, Any]) -> dict[str, Any]:
    check_storable_json(value, MAX_METADATA_BYTES)
    return value


class ConversationCreate(StorableBody):
    model_config = ConfigDict(extra="forbid")

    agent_id: str | None = Field(default=None, max_length=40)
    title: str = Field(default="", max_length=200)
    metadata: dict[str, Any] = Field(default_factory=dict)

    _check = field_validator("metadata")(_metadata)


class ConversationPut(StorableBody):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(default="", max_length=200)
    metadata: dict[str, Any] = Field(default_factory=dict)
    expected_version: int | None = Field(default=None, ge=0)

    _check = field_validator("metadata")(_metadata)


class ConversationRead(BaseModel):
    id: str
    agent_id: str | None
    title: str
    metadata: dict[str, Any]
    messages: int = Field(description="Messages so far.")
    busy: bool = Field(description="A chat turn is running on it.")
    version: int
    created_at: datetime
    updated_at: datetime


class MessageCreate(StorableBody):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "system", "assistant"] = "user"
    content: str = Field(min_length=1, max_length=200_000)


class MessageRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    seq: int
    turn_id: str | None
    role: str
    content: str
    tool_calls: list[dict[str, Any]] | None
    tool_call_id: str | None
    name: str | None
    tool_result: Any
    model: str | None
    input_tokens: int
    output_tokens: int
    cost: float
    duration_ms: int | None
    created_at: datetime
