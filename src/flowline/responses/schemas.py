"""``POST /v1/responses``: OpenAI's request, as much of it as a turn with an agent uses."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from flowline.agents.schemas import MessageIn
from flowline.api.names import NOT_BLANK_PATTERN

MAX_ITEMS = 500
MAX_TEXT = 200_000
MAX_METADATA = 16


class InputText(BaseModel):
    model_config = ConfigDict(extra="ignore")

    type: Literal["input_text", "output_text"]
    text: str = Field(max_length=MAX_TEXT)


class InputMessage(BaseModel):
    """A message item: ``content`` a string or a list of ``input_text`` parts (an
    assistant's earlier answer may be ``output_text``)."""

    model_config = ConfigDict(extra="ignore")

    type: Literal["message"] = "message"
    role: Literal["user", "system", "developer", "assistant"]
    content: str | list[InputText]

    def as_message(self) -> MessageIn:
        text = (
            self.content
            if isinstance(self.content, str)
            else "".join(part.text for part in self.content)
        )
        return MessageIn(role="system" if self.role == "developer" else self.role, content=text)


def _input_schema(schema: dict[str, Any]) -> None:
    """``input`` as ``ResponseCreate`` checks it."""
    for branch in schema.get("anyOf", []):
        if branch.get("type") == "string":
            branch.update(pattern=NOT_BLANK_PATTERN, maxLength=MAX_TEXT)
        elif branch.get("type") == "array":
            user = {"properties": {"role": {"const": "user"}}, "required": ["role"]}
            branch.update(maxItems=MAX_ITEMS, contains=user)


class ResponseCreate(BaseModel):
    """OpenAI's Responses request; fields Flowline does not use (``tools``,
    ``temperature``, ``reasoning``, …) are accepted and ignored: the agent's configuration
    decides them."""

    model_config = ConfigDict(extra="ignore")

    model: str = Field(min_length=1, max_length=40, description="The agent's id.")
    input: str | list[InputMessage] = Field(
        description="A user message's text, or a list of message items (at least one "
        "from the user).",
        json_schema_extra=_input_schema,
    )
    instructions: str | None = Field(
        default=None,
        max_length=MAX_TEXT,
        description="Added to the agent's own instructions, for this turn only.",
    )
    previous_response_id: str | None = Field(
        default=None,
        max_length=40,
        pattern=r"^resp_[0-9a-z]+$",
        description="Continue the conversation of this stored response (same agent).",
    )
    store: bool = Field(
        default=True,
        description="False: no response record is kept (the turn itself is still a run).",
    )
    stream: bool = False
    metadata: dict[str, str] | None = Field(
        default=None,
        description="Up to 16 pairs; keys up to 64 characters, values up to 512.",
    )

    @field_validator("input")
    @classmethod
    def _from_the_user(cls, value: str | list[InputMessage]) -> str | list[InputMessage]:
        if isinstance(value, str):
            if not value.strip():
                raise ValueError("must not be empty")
            if len(value) > MAX_TEXT:
                raise ValueError(f"must be at most {MAX_TEXT} characters")
            return value
        if len(value) > MAX_ITEMS:
            raise ValueError(f"must hold at most {MAX_ITEMS} items")
        if not any(item.role == "user" for item in value):
            raise ValueError("must hold at least one user message")
        return value

    @field_validator("metadata")
    @classmethod
    def _small(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        if value is None:
            return None
        if len(value) > MAX_METADATA:
            raise ValueError(f"must hold at most {MAX_METADATA} pairs")
        for key, text in value.items():
            if not 1 <= len(key) <= 64:
                raise ValueError("keys must be 1 to 64 characters")
            if len(text) > 512:
                raise ValueError(f"the value of {key!r} must be at most 512 characters")
        return value

    def messages(self) -> list[MessageIn]:
        if isinstance(self.input, str):
            return [MessageIn(role="user", content=self.input)]
        return [item.as_message() for item in self.input]
