from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from flowline.api.bodies import at_least_one_of
from flowline.api.concurrency import ExpectedVersion
from flowline.api.names import Name
from flowline.auth.scopes import Role

MAX_NAME_LENGTH = 200
MAX_DESCRIPTION_LENGTH = 2000
MAX_IDS = 500


def _distinct(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


class GroupCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name = Field(description="1 to 200 characters, unique in the organisation.")
    description: str = Field(default="", max_length=MAX_DESCRIPTION_LENGTH)
    member_ids: list[str] = Field(
        default_factory=list,
        max_length=MAX_IDS,
        description="Users of your organisation to add at once.",
    )

    @field_validator("member_ids")
    @classmethod
    def _member_ids(cls, value: list[str]) -> list[str]:
        return _distinct(value)


class GroupUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra=at_least_one_of("name", "description", non_null=True),
    )

    name: Name | None = Field(default=None, description="A new name, unique in the organisation.")
    description: str | None = Field(default=None, max_length=MAX_DESCRIPTION_LENGTH)
    expected_version: ExpectedVersion = None


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
