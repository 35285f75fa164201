"""Bodies and answers of the tool routes (``/api/v1/agents/{id}/tools…``)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from flowline.api.bodies import StorableBody, unwrap
from flowline.api.concurrency import ExpectedVersion
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


class ToolCreate(StorableBody):
    """A tool definition; ``parameters`` default to what the kind knows (the URL's
    placeholders, the flow's ``input_schema``, ``{task}`` for sub-agents)."""

    model_config = ConfigDict(extra="forbid")

    name: ToolName
    kind: ToolKindName
    description: str = Field(default="", max_length=4000)
    parameters: dict[str, Any] | None = Field(
        default=None, description="JSON Schema of the arguments (an object)."
    )
    config: dict[str, Any] = Field(default_factory=dict, description=_CONFIG_DOC)
    approval: ToolPolicy | None = Field(
        default=None,
        description="`never`, `always` or `mutating`; default the kind's (`mutating` for http).",
    )


class OpenApiImport(StorableBody):
    """One ``http`` tool per operation of an OpenAPI 3 document."""

    model_config = ConfigDict(extra="forbid")

    openapi: dict[str, Any] = Field(description="The OpenAPI 3.x document, as JSON.")
    operations: list[str] | None = Field(
        default=None, max_length=200, description="The operationIds to import; default all."
    )
    base_url: str | None = Field(
        default=None, max_length=2000, description="Instead of the document's first server."
    )
    credential: str | None = Field(default=None, description="A secret every tool sends.")
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
