from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from flowline.auth.scopes import KNOWN_SCOPES, Role


class LoginRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(min_length=3, max_length=320)
    password: str = Field(min_length=1, max_length=1024)


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    email: str
    name: str
    role: Role
    is_active: bool
    is_instance_admin: bool
    org_id: str
    version: int
    created_at: datetime
    updated_at: datetime


class LoginResult(BaseModel):
    user: UserRead
    csrf_token: str = Field(
        description="Send as `X-CSRF-Token` on every state-changing request made with the cookie."
    )
    expires_at: datetime


class MeRead(BaseModel):
    user: UserRead
    via: str = Field(description="`api_key` or `session`.")
    api_key_id: str | None
    scopes: list[str]


Scope = Annotated[str, Field(json_schema_extra={"enum": sorted(KNOWN_SCOPES)})]
"""A scope's name: the schema lists them, as ``ApiKeyCreate._known`` checks."""


class ApiKeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    scopes: list[Scope] | None = Field(
        default=None,
        description="Narrow the key to these scopes; omitted means all of its creator's role.",
    )
    expires_at: datetime | None = Field(
        default=None,
        description=(
            "When the key stops working: a time in the future, with its time zone (a time "
            "already past is refused with 422 naming `expires_at`). A key made with a key "
            "that expires never outlives it: omitted is that key's expiry, later is 422."
        ),
    )

    @field_validator("scopes")
    @classmethod
    def _known(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        unknown = sorted(set(value) - KNOWN_SCOPES)
        if unknown:
            raise ValueError(f"unknown scopes: {', '.join(unknown)}")
        return sorted(set(value))

    @field_validator("expires_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("must include a time zone, e.g. 2030-01-01T00:00:00Z")
        return value


class ApiKeyRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    prefix: str = Field(description="The key's first characters, to recognise it.")
    user_id: str
    scopes: list[str] | None
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None


class ApiKeyCreated(ApiKeyRead):
    key: str = Field(description="The key itself. Shown this once; only its hash is kept.")
