"""What every node type is: a name, a config model, and the outcomes it can end with."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from flowline.engine.context import NodeContext

Text = Annotated[str, Field(min_length=1, max_length=100_000)]
"""A non-empty string; may hold ``{{ … }}`` templates."""
Name = Annotated[str, Field(min_length=1, max_length=200)]
Expression = Annotated[str, Field(min_length=1, max_length=10_000)]
"""A bare expression, evaluated in the run's context (no ``{{ }}``)."""
JsonSchema = Annotated[
    dict[str, object], Field(description='A JSON Schema, as an object (`{"type": ...}`).')
]
WEEK_SECONDS = 7 * 86400
YEAR_SECONDS = 366 * 86400


class Retry(BaseModel):
    """Retries of a failed step, each attempt its own step record."""

    model_config = ConfigDict(extra="forbid")

    max_attempts: int = Field(default=3, ge=1, le=10, description="Attempts in all, 1 to 10.")
    backoff: Literal["exponential"] = "exponential"
    initial_seconds: float = Field(default=1.0, gt=0, le=3600)
    max_seconds: float = Field(default=300.0, gt=0, le=86400)
    jitter: bool = True


class NodeConfig(BaseModel):
    """Fields every node's ``config`` accepts, whatever its type."""

    model_config = ConfigDict(extra="forbid")

    retry: Retry | None = None
    timeout_seconds: float | None = Field(
        default=None, gt=0, le=WEEK_SECONDS, description="Give up on one attempt after this long."
    )
    join: Literal["any", "all"] = Field(
        default="any",
        description=(
            "With several incoming edges: `any` runs once per firing, `all` waits for every "
            "incoming branch that is still live."
        ),
    )


class StepFailed(Exception):
    """Raised by a node handler: the attempt failed with ``code`` (retried if allowed)."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        retryable: bool = True,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.retryable = retryable
        self.details = details

    def as_error(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details:
            error["details"] = self.details
        return error


@dataclass(slots=True)
class Outcome:
    """How one attempt of a node ended.

    ``label`` picks the outgoing edges. ``waiting`` parks the step (no worker is
    held) until a ``resume`` task arrives or ``wake_at`` passes (then the node's
    ``on_timer`` decides). ``finish`` ends the whole run with ``output``.
    """

    label: str | None = "next"
    output: Any = None
    waiting: bool = False
    wake_at: datetime | None = None
    finish: bool = False
    vars: dict[str, Any] | None = None
    """Values merged into the run's ``vars`` (the ``set`` node)."""
    children: list[ChildRun | ChildTurn] = field(default_factory=list)
    """Child runs to start in the same transaction: runs of other flows (``subflow``,
    ``foreach``) or an agent's turn (``agent``)."""
    effect: dict[str, Any] | None = None
    """From ``on_resume`` of a node with effects: run its effect now, handing it this
    (``ctx.effect``), e.g. the exact request a person approved."""

    @classmethod
    def wait(cls, *, output: Any = None, wake_at: datetime | None = None) -> Outcome:
        return cls(label=None, output=output, waiting=True, wake_at=wake_at)

    @classmethod
    def end(cls, output: Any) -> Outcome:
        return cls(label=None, output=output, finish=True)

    @classmethod
    def run_effect(cls, data: dict[str, Any]) -> Outcome:
        return cls(label=None, effect=data)


@dataclass(slots=True)
class ChildRun:
    """A run the engine starts for a waiting step; its end resumes that step."""

    flow_id: str
    input: Any
    index: int | None = None
    item: Any = None


@dataclass(slots=True)
class ChildTurn:
    """An agent's chat turn the engine starts for a waiting step (``agent``), through the
    run kind the agents domain registers (``engine/run_kinds.py``); its end resumes the step."""

    agent: str
    """The agent's id, or its name."""
    prompt: str
    thread: str | None = None
    """A key: the same key is the same conversation with this agent, run after run."""


Execute = Callable[["NodeContext", Any], Awaitable[Outcome]]
"""Run one attempt: ``(ctx, config) -> Outcome``; raise ``StepFailed`` to fail it."""
Resume = Callable[["NodeContext", Any, dict[str, Any]], Awaitable[Outcome]]
"""A waiting step got its answer: ``(ctx, config, data) -> Outcome``."""
Timer = Callable[["NodeContext", Any], Awaitable[Outcome | None]]
"""A waiting step's ``wake_at`` passed: an outcome, or ``None`` if nothing is to change."""
BeforeEffect = Callable[["NodeContext", Any], Awaitable[Outcome | None]]
"""For nodes with effects, inside the transaction that records the step: ``None`` to
go on with the effect, or a waiting ``Outcome`` (ask a person first)."""


async def resume_with_data(ctx: NodeContext, config: Any, data: dict[str, Any]) -> Outcome:
    """The default ``on_resume``: the answer names the outcome and the output."""
    return Outcome(label=data.get("outcome", "next"), output=data.get("output"))


SELF_BOUND_GRACE_SECONDS = 1.0
"""How long after ``timeout_seconds`` the engine cuts a node that ``bounds_itself``."""


@dataclass(frozen=True, slots=True)
class NodeType:
    """A kind of node: how its config is checked and which outcomes it ends with."""

    name: str
    config: type[NodeConfig]
    outcomes: tuple[str, ...]
    description: str
    pauses: bool = False
    """Whether the run waits here without a worker (so it may sit on a loop)."""
    execute: Execute | None = None
    """``None`` for node types another capability brings (channels, models)."""
    effects: bool = False
    """Touches the outside world: runs outside any transaction, committed before and
    after. Other nodes run inside the engine's transaction, chained with their
    successors."""
    on_resume: Resume = resume_with_data
    on_timer: Timer | None = None
    before_effect: BeforeEffect | None = None
    bounds_itself: bool = False
    """Stops itself a little before its ``timeout_seconds`` and reports what it did
    (``http_request``: its attempts). The engine's own cut then comes
    ``SELF_BOUND_GRACE_SECONDS`` after the timeout, as a backstop, so that a busy
    machine's late timer does not take the node's report from it."""
