from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from flowline.api.bodies import StorableBody, at_least_one_of
from flowline.artifacts.schemas import ArtifactRead
from flowline.artifacts.types import EmailStr

MAX_INSTRUCTIONS = 20_000
MAX_BODY = 200_000


class ModelUsage(BaseModel):
    model: str
    input_tokens: int
    output_tokens: int
    cost: float = Field(description="US dollars.")


class _Where(StorableBody):
    conversation_id: str | None = Field(default=None, max_length=40)
    contact_id: str | None = Field(default=None, max_length=40)


class DraftSave(_Where):
    """A draft as given; the model writes ``body`` only when it is missing."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra=at_least_one_of("body", "instructions", non_null=True)
    )

    to: list[EmailStr] = Field(default_factory=list, max_length=50)
    cc: list[EmailStr] = Field(default_factory=list, max_length=50)
    subject: str = Field(default="", max_length=500)
    body: str | None = Field(default=None, max_length=MAX_BODY)
    instructions: str | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_INSTRUCTIONS,
        description="What the model is to write, when `body` is not given.",
    )

    @model_validator(mode="after")
    def _body_or_instructions(self) -> DraftSave:
        if self.body is None and self.instructions is None:
            raise ValueError("give body, or instructions for the model to write it")
        return self


class DraftWrite(_Where):
    """A new email the model writes from instructions."""

    model_config = ConfigDict(extra="forbid")

    to: list[EmailStr] = Field(default_factory=list, max_length=50)
    cc: list[EmailStr] = Field(default_factory=list, max_length=50)
    instructions: str = Field(min_length=1, max_length=MAX_INSTRUCTIONS)
    context: str | None = Field(default=None, max_length=MAX_BODY)
    tone: str | None = Field(default=None, max_length=100)


class DraftReply(StorableBody):
    """A reply the model writes to a received email (a message of an email channel)."""

    model_config = ConfigDict(extra="forbid")

    message_id: str = Field(max_length=40, description="The received email (`msg_…`).")
    instructions: str | None = Field(default=None, max_length=MAX_INSTRUCTIONS)
    tone: str | None = Field(default=None, max_length=100)


class Drafted(BaseModel):
    artifact: ArtifactRead
    usage: ModelUsage | None = Field(description="The model call, when the model wrote it.")


_SEND_WHAT: dict[str, Any] = {
    "anyOf": [
        {"required": ["artifact_id"], "properties": {"artifact_id": {"type": "string"}}},
        {
            "required": ["to", "body"],
            "properties": {"to": {"minItems": 1}, "body": {"type": "string"}},
        },
    ]
}
"""A draft artifact, or recipients and a body, as ``EmailSend`` checks."""


class EmailSend(StorableBody):
    """Send a draft artifact, or an email given here."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_SEND_WHAT)

    artifact_id: str | None = Field(default=None, max_length=40)
    to: list[EmailStr] = Field(default_factory=list, max_length=50)
    subject: str | None = Field(default=None, max_length=500)
    body: str | None = Field(default=None, max_length=MAX_BODY)
    channel_id: str | None = Field(
        default=None, max_length=40, description="Defaults to the first active email channel."
    )

    @model_validator(mode="after")
    def _what(self) -> EmailSend:
        if self.artifact_id is None and (not self.to or self.body is None):
            raise ValueError("give artifact_id, or to and body")
        return self


class EmailSent(BaseModel):
    message_ids: list[str] = Field(description="One queued message per recipient.")
    channel_id: str
    artifact: ArtifactRead | None


class EmailQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    q: str | None = Field(
        default=None, max_length=500, description="Words the subject or text must contain."
    )
    direction: Literal["in", "out"] | None = Field(
        default=None, description="`in`: received; `out`: sent."
    )
    address: str | None = Field(default=None, max_length=320, description="The other party.")
    channel_id: str | None = Field(default=None, max_length=40)
    page: int = Field(default=0, ge=0, le=100_000)
    size: int = Field(default=25, ge=1, le=100)


class EmailRead(BaseModel):
    id: str
    channel_id: str
    contact_id: str
    direction: str
    subject: str
    text: str
    status: str
    conversation_id: str | None
    created_at: datetime
    body: dict[str, Any]
