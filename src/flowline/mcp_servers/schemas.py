"""Bodies and answers of ``/api/v1/mcp-servers`` and of importing a server's tools."""

from __future__ import annotations

import urllib.parse
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from flowline.api.bodies import StorableBody
from flowline.api.names import HTTP_URL_PATTERN
from flowline.secrets.schemas import NAME_PATTERN as SECRET_NAME_PATTERN
from flowline.tools.kinds.base import ToolPolicy

NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
MAX_ALLOWED_TOOLS = 200
RemoteToolName = Annotated[str, Field(min_length=1, max_length=128)]


def check_url(value: str) -> str:
    parts = urllib.parse.urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an http:// or https:// URL")
    if "@" in parts.netloc:
        raise ValueError("must not hold user information; use a credential")
    return value


class McpServerCreate(StorableBody):
    """An MCP server speaking Streamable HTTP."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=NAME_PATTERN, description="Lower-case letters, digits, _ and -.")
    description: str = Field(default="", max_length=4000)
    url: str = Field(
        min_length=1,
        max_length=2000,
        description="The server's endpoint: `https://…/mcp`.",
        json_schema_extra={"pattern": HTTP_URL_PATTERN},
    )
    credential: str | None = Field(
        default=None,
        pattern=SECRET_NAME_PATTERN,
        description="A secret sent as the auth header (bearer, header or basic), only to a "
        "host it is bound to; it must be bound to the URL's host.",
    )
    allowed_tools: list[RemoteToolName] | None = Field(
        default=None,
        max_length=MAX_ALLOWED_TOOLS,
        description="The server's tools agents may call; `null`: all of them.",
    )
    timeout_seconds: float = Field(default=30.0, gt=0, le=300, description="Per call.")

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return check_url(value)


class McpServerUpdate(StorableBody):
    """Only the fields sent change (``null`` clears ``credential`` and ``allowed_tools``)."""

    model_config = ConfigDict(extra="forbid")

    description: str | None = Field(default=None, max_length=4000)
    url: str | None = Field(
        default=None, min_length=1, max_length=2000, json_schema_extra={"pattern": HTTP_URL_PATTERN}
    )
    credential: str | None = Field(default=None, pattern=SECRET_NAME_PATTERN)
    allowed_tools: list[RemoteToolName] | None = Field(default=None, max_length=MAX_ALLOWED_TOOLS)
    timeout_seconds: float | None = Field(default=None, gt=0, le=300)
    expected_version: int | None = Field(default=None, ge=0)

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return None if value is None else check_url(value)


class McpServerRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    description: str
    url: str
    credential: str | None
    allowed_tools: list[str] | None
    timeout_seconds: float
    version: int
    created_at: datetime
    updated_at: datetime


class McpToolRead(BaseModel):
    """A tool the server offers, as its ``tools/list`` tells it."""

    name: str
    title: str | None = None
    description: str
    input_schema: dict[str, Any]
    read_only: bool = Field(description="The server marks it read-only (`readOnlyHint`).")
    destructive: bool | None = Field(default=None, description="`destructiveHint`.")
    allowed: bool = Field(description="Whether agents may call it (`allowed_tools`).")


class McpImport(StorableBody):
    """Which of the server's tools become tools of the agent."""

    model_config = ConfigDict(extra="forbid")

    tools: list[RemoteToolName] | None = Field(
        default=None, max_length=MAX_ALLOWED_TOOLS, description="Default: every allowed tool."
    )
    prefix: str = Field(
        default="",
        pattern=r"^([A-Za-z][A-Za-z0-9_-]{0,31})?$",
        description="Put before each tool's name (`crm_`), to keep names apart.",
    )
    approval: ToolPolicy | None = Field(
        default=None,
        description="Each tool's policy; default `mutating`: a call needs approval unless "
        "the server marks the tool read-only.",
    )
