from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
)

from flowline.api.bodies import StorableBody
from flowline.db.types import check_storable_json
from flowline.runs.schemas import RunSummary

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
    channel_id: str | None = Field(
        description="The channel this is a contact's thread on (one per contact and "
        "channel); `null` for a chat conversation."
    )
    contact_id: str | None = Field(
        description="The channel's contact whose thread this is; `null` for a chat."
    )
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
    kind: str = Field(description="`message`, or `summary` for a compaction's summary.")
    summary_from_seq: int | None = Field(description="On a summary: first message it stands for.")
    summary_to_seq: int | None = Field(description="On a summary: last message it stands for.")
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
    channel_message_id: str | None = Field(
        default=None,
        description="In a channel's conversation: the channel message (`msg_…`, "
        "`GET /api/v1/messages/{id}`) this message is.",
    )
    metadata: dict[str, Any] | None = Field(
        default=None,
        validation_alias="meta",
        description="In a channel's conversation: `channel_id`, `direction` (`in`/`out`), "
        "`type` (the channel message's), `kind` (`text`, `template`, `buttons`, "
        "`button_reply`, `media`, `reaction`), `template` and `language` for a template, "
        "and the channel message's current delivery `status` with `status_at` (and `error` "
        "when it failed).",
    )


def message_read(
    row: Any, deliveries: Mapping[str, Mapping[str, Any]] | None = None
) -> MessageRead:
    """A message as the API shows it, with its channel message's delivery (if any)."""
    read = MessageRead.model_validate(row)
    delivery = (deliveries or {}).get(read.channel_message_id or "")
    if read.metadata is not None and delivery is not None:
        read.metadata = {**read.metadata, **delivery}
    return read


class MessageMatch(BaseModel):
    id: str
    seq: int
    role: str
    snippet: str = Field(description="The matching text with some context, cut with `…`.")
    created_at: datetime


class ConversationSearchHit(BaseModel):
    conversation: ConversationRead
    title_matched: bool
    message: MessageMatch | None = Field(
        description="The newest message that matches, if any does."
    )


class LlmFunctionCall(BaseModel):
    name: str
    arguments: str = Field(description="The arguments as a JSON text, as OpenAI sends them.")


class LlmToolCall(BaseModel):
    id: str
    type: Literal["function"] = "function"
    function: LlmFunctionCall


class LlmMessage(BaseModel):
    role: Literal["system", "user", "assistant", "tool"]
    content: str | None = None
    tool_calls: list[LlmToolCall] | None = None
    tool_call_id: str | None = None

    @model_serializer(mode="wrap")
    def _omit_absent(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Fields a message does not have are left out, as OpenAI's format does."""
        return {k: v for k, v in handler(self).items() if v is not None}


class LlmFormatRead(BaseModel):
    conversation_id: str
    agent_id: str | None
    model: str = Field(description="The model the agent uses (the default without one).")
    view: Literal["model", "full"]
    messages: list[LlmMessage] = Field(
        description="OpenAI chat format; every secret value of the organisation is `***`."
    )


class TitleRead(BaseModel):
    conversation_id: str
    title: str
    version: int


class TitlePut(StorableBody):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(max_length=200)
    expected_version: int | None = Field(default=None, ge=0)


class ModelCallUsage(BaseModel):
    model: str
    input_tokens: int
    output_tokens: int
    cost: float
    duration_ms: int


class TitleGenerated(TitleRead):
    usage: ModelCallUsage


class CompressBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    keep_recent: int = Field(
        default=6, ge=0, le=1000, description="Most recent messages to keep as they are."
    )


class CompressionRead(BaseModel):
    compacted: bool = Field(description="False when there was too little to summarise.")
    summary: MessageRead | None
    summarised: int = Field(description="Messages (and earlier summary) the summary replaced.")
    kept: int = Field(description="Messages after the summary the model still sees.")
    usage: ModelCallUsage | None


MarkerType = Literal["turn", "summary", "approval", "question"]
"""See docs/conversations.md, "Markers"."""


class MarkerRead(BaseModel):
    type: MarkerType
    seq: int = Field(description="The message it sits at (or after).")
    at: datetime
    label: str
    ref_id: str = Field(description="The turn, summary message, approval or question.")
    run_id: str | None = None


class ConversationRunRead(RunSummary):
    model_calls: int
    input_tokens: int
    output_tokens: int
    cost: float
    error: dict[str, Any] | None


class TimelineMessage(BaseModel):
    type: Literal["message"] = "message"
    seq: int
    at: datetime
    run_id: str | None
    message: MessageRead


class TimelineToolCall(BaseModel):
    type: Literal["tool_call"] = "tool_call"
    seq: int = Field(description="The assistant message that asked for the call.")
    at: datetime
    run_id: str | None
    id: str
    tool: str
    arguments: Any
    status: str = Field(
        description="`pending` (asked, not started), `running`, `waiting` (for a person), "
        "`succeeded` (a result is in: see `error` and `outcome`), `failed`, `cancelled`."
    )
    outcome: str | None = Field(description="`denied` or `answered` when a person settled it.")
    result: Any
    error: str | None
    duration_ms: int | None
    result_seq: int | None = Field(description="The tool message holding the result.")
    step_id: str | None


class TimelineApproval(BaseModel):
    type: Literal["approval"] = "approval"
    seq: int
    at: datetime
    run_id: str | None
    approval_id: str
    tool_call_id: str | None
    tool: str | None
    arguments: Any = Field(description="The arguments the call was asked with.")
    status: str
    edited_arguments: Any = Field(description="What the approver changed them to, if anything.")
    comment: str | None
    decided_by_id: str | None
    decided_at: datetime | None


class TimelineQuestion(BaseModel):
    type: Literal["question"] = "question"
    seq: int
    at: datetime
    run_id: str | None
    question_id: str
    tool_call_id: str | None
    question: str
    options: list[str] | None
    status: str
    answer: Any
    answered_at: datetime | None


TimelineItem = Annotated[
    TimelineMessage | TimelineToolCall | TimelineApproval | TimelineQuestion,
    Field(discriminator="type"),
]


class ConversationEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int = Field(description="The event's place in the conversation (the SSE `id:`).")
    run_id: str
    seq: int = Field(description="Its number within its run.")
    type: str
    data: dict[str, Any]
    created_at: datetime
