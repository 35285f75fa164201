from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from flowline.api.bodies import StorableBody, all_of, inline_schema, when
from flowline.api.concurrency import ExpectedVersion
from flowline.api.names import Name
from flowline.artifacts.types import TYPES
from flowline.tasks.schemas import Cron, Prompt, Zone

ArtifactTypeName = Literal["email_draft", "meeting", "task", "document", "table"]
Action = Literal[
    "viewed", "copied", "edited", "shared", "downloaded", "sent", "dismissed", "feedback"
]


class ArtifactCreate(StorableBody):
    # Each type's content model, stated per type (``if`` type ``then`` content).
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra=all_of(
            [
                when("type", name, {"properties": {"content": inline_schema(kind.content)}})
                for name, kind in TYPES.items()
            ]
        ),
    )

    type: ArtifactTypeName
    conversation_id: str | None = Field(
        default=None, max_length=40, description="The conversation it belongs to."
    )
    title: str = Field(default="", max_length=300)
    content: dict[str, Any] = Field(
        default_factory=dict, description="Checked against the type's content model."
    )
    contact_id: str | None = Field(default=None, max_length=40)


class ArtifactRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    type: str
    conversation_id: str | None
    title: str
    content: dict[str, Any]
    state: str
    allowed_states: list[str] = Field(description="States it may move to from this one.")
    contact_id: str | None
    scheduled_at: datetime | None
    task_id: str | None = Field(default=None, description="Its scheduled agent task, if any.")
    version: int
    created_by_id: str | None
    created_at: datetime
    updated_at: datetime


class StateChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    state: str = Field(min_length=1, max_length=32)
    scheduled_at: datetime | None = Field(
        default=None, description="When it is to happen (with `scheduled`)."
    )
    expected_version: ExpectedVersion = None


class ContentEdit(StorableBody):
    model_config = ConfigDict(extra="forbid")

    content: dict[str, Any] | None = Field(
        default=None,
        description=(
            "A JSON Merge Patch of the content (`null` removes a field); the result is "
            "checked against the type's content model."
        ),
    )
    title: str | None = Field(default=None, max_length=300)
    expected_version: ExpectedVersion = None


class TaskFromArtifact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, max_length=300)
    due: datetime | None = None
    assignee: str | None = Field(default=None, max_length=200)


class ScheduledTaskSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agent_id: str = Field(min_length=1, max_length=200, description="Its id or name.")
    cron: Cron
    timezone: Zone = "UTC"
    prompt: Prompt | None = Field(
        default=None, description="Defaults to the artifact's title and description."
    )
    name: Name | None = None
    active: bool = True


class ActiveSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    active: bool


class InteractionCreate(StorableBody):
    model_config = ConfigDict(extra="forbid")

    action: Action
    data: dict[str, Any] = Field(default_factory=dict, description="Up to 1 MiB of JSON.")


class InteractionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    artifact_id: str
    user_id: str | None
    action: str
    data: dict[str, Any]
    created_at: datetime


class MeetingInvite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channel_id: str | None = Field(
        default=None,
        max_length=40,
        description="The email channel to send from; the organisation's first if omitted.",
    )
    start: datetime | None = Field(default=None, description="Overrides the content's start.")
    end: datetime | None = None
    attendees: list[str] | None = Field(default=None, max_length=100)


class MeetingSent(BaseModel):
    artifact: ArtifactRead
    message_ids: list[str] = Field(description="The queued email per attendee (`msg_…`).")
    uid: str = Field(description="The invite's iCalendar UID.")


class ArtifactTypeRead(BaseModel):
    name: str
    label: str
    icon: str
    description: str
    initial_state: str
    states: list[str]
    transitions: dict[str, list[str]]
    editable_states: list[str]
    actions: list[str]
    content_schema: dict[str, Any]
