from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from flowline.api.concurrency import ExpectedVersion
from flowline.api.names import SPACES
from flowline.auth.schemas import UserRead
from flowline.auth.scopes import Role

__all__ = ["UserCreate", "UserRead", "UserUpdate", "normalise_email"]


EMAIL_PATTERN = rf"^[{SPACES}]*[^{SPACES}@]+@[^{SPACES}@]+[{SPACES}]*$"
"""An address as people type it: one ``@`` between two runs without spaces."""
_EMAIL = re.compile(EMAIL_PATTERN)
EMAIL_SCHEMA: dict[str, Any] = {"pattern": EMAIL_PATTERN}


def normalise_email(value: str) -> str:
    if not _EMAIL.fullmatch(value):
        raise ValueError("must be an email address such as ada@example.com")
    return value.strip().lower()


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(max_length=320, json_schema_extra=EMAIL_SCHEMA)
    name: str = Field(default="", max_length=200)
    role: Role = Role.MEMBER
    password: str | None = Field(
        default=None,
        min_length=8,
        max_length=1024,
        description="At least 8 characters; omitted means a random one, returned once.",
    )

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        return normalise_email(value)


class UserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, max_length=200)
    role: Role | None = None
    password: str | None = Field(default=None, min_length=8, max_length=1024)
    is_active: bool | None = None
    expected_version: ExpectedVersion = None


class UserCreated(UserRead):
    password: str | None = Field(
        default=None, description="The generated password, shown once, when none was given."
    )
