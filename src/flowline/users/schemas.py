from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from flowline.api.concurrency import ExpectedVersion
from flowline.auth.schemas import UserRead
from flowline.auth.scopes import Role

__all__ = ["UserCreate", "UserRead", "UserUpdate", "normalise_email"]


def normalise_email(value: str) -> str:
    value = value.strip().lower()
    local, at, domain = value.partition("@")
    if not at or not local or not domain or " " in value:
        raise ValueError("must be an email address such as ada@example.com")
    return value


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(max_length=320)
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
