"""Bodies and answers of ``/api/v1/agents/{id}/capability/retrieve|plan|reflect``."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from flowline.api.bodies import StorableBody, exactly_one_of
from flowline.knowledge.schemas import SearchHit
from flowline.tools.schemas import ModelUsage


class RetrieveBody(StorableBody):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, max_length=2000, description="What to look for, in words.")
    limit: int = Field(default=5, ge=1, le=20)


class RetrievedMessage(BaseModel):
    conversation_id: str
    message_id: str
    seq: int
    role: str
    excerpt: str = Field(description="Up to 300 characters around the first match.")
    score: int = Field(description="How many of the search words the message holds.")
    created_at: datetime


class RetrieveResult(BaseModel):
    query: str = Field(description="The search words the model chose.")
    results: list[RetrievedMessage]
    knowledge: list[SearchHit] = Field(
        default_factory=list,
        description="Hybrid search hits of the agent's bound knowledge bases, for `query`.",
    )
    model: str
    usage: ModelUsage


class PlanBody(StorableBody):
    model_config = ConfigDict(extra="forbid")

    goal: str = Field(min_length=1, max_length=10_000)
    context: str | None = Field(default=None, max_length=50_000)


class PlanStep(BaseModel):
    title: str
    tool: str | None = Field(default=None, description="One of the agent's tools, if one fits.")


class PlanResult(BaseModel):
    goal: str
    steps: list[PlanStep]
    model: str
    usage: ModelUsage


class ReflectBody(StorableBody):
    """``text`` to review, or ``thread_id``: the conversation's last answer (with the
    message it answered)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=exactly_one_of("text", "thread_id"))

    text: str | None = Field(default=None, min_length=1, max_length=100_000)
    thread_id: str | None = Field(default=None, max_length=40)
    request: str | None = Field(
        default=None, max_length=50_000, description="What `text` answers, if anything."
    )

    @model_validator(mode="after")
    def _one_source(self) -> ReflectBody:
        if (self.text is None) == (self.thread_id is None):
            raise ValueError("give exactly one of text and thread_id")
        return self


class ReflectResult(BaseModel):
    assessment: str
    issues: list[str]
    suggestions: list[str]
    model: str
    usage: ModelUsage
