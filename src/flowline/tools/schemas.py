"""Bodies and answers of the tool routes (``/api/v1/agents/{id}/tools…``)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, Tag

from flowline.api.bodies import StorableBody, inline_schema, unwrap, when
from flowline.api.concurrency import ExpectedVersion
from flowline.api.names import HTTP_URL_PATTERN
from flowline.secrets.schemas import NAME_PATTERN as SECRET_NAME_PATTERN
from flowline.tools.kinds.base import Decision, ToolPolicy

TOOL_NAME_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]{0,63}$"
"""What every model provider accepts as a function name."""
ToolKindName = Literal["builtin", "http", "flow", "agent", "mcp"]
ToolName = Annotated[str, Field(pattern=TOOL_NAME_PATTERN, description="Letters, digits, _ or -.")]


def as_tool_name(text: str) -> str:
    """``text`` made a tool name: other characters become ``_``; ``t_`` before a non-letter."""
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_-")
    if not name or not (name[0].isascii() and name[0].isalpha()):
        name = f"t_{name}"
    return name[:64].rstrip("_-")


_CONFIG_DOC = (
    "The kind's settings. `http`: `{method, url, headers?, query?, credential?, "
    "timeout_seconds?, attempts?, idempotency_key?}`; `flow`: `{flow, timeout_seconds?}`; "
    "`agent`: `{agent_id}` (a sub-agent of this agent); `mcp`: `{server, tool, read_only?}` "
    "(a registered MCP server's tool); `builtin`: `{}`."
)


def _per_kind(schema: dict[str, Any]) -> None:
    """What ``service.definition`` checks of each kind, as the schema states it: the
    kind's config (``then``), a built-in's name (and no other tool's), fixed parameters."""
    from flowline.tools.kinds import KINDS  # the kinds import the agents, which import tools
    from flowline.tools.kinds.builtin import BUILTIN_TOOLS

    builtins = {"enum": sorted(BUILTIN_TOOLS)}
    rules = [
        {
            **when("kind", "builtin", {"properties": {"name": builtins}}),
            "else": {"properties": {"name": {"not": builtins}}},
        }
    ]
    for name, kind in KINDS.items():
        config = inline_schema(kind.config_model)
        then: dict[str, Any] = {"properties": {"config": config}}
        if config.get("required"):
            then["required"] = ["config"]
        if kind.fixed_parameters:
            then["properties"]["parameters"] = {"type": "null"}
        rules.append(when("kind", name, then))
    schema["allOf"] = rules


PARAMETERS_SCHEMA: dict[str, Any] = {
    "required": ["type"],
    "properties": {"type": {"const": "object"}},
}
"""A tool's ``parameters``: a JSON Schema of an object (``toolset.schema_problem``)."""


class ToolCreate(StorableBody):
    """A tool definition; ``parameters`` default to what the kind knows (the URL's
    placeholders, the flow's ``input_schema``, ``{task}`` for sub-agents)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_per_kind)

    name: ToolName
    kind: ToolKindName
    description: str = Field(default="", max_length=4000)
    parameters: dict[str, Any] | None = Field(
        default=None,
        description=(
            "JSON Schema of the arguments (an object); an HTTP tool's URL or header "
            "placeholder it does not name is added as a required string."
        ),
        json_schema_extra={"anyOf": [{"type": "object", **PARAMETERS_SCHEMA}, {"type": "null"}]},
    )
    config: dict[str, Any] = Field(default_factory=dict, description=_CONFIG_DOC)
    approval: ToolPolicy | None = Field(
        default=None,
        description="`never`, `always` or `mutating`; default the kind's (`mutating` for http).",
    )


_SERVED: dict[str, Any] = {
    "anyOf": [
        {"required": ["base_url"], "properties": {"base_url": {"type": "string"}}},
        {
            "properties": {
                "openapi": {
                    "type": "object",
                    "required": ["servers"],
                    "properties": {
                        "servers": {
                            "type": "array",
                            "contains": {
                                "type": "object",
                                "required": ["url"],
                                "properties": {"url": {"type": "string", "pattern": "^https?://"}},
                            },
                        }
                    },
                }
            }
        },
    ]
}
"""Where the tools send: ``base_url``, else the document's first absolute server URL."""


def _http_url(value: str | None) -> str | None:
    if value is not None and not re.fullmatch(HTTP_URL_PATTERN, value):
        raise ValueError("must be an http:// or https:// URL without a query or a fragment")
    return value


class OpenApiImport(StorableBody):
    """One ``http`` tool per operation of an OpenAPI 3 document."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_SERVED)

    openapi: dict[str, Any] = Field(
        description=(
            "The OpenAPI 3.x document, as JSON: its `openapi` version and its `paths` are "
            "read, and its first absolute (`http://`, `https://`) server URL unless "
            "`base_url` is given."
        ),
        json_schema_extra={
            "required": ["openapi", "paths"],
            "properties": {
                "openapi": {"type": "string", "pattern": "^3\\."},
                "paths": {"type": "object"},
            },
        },
    )
    operations: list[str] | None = Field(
        default=None,
        max_length=200,
        description=(
            "The operationIds to import; default all. One the document does not have is "
            "in `skipped`."
        ),
    )
    base_url: Annotated[str | None, AfterValidator(_http_url)] = Field(
        default=None,
        max_length=2000,
        description="Instead of the document's first absolute server URL.",
        json_schema_extra={"pattern": HTTP_URL_PATTERN},
    )
    credential: str | None = Field(
        default=None, pattern=SECRET_NAME_PATTERN, description="A secret every tool sends."
    )
    approval: ToolPolicy | None = None


def _create_kind(value: Any) -> str:
    return "openapi" if isinstance(value, dict) and "openapi" in value else "tool"


ToolCreateBody = Annotated[
    Annotated[ToolCreate, Tag("tool")] | Annotated[OpenApiImport, Tag("openapi")],
    Discriminator(_create_kind),
    unwrap("tool"),
]


class ToolUpdate(StorableBody):
    """Only the fields sent change; ``config`` keys sent replace those stored."""

    model_config = ConfigDict(extra="forbid")

    name: ToolName | None = None
    description: str | None = Field(default=None, max_length=4000)
    parameters: dict[str, Any] | None = Field(
        default=None, description="`null` goes back to the kind's default parameters."
    )
    config: dict[str, Any] | None = None
    approval: ToolPolicy | None = Field(default=None, description="`null`: the kind's default.")
    expected_version: ExpectedVersion = None


class ToolRead(BaseModel):
    id: str | None = Field(description="`tol_…`; `null` for a built-in.")
    agent_id: str
    name: str
    kind: ToolKindName
    description: str
    parameters: dict[str, Any]
    config: dict[str, Any]
    approval: ToolPolicy = Field(description="The policy that applies (set, or the default).")
    approval_is_default: bool
    persisted: bool = Field(description="False for built-ins, which live in the agent's `tools`.")
    version: int | None
    created_at: datetime | None
    updated_at: datetime | None


class SkippedOperation(BaseModel):
    operation: str
    reason: str


class ToolImported(BaseModel):
    tools: list[ToolRead]
    skipped: list[SkippedOperation] = Field(description="Operations that could not be tools.")


class ToolRunBody(StorableBody):
    model_config = ConfigDict(extra="forbid")

    arguments: dict[str, Any] = Field(default_factory=dict)
    confirmed: bool = Field(
        default=False,
        description=(
            "A call whose approval policy asks for a person (an HTTP write, by default) runs "
            "only with `confirmed: true`; without it the answer is 409 showing the request."
        ),
    )


class ToolRunResult(BaseModel):
    tool: str
    arguments: dict[str, Any]
    result: Any
    error: str | None = Field(description="Set when the call failed; `result` has the details.")
    duration_ms: int
    approval: Decision = Field(description="What the call needed: `always` was confirmed.")


class ToolDryRunBody(StorableBody):
    model_config = ConfigDict(extra="forbid")

    tool: ToolCreate
    arguments: dict[str, Any] = Field(default_factory=dict)
    confirmed: bool = False


ToolPersistBody = Annotated[ToolCreate, unwrap("tool")]


class ToolApprovalBody(StorableBody):
    model_config = ConfigDict(extra="forbid")

    policy: ToolPolicy


class ToolGenerateBody(StorableBody):
    model_config = ConfigDict(extra="forbid")

    description: str = Field(
        min_length=1, max_length=4000, description="What the tool should do, in words."
    )
    name: ToolName | None = Field(default=None, description="The name to give it.")


class ModelUsage(BaseModel):
    input_tokens: int
    output_tokens: int


class ToolDraftRead(BaseModel):
    tool: ToolCreate = Field(description="Ready for `tools/dry-run` and `tools/persist`.")
    model: str
    usage: ModelUsage
    cost: float
