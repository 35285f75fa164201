from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from flowline.api.concurrency import ExpectedVersion
from flowline.auth.scopes import Role

MAX_NAME_LENGTH = 200
MAX_DESCRIPTION_LENGTH = 2000
MAX_IDS = 500


def check_name(value: str) -> str:
    value = value.strip()
    if not 1 <= len(value) <= MAX_NAME_LENGTH:
        raise ValueError(f"must be 1 to {MAX_NAME_LENGTH} characters, not only spaces")
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError("must not contain control characters")
    return value


def _distinct(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


class GroupCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="1 to 200 characters, unique in the organisation.")
    description: str = Field(default="", max_length=MAX_DESCRIPTION_LENGTH)
    member_ids: list[str] = Field(
        default_factory=list,
        max_length=MAX_IDS,
        description="Users of your organisation to add at once.",
    )

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return check_name(value)

    @field_validator("member_ids")
    @classmethod
    def _member_ids(cls, value: list[str]) -> list[str]:
        return _distinct(value)


class GroupUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, description="A new name, unique in the organisation.")
    description: str | None = Field(default=None, max_length=MAX_DESCRIPTION_LENGTH)
    expected_version: ExpectedVersion = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str | None) -> str | None:
        return None if value is None else check_name(value)


class MembersAdd(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user_ids: list[str] = Field(
        min_length=1,
        max_length=MAX_IDS,
        description="Users of your organisation; ones already in the group are left as they are.",
    )

    @field_validator("user_ids")
    @classmethod
    def _user_ids(cls, value: list[str]) -> list[str]:
        return _distinct(value)


class GroupRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    description: str
    member_count: int = Field(description="How many users are in the group.")
    version: int
    created_at: datetime
    updated_at: datetime


class GroupMemberRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str = Field(description="The user's id.")
    email: str
    name: str
    role: Role
    added_at: datetime = Field(description="When the user joined the group.")
