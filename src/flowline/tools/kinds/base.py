"""What every tool kind implements, and what running a tool is given and gives back.

A kind (``builtin``, ``http``, ``flow``, ``agent``) is a :class:`ToolKind`: the
model of its ``config``, the parameters it offers when a definition gives none,
whether a call with given arguments changes something elsewhere (for the
``mutating`` approval policy), what an approver is shown, and how to run a call.
Adding a kind is one module and one line in ``kinds/__init__.py``. A kind signals a failure
by raising :class:`ToolFailed` (or a ``FlowlineError``); the toolset turns it
into a result told to the model, never an exception of the chat.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.runtime import Runtime

ToolPolicy = Literal["never", "always", "mutating"]
"""How a tool's calls are approved: never, always, or when the call changes something."""
Decision = Literal["never", "always"]
"""What one call needs: to run at once, or a person's approval first."""

OPEN_OBJECT: dict[str, Any] = {"type": "object", "properties": {}}


@dataclass(frozen=True, slots=True)
class ToolContext:
    """Who runs a tool call, for which agent, from which chat turn or run."""

    runtime: Runtime
    principal: Principal
    """Whose organisation the tool acts in (and who started the turn)."""
    agent_id: str
    run_id: str | None = None
    """The turn or run making the call; a sub-agent's conversation records it."""


@dataclass(frozen=True, slots=True)
class ToolOutcome:
    """A call's result as the model sees it; ``error`` is set when the call failed."""

    result: Any
    error: str | None = None


class ToolFailed(Exception):
    """A tool could not do what it was asked; ``message`` (and ``data``) go to the model."""

    def __init__(self, message: str, *, data: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.data = data or {}


def failed(message: str, data: dict[str, Any] | None = None) -> ToolOutcome:
    return ToolOutcome({"error": message, **(data or {})}, message)


@dataclass(frozen=True, slots=True)
class ToolDef:
    """One tool as a toolset holds it: persisted, built in, or a draft not yet saved."""

    name: str
    kind: str
    description: str
    parameters: dict[str, Any]
    config: BaseModel
    approval: ToolPolicy | None = None
    """Set on the tool (a built-in's: in the agent's ``approval``); ``None``: the kind's default."""
    id: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    """What the toolset looked up for the kind (an HTTP tool's credential policy)."""


class ToolKind:
    """The base of every kind; a kind overrides what it does differently."""

    name: ClassVar[str]
    config_model: ClassVar[type[BaseModel]]
    default_policy: ClassVar[ToolPolicy]
    fixed_parameters: ClassVar[bool] = False
    """Whether a definition may not give parameters of its own (``builtin``, ``agent``)."""

    def default_parameters(self, config: BaseModel) -> dict[str, Any]:
        """The JSON Schema offered when the definition gives none."""
        return dict(OPEN_OBJECT)

    async def prepare(
        self, session: AsyncSession, org_id: str, agent_id: str, config: BaseModel
    ) -> dict[str, Any] | None:
        """Check what the definition refers to (``ValidationFailed`` naming the field);
        returns the parameters to offer when the definition gives none, if it knows better."""
        return None

    def describe(self, config: BaseModel) -> str:
        """The description offered when the definition gives none."""
        return ""

    def complete(self, config: BaseModel, parameters: dict[str, Any]) -> dict[str, Any]:
        """``parameters`` with what the config needs of them added (an HTTP tool's
        placeholders)."""
        return parameters

    def mutates(self, tool: ToolDef, arguments: dict[str, Any]) -> bool:
        """Whether this call changes something elsewhere (``mutating`` asks a person)."""
        return False

    def decide(self, tool: ToolDef, policy: ToolPolicy, arguments: dict[str, Any]) -> Decision:
        if policy == "always" or (policy == "mutating" and self.mutates(tool, arguments)):
            return "always"
        return "never"

    def preview(self, tool: ToolDef, arguments: dict[str, Any]) -> dict[str, Any]:
        """What a person approving the call is shown."""
        return {"tool": tool.name, "arguments": arguments}

    async def run(
        self, ctx: ToolContext, tool: ToolDef, arguments: dict[str, Any], idempotency_key: str
    ) -> Any:
        """The call's result; raise ``ToolFailed`` when it cannot be done."""
        raise NotImplementedError
