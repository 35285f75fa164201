from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from flowline.db.types import MAX_INT32, check_storable_json

MAX_KEY_LENGTH = 512
MAX_VALUE_BYTES = 1024 * 1024
KEY_PATTERN = r"^[^\x00-\x1f\x7f]*$"


def check_key(value: str) -> str:
    if not 1 <= len(value) <= MAX_KEY_LENGTH:
        raise ValueError(f"must be 1 to {MAX_KEY_LENGTH} characters")
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError("must not contain control characters")
    return value


def check_value(value: Any) -> Any:
    """A JSON value both databases store as sent, within the size limit."""
    check_storable_json(value, MAX_VALUE_BYTES)
    return value


class KvSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(
        description=f"1 to {MAX_KEY_LENGTH} characters, no control characters; `/` may group keys.",
        json_schema_extra={"minLength": 1, "maxLength": MAX_KEY_LENGTH, "pattern": KEY_PATTERN},
    )
    value: Any = Field(description="Any JSON value, up to 1 MiB once encoded.")
    ttl_seconds: int | None = Field(
        default=None, ge=1, le=10 * 365 * 86400, description="Expire the key after this long."
    )
    expected_version: int | None = Field(
        default=None,
        ge=0,
        le=MAX_INT32,
        description=(
            "Compare-and-set: `0` writes only if the key does not exist; `N` only if the key "
            "is at version N. A mismatch answers 409."
        ),
    )

    @field_validator("key")
    @classmethod
    def _key(cls, value: str) -> str:
        return check_key(value)

    @field_validator("value")
    @classmethod
    def _value(cls, value: Any) -> Any:
        return check_value(value)


class KvRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    key: str
    value: Any
    version: int
    expires_at: datetime | None
    created_at: datetime
    updated_at: datetime
