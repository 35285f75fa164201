from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

MIN_SECRET = 16


class VoiceConfigSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    secret: str = Field(
        min_length=MIN_SECRET,
        max_length=500,
        description=(
            "The server-URL secret set in Vapi (sent as `X-Vapi-Secret`); stored as its "
            "SHA-256 only, and unique across organisations (409 otherwise)."
        ),
    )
    flow_id: str | None = Field(
        default=None,
        max_length=40,
        description='A flow each end-of-call report starts (input: `{"call": …}`).',
    )


class VoiceConfigRead(BaseModel):
    configured: bool
    flow_id: str | None


class TranscriptLine(BaseModel):
    role: str
    text: str
    at: str | None = None


class CallRead(BaseModel):
    id: str
    vapi_call_id: str
    phone: str | None
    status: str
    transcript: list[TranscriptLine]
    summary: str | None
    ended_reason: str | None
    cost: float | None
    conversation_id: str | None = Field(description="Where its end-of-call report landed.")
    run_id: str | None = Field(description="The flow run its report started, if any.")
    ended_at: datetime | None
    created_at: datetime
    updated_at: datetime


class WebhookAnswer(BaseModel):
    received: str = Field(description="The message type handled (or ignored).")
    call_id: str | None
    data: dict[str, Any] = Field(default_factory=dict)
