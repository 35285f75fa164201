"""What every node type is: a name, a config model, and the outcomes it can end with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

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


@dataclass(frozen=True, slots=True)
class NodeType:
    """A kind of node: how its config is checked and which outcomes it ends with."""

    name: str
    config: type[NodeConfig]
    outcomes: tuple[str, ...]
    description: str
    pauses: bool = False
    """Whether the run waits here without a worker (so it may sit on a loop)."""
