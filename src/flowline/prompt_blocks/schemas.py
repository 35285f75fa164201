"""Bodies and answers of ``/api/v1/prompt-blocks``."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, field_validator, model_validator

from flowline.api.bodies import StorableBody
from flowline.api.names import HTTP_URL_QUERY_PATTERN
from flowline.mcp_servers.schemas import check_url
from flowline.secrets.schemas import NAME_PATTERN as SECRET_NAME_PATTERN

NAME_PATTERN = r"^[a-z0-9]+(?:[_-][a-z0-9]+)*$"
MAX_BODY_CHARS = 50_000
MAX_TTL_SECONDS = 7 * 24 * 3600
DEFAULT_TEMPLATE = "{{ data }}"
BlockKindName = Literal["static", "dynamic"]


class HttpSource(BaseModel):
    """``GET url`` through the outbound client; ``data`` is the answer (JSON, or text)."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["http"]
    url: str = Field(
        min_length=1,
        max_length=2000,
        description="An `http://` or `https://` URL, with a query if need be.",
        json_schema_extra={"pattern": HTTP_URL_QUERY_PATTERN},
    )
    credential: str | None = Field(
        default=None, pattern=SECRET_NAME_PATTERN, description="A secret sent to its hosts."
    )

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return check_url(value)


class KvSource(BaseModel):
    """A key of the organisation's KV store; ``data`` is its value (``null`` if none)."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["kv"]
    key: str = Field(min_length=1, max_length=512)


class TimeSource(BaseModel):
    """The current time: ``data`` is ``{utc, local, date, weekday, timezone}``."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["time"]
    timezone: str = Field(default="UTC", max_length=64, description="An IANA time zone.")


Source = Annotated[HttpSource | KvSource | TimeSource, Discriminator("type")]


_KIND_FITS: dict[str, Any] = {
    "oneOf": [
        {
            "properties": {
                "kind": {"const": "static"},
                "body": {"type": "string", "minLength": 1},
                "source": {"type": "null"},
            },
            "required": ["body"],
        },
        {
            "properties": {"kind": {"const": "dynamic"}, "source": {"not": {"type": "null"}}},
            "required": ["kind", "source"],
        },
    ]
}
"""A static block has a body and no source; a dynamic one has a source."""


class PromptBlockCreate(StorableBody):
    """A static block (``body`` as written) or a dynamic one (``source`` gives ``data``,
    ``body`` is the template rendered over it, cached ``ttl_seconds``)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_KIND_FITS)

    name: str = Field(pattern=NAME_PATTERN, max_length=64, description="`refund_policy`.")
    description: str = Field(default="", max_length=2000)
    kind: BlockKindName = "static"
    body: str | None = Field(
        default=None,
        max_length=MAX_BODY_CHARS,
        description="Static: the text. Dynamic: a template over `data` and `now` "
        "(default `{{ data }}`).",
    )
    source: Source | None = Field(default=None, description="Dynamic blocks only.")
    ttl_seconds: int = Field(
        default=300, ge=0, le=MAX_TTL_SECONDS, description="How long a render is cached; 0: never."
    )

    @model_validator(mode="after")
    def _kind_fits(self) -> PromptBlockCreate:
        if self.kind == "static" and self.source is not None:
            raise ValueError("a static block has no source (kind: dynamic for one)")
        if self.kind == "static" and not self.body:
            raise ValueError("a static block needs a body")
        if self.kind == "dynamic" and self.source is None:
            raise ValueError("a dynamic block needs a source")
        return self


class PromptBlockUpdate(StorableBody):
    """Only the fields sent change. On a built-in block they are the organisation's
    overrides (``description``, ``body``, ``ttl_seconds``)."""

    model_config = ConfigDict(extra="forbid")

    description: str | None = Field(default=None, max_length=2000)
    body: str | None = Field(default=None, max_length=MAX_BODY_CHARS)
    source: Source | None = None
    ttl_seconds: int | None = Field(default=None, ge=0, le=MAX_TTL_SECONDS)
    expected_version: int | None = Field(default=None, ge=0)


class PromptBlockRead(BaseModel):
    id: str | None = Field(description="`null` for a built-in block without overrides.")
    name: str
    description: str
    kind: BlockKindName
    builtin: bool = Field(description="Registered by Flowline; its overrides are stored.")
    body: str = Field(description="The text (static) or the template (dynamic).")
    source: dict[str, Any] | None
    ttl_seconds: int
    cached_at: datetime | None = None
    expires_at: datetime | None = None
    last_error: str | None = None
    version: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class PreviewBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    refresh: bool = Field(default=False, description="Render anew even if the cache is fresh.")


class PreviewRead(BaseModel):
    """A block rendered and wrapped as the model sees it."""

    name: str
    kind: BlockKindName
    content: str | None = Field(description="The rendered text; `null` when it failed.")
    wrapped: str | None = Field(description="`<name>…</name>`, as put in the prompt.")
    tokens: int = Field(description="Tokens of `wrapped` (tiktoken `cl100k_base`).")
    cached: bool = Field(description="Taken from the cache, not rendered now.")
    cached_at: datetime | None = None
    expires_at: datetime | None = None
    error: str | None = None
