"""Answers and bodies of ``/api/v1/callbacks/signing-key``."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

MAX_OVERLAP_HOURS = 168


class SigningKeyRead(BaseModel):
    """A signing key's metadata; its value is never part of it."""

    id: str
    last4: str = Field(description="The value's last four characters, to recognise it.")
    created_at: datetime
    revealed: bool = Field(description="Whether its value was shown (it is shown once).")
    retires_at: datetime | None = Field(
        description="Until when a rotated-out key still signs; `null` for the current key."
    )


class SigningKeyState(BaseModel):
    current: SigningKeyRead | None = Field(
        description="The key deliveries are signed with; `null` until the first is made."
    )
    overlapping: list[SigningKeyRead] = Field(
        description="A rotated-out key that still signs beside the current one, if any."
    )


class SigningKeyRotate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    overlap_hours: int = Field(
        default=24,
        ge=0,
        le=MAX_OVERLAP_HOURS,
        description=(
            "How long the key being replaced keeps signing beside the new one "
            f"(0 to {MAX_OVERLAP_HOURS}; 0 retires it at once)."
        ),
    )


class SigningKeyRevealed(SigningKeyRead):
    key: str = Field(description="The key's value. Shown this once; store it now.")
