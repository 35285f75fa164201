from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from flowline.api.names import NOT_BLANK_PATTERN
from flowline.auth.schemas import UserRead
from flowline.users.schemas import EMAIL_SCHEMA, normalise_email


class OrganizationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(
        min_length=1, max_length=200, json_schema_extra={"pattern": NOT_BLANK_PATTERN}
    )
    owner_email: str = Field(
        max_length=320,
        description="Email of the new organisation's owner.",
        json_schema_extra=EMAIL_SCHEMA,
    )
    owner_name: str = Field(default="", max_length=200)

    @field_validator("owner_email")
    @classmethod
    def _email(cls, value: str) -> str:
        return normalise_email(value)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


class OrganizationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    created_at: datetime
    updated_at: datetime


class OrganizationCreated(OrganizationRead):
    owner: UserRead
    owner_password: str = Field(description="The owner's first password, shown once.")
    api_key: str = Field(description="A first API key for the owner, shown once.")
