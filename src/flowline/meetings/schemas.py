from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from flowline.api.bodies import StorableBody
from flowline.artifacts.schemas import ArtifactRead
from flowline.emails.schemas import ModelUsage

MAX_TRANSCRIPT = 500_000


class TranscriptSummarize(StorableBody):
    model_config = ConfigDict(extra="forbid")

    transcript: str = Field(min_length=1, max_length=MAX_TRANSCRIPT)
    title: str | None = Field(default=None, max_length=300)
    attendees: list[str] = Field(default_factory=list, max_length=100)
    conversation_id: str | None = Field(
        default=None, max_length=40, description="Where tasks made from action items go."
    )
    create_tasks: bool = Field(
        default=False, description="Make a `task` artifact of each action item."
    )


class ActionItem(BaseModel):
    title: str
    owner: str | None = None
    due: str | None = Field(default=None, description="As the model wrote it.")


class TranscriptSummary(BaseModel):
    summary: str
    decisions: list[str]
    action_items: list[ActionItem]
    tasks: list[ArtifactRead] = Field(description="The tasks made (with `create_tasks`).")
    usage: ModelUsage
