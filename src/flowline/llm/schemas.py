"""Bodies of the models and LLM config routes. An API key goes in and never comes out."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from flowline.api.concurrency import ExpectedVersion
from flowline.api.names import HTTP_URL_PATTERN
from flowline.llm.registry import ProviderKind

PROVIDER_NAME_PATTERN = r"^[a-z][a-z0-9_-]{0,63}$"
RESERVED_NAMES = frozenset({"flowline"})
MAX_KEY_LENGTH = 4096
MAX_MODELS = 200
MAX_OVERRIDES = 500

MODEL_ID_PATTERN = r"^[a-z][a-z0-9_-]{0,63}/[A-Za-z0-9_.:@/+-]{1,200}$"
MODEL_NAME_PATTERN = r"^[A-Za-z0-9_.:@/+-]{1,200}$"
API_KEY_PATTERN = r"^[!-~]+$"
"""Printable ASCII without spaces: what an HTTP header can carry."""
_MODEL_ID = re.compile(MODEL_ID_PATTERN)
_NAME = re.compile(PROVIDER_NAME_PATTERN)
_MODEL_NAME = re.compile(MODEL_NAME_PATTERN)

Mode = Literal["platform", "byok"]


def needs_base_url(kind_field: str) -> dict[str, Any]:
    """The schema's form of ``service._check_needs``' first rule: an ``openai_compatible``
    provider (named by ``kind_field``) has a ``base_url``."""
    return {
        "if": {
            "properties": {kind_field: {"const": "openai_compatible"}},
            "required": [kind_field],
        },
        "then": {"required": ["base_url"], "properties": {"base_url": {"type": "string"}}},
    }


def check_provider_name(value: str) -> str:
    if not _NAME.fullmatch(value):
        raise ValueError("must be a lower-case letter, then up to 63 letters, digits, _ or -")
    if value in RESERVED_NAMES:
        raise ValueError(f"'{value}' is the built-in provider's name")
    return value


ProviderName = Annotated[
    str,
    Field(
        max_length=64,
        json_schema_extra={
            "pattern": PROVIDER_NAME_PATTERN,
            "not": {"enum": sorted(RESERVED_NAMES)},
        },
    ),
    AfterValidator(check_provider_name),
]
"""A provider's name, as the schema states it (``check_provider_name``)."""


def check_model_id(value: str) -> str:
    if not _MODEL_ID.fullmatch(value):
        raise ValueError("must be <provider>/<model>, such as openai/gpt-4o-mini")
    return value


def _model_name(value: str) -> str:
    if not _MODEL_NAME.fullmatch(value):
        raise ValueError("must be a model name or id: letters, digits and _ . : @ / + -")
    return value


def _base_url(value: str | None) -> str | None:
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an http:// or https:// URL")
    if parts.username or parts.password:
        raise ValueError("must not hold credentials; give the key as api_key")
    if parts.query or parts.fragment:
        raise ValueError("must not have a query or a fragment")
    if any(c.isspace() for c in value):
        raise ValueError("must not contain spaces or line breaks")
    if parts.port == 0:  # reading it raises ValueError for a port past 65535
        raise ValueError("must have a port from 1 to 65535")
    return value.rstrip("/")


def _api_key(value: str | None) -> str | None:
    if value is not None and any(ord(c) < 33 or ord(c) == 127 for c in value):
        raise ValueError("must not contain spaces, line breaks or control characters")
    if value is not None and not value.isascii():
        raise ValueError("must be ASCII: an HTTP header cannot carry other characters")
    return value


ModelId = Annotated[
    str,
    Field(max_length=200, json_schema_extra={"pattern": MODEL_ID_PATTERN}),
    AfterValidator(check_model_id),
]
ModelName = Annotated[
    str,
    Field(max_length=200, json_schema_extra={"pattern": MODEL_NAME_PATTERN}),
    AfterValidator(_model_name),
]
BaseUrl = Annotated[
    str | None,
    Field(default=None, max_length=2000, json_schema_extra={"pattern": HTTP_URL_PATTERN}),
    AfterValidator(_base_url),
]
ApiKey = Annotated[
    str | None,
    Field(min_length=1, max_length=MAX_KEY_LENGTH, json_schema_extra={"pattern": API_KEY_PATTERN}),
    AfterValidator(_api_key),
]


def _keys_stated(schema: dict[str, Any]) -> None:
    """A dictionary keyed by model id, as the code reads it: pydantic writes the key's
    pattern as ``patternProperties`` (other keys pass with any value) beside its length
    in ``propertyNames``; both go to ``propertyNames``, the values to
    ``additionalProperties``."""
    for branch in schema.get("anyOf", [schema]):
        patterns = branch.pop("patternProperties", None)
        if patterns:
            ((pattern, values),) = patterns.items()
            branch["propertyNames"] = {**branch.get("propertyNames", {}), "pattern": pattern}
            branch["additionalProperties"] = values


class PriceOverride(BaseModel):
    """An organisation's own figures for one model; omitted fields keep the shipped ones."""

    model_config = ConfigDict(extra="forbid")

    input_per_million: float | None = Field(default=None, ge=0, le=1_000_000)
    output_per_million: float | None = Field(default=None, ge=0, le=1_000_000)
    context_window: int | None = Field(default=None, ge=1, le=100_000_000)
    supports_tools: bool | None = None
    supports_streaming: bool | None = None


class LlmConfigUpdate(BaseModel):
    """Omitted fields keep their value; ``default_model: null`` clears it."""

    model_config = ConfigDict(extra="forbid")

    mode: Mode | None = Field(
        default=None,
        description=(
            "`platform`: the instance's provider (`FLOWLINE_LLM_*`); `byok`: this "
            "organisation's own providers and keys."
        ),
    )
    default_model: ModelId | None = Field(
        default=None, description="Used where no model is named (`flowline/echo` otherwise)."
    )
    price_overrides: dict[ModelId, PriceOverride] | None = Field(
        default=None,
        max_length=MAX_OVERRIDES,
        description="Replaces the whole map: model id to its prices and capabilities.",
        json_schema_extra=_keys_stated,
    )
    expected_version: ExpectedVersion = None


class LlmProviderPut(BaseModel):
    """A provider's configuration. On a replace, an omitted ``api_key`` keeps the stored
    key and ``"api_key": null`` removes it."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=needs_base_url("kind"))

    kind: ProviderKind = Field(
        description=(
            "`openai` (api.openai.com unless `base_url`), `anthropic`, or "
            "`openai_compatible` (Ollama, vLLM, llama.cpp, OpenRouter, … at `base_url`)."
        )
    )
    base_url: BaseUrl = Field(
        default=None, description="The API's base URL, e.g. `http://localhost:11434/v1`."
    )
    api_key: ApiKey = Field(
        default=None,
        description=(
            "Encrypted at rest; never returned. Printable ASCII without spaces (a header "
            "carries it)."
        ),
    )
    default_model: ModelName | None = Field(
        default=None, description="This provider's model to use by default (`gpt-4o-mini`)."
    )
    models: list[ModelName] = Field(
        default_factory=list,
        max_length=MAX_MODELS,
        description="Model names it serves, listed by `GET /models` beside the shipped ones.",
    )
    expected_version: ExpectedVersion = None


_WHERE_TO_CALL: dict[str, Any] = {
    "anyOf": [
        {"required": ["base_url"], "properties": {"base_url": {"type": "string"}}},
        {
            "required": ["kind", "api_key"],
            "properties": {
                "kind": {"enum": ["openai", "anthropic"]},
                "api_key": {"type": "string"},
            },
        },
    ]
}
"""A new provider needs a ``base_url``, or (``openai``, ``anthropic``) a key for the
vendor's own API."""


class LlmProviderCreate(LlmProviderPut):
    model_config = ConfigDict(extra="forbid", json_schema_extra=_WHERE_TO_CALL)

    name: ProviderName = Field(
        description="Its models are called `<name>/<model>` (`openai/gpt-4o-mini`)."
    )


class LlmProviderRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    kind: ProviderKind
    base_url: str | None
    has_key: bool = Field(description="Whether a key is stored (it is never shown).")
    last4: str = Field(description="The key's last four characters; empty for short keys.")
    default_model: str | None
    models: list[str]
    version: int
    created_at: datetime
    updated_at: datetime


class PlatformRead(BaseModel):
    available: bool = Field(description="Whether the instance has a provider configured.")
    provider: str | None
    default_model: str | None


class LlmConfigRead(BaseModel):
    mode: Mode
    default_model: str | None = Field(description="This organisation's choice, if any.")
    effective_default_model: str = Field(description="What a call naming no model uses.")
    price_overrides: dict[str, PriceOverride]
    platform: PlatformRead
    providers: list[LlmProviderRead]
    version: int


class KeyCheck(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=needs_base_url("kind"))

    kind: ProviderKind
    base_url: BaseUrl = None
    api_key: Annotated[
        str,
        Field(
            min_length=1, max_length=MAX_KEY_LENGTH, json_schema_extra={"pattern": API_KEY_PATTERN}
        ),
        AfterValidator(_api_key),
    ] = Field(
        description=(
            "Checked against the provider, not stored. Printable ASCII without spaces "
            "(a header carries it)."
        )
    )


class KeyCheckResult(BaseModel):
    valid: bool
    message: str
    status: int | None = Field(
        description="The provider's HTTP status; null when it could not be reached."
    )
    models: list[str] = Field(description="Some of the models the key can use (up to 100).")


class ModelRead(BaseModel):
    id: str = Field(description="`<provider>/<model>`, as calls name it.")
    provider: str
    context_window: int | None
    supports_tools: bool
    supports_streaming: bool
    input_price_per_million: float | None = Field(description="US dollars; null if unknown.")
    output_price_per_million: float | None
    available: bool = Field(description="Whether a configured provider serves it now.")
    default: bool = Field(description="Whether calls naming no model use it.")
